import { z } from "zod";
import type { CompetenceEvidence } from "../competencies/evidence";
import type { CompetenceFramework } from "../competencies/framework";
import { computeProfile } from "../competencies/profile";
import { pickLanguage } from "../i18n/lang-string";
import type { ReportAssignment } from "./reports";

/**
 * Monitoring indicators for a period, pure: how far the organisation's training reached and
 * what it changed. Each indicator is a count a manager can explain in one sentence; only
 * training this organisation assigned counts.
 */

export interface Period {
  from: Date;
  /** Inclusive: the end of the last day. */
  to: Date;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const day = z
  .string()
  .regex(DATE)
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
  .optional()
  .catch(undefined);

const PeriodSchema = z.object({ from: day, to: day });

/** "YYYY-MM-DD" of a date (UTC). */
export const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/**
 * The period from the query string; by default the last twelve months up to today. Dates
 * that do not parse fall back to the default; a period given backwards is turned round.
 */
export function parsePeriod(params: URLSearchParams, now: Date): { period: Period; from: string; to: string } {
  const parsed = PeriodSchema.parse({ from: params.get("from") || undefined, to: params.get("to") || undefined });
  const defaultFrom = new Date(Date.UTC(now.getUTCFullYear() - 1, now.getUTCMonth(), now.getUTCDate() + 1));
  let from = parsed.from ?? isoDay(defaultFrom);
  let to = parsed.to ?? isoDay(now);
  if (from > to) [from, to] = [to, from];
  return { period: { from: new Date(`${from}T00:00:00Z`), to: new Date(`${to}T23:59:59.999Z`) }, from, to };
}

const within = (date: Date, period: Period) => date >= period.from && date <= period.to;

/** A learner's completed module (course) with what it took. */
export interface CompletedModule {
  userId: string;
  courseId: string;
  packageId: string;
  completedAt: Date;
  /** Time recorded by the player for the whole module. */
  timeSpentSeconds: number;
  /** The module's typical learning time from its metadata (LOM), when it has one. */
  learningTimeMinutes: number | null;
}

export interface IndicatorInput {
  /** Active members. */
  memberUserIds: readonly string[];
  teamMembers: readonly { teamId: string; userId: string }[];
  assignments: readonly Pick<ReportAssignment, "courseId" | "teamId" | "userId">[];
  completions: readonly CompletedModule[];
  /** DigComp areas each module version develops, by package id. */
  areasByPackage: ReadonlyMap<string, readonly string[]>;
  evidence: ReadonlyMap<string, readonly CompetenceEvidence[]>;
}

export interface Indicators {
  members: number;
  peopleTrained: number;
  modulesCompleted: number;
  hoursOfTraining: number;
  competencesImproved: number;
  membersImproved: number;
  byArea: { code: string; name: string; modules: number }[];
}

/** "userId courseId" pairs of courses the organisation assigned to each member (directly or through a team they are in). */
export function assignedCourses(input: Pick<IndicatorInput, "memberUserIds" | "teamMembers" | "assignments">): Set<string> {
  const members = new Set(input.memberUserIds);
  const usersByTeam = new Map<string, string[]>();
  for (const { teamId, userId } of input.teamMembers) usersByTeam.set(teamId, [...(usersByTeam.get(teamId) ?? []), userId]);
  const pairs = new Set<string>();
  for (const assignment of input.assignments) {
    const users = assignment.userId ? [assignment.userId] : assignment.teamId ? (usersByTeam.get(assignment.teamId) ?? []) : [];
    for (const userId of users) if (members.has(userId)) pairs.add(`${userId} ${assignment.courseId}`);
  }
  return pairs;
}

/** Hours a completed module counts for: its typical learning time, or the time recorded when that is larger. */
export function trainingSeconds(module: Pick<CompletedModule, "timeSpentSeconds" | "learningTimeMinutes">): number {
  return Math.max((module.learningTimeMinutes ?? 0) * 60, module.timeSpentSeconds);
}

/**
 * Competences (member × competence) whose evidence-based level at the end of the period is
 * higher than at its start. Evidence made after a moment does not count at that moment, and
 * evidence ages as the scoring rules say, so a level can also go down: that is not counted.
 */
export function improvedCompetences(
  evidence: readonly CompetenceEvidence[],
  framework: CompetenceFramework,
  period: Period,
): string[] {
  const before = computeProfile(evidence.filter((record) => record.occurredAt < period.from), framework, period.from);
  const after = computeProfile(evidence.filter((record) => record.occurredAt <= period.to), framework, period.to);
  return framework.competences
    .map((competence) => competence.code)
    .filter((code) => (after.competences[code]?.evidenceLevel ?? 0) > (before.competences[code]?.evidenceLevel ?? 0));
}

export function computeIndicators(
  input: IndicatorInput,
  framework: CompetenceFramework,
  period: Period,
  language: string,
): Indicators {
  const assigned = assignedCourses(input);
  const completed = input.completions.filter(
    (module) => within(module.completedAt, period) && assigned.has(`${module.userId} ${module.courseId}`),
  );
  const areaCounts = new Map(framework.areas.map((area) => [area.code, 0]));
  let seconds = 0;
  for (const module of completed) {
    seconds += trainingSeconds(module);
    for (const code of new Set(input.areasByPackage.get(module.packageId) ?? [])) {
      if (areaCounts.has(code)) areaCounts.set(code, areaCounts.get(code)! + 1);
    }
  }
  let competencesImproved = 0;
  let membersImproved = 0;
  for (const userId of input.memberUserIds) {
    const evidence = input.evidence.get(userId);
    if (!evidence?.length) continue;
    const improved = improvedCompetences(evidence, framework, period).length;
    competencesImproved += improved;
    if (improved > 0) membersImproved++;
  }
  return {
    members: input.memberUserIds.length,
    peopleTrained: new Set(completed.map((module) => module.userId)).size,
    modulesCompleted: completed.length,
    hoursOfTraining: Math.round((seconds / 3600) * 10) / 10,
    competencesImproved,
    membersImproved,
    byArea: framework.areas.map((area) => ({
      code: area.code,
      name: pickLanguage(area.name, [language])?.text ?? area.code,
      modules: areaCounts.get(area.code) ?? 0,
    })),
  };
}

export type IndicatorKey = "peopleTrained" | "hoursOfTraining" | "competencesImproved" | "modulesCompleted";

/** The headline indicators in the order the page and the export show them. */
export function indicatorList(indicators: Indicators): { key: IndicatorKey; value: number }[] {
  return [
    { key: "peopleTrained", value: indicators.peopleTrained },
    { key: "hoursOfTraining", value: indicators.hoursOfTraining },
    { key: "competencesImproved", value: indicators.competencesImproved },
    { key: "modulesCompleted", value: indicators.modulesCompleted },
  ];
}
