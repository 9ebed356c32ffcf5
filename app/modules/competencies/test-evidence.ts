import type { CompetenceEvidence } from "./evidence";

/** Test records: DigComp 2.2, competence 2.1, made `daysAgo` before NOW unless said otherwise. */
export const NOW = new Date("2025-06-01T12:00:00Z");

export function daysBefore(days: number, from: Date = NOW): Date {
  return new Date(from.getTime() - days * 24 * 60 * 60 * 1000);
}

interface Common {
  id?: string;
  competence?: string;
  framework?: string;
  daysAgo?: number;
  source?: string;
}

interface KindFields {
  "self-rating": { level: number };
  quiz: { level: number };
  "module-completed": { targetLevel: number };
  "module-passed": { targetLevel: number };
  "scorm-score": { scaledScore: number; masteryScore?: number; targetLevel: number };
  "assessment-score": { scaledScore: number; masteryScore?: number; targetLevel: number };
}

let counter = 0;

export function record<K extends CompetenceEvidence["kind"]>(kind: K, fields: KindFields[K] & Common): CompetenceEvidence {
  const { id, competence, framework, daysAgo, source, ...rest } = fields;
  counter += 1;
  return {
    id: id ?? `e${counter}`,
    kind,
    framework: framework ?? "DigComp 2.2",
    competence: competence ?? "2.1",
    occurredAt: daysBefore(daysAgo ?? 10),
    source: { id: source ?? `source-${counter}`, title: `Source ${source ?? counter}` },
    ...rest,
  } as unknown as CompetenceEvidence;
}
