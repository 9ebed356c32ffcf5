/**
 * What the product knows about a learner's competences: one record per fact, from the
 * self-assessment, a quiz, a module or an assessment. docs/decisions/003-competence-scoring.md
 * explains how records combine into a level.
 */
export const EVIDENCE_KINDS = [
  "self-rating",
  "quiz",
  "module-completed",
  "module-passed",
  "scorm-score",
  "assessment-score",
] as const;

export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** Where a record came from, so every level can be traced back to it. */
export interface EvidenceSource {
  /** The module, self-assessment or assessment id; completion is set aside for a score with the same id. */
  id: string;
  /** What a person reading the profile recognises, e.g. the module's title. */
  title?: string;
}

interface EvidenceBase {
  id: string;
  /** Framework key, e.g. "DigComp 2.2". */
  framework: string;
  /** Competence code in that framework, e.g. "2.1". */
  competence: string;
  occurredAt: Date;
  source: EvidenceSource;
}

/** The learner's own rating, already mapped to a level (0 = "I don't know how to do this"). */
export interface SelfRatingEvidence extends EvidenceBase {
  kind: "self-rating";
  level: number;
}

/** Knowledge items answered; `level` comes from scoreKnowledgeItems (0 = no level shown). */
export interface QuizEvidence extends EvidenceBase {
  kind: "quiz";
  level: number;
}

/** A module finished (completed) or finished with success (passed); the module's target level. */
export interface ModuleEvidence extends EvidenceBase {
  kind: "module-completed" | "module-passed";
  targetLevel: number;
}

/** A score between 0 and 1, from a SCORM run-time (cmi.score.scaled) or an assessment. */
export interface ScoreEvidence extends EvidenceBase {
  kind: "scorm-score" | "assessment-score";
  scaledScore: number;
  /** The score that counts as passed (SCORM masteryscore, scaled); DEFAULT_MASTERY_SCORE when absent. */
  masteryScore?: number;
  targetLevel: number;
}

export type CompetenceEvidence = SelfRatingEvidence | QuizEvidence | ModuleEvidence | ScoreEvidence;

export const DEFAULT_MASTERY_SCORE = 0.8;

/** Every full period of this many days an evidence record ages costs it one level. */
export const DEFAULT_DECAY_PERIOD_DAYS = 730;

/**
 * How much each kind of evidence says on its own, before ageing: a passed score or module is
 * checked work, a quiz checks knowledge only, completion shows the learner went through the module.
 */
export const EVIDENCE_WEIGHT: Record<Exclude<EvidenceKind, "self-rating">, number> = {
  "assessment-score": 1,
  "scorm-score": 1,
  "module-passed": 1,
  quiz: 0.7,
  "module-completed": 0.5,
};

/**
 * A SCORM 1.2 score (cmi.core.score.raw between min and max, 0–100 when they are not set) as a
 * scaled score. The SCORM 1.2 masteryscore is on the same 0–100 raw scale: pass it through here too.
 * Returns undefined when the numbers cannot be scaled.
 */
export function scaledFromRaw(raw: number, min = 0, max = 100): number | undefined {
  if (![raw, min, max].every(Number.isFinite) || max <= min) return undefined;
  return Math.min(1, Math.max(0, (raw - min) / (max - min)));
}
