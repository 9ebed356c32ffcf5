import { NO_LANGUAGE, pickLanguage, type LangString, type PickedText } from "../i18n/lang-string";
import type {
  DocumentEntry,
  DocumentModule,
  DocumentText,
  EntryGroup,
  EntryPart,
  ProfileRow,
  TocItem,
  ToolIndexItem,
  VademecumDocument,
  VademecumSection,
} from "./document";
import { SECTION_KIND_ORDER } from "./document";
import type { VademecumEntry, VademecumEntryContent, VademecumEntryKind } from "./entry";
import { formatLabel, labelLanguage, labelsFor, type VademecumLabels } from "./labels";
import { escapeXml } from "./rich-text";

export interface VademecumReader {
  /** A person's own vademecum, or an organisation's compiled from the training it assigned. */
  kind?: "person" | "organisation";
  name: string;
  organisation?: string;
  /** The reader's languages, most preferred first (BCP 47). */
  languages: string[];
}

export interface FrameworkCompetence {
  /** e.g. "2.1" */
  code: string;
  name: LangString;
}

export interface FrameworkArea {
  /** e.g. "2" */
  code: string;
  name: LangString;
  /** In the framework's order. */
  competences: FrameworkCompetence[];
}

export interface CompetenceFrameworkInput {
  /** Name and version as modules cite it, e.g. "DigComp 2.2". */
  name: string;
  /** In the framework's order. */
  areas: FrameworkArea[];
  /** Names of the proficiency levels, when known. */
  levels?: Array<{ level: number; name: LangString }>;
}

export interface ModuleCompetence {
  framework: string;
  code: string;
  level?: number;
}

export interface VademecumModule {
  id: string;
  /** LOM general/title. */
  title: LangString;
  /** LOM general/description. */
  description: LangString;
  /** LOM educational/description, one per objective. */
  objectives: LangString[];
  defaultLanguage: string;
  competences: ModuleCompetence[];
  status: "completed" | "in-progress";
  /** ISO 8601, for completed modules. */
  completedAt?: string;
  entries: VademecumEntry[];
}

export interface CompetenceProfileRow {
  code: string;
  level?: number | null;
  selfRatedLevel?: number | null;
}

export interface VademecumInput {
  reader: VademecumReader;
  modules: VademecumModule[];
  framework: CompetenceFrameworkInput;
  profile?: CompetenceProfileRow[];
}

export interface CompileOptions {
  /** Whether modules the reader has not finished contribute their entries, marked as such. */
  includeInProgress: boolean;
  /**
   * The compilation instant the document states: a date ("2025-03-14") or a date and time with
   * an explicit offset. The clock is never read, so the same input gives the same document.
   */
  date: string;
}

const PINNED_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

const GROUP_LABELS: Record<(typeof SECTION_KIND_ORDER)[number], keyof VademecumLabels> = {
  takeaway: "takeaways",
  guide: "guides",
  checklist: "checklists",
  tool: "tools",
  story: "stories",
  link: "links",
};

/** Fields of an entry shown as labelled rich text, in the order they are shown. */
const RICH_FIELDS = [
  ["body", undefined],
  ["purpose", "purpose"],
  ["risks", "risks"],
  ["privacy", "privacy"],
  ["alternatives", "alternatives"],
  ["definition", undefined],
] as const satisfies ReadonlyArray<readonly [keyof VademecumEntryContent, keyof VademecumLabels | undefined]>;

interface CompetenceInfo {
  code: string;
  /** Position in the framework, for ordering. */
  position: number;
  areaCode: string;
  name: LangString;
}

/** The modules an entry key was found in, with each one's content for it. */
interface MergedEntry {
  key: string;
  kind: VademecumEntryKind;
  competence?: string;
  framework?: string;
  defaultLanguage: string;
  content: Record<string, VademecumEntryContent>;
  sources: IncludedModule[];
}

interface IncludedModule {
  module: VademecumModule;
  title: DocumentText;
  inProgress: boolean;
}

interface Placed {
  entry: DocumentEntry;
  position: number;
  areaCode: string | null;
}

/**
 * Compiles a reader's digital vademecum from the modules they took. Pure: the same input and
 * options give the same document, whatever order the modules came in.
 */
export function compileVademecum(input: VademecumInput, options: CompileOptions): VademecumDocument {
  if (!PINNED_DATE.test(options.date) || Number.isNaN(Date.parse(options.date))) {
    throw new RangeError(`The vademecum date must be an ISO 8601 date or UTC instant, got "${options.date}"`);
  }
  const instant = new Date(Date.parse(options.date));
  const lang = labelLanguage(input.reader.languages);
  const labels = labelsFor(lang);
  const readerLanguages = input.reader.languages.length > 0 ? input.reader.languages : [lang];
  // Sorting and dates follow the reader's own variant of the label language ("en-GB").
  const locale = readerLanguages.find((tag) => tag.toLowerCase().split("-")[0] === lang) ?? lang;
  const collator = new Intl.Collator(locale, { sensitivity: "base", numeric: true });
  const compareText = (a: string, b: string) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
  const pick = (value: LangString | undefined, fallbacks: string[]) =>
    toText(pickLanguage(value, readerLanguages, [...fallbacks, "en"]));
  const languageNames = new Intl.DisplayNames(locale, { type: "language", fallback: "none" });

  const competences = indexFramework(input.framework);
  const findCompetence = (code: string | undefined, framework: string | undefined) =>
    code !== undefined && (framework === undefined || sameFramework(framework, input.framework.name))
      ? competences.get(code)
      : undefined;

  const included = input.modules
    .filter((module) => module.status === "completed" || options.includeInProgress)
    .map(
      (module): IncludedModule => ({
        module,
        title: pick(module.title, [module.defaultLanguage]) ?? { text: module.id, lang: "und", fallback: true },
        inProgress: module.status !== "completed",
      }),
    )
    .sort(
      (a, b) =>
        Number(a.inProgress) - Number(b.inProgress) ||
        compareText(a.module.completedAt ?? "", b.module.completedAt ?? "") ||
        compareText(a.title.text, b.title.text) ||
        compareText(a.module.id, b.module.id),
    );

  const fallbackNote = (entry: { fallback: boolean; lang: string }) => {
    if (!entry.fallback) return undefined;
    const name = entry.lang === "und" ? undefined : languageNames.of(entry.lang);
    return name ? formatLabel(labels.shownIn, { language: name }) : labels.shownInOtherLanguage;
  };
  const place = (entry: DocumentEntry, competence: CompetenceInfo | undefined): Placed => {
    entry.fallbackNote = fallbackNote(entry);
    return { entry, position: competence?.position ?? -1, areaCode: competence?.areaCode ?? null };
  };

  const placed: Placed[] = [];
  const merged = new Map<string, MergedEntry>();
  for (const source of included) {
    const { module } = source;
    if (module.entries.length === 0) {
      const competence = module.competences
        .map((item) => findCompetence(item.code, item.framework))
        .find((info) => info !== undefined);
      placed.push(place(moduleSummary(source, labels, pick, competence), competence));
      continue;
    }
    for (const entry of module.entries) {
      let target = merged.get(entry.key);
      if (!target) {
        target = {
          key: entry.key,
          kind: entry.kind,
          competence: entry.competence,
          framework: entry.framework,
          defaultLanguage: module.defaultLanguage,
          content: {},
          sources: [],
        };
        merged.set(entry.key, target);
      }
      if (!target.sources.includes(source)) target.sources.push(source);
      for (const [language, content] of Object.entries(entry.content)) {
        target.content[language] ??= content;
      }
    }
  }

  const glossaryEntries: DocumentEntry[] = [];
  for (const item of merged.values()) {
    const competence = findCompetence(item.competence, item.framework);
    const entry = documentEntry(item, readerLanguages, labels, pick, competence);
    if (!entry) continue;
    if (entry.kind === "glossary") {
      entry.fallbackNote = fallbackNote(entry);
      glossaryEntries.push(entry);
    } else {
      placed.push(place(entry, competence));
    }
  }

  const ids = new IdAllocator(["contents", "modules", "profile", "glossary", "tools"]);
  const byEntryOrder = (a: Placed, b: Placed) =>
    a.position - b.position || compareText(a.entry.title, b.entry.title) || compareText(a.entry.key, b.entry.key);

  const sections: VademecumSection[] = [];
  const sectionFor = (
    id: string,
    code: string | null,
    title: DocumentText,
    members: Placed[],
  ): VademecumSection | undefined => {
    if (members.length === 0) return undefined;
    const sectionId = ids.claim(id);
    const groups: EntryGroup[] = [];
    for (const kind of SECTION_KIND_ORDER) {
      const entries = members
        .filter((member) => member.entry.kind === kind)
        .sort(byEntryOrder)
        .map((member) => member.entry);
      if (entries.length === 0) continue;
      for (const entry of entries) entry.id = ids.claim(entry.id);
      groups.push({ kind, id: ids.claim(`${sectionId}-${kind}`), title: labels[GROUP_LABELS[kind]], entries });
    }
    return { id: sectionId, code, title, groups };
  };
  for (const area of input.framework.areas) {
    const section = sectionFor(
      `area-${area.code}`,
      area.code,
      pick(area.name, []) ?? { text: area.code, lang, fallback: false },
      placed.filter((member) => member.areaCode === area.code),
    );
    if (section) sections.push(section);
  }
  const other = sectionFor(
    "other",
    null,
    { text: labels.other, lang, fallback: false },
    placed.filter((member) => member.areaCode === null),
  );
  if (other) sections.push(other);

  const glossary = glossaryEntries.sort(
    (a, b) => compareText(a.title, b.title) || compareText(a.key, b.key),
  );
  for (const entry of glossary) entry.id = ids.claim(entry.id);

  const tools: ToolIndexItem[] = sections
    .flatMap((section) =>
      section.groups
        .filter((group) => group.kind === "tool")
        .flatMap((group) => group.entries.map((entry) => ({ entry, section }))),
    )
    .sort((a, b) => compareText(a.entry.title, b.entry.title) || compareText(a.entry.key, b.entry.key))
    .map(({ entry, section }) => ({
      entryId: entry.id,
      title: entry.title,
      lang: entry.lang,
      sectionId: section.id,
      sectionTitle: section.title,
    }));

  const profile = profileRows(input, competences, pick);

  const contents: TocItem[] = sections.map((section) => ({
    id: section.id,
    title: section.code ? `${section.code}. ${section.title.text}` : section.title.text,
    lang: section.title.lang,
    children: section.groups.flatMap((group) =>
      group.entries.map((entry) => ({ id: entry.id, title: entry.title, lang: entry.lang, children: [] })),
    ),
  }));
  if (profile.length > 0) contents.push({ id: "profile", title: labels.profile, lang, children: [] });
  if (glossary.length > 0) contents.push({ id: "glossary", title: labels.glossary, lang, children: [] });
  if (tools.length > 0) contents.push({ id: "tools", title: labels.toolIndex, lang, children: [] });

  const modules: DocumentModule[] = included.map((source) => ({
    id: source.module.id,
    title: source.title,
    inProgress: source.inProgress,
    ...(source.inProgress || !source.module.completedAt ? {} : { completedAt: source.module.completedAt }),
  }));

  const reader = {
    name: input.reader.name,
    ...(input.reader.organisation ? { organisation: input.reader.organisation } : {}),
  };
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" });
  return {
    lang,
    labels,
    title: input.reader.kind === "organisation" ? labels.organisationTitle : labels.title,
    subtitle: reader.organisation
      ? formatLabel(labels.compiledForAt, { name: reader.name, organisation: reader.organisation })
      : formatLabel(labels.compiledFor, { name: reader.name }),
    reader,
    date: instant.toISOString().replace(/\.\d{3}Z$/, "Z"),
    dateText: formatLabel(labels.compiledOn, { date: dateFormat.format(instant) }),
    modules,
    contents,
    sections,
    profile,
    glossary,
    tools,
  };
}

type Pick = (value: LangString | undefined, fallbacks: string[]) => DocumentText | undefined;

function toText(picked: PickedText | undefined): DocumentText | undefined {
  if (!picked) return undefined;
  return {
    text: picked.text,
    lang: picked.language === NO_LANGUAGE ? "und" : picked.language,
    fallback: picked.fallback,
  };
}

function indexFramework(framework: CompetenceFrameworkInput): Map<string, CompetenceInfo> {
  const index = new Map<string, CompetenceInfo>();
  for (const area of framework.areas) {
    for (const competence of area.competences) {
      index.set(competence.code, {
        code: competence.code,
        position: index.size,
        areaCode: area.code,
        name: competence.name,
      });
    }
  }
  return index;
}

/** "DigComp 2.2" and "digcomp  2.2" name the same framework. */
function sameFramework(a: string, b: string): boolean {
  const normal = (name: string) => name.trim().replace(/\s+/g, " ").toLowerCase();
  return normal(a) === normal(b);
}

function documentEntry(
  item: MergedEntry,
  readerLanguages: readonly string[],
  labels: VademecumLabels,
  pick: Pick,
  competence: CompetenceInfo | undefined,
): DocumentEntry | undefined {
  const titles: LangString = {};
  for (const [language, content] of Object.entries(item.content)) titles[language] = content.title;
  const chosen = toText(pickLanguage(titles, readerLanguages, [item.defaultLanguage, "en"]));
  if (!chosen) return undefined;
  const content = item.content[chosen.lang === "und" ? NO_LANGUAGE : chosen.lang];
  const competenceName = competence ? pick(competence.name, []) : undefined;
  return {
    id: `e-${idFragment(item.key)}`,
    key: item.key,
    kind: item.kind,
    title: chosen.text.trim(),
    lang: chosen.lang,
    fallback: chosen.fallback,
    ...(content.summary?.trim() ? { summary: content.summary.trim() } : {}),
    ...(competence && competenceName ? { competence: { code: competence.code, name: competenceName } } : {}),
    parts: contentParts(content, labels),
    sources: item.sources.map((source) => ({
      moduleId: source.module.id,
      title: source.title,
      inProgress: source.inProgress,
    })),
    inProgress: item.sources.every((source) => source.inProgress),
  };
}

/** Whatever fields an entry has, whatever its kind, in one fixed order. */
function contentParts(content: VademecumEntryContent, labels: VademecumLabels): EntryPart[] {
  const parts: EntryPart[] = [];
  for (const [field, label] of RICH_FIELDS) {
    const html = content[field]?.trim();
    if (html) parts.push({ type: "html", html, ...(label ? { label: labels[label] } : {}) });
  }
  const steps = content.steps?.filter((step) => step.trim()) ?? [];
  if (steps.length > 0) parts.push({ type: "list", style: "steps", items: steps });
  const items = content.items?.filter((item) => item.trim()) ?? [];
  if (items.length > 0) parts.push({ type: "list", style: "checklist", items });
  if (content.source?.trim()) parts.push({ type: "text", label: labels.source, text: content.source.trim() });
  if (content.href && /^https?:\/\/[^\s]+$/i.test(content.href.trim())) {
    parts.push({ type: "link", label: labels.link, href: content.href.trim() });
  }
  return parts;
}

/**
 * The entry a module without vademecum entries contributes: its LOM title, description and
 * learning objectives, in the language its title is shown in wherever that language has them.
 */
function moduleSummary(
  source: IncludedModule,
  labels: VademecumLabels,
  pick: Pick,
  competence: CompetenceInfo | undefined,
): DocumentEntry {
  const { module, title } = source;
  const inTitleLanguage = (value: LangString) =>
    toText(pickLanguage(value, [title.lang === "und" ? NO_LANGUAGE : title.lang], [module.defaultLanguage, "en"]));
  const marked = (text: DocumentText, tag: string) =>
    text.lang === title.lang
      ? `<${tag}>${escapeXml(text.text)}</${tag}>`
      : `<${tag} lang="${escapeXml(text.lang)}">${escapeXml(text.text)}</${tag}>`;

  const parts: EntryPart[] = [];
  const description = inTitleLanguage(module.description);
  if (description) parts.push({ type: "html", html: marked(description, "p") });
  const objectives = module.objectives
    .map(inTitleLanguage)
    .filter((objective): objective is DocumentText => objective !== undefined)
    .map((objective) => marked(objective, "span"));
  if (objectives.length > 0) {
    parts.push({ type: "list", style: "bullets", label: labels.objectives, items: objectives });
  }
  const competenceName = competence ? pick(competence.name, []) : undefined;
  return {
    id: `m-${idFragment(module.id)}`,
    key: `module:${module.id}`,
    kind: "takeaway",
    title: title.text.trim(),
    lang: title.lang,
    fallback: title.fallback,
    ...(competence && competenceName ? { competence: { code: competence.code, name: competenceName } } : {}),
    parts,
    sources: [{ moduleId: module.id, title, inProgress: source.inProgress }],
    inProgress: source.inProgress,
  };
}

function profileRows(
  input: VademecumInput,
  competences: Map<string, CompetenceInfo>,
  pick: Pick,
): ProfileRow[] {
  const given = new Map((input.profile ?? []).map((row) => [row.code, row]));
  const levelName = (level: number | null) => {
    if (level === null) return undefined;
    return pick(input.framework.levels?.find((item) => item.level === level)?.name, []);
  };
  const rows: ProfileRow[] = [];
  for (const competence of competences.values()) {
    const row = given.get(competence.code);
    if (!row) continue;
    const level = row.level ?? null;
    const selfRatedLevel = row.selfRatedLevel ?? null;
    const name = levelName(level);
    const selfRatedName = levelName(selfRatedLevel);
    rows.push({
      code: competence.code,
      name: pick(competence.name, []) ?? { text: competence.code, lang: "und", fallback: true },
      level,
      ...(name ? { levelName: name } : {}),
      selfRatedLevel,
      ...(selfRatedName ? { selfRatedLevelName: selfRatedName } : {}),
    });
  }
  return rows;
}

/** A key as the tail of an XML id: letters, digits, "-" and "_" only. */
function idFragment(key: string): string {
  const fragment = key
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9_-]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return fragment || "entry";
}

/** Hands out ids in document order, suffixing "-2", "-3"… when two would be the same. */
class IdAllocator {
  private readonly taken: Set<string>;

  constructor(reserved: string[]) {
    this.taken = new Set(reserved);
  }

  claim(wanted: string): string {
    let id = wanted;
    for (let n = 2; this.taken.has(id); n += 1) id = `${wanted}-${n}`;
    this.taken.add(id);
    return id;
  }
}
