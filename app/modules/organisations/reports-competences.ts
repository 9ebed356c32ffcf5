import { z } from "zod";
import type { CompetenceEvidence } from "../competencies/evidence";
import type { CompetenceFramework } from "../competencies/framework";
import type { TargetProfile } from "../competencies/gaps";
import { heatMap, type HeatMap, type HeatMapGrouping, type HeatMapMember } from "../competencies/heat-map";
import { computeProfile, type CompetenceProfile } from "../competencies/profile";
import { pickLanguage } from "../i18n/lang-string";
import { compareText } from "./reports";

/**
 * The organisation's competences, pure: its target profile per job role, its members' profiles
 * and the heat map that compares them. Levels are evidence-based only (docs/decisions/003).
 */

/** A TargetLevel row with its competence code; jobRole "" is the whole organisation's target. */
export interface TargetRow {
  code: string;
  jobRole: string;
  level: number;
}

/**
 * The target profile for a job role: the role's own targets, and the organisation's general
 * target for competences the role has none for. jobRole "" gives the general target alone.
 */
export function targetProfileFor(rows: readonly TargetRow[], jobRole: string, framework: CompetenceFramework): TargetProfile {
  const levels: Record<string, number> = {};
  for (const row of rows) if (row.jobRole === "") levels[row.code] = row.level;
  if (jobRole !== "") for (const row of rows) if (row.jobRole === jobRole) levels[row.code] = row.level;
  const known = new Set(framework.competences.map((competence) => competence.code));
  for (const code of Object.keys(levels)) if (!known.has(code)) delete levels[code];
  return { framework: framework.key, name: jobRole, levels };
}

/** The levels stored for exactly this job role (no fallback), for the form that edits them. */
export function storedTargets(rows: readonly TargetRow[], jobRole: string): Record<string, number> {
  return Object.fromEntries(rows.filter((row) => row.jobRole === jobRole).map((row) => [row.code, row.level]));
}

export interface CompetenceMember {
  membershipId: string;
  userId: string;
  name: string;
  jobRole: string;
}

/**
 * The heat map's input: one entry per member (its id is the membership id, so rows link to the
 * member page) with the teams they are in and their profile. With a job role, only members in
 * that role; with a team, only its members.
 */
export function heatMapMembers(
  members: readonly CompetenceMember[],
  teamsByUser: ReadonlyMap<string, readonly string[]>,
  profiles: ReadonlyMap<string, CompetenceProfile>,
  options: { jobRole: string; teamId?: string },
): HeatMapMember[] {
  const result: HeatMapMember[] = [];
  for (const member of members) {
    if (options.jobRole !== "" && member.jobRole !== options.jobRole) continue;
    const teamIds = teamsByUser.get(member.userId) ?? [];
    if (options.teamId && !teamIds.includes(options.teamId)) continue;
    const profile = profiles.get(member.userId);
    if (!profile) continue;
    result.push({ id: member.membershipId, teamIds, profile });
  }
  return result;
}

/** Every member's profile computed from their evidence; members without any get an empty one. */
export function profilesOf(
  userIds: readonly string[],
  evidence: ReadonlyMap<string, readonly CompetenceEvidence[]>,
  framework: CompetenceFramework,
  now: Date,
): Map<string, CompetenceProfile> {
  const profiles = new Map<string, CompetenceProfile>();
  for (const userId of userIds) profiles.set(userId, computeProfile(evidence.get(userId) ?? [], framework, now));
  return profiles;
}

export interface HeatMapCellView {
  code: string;
  /** Average evidence-based level, one decimal. */
  average: number;
  target: number | null;
  /** Average of the members' own gaps, one decimal; 0 when none is below the target. */
  gap: number;
  membersBelowTarget: number;
}

export interface HeatMapRowView {
  /** Team or membership id; null for members in no team. */
  id: string | null;
  /** Team or member name; null for members in no team. */
  name: string | null;
  members: number;
  cells: HeatMapCellView[];
}

export interface HeatMapView {
  groupBy: HeatMapGrouping;
  competences: { code: string; name: string; areaCode: string }[];
  targets: (number | null)[];
  rows: HeatMapRowView[];
}

const oneDecimal = (value: number) => Math.round(value * 10) / 10;

/** The heat map with names in the reader's language, rows in name order (members in no team last). */
export function heatMapView(
  members: readonly HeatMapMember[],
  framework: CompetenceFramework,
  target: TargetProfile,
  groupBy: HeatMapGrouping,
  names: ReadonlyMap<string, string>,
  language: string,
): HeatMapView {
  const map: HeatMap = heatMap(members, framework, target, groupBy);
  const count = map.competences.length;
  const rows = map.groups.map((group, row): HeatMapRowView => ({
    id: group.id,
    name: group.id === null ? null : (names.get(group.id) ?? null),
    members: group.members,
    cells: map.cells.slice(row * count, (row + 1) * count).map((cell) => ({
      code: cell.competence,
      average: oneDecimal(cell.averageLevel),
      target: cell.targetLevel,
      gap: oneDecimal(cell.averageGap ?? 0),
      membersBelowTarget: cell.membersBelowTarget,
    })),
  }));
  rows.sort((a, b) => (a.name === null ? 1 : b.name === null ? -1 : compareText(a.name, b.name)));
  return {
    groupBy,
    competences: framework.competences.map((competence) => ({
      code: competence.code,
      name: pickLanguage(competence.name, [language])?.text ?? competence.code,
      areaCode: competence.areaCode,
    })),
    targets: map.competences.map((code) => target.levels[code] ?? null),
    rows,
  };
}

export interface ProfileRow {
  code: string;
  name: string;
  areaName: string;
  evidenceLevel: number;
  selfRatedLevel: number | null;
  targetLevel: number | null;
  /** Target − evidence level when positive, else 0. */
  gap: number;
  confidence: CompetenceProfile["competences"][string]["confidenceLabel"];
}

/**
 * A member's profile as the organisation sees it: levels, self-ratings and targets per
 * competence. The records behind the levels (which may come from other organisations'
 * training) stay with the learner.
 */
export function profileRows(
  profile: CompetenceProfile,
  framework: CompetenceFramework,
  target: TargetProfile,
  language: string,
): ProfileRow[] {
  const areaNames = new Map(framework.areas.map((area) => [area.code, pickLanguage(area.name, [language])?.text ?? area.code]));
  return framework.competences.map((competence) => {
    const standing = profile.competences[competence.code];
    const evidenceLevel = standing?.evidenceLevel ?? 0;
    const targetLevel = target.levels[competence.code] ?? null;
    return {
      code: competence.code,
      name: pickLanguage(competence.name, [language])?.text ?? competence.code,
      areaName: areaNames.get(competence.areaCode) ?? competence.areaCode,
      evidenceLevel,
      selfRatedLevel: standing?.selfRatedLevel ?? null,
      targetLevel,
      gap: targetLevel === null ? 0 : Math.max(0, targetLevel - evidenceLevel),
      confidence: standing?.confidenceLabel ?? "none",
    };
  });
}

/**
 * The target form: a job role ("" for everyone) and a level per competence code, "0" for no
 * target. Levels outside the framework's range are refused with the field's error.
 */
export function targetFormSchema(framework: CompetenceFramework) {
  const top = framework.levels.length;
  const level = z.coerce
    .number("reports.targets.invalidLevel")
    .int("reports.targets.invalidLevel")
    .min(0, "reports.targets.invalidLevel")
    .max(top, "reports.targets.invalidLevel");
  const shape: Record<string, z.ZodType<string | number>> = {
    role: z.string().trim().max(100, "reports.targets.roleTooLong").default(""),
  };
  for (const competence of framework.competences) shape[`level-${competence.code}`] = level.default(0);
  return z.object(shape);
}

/** The levels of a parsed target form by competence code. */
export function levelsFromForm(values: Record<string, unknown>, framework: CompetenceFramework): Record<string, number> {
  return Object.fromEntries(framework.competences.map((competence) => [competence.code, Number(values[`level-${competence.code}`] ?? 0)]));
}

/** The fields of one packed evidence record: id, competence code, kind, level, source ref, score, time (ms). */
export type PackedEvidence = readonly string[];

/**
 * A packed evidence record as the scoring rules read it: the mapping of stored-evidence.ts
 * (evidenceFromRow), written out with one object per record because an organisation's
 * reports convert tens of thousands at a time. Records of unknown kinds are left out.
 */
export function evidenceFromPacked(
  [id, competence, kind, level, sourceRef, score, occurredAt]: PackedEvidence,
  framework: string,
  masteryScores: ReadonlyMap<string, number>,
): CompetenceEvidence | undefined {
  const source = { id: sourceRef || id };
  const date = new Date(Number(occurredAt));
  switch (kind) {
    case "self-rating":
    case "quiz":
      return { id, framework, competence, occurredAt: date, source, kind, level: Number(level) };
    case "module-completed":
    case "module-passed":
      return { id, framework, competence, occurredAt: date, source, kind, targetLevel: Number(level) };
    case "scorm-score":
    case "assessment-score": {
      const masteryScore = masteryScores.get(source.id);
      return {
        id,
        framework,
        competence,
        occurredAt: date,
        source,
        kind,
        targetLevel: Number(level),
        scaledScore: score === "" ? Number.NaN : Number(score),
        ...(masteryScore !== undefined ? { masteryScore } : {}),
      };
    }
    default:
      return undefined;
  }
}
