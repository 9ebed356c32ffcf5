import {
  DEFAULT_DECAY_PERIOD_DAYS,
  DEFAULT_MASTERY_SCORE,
  EVIDENCE_WEIGHT,
  type CompetenceEvidence,
  type EvidenceKind,
  type EvidenceSource,
} from "./evidence";
import { maxLevel, type CompetenceFramework } from "./framework";

/**
 * A learner's standing in every competence of one framework, computed from evidence records.
 * The rules, and why, are in docs/decisions/003-competence-scoring.md.
 */
export interface CompetenceProfile {
  /** Framework key, e.g. "DigComp 2.2". */
  framework: string;
  computedAt: Date;
  /** By competence code, in the framework's order. */
  competences: Record<string, CompetenceStanding>;
  /** Records that could not count at all, with the reason. */
  ignored: IgnoredEvidence[];
}

export type LevelBasis = "evidence" | "self-rating" | "none";
export type ConfidenceLabel = "high" | "medium" | "low" | "none";

export interface CompetenceStanding {
  code: string;
  /** The latest self-rating, or null when the learner never rated this competence. */
  selfRatedLevel: number | null;
  selfRatedAt: Date | null;
  /** The level the evidence shows (0 = none): the highest level of any counting record after ageing. */
  evidenceLevel: number;
  /** What to show as "your level": the evidence level when there is one, else the self-rating. */
  level: number;
  basis: LevelBasis;
  /** 0–1: how far the evidence behind evidenceLevel can be trusted (kind of evidence and age). */
  confidence: number;
  confidenceLabel: ConfidenceLabel;
  /** Every record for this competence, the decisive ones first. */
  sources: LevelSource[];
  /** When the latest record other than a self-rating was made. */
  lastEvidenceAt: Date | null;
}

/**
 * - decisive: counts and gives the evidence level;
 * - counted: counts, at a lower level;
 * - not-passed: a score below the mastery score, or a quiz that showed no level;
 * - superseded: a completion of a module that also gave a score, which is what counts;
 * - expired: aged down to no level;
 * - self-rating: the latest self-rating, shown apart; replaced: an earlier one.
 */
export type SourceStatus =
  | "decisive"
  | "counted"
  | "not-passed"
  | "superseded"
  | "expired"
  | "self-rating"
  | "replaced";

export interface LevelSource {
  evidenceId: string;
  kind: EvidenceKind;
  source: EvidenceSource;
  occurredAt: Date;
  /** The level the record claims when it counts (a score's target level, a self-rating's level). */
  recordedLevel: number;
  /** The level it gives today, after ageing (0 when it does not count). */
  countedLevel: number;
  /** 0–1, the kind's weight halved for every decay period of age; 0 for self-ratings. */
  confidence: number;
  status: SourceStatus;
  /** Scores only: the score and the mastery score it was held against. */
  score?: { scaled: number; mastery: number };
}

export interface IgnoredEvidence {
  evidenceId: string;
  reason: "other-framework" | "unknown-competence" | "invalid-level" | "invalid-score" | "invalid-date";
}

export interface ProfileOptions {
  /** Every full period of this many days an evidence record ages costs it one level. */
  decayPeriodDays?: number;
  /** The mastery score for scores that do not carry their own. */
  defaultMasteryScore?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

const STATUS_ORDER: Record<SourceStatus, number> = {
  decisive: 0,
  counted: 1,
  "self-rating": 2,
  "not-passed": 3,
  superseded: 4,
  expired: 5,
  replaced: 6,
};

const SCORED_KINDS: ReadonlySet<EvidenceKind> = new Set(["module-passed", "scorm-score", "assessment-score"]);

export function confidenceLabel(confidence: number): ConfidenceLabel {
  if (confidence >= 0.75) return "high";
  if (confidence >= 0.4) return "medium";
  if (confidence > 0) return "low";
  return "none";
}

/**
 * Combines a learner's evidence into a profile:
 * - the evidence level of a competence is the highest level any counting record gives after
 *   ageing (one level lost per full decay period; a record never gives more than its level);
 * - self-ratings stay apart: the latest one is shown beside the evidence level, never mixed in;
 * - a score counts when it reaches the mastery score and then gives the module's target level;
 * - a completion counts only when the same source gave no score for that competence.
 */
export function computeProfile(
  evidence: readonly CompetenceEvidence[],
  framework: CompetenceFramework,
  now: Date,
  options: ProfileOptions = {},
): CompetenceProfile {
  const decayPeriodMs = (options.decayPeriodDays ?? DEFAULT_DECAY_PERIOD_DAYS) * DAY_MS;
  const defaultMastery = options.defaultMasteryScore ?? DEFAULT_MASTERY_SCORE;
  const top = maxLevel(framework);
  const nowMs = now.getTime();
  const ignored: IgnoredEvidence[] = [];
  const byCompetence = new Map<string, CompetenceEvidence[]>();
  for (const competence of framework.competences) byCompetence.set(competence.code, []);

  for (const record of evidence) {
    const reason = invalidReason(record, framework.key, byCompetence, top);
    if (reason) ignored.push({ evidenceId: record.id, reason });
    else byCompetence.get(record.competence)!.push(record);
  }

  const competences: Record<string, CompetenceStanding> = {};
  for (const [code, records] of byCompetence) {
    let scoredSources: Set<string> | undefined;
    for (const record of records) {
      if (SCORED_KINDS.has(record.kind)) (scoredSources ??= new Set()).add(record.source.id);
    }
    const sources: LevelSource[] = [];
    let latestSelfRating: LevelSource | undefined;
    let lastEvidenceMs = -Infinity;

    for (const record of records) {
      const occurredMs = record.occurredAt.getTime();
      if (record.kind === "self-rating") {
        const source: LevelSource = {
          evidenceId: record.id,
          kind: record.kind,
          source: record.source,
          occurredAt: record.occurredAt,
          recordedLevel: record.level,
          countedLevel: 0,
          confidence: 0,
          status: "replaced",
        };
        sources.push(source);
        if (!latestSelfRating || occurredMs >= latestSelfRating.occurredAt.getTime()) latestSelfRating = source;
        continue;
      }
      lastEvidenceMs = Math.max(lastEvidenceMs, occurredMs);
      const ageMs = Math.max(0, nowMs - occurredMs);
      const periods = ageMs / decayPeriodMs;
      const confidence = EVIDENCE_WEIGHT[record.kind] * 0.5 ** periods;
      let recordedLevel: number;
      let status: SourceStatus = "counted";
      let score: LevelSource["score"];
      switch (record.kind) {
        case "quiz":
          recordedLevel = record.level;
          if (record.level === 0) status = "not-passed";
          break;
        case "module-completed":
          recordedLevel = record.targetLevel;
          if (scoredSources?.has(record.source.id)) status = "superseded";
          break;
        case "module-passed":
          recordedLevel = record.targetLevel;
          break;
        case "scorm-score":
        case "assessment-score": {
          const mastery = record.masteryScore ?? defaultMastery;
          recordedLevel = record.targetLevel;
          score = { scaled: record.scaledScore, mastery };
          if (record.scaledScore < mastery) status = "not-passed";
          break;
        }
      }
      const agedLevel = Math.max(0, recordedLevel - Math.floor(periods));
      if (status === "counted" && agedLevel === 0) status = "expired";
      const source: LevelSource = {
        evidenceId: record.id,
        kind: record.kind,
        source: record.source,
        occurredAt: record.occurredAt,
        recordedLevel,
        countedLevel: status === "counted" ? agedLevel : 0,
        confidence: status === "counted" ? confidence : 0,
        status,
      };
      if (score) source.score = score;
      sources.push(source);
    }
    if (latestSelfRating) latestSelfRating.status = "self-rating";

    let evidenceLevel = 0;
    for (const source of sources) evidenceLevel = Math.max(evidenceLevel, source.countedLevel);
    let confidence = 0;
    if (evidenceLevel > 0) {
      for (const source of sources) {
        if (source.countedLevel === evidenceLevel) {
          source.status = "decisive";
          confidence = Math.max(confidence, source.confidence);
        }
      }
    }
    sources.sort(bySourceOrder);

    const selfRatedLevel = latestSelfRating?.recordedLevel ?? null;
    const basis: LevelBasis = evidenceLevel > 0 ? "evidence" : selfRatedLevel !== null ? "self-rating" : "none";
    competences[code] = {
      code,
      selfRatedLevel,
      selfRatedAt: latestSelfRating?.occurredAt ?? null,
      evidenceLevel,
      level: basis === "self-rating" ? selfRatedLevel! : evidenceLevel,
      basis,
      confidence,
      confidenceLabel: confidenceLabel(confidence),
      sources,
      lastEvidenceAt: Number.isFinite(lastEvidenceMs) ? new Date(lastEvidenceMs) : null,
    };
  }
  return { framework: framework.key, computedAt: now, competences, ignored };
}

/** Decisive records first, then by status, then the higher counted level, then the newer. */
function bySourceOrder(a: LevelSource, b: LevelSource): number {
  return (
    STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
    b.countedLevel - a.countedLevel ||
    b.occurredAt.getTime() - a.occurredAt.getTime()
  );
}

function invalidReason(
  record: CompetenceEvidence,
  frameworkKey: string,
  competences: Map<string, unknown>,
  top: number,
): IgnoredEvidence["reason"] | undefined {
  if (record.framework !== frameworkKey) return "other-framework";
  if (!competences.has(record.competence)) return "unknown-competence";
  if (!(record.occurredAt instanceof Date) || Number.isNaN(record.occurredAt.getTime())) return "invalid-date";
  switch (record.kind) {
    case "self-rating":
    case "quiz":
      return isLevel(record.level, 0, top) ? undefined : "invalid-level";
    case "module-completed":
    case "module-passed":
      return isLevel(record.targetLevel, 1, top) ? undefined : "invalid-level";
    case "scorm-score":
    case "assessment-score":
      if (!isLevel(record.targetLevel, 1, top)) return "invalid-level";
      if (!isFraction(record.scaledScore)) return "invalid-score";
      if (record.masteryScore !== undefined && !isFraction(record.masteryScore)) return "invalid-score";
      return undefined;
  }
}

function isLevel(value: number, lowest: number, top: number): boolean {
  return Number.isInteger(value) && value >= lowest && value <= top;
}

function isFraction(value: number): boolean {
  return Number.isFinite(value) && value >= 0 && value <= 1;
}

/** The standing in one competence; a standing with nothing in it when the profile lacks the code. */
export function standingOf(profile: CompetenceProfile, code: string): CompetenceStanding {
  return (
    profile.competences[code] ?? {
      code,
      selfRatedLevel: null,
      selfRatedAt: null,
      evidenceLevel: 0,
      level: 0,
      basis: "none",
      confidence: 0,
      confidenceLabel: "none",
      sources: [],
      lastEvidenceAt: null,
    }
  );
}

export interface CompetenceChange {
  code: string;
  evidenceLevel: { from: number; to: number };
  selfRatedLevel: { from: number | null; to: number | null };
  direction: "up" | "down" | "same";
  /**
   * Why the evidence level went down: "aged" when every record behind the old level is still
   * there but has aged, "evidence-withdrawn" when one of them is gone.
   */
  reason?: "aged" | "evidence-withdrawn";
  /** Records in the current profile that the previous one did not have. */
  newSources: LevelSource[];
}

/**
 * What changed between two profiles of the same learner and framework, in the framework's order:
 * a competence is listed when its evidence level or self-rating changed, or new records arrived.
 */
export function compareProfiles(previous: CompetenceProfile, current: CompetenceProfile): CompetenceChange[] {
  if (previous.framework !== current.framework) {
    throw new Error(`Cannot compare profiles of ${previous.framework} and ${current.framework}`);
  }
  const changes: CompetenceChange[] = [];
  for (const code of Object.keys(current.competences)) {
    const before = standingOf(previous, code);
    const after = current.competences[code];
    const known = new Set(before.sources.map((source) => source.evidenceId));
    const newSources = after.sources.filter((source) => !known.has(source.evidenceId));
    const direction =
      after.evidenceLevel > before.evidenceLevel ? "up" : after.evidenceLevel < before.evidenceLevel ? "down" : "same";
    if (direction === "same" && before.selfRatedLevel === after.selfRatedLevel && newSources.length === 0) continue;
    const change: CompetenceChange = {
      code,
      evidenceLevel: { from: before.evidenceLevel, to: after.evidenceLevel },
      selfRatedLevel: { from: before.selfRatedLevel, to: after.selfRatedLevel },
      direction,
      newSources,
    };
    if (direction === "down") {
      const still = new Set(after.sources.map((source) => source.evidenceId));
      const decisiveBefore = before.sources.filter((source) => source.status === "decisive");
      change.reason = decisiveBefore.every((source) => still.has(source.evidenceId)) ? "aged" : "evidence-withdrawn";
    }
    changes.push(change);
  }
  return changes;
}
