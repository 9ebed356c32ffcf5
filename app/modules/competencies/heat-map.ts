import type { CompetenceFramework } from "./framework";
import type { TargetProfile } from "./gaps";
import type { CompetenceProfile } from "./profile";

export interface HeatMapMember {
  id: string;
  teamIds: readonly string[];
  profile: CompetenceProfile;
}

export type HeatMapGrouping = "member" | "team";

export interface HeatMapCell {
  /** The member or team id; null for the members who belong to no team. */
  group: string | null;
  competence: string;
  /** Members in the group. */
  members: number;
  /** Evidence-based levels: self-ratings never colour the map. */
  averageLevel: number;
  minLevel: number;
  maxLevel: number;
  targetLevel: number | null;
  /** The mean of each member's own gap (target − level, at least 0); null without a target. */
  averageGap: number | null;
  /** Members whose level is below the target (0 without a target). */
  membersBelowTarget: number;
  /** Members with no evidence-based level at all. */
  membersWithoutEvidence: number;
}

export interface HeatMap {
  groupBy: HeatMapGrouping;
  /** Competence codes, the columns, in the framework's order. */
  competences: string[];
  /** The rows, in the order members (or their teams) first appear. */
  groups: { id: string | null; members: number }[];
  /** One cell per row and column, row by row. */
  cells: HeatMapCell[];
}

interface Accumulator {
  members: number;
  sum: Float64Array;
  min: Float64Array;
  max: Float64Array;
  gapSum: Float64Array;
  below: Uint32Array;
  withoutEvidence: Uint32Array;
}

/**
 * The organisation's competences as a grid: a row per member or team, a column per competence.
 * A member in two teams counts in both. The cost is linear in members × competences.
 */
export function heatMap(
  members: readonly HeatMapMember[],
  framework: CompetenceFramework,
  target: TargetProfile,
  groupBy: HeatMapGrouping,
): HeatMap {
  if (target.framework !== framework.key) {
    throw new Error(`The target is in ${target.framework} but the heat map in ${framework.key}`);
  }
  const codes = framework.competences.map((competence) => competence.code);
  const count = codes.length;
  const targets = codes.map((code) => target.levels[code] ?? null);
  const groups = new Map<string | null, Accumulator>();
  const accumulatorFor = (id: string | null) => {
    let accumulator = groups.get(id);
    if (!accumulator) {
      accumulator = {
        members: 0,
        sum: new Float64Array(count),
        min: new Float64Array(count).fill(Number.POSITIVE_INFINITY),
        max: new Float64Array(count),
        gapSum: new Float64Array(count),
        below: new Uint32Array(count),
        withoutEvidence: new Uint32Array(count),
      };
      groups.set(id, accumulator);
    }
    return accumulator;
  };

  const levels = new Float64Array(count);
  for (const member of members) {
    if (member.profile.framework !== framework.key) {
      throw new Error(`Member ${member.id} has a profile in ${member.profile.framework}, not ${framework.key}`);
    }
    for (let index = 0; index < count; index++) {
      levels[index] = member.profile.competences[codes[index]]?.evidenceLevel ?? 0;
    }
    const groupIds: (string | null)[] =
      groupBy === "member" ? [member.id] : member.teamIds.length > 0 ? [...new Set(member.teamIds)] : [null];
    for (const id of groupIds) {
      const accumulator = accumulatorFor(id);
      accumulator.members++;
      for (let index = 0; index < count; index++) {
        const level = levels[index];
        accumulator.sum[index] += level;
        if (level < accumulator.min[index]) accumulator.min[index] = level;
        if (level > accumulator.max[index]) accumulator.max[index] = level;
        if (level === 0) accumulator.withoutEvidence[index]++;
        const targetLevel = targets[index];
        if (targetLevel !== null && level < targetLevel) {
          accumulator.below[index]++;
          accumulator.gapSum[index] += targetLevel - level;
        }
      }
    }
  }

  const cells: HeatMapCell[] = [];
  const rows: HeatMap["groups"] = [];
  for (const [id, accumulator] of groups) {
    rows.push({ id, members: accumulator.members });
    for (let index = 0; index < count; index++) {
      const targetLevel = targets[index];
      cells.push({
        group: id,
        competence: codes[index],
        members: accumulator.members,
        averageLevel: accumulator.sum[index] / accumulator.members,
        minLevel: accumulator.min[index],
        maxLevel: accumulator.max[index],
        targetLevel,
        averageGap: targetLevel === null ? null : accumulator.gapSum[index] / accumulator.members,
        membersBelowTarget: accumulator.below[index],
        membersWithoutEvidence: accumulator.withoutEvidence[index],
      });
    }
  }
  return { groupBy, competences: codes, groups: rows, cells };
}
