import type { PackageModel } from "../packages/model";
import type { Item } from "../standards/content-packaging/package";
import { EVIDENCE_KINDS, scaledFromRaw, type CompetenceEvidence, type EvidenceKind } from "./evidence";
import type { CompetenceProfile, CompetenceStanding, LevelSource } from "./profile";

/** A CompetenceEvidence row as the database holds it, with its competence code. */
export interface EvidenceRow {
  id: string;
  source: string;
  level: number;
  score: number | null;
  sourceRef: string | null;
  observedAt: Date;
  competenceCode: string;
}

/** What the rows' sources are: module titles and mastery scores by package id. */
export interface EvidenceContext {
  frameworkKey: string;
  modules: ReadonlyMap<string, { title: string; masteryScore?: number }>;
}

function isEvidenceKind(value: string): value is EvidenceKind {
  return (EVIDENCE_KINDS as readonly string[]).includes(value);
}

/**
 * A stored row as the scoring rules read it (docs/decisions/003-competence-scoring.md). The
 * source id is the row's sourceRef (the self-assessment or the module version), so a completion
 * and a score from the same module find each other. A score row without a score becomes an
 * invalid score that the profile lists as ignored; a row of an unknown kind is left out.
 */
export function evidenceFromRow(row: EvidenceRow, context: EvidenceContext): CompetenceEvidence | undefined {
  if (!isEvidenceKind(row.source)) return undefined;
  const sourceId = row.sourceRef ?? row.id;
  const module = context.modules.get(sourceId);
  const base = {
    id: row.id,
    framework: context.frameworkKey,
    competence: row.competenceCode,
    occurredAt: row.observedAt,
    source: { id: sourceId, ...(module ? { title: module.title } : {}) },
  };
  switch (row.source) {
    case "self-rating":
    case "quiz":
      return { ...base, kind: row.source, level: row.level };
    case "module-completed":
    case "module-passed":
      return { ...base, kind: row.source, targetLevel: row.level };
    case "scorm-score":
    case "assessment-score":
      return {
        ...base,
        kind: row.source,
        targetLevel: row.level,
        scaledScore: row.score ?? Number.NaN,
        ...(module?.masteryScore !== undefined ? { masteryScore: module.masteryScore } : {}),
      };
  }
}

/**
 * The mastery score a package sets, scaled 0–1: the SCORM 1.2 adlcp:masteryscore (0–100) of
 * its first item that has one. Undefined when none does, so the default mastery score applies.
 */
export function masteryScoreOf(model: Pick<PackageModel, "contentPackage">): number | undefined {
  const find = (items: readonly Item[]): number | undefined => {
    for (const item of items) {
      if (item.masteryScore !== null) return scaledFromRaw(item.masteryScore);
      const nested = find(item.items);
      if (nested !== undefined) return nested;
    }
    return undefined;
  };
  for (const organization of model.contentPackage?.organizations ?? []) {
    const found = find(organization.items);
    if (found !== undefined) return found;
  }
  return undefined;
}

type Json<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Json<U>[]
    : T extends object
      ? { [K in keyof T]: Json<T[K]> }
      : T;

/** A profile as JSON.stringify wrote it, dates as ISO strings. */
export type StoredProfile = Json<CompetenceProfile>;

const date = (value: string) => new Date(value);
const dateOrNull = (value: string | null) => (value === null ? null : new Date(value));

/** A profile snapshot read back from its JSON, with its dates restored. */
export function reviveProfile(json: string): CompetenceProfile {
  const stored = JSON.parse(json) as StoredProfile;
  const competences: Record<string, CompetenceStanding> = {};
  for (const [code, standing] of Object.entries(stored.competences)) {
    competences[code] = {
      ...standing,
      selfRatedAt: dateOrNull(standing.selfRatedAt),
      lastEvidenceAt: dateOrNull(standing.lastEvidenceAt),
      sources: standing.sources.map((source): LevelSource => ({ ...source, occurredAt: date(source.occurredAt) })),
    };
  }
  return { ...stored, computedAt: date(stored.computedAt), competences };
}
