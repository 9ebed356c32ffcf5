/**
 * The fixed words of a compiled vademecum, per language. A new language is one more entry in
 * VADEMECUM_LABELS; a language that lacks a label shows the English one. Placeholders in braces
 * ("{name}") are filled by formatLabel.
 */
export interface VademecumLabels {
  title: string;
  /** The title of an organisation's vademecum, compiled from the training it assigned. */
  organisationTitle: string;
  compiledFor: string;
  compiledForAt: string;
  compiledOn: string;
  modulesHeading: string;
  contents: string;
  other: string;
  takeaways: string;
  guides: string;
  checklists: string;
  tools: string;
  stories: string;
  links: string;
  purpose: string;
  risks: string;
  privacy: string;
  alternatives: string;
  steps: string;
  checklistItems: string;
  objectives: string;
  source: string;
  link: string;
  from: string;
  inProgress: string;
  completed: string;
  shownIn: string;
  shownInOtherLanguage: string;
  competence: string;
  profile: string;
  level: string;
  selfRatedLevel: string;
  notAssessed: string;
  glossary: string;
  toolIndex: string;
  page: string;
}

export const VADEMECUM_LABELS: Record<string, Partial<VademecumLabels>> & {
  en: VademecumLabels;
} = {
  en: {
    title: "My digital vademecum",
    organisationTitle: "Digital vademecum",
    compiledFor: "Compiled for {name}",
    compiledForAt: "Compiled for {name}, {organisation}",
    compiledOn: "Compiled on {date}",
    modulesHeading: "Modules in this vademecum",
    contents: "Contents",
    other: "Other",
    takeaways: "Key takeaways",
    guides: "Guides",
    checklists: "Checklists",
    tools: "Tools",
    stories: "Stories from practice",
    links: "Links",
    purpose: "What it is for",
    risks: "Risks",
    privacy: "Privacy",
    alternatives: "Alternatives",
    steps: "Steps",
    checklistItems: "Check",
    objectives: "Learning objectives",
    source: "Source",
    link: "Address",
    from: "From",
    inProgress: "In progress",
    completed: "Completed",
    shownIn: "Shown in {language}",
    shownInOtherLanguage: "Shown in another language",
    competence: "Competence",
    profile: "My competence profile",
    level: "Level",
    selfRatedLevel: "Self-assessed level",
    notAssessed: "Not assessed",
    glossary: "Glossary",
    toolIndex: "Index of tools",
    page: "Page {page}",
  },
  it: {
    title: "Il mio vademecum digitale",
    organisationTitle: "Vademecum digitale",
    compiledFor: "Compilato per {name}",
    compiledForAt: "Compilato per {name}, {organisation}",
    compiledOn: "Compilato il {date}",
    modulesHeading: "Moduli di questo vademecum",
    contents: "Indice",
    other: "Altro",
    takeaways: "Punti chiave",
    guides: "Guide",
    checklists: "Liste di controllo",
    tools: "Strumenti",
    stories: "Storie dalla pratica",
    links: "Link",
    purpose: "A che cosa serve",
    risks: "Rischi",
    privacy: "Privacy",
    alternatives: "Alternative",
    steps: "Passi",
    checklistItems: "Da verificare",
    objectives: "Obiettivi di apprendimento",
    source: "Fonte",
    link: "Indirizzo",
    from: "Da",
    inProgress: "In corso",
    completed: "Completato",
    shownIn: "Mostrato in {language}",
    shownInOtherLanguage: "Mostrato in un'altra lingua",
    competence: "Competenza",
    profile: "Il mio profilo di competenze",
    level: "Livello",
    selfRatedLevel: "Livello autovalutato",
    notAssessed: "Non valutato",
    glossary: "Glossario",
    toolIndex: "Indice degli strumenti",
    page: "Pagina {page}",
  },
};

/** The language whose labels a reader gets: their first language that has labels, else English. */
export function labelLanguage(preferred: readonly string[]): string {
  for (const wanted of preferred) {
    const lower = wanted.toLowerCase();
    if (VADEMECUM_LABELS[lower]) return lower;
    const primary = lower.split("-")[0];
    if (VADEMECUM_LABELS[primary]) return primary;
  }
  return "en";
}

/** All labels in one language, each missing one taken from English. */
export function labelsFor(language: string): VademecumLabels {
  return { ...VADEMECUM_LABELS.en, ...VADEMECUM_LABELS[language] };
}

/** Fills "{name}" placeholders; an unknown placeholder is left as written. */
export function formatLabel(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}
