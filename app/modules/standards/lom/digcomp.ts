import type { LomClassification, LomRecord } from "./model";

/**
 * DigComp competences in LOM `classification`, as this project writes them and as other
 * publishers do: purpose "competency" (or "educational objective"), a taxonPath whose source
 * names the framework and version ("DigComp 2.2"), and taxa area → competence → proficiency
 * level. The level taxon's id is "level-4" or "4".
 */
export interface CompetenceReference {
  /** Framework and version, e.g. "DigComp 2.2". */
  framework: string;
  /** Competence code, e.g. "2.1". */
  code: string;
  /** Proficiency level 1–8, when the record names one. */
  level?: number;
}

const COMPETENCE_PURPOSES = new Set(["competency", "educational objective"]);
const COMPETENCE_CODE = /^\d+\.\d+$/;
const LEVEL = /^(?:level[-\s]?)?(\d+)$/i;

/** The competence references in a record's classifications, each listed once. */
export function competencesFromLom(record: LomRecord): CompetenceReference[] {
  const result: CompetenceReference[] = [];
  const seen = new Set<string>();
  for (const classification of record.classifications) {
    const purpose = classification.purpose?.value.trim().toLowerCase();
    if (!purpose || !COMPETENCE_PURPOSES.has(purpose)) continue;
    for (const path of classification.taxonPaths) {
      const source = path.source ? Object.values(path.source).find((text) => /digcomp/i.test(text)) : undefined;
      if (!source) continue;
      const framework = frameworkName(source);
      let code: string | undefined;
      let level: number | undefined;
      for (const taxon of path.taxons) {
        const id = taxon.id?.trim() ?? "";
        if (COMPETENCE_CODE.test(id)) code = id;
        else if (code !== undefined && LEVEL.test(id)) level = Number(LEVEL.exec(id)?.[1]);
      }
      if (code === undefined) continue;
      const key = `${framework}|${code}|${level ?? ""}`;
      if (seen.has(key)) continue;
      seen.add(key);
      result.push(level === undefined ? { framework, code } : { framework, code, level });
    }
  }
  return result;
}

/** "DigComp 2.2" out of a source such as "DigComp 2.2" or "https://…/DigComp-2.2". */
function frameworkName(source: string): string {
  const match = /digcomp[\s_-]*(\d+(?:\.\d+)?)/i.exec(source);
  return match ? `DigComp ${match[1]}` : source.trim();
}

/**
 * One classification (purpose "competency") with a taxonPath per competence: area,
 * competence and, when given, level as "level-N". Entries are in English; the codes are what
 * a reader matches on.
 */
export function classificationFromCompetences(competences: readonly CompetenceReference[]): LomClassification {
  return {
    purpose: { source: "LOMv1.0", value: "competency" },
    taxonPaths: competences.map((competence) => {
      const area = competence.code.split(".")[0];
      const taxons = [
        { id: area, entry: { en: `Area ${area}` } },
        { id: competence.code, entry: { en: `Competence ${competence.code}` } },
      ];
      if (competence.level !== undefined) {
        taxons.push({ id: `level-${competence.level}`, entry: { en: `Proficiency level ${competence.level}` } });
      }
      return { source: { en: competence.framework }, taxons };
    }),
    description: null,
    keywords: [],
  };
}
