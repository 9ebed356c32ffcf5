import { z } from "zod";
import { isFinished, isProgressStatus, type ProgressStatus } from "../progress/status";

/**
 * The organisation report, pure: who was assigned what, how far they got, grouped by
 * assignment, team, member and month. The inputs come from a few set-based queries
 * (reports.server.ts); everything here is linear in assignments × members.
 */

/** Where an assigned piece of training stands for one learner. */
export const ASSIGNMENT_STATUSES = ["not-started", "in-progress", "completed", "overdue"] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

/**
 * - completed: completed or passed, whenever that happened (also after the due date);
 * - overdue: not completed or passed, and the due date has passed;
 * - in-progress: started (a failed attempt counts as started: the learner can still pass);
 * - not-started: nothing recorded yet.
 */
export function classifyAssignment(progress: ProgressStatus | null, dueAt: Date | null, now: Date): AssignmentStatus {
  if (progress && isFinished(progress)) return "completed";
  if (dueAt && dueAt.getTime() < now.getTime()) return "overdue";
  if (progress === "in-progress" || progress === "failed") return "in-progress";
  return "not-started";
}

// ---------------------------------------------------------------- inputs

export interface ReportMember {
  membershipId: string;
  userId: string;
  /** Already "Deleted user" (translated) for anonymised accounts. */
  name: string;
  email: string;
  jobRole: string;
  deleted: boolean;
}

export interface ReportTeam {
  id: string;
  name: string;
}

export interface ReportAssignment {
  id: string;
  courseId: string;
  courseTitle: string;
  /** A single part of the course, or null for the whole course. */
  nodeId: string | null;
  teamId: string | null;
  userId: string | null;
  dueAt: Date | null;
  mandatory: boolean;
}

export interface ReportProgress {
  userId: string;
  courseId: string;
  nodeId: string;
  status: string;
  score: number | null;
  lastAccessAt: Date | null;
  completedAt: Date | null;
}

export interface ReportInput {
  members: readonly ReportMember[];
  teams: readonly ReportTeam[];
  /** Current team memberships, for members of the organisation. */
  teamMembers: readonly { teamId: string; userId: string }[];
  assignments: readonly ReportAssignment[];
  /** Progress of the organisation's members on the nodes the organisation assigned. */
  progress: readonly ReportProgress[];
}

/** One assignment for one learner: a row of the export. */
export interface AssignedTraining {
  assignment: ReportAssignment;
  member: ReportMember;
  status: AssignmentStatus;
  progressStatus: ProgressStatus | null;
  score: number | null;
  lastAccessAt: Date | null;
  completedAt: Date | null;
}

const collator = new Intl.Collator(undefined, { sensitivity: "base", numeric: true });

/** Names in alphabetical order, ignoring case and accents (one collator: far faster than localeCompare). */
export const compareText = (a: string, b: string) => collator.compare(a, b);

/** The course or part an assignment asks for: assignments of the same one share it. */
const nodeKey = (courseId: string, nodeId: string | null) => `${courseId}\u0000${nodeId ?? ""}`;

/**
 * Every assignment for every learner it reaches: the learner it names, or every member of its
 * team now. Learners who are not (active) members of the organisation are left out.
 */
export function expandAssignments(input: ReportInput, now: Date): AssignedTraining[] {
  const membersByUser = new Map(input.members.map((member) => [member.userId, member]));
  const usersByTeam = new Map<string, string[]>();
  for (const { teamId, userId } of input.teamMembers) {
    const users = usersByTeam.get(teamId);
    if (users) users.push(userId);
    else usersByTeam.set(teamId, [userId]);
  }
  // Progress by course (or part), then by learner: no key is built per assignment and learner.
  const progressByNode = new Map<string, Map<string, ReportProgress>>();
  for (const row of input.progress) {
    const key = nodeKey(row.courseId, row.nodeId);
    let byUser = progressByNode.get(key);
    if (!byUser) progressByNode.set(key, (byUser = new Map()));
    byUser.set(row.userId, row);
  }

  const rows: AssignedTraining[] = [];
  for (const assignment of input.assignments) {
    const userIds = assignment.userId ? [assignment.userId] : assignment.teamId ? (usersByTeam.get(assignment.teamId) ?? []) : [];
    const progressOf = progressByNode.get(nodeKey(assignment.courseId, assignment.nodeId));
    for (const userId of userIds) {
      const member = membersByUser.get(userId);
      if (!member) continue;
      const progress = progressOf?.get(userId);
      const progressStatus = progress && isProgressStatus(progress.status) ? progress.status : null;
      rows.push({
        assignment,
        member,
        status: classifyAssignment(progressStatus, assignment.dueAt, now),
        progressStatus,
        score: progress?.score ?? null,
        lastAccessAt: progress?.lastAccessAt ?? null,
        completedAt: progressStatus && isFinished(progressStatus) ? (progress?.completedAt ?? null) : null,
      });
    }
  }
  return rows;
}

// ---------------------------------------------------------------- filters

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const optionalId = z.string().trim().min(1).max(64).optional().catch(undefined);
const optionalDate = z
  .string()
  .regex(DATE)
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
  .optional()
  .catch(undefined);

/**
 * The report's filters, from the page's query string (GET forms, so a filtered report is a URL
 * to share). Values that do not parse are ignored rather than refused.
 */
export const ReportFiltersSchema = z.object({
  team: optionalId,
  course: optionalId,
  assignment: optionalId,
  status: z.enum(ASSIGNMENT_STATUSES).optional().catch(undefined),
  dueFrom: optionalDate,
  dueTo: optionalDate,
  groupBy: z.enum(["team", "member"]).catch("team"),
  role: z.string().trim().max(100).catch(""),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export type ReportFilters = z.output<typeof ReportFiltersSchema>;

export function parseReportFilters(params: URLSearchParams): ReportFilters {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(ReportFiltersSchema.shape)) {
    const value = params.get(key);
    if (value !== null && value !== "") raw[key] = value;
  }
  return ReportFiltersSchema.parse(raw);
}

/** The filters as query parameters, leaving out empty and default values. */
export function filtersToParams(filters: Partial<ReportFilters>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined || value === "" || (key === "page" && value === 1) || (key === "groupBy" && value === "team")) continue;
    params.set(key, String(value));
  }
  return params;
}

const startOfDay = (date: string) => new Date(`${date}T00:00:00Z`);
const endOfDay = (date: string) => new Date(`${date}T23:59:59.999Z`);

/** Assignments the filters keep (course, assignment, due date). */
export function assignmentMatches(assignment: ReportAssignment, filters: ReportFilters): boolean {
  if (filters.course && assignment.courseId !== filters.course) return false;
  if (filters.assignment && assignment.id !== filters.assignment) return false;
  if (filters.dueFrom || filters.dueTo) {
    if (!assignment.dueAt) return false;
    if (filters.dueFrom && assignment.dueAt < startOfDay(filters.dueFrom)) return false;
    if (filters.dueTo && assignment.dueAt > endOfDay(filters.dueTo)) return false;
  }
  return true;
}

/** The rows the filters keep: assignment filters, the team the learner is in now, the status. */
export function filterTraining(
  rows: readonly AssignedTraining[],
  filters: ReportFilters,
  teamIdsByUser: ReadonlyMap<string, readonly string[]>,
): readonly AssignedTraining[] {
  if (!filters.course && !filters.assignment && !filters.dueFrom && !filters.dueTo && !filters.team && !filters.status) return rows;
  const kept = new Map<ReportAssignment, boolean>();
  return rows.filter((row) => {
    let matches = kept.get(row.assignment);
    if (matches === undefined) kept.set(row.assignment, (matches = assignmentMatches(row.assignment, filters)));
    return (
      matches &&
      (!filters.team || (teamIdsByUser.get(row.member.userId) ?? []).includes(filters.team)) &&
      (!filters.status || row.status === filters.status)
    );
  });
}

export function teamIdsByUser(teamMembers: ReportInput["teamMembers"]): Map<string, string[]> {
  const byUser = new Map<string, string[]>();
  for (const { teamId, userId } of teamMembers) {
    const teams = byUser.get(userId);
    if (teams) teams.push(teamId);
    else byUser.set(userId, [teamId]);
  }
  return byUser;
}

// ---------------------------------------------------------------- aggregation

export type StatusCounts = Record<AssignmentStatus, number> & { total: number };

export function emptyCounts(): StatusCounts {
  return { "not-started": 0, "in-progress": 0, completed: 0, overdue: 0, total: 0 };
}

function count(counts: StatusCounts, status: AssignmentStatus) {
  counts[status]++;
  counts.total++;
}

export interface AssignmentSummary {
  id: string;
  courseId: string;
  courseTitle: string;
  nodeId: string | null;
  /** The team it was given to, or the learner's name for a personal assignment. */
  teamName: string | null;
  memberName: string | null;
  dueAt: Date | null;
  mandatory: boolean;
  counts: StatusCounts;
}

export interface TeamSummary {
  /** null: members in no team. */
  id: string | null;
  name: string | null;
  members: number;
  counts: StatusCounts;
}

/** A course (or part) as the member sees it from this organisation: the most urgent assignment wins. */
export interface MemberCourse {
  courseId: string;
  courseTitle: string;
  nodeId: string | null;
  status: AssignmentStatus;
  progressStatus: ProgressStatus | null;
  score: number | null;
  lastAccessAt: Date | null;
  completedAt: Date | null;
  dueAt: Date | null;
}

export interface MemberSummary {
  membershipId: string;
  name: string;
  email: string;
  jobRole: string;
  deleted: boolean;
  teamNames: string[];
  counts: StatusCounts;
  courses: MemberCourse[];
}

export interface TrendMonth {
  /** "2026-03" */
  month: string;
  completions: number;
}

export interface OrganisationReport {
  totals: StatusCounts;
  assignments: AssignmentSummary[];
  teams: TeamSummary[];
  members: { total: number; page: number; pageCount: number; pageSize: number; rows: MemberSummary[] };
  trends: TrendMonth[];
}

export const MEMBERS_PER_PAGE = 50;
const NO_TEAM: readonly null[] = [null];
export const TREND_MONTHS = 12;

/** The months of the trend chart: the last `months` calendar months (UTC) up to `now`'s, oldest first. */
export function trendMonths(now: Date, months = TREND_MONTHS): string[] {
  const result: string[] = [];
  for (let back = months - 1; back >= 0; back--) {
    const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
    result.push(date.toISOString().slice(0, 7));
  }
  return result;
}

const urgency = (course: { dueAt: Date | null }) => course.dueAt?.getTime() ?? Number.POSITIVE_INFINITY;

/** Per member, the distinct courses (or parts) assigned, each with the most urgent due date. */
function coursesOf(rows: readonly AssignedTraining[]): MemberCourse[] {
  const byKey = new Map<string, MemberCourse>();
  for (const row of rows) {
    const key = nodeKey(row.assignment.courseId, row.assignment.nodeId);
    const existing = byKey.get(key);
    if (existing && urgency(existing) <= urgency(row.assignment)) continue;
    byKey.set(key, {
      courseId: row.assignment.courseId,
      courseTitle: row.assignment.courseTitle,
      nodeId: row.assignment.nodeId,
      status: row.status,
      progressStatus: row.progressStatus,
      score: row.score,
      lastAccessAt: row.lastAccessAt,
      completedAt: row.completedAt,
      dueAt: row.assignment.dueAt,
    });
  }
  return [...byKey.values()].sort((a, b) => compareText(a.courseTitle, b.courseTitle) || compareText(a.nodeId ?? "", b.nodeId ?? ""));
}

/**
 * The whole report for the filters. Totals, assignment, team and trend figures count
 * assignment × learner rows; the member list counts each course once per member.
 */
export function buildReport(input: ReportInput, filters: ReportFilters, now: Date): OrganisationReport {
  const teamsByUser = teamIdsByUser(input.teamMembers);
  const teamNames = new Map(input.teams.map((team) => [team.id, team.name]));
  const memberNames = new Map(input.members.map((member) => [member.userId, member.name]));
  const rows = filterTraining(expandAssignments(input, now), filters, teamsByUser);

  const totals = emptyCounts();
  const byAssignment = new Map<string, StatusCounts>();
  const byTeam = new Map<string | null, StatusCounts>();
  const byMember = new Map<string, AssignedTraining[]>();
  for (const row of rows) {
    count(totals, row.status);
    let assignmentCounts = byAssignment.get(row.assignment.id);
    if (!assignmentCounts) byAssignment.set(row.assignment.id, (assignmentCounts = emptyCounts()));
    count(assignmentCounts, row.status);
    for (const teamId of teamsByUser.get(row.member.userId) ?? NO_TEAM) {
      let teamCounts = byTeam.get(teamId);
      if (!teamCounts) byTeam.set(teamId, (teamCounts = emptyCounts()));
      count(teamCounts, row.status);
    }
    const memberRows = byMember.get(row.member.userId);
    if (memberRows) memberRows.push(row);
    else byMember.set(row.member.userId, [row]);
  }

  const assignments = input.assignments
    .filter((assignment) => assignmentMatches(assignment, filters))
    .map((assignment) => ({
      id: assignment.id,
      courseId: assignment.courseId,
      courseTitle: assignment.courseTitle,
      nodeId: assignment.nodeId,
      teamName: assignment.teamId ? (teamNames.get(assignment.teamId) ?? null) : null,
      memberName: assignment.userId ? (memberNames.get(assignment.userId) ?? null) : null,
      dueAt: assignment.dueAt,
      mandatory: assignment.mandatory,
      counts: byAssignment.get(assignment.id) ?? emptyCounts(),
    }))
    .sort((a, b) => urgency(a) - urgency(b) || compareText(a.courseTitle, b.courseTitle));

  const teamSizes = new Map<string | null, number>();
  for (const member of input.members) {
    for (const teamId of teamsByUser.get(member.userId) ?? NO_TEAM) teamSizes.set(teamId, (teamSizes.get(teamId) ?? 0) + 1);
  }
  const teams: TeamSummary[] = input.teams
    .filter((team) => !filters.team || team.id === filters.team)
    .map((team) => ({ id: team.id, name: team.name, members: teamSizes.get(team.id) ?? 0, counts: byTeam.get(team.id) ?? emptyCounts() }))
    .sort((a, b) => compareText(a.name, b.name));
  const withoutTeam = byTeam.get(null);
  if (withoutTeam && !filters.team) teams.push({ id: null, name: null, members: teamSizes.get(null) ?? 0, counts: withoutTeam });

  // Without filters on training, every member of the team (or organisation) is listed, also
  // those with nothing assigned; with them, only the members the filters find.
  const trainingFiltered = Boolean(filters.course || filters.assignment || filters.status || filters.dueFrom || filters.dueTo);
  const listed = input.members
    .filter((member) =>
      trainingFiltered
        ? byMember.has(member.userId)
        : !filters.team || (teamsByUser.get(member.userId) ?? []).includes(filters.team),
    )
    .sort((a, b) => Number(a.deleted) - Number(b.deleted) || compareText(a.name, b.name) || compareText(a.email, b.email));
  const pageCount = Math.max(1, Math.ceil(listed.length / MEMBERS_PER_PAGE));
  const page = Math.min(filters.page, pageCount);
  const memberRows = listed.slice((page - 1) * MEMBERS_PER_PAGE, page * MEMBERS_PER_PAGE).map((member): MemberSummary => {
    const own = byMember.get(member.userId) ?? [];
    const counts = emptyCounts();
    const courses = coursesOf(own);
    for (const course of courses) count(counts, course.status);
    return {
      membershipId: member.membershipId,
      name: member.name,
      email: member.email,
      jobRole: member.jobRole,
      deleted: member.deleted,
      teamNames: (teamsByUser.get(member.userId) ?? []).map((teamId) => teamNames.get(teamId) ?? "").filter(Boolean).sort(),
      counts,
      courses,
    };
  });

  return {
    totals,
    assignments,
    teams,
    members: { total: listed.length, page, pageCount, pageSize: MEMBERS_PER_PAGE, rows: memberRows },
    trends: completionTrend(rows, now),
  };
}

/**
 * Completions per month over the last twelve months: each course (or part) a learner completed
 * counts once, in the month it was completed, however many assignments asked for it.
 */
export function completionTrend(rows: readonly AssignedTraining[], now: Date, months = TREND_MONTHS): TrendMonth[] {
  const labels = trendMonths(now, months);
  const counts = new Array<number>(months).fill(0);
  const first = now.getUTCFullYear() * 12 + now.getUTCMonth() - (months - 1);
  const seen = new Map<ReportAssignment, Set<string>>();
  const keys = new Map<string, Set<string>>();
  for (const row of rows) {
    if (!row.completedAt) continue;
    let learners = seen.get(row.assignment);
    if (!learners) {
      const key = nodeKey(row.assignment.courseId, row.assignment.nodeId);
      learners = keys.get(key) ?? new Set();
      keys.set(key, learners);
      seen.set(row.assignment, learners);
    }
    if (learners.has(row.member.userId)) continue;
    learners.add(row.member.userId);
    const index = row.completedAt.getUTCFullYear() * 12 + row.completedAt.getUTCMonth() - first;
    if (index >= 0 && index < months) counts[index]++;
  }
  return labels.map((month, index) => ({ month, completions: counts[index] }));
}
