import type { Db } from "../../utils/db.server";
import { computeProfile } from "../competencies/profile";
import { translator } from "../i18n/locales.server";
import { csvStream } from "./csv";
import { epochMs, unpack, type PackedRows } from "./reports-packed.server";
import {
  buildReport,
  compareText,
  completionTrend,
  expandAssignments,
  filterTraining,
  parseReportFilters,
  teamIdsByUser,
  type ReportAssignment,
  type ReportFilters,
  type ReportInput,
  type ReportMember,
  type ReportProgress,
  type ReportTeam,
} from "./reports";
import { heatMapMembers, heatMapView, profileRows, profilesOf, targetProfileFor } from "./reports-competences";
import { jobRolesOf, loadMemberEvidence, loadTargetRows, requireReportFramework } from "./reports-competences.server";
import { heatMapCsvHeader, heatMapCsvRows, trainingCsvHeader, trainingCsvRows } from "./reports-csv";

/**
 * The report's inputs for one organisation in five set-based queries, whatever its size: its
 * active members, teams, team memberships, assignments, and its members' progress on the
 * courses it assigned. Every query is scoped by the organisation's id; a learner's progress on
 * courses this organisation did not assign is never read.
 */
export async function loadReportInput(db: Db, organisationId: string, deletedUserName: string): Promise<ReportInput> {
  const [members, teams, teamMembers, assignments, progress] = await Promise.all([
    db.$queryRaw<{ membershipId: string; userId: string; name: string; email: string; jobRole: string | null; anonymisedAt: Date | null }[]>`
      SELECT m.id AS membershipId, m.userId AS userId, u.name AS name, u.email AS email, m.jobRole AS jobRole,
             u.anonymisedAt AS anonymisedAt
      FROM Membership m JOIN User u ON u.id = m.userId
      WHERE m.organisationId = ${organisationId} AND m.status = 'active'`,
    db.team.findMany({ where: { organisationId }, select: { id: true, name: true } }),
    db.$queryRaw<{ teamId: string; userId: string }[]>`
      SELECT tm.teamId AS teamId, tm.userId AS userId
      FROM TeamMember tm JOIN Team t ON t.id = tm.teamId
      WHERE t.organisationId = ${organisationId}`,
    db.assignment.findMany({
      where: { organisationId },
      select: {
        id: true,
        courseId: true,
        nodeId: true,
        teamId: true,
        userId: true,
        dueAt: true,
        mandatory: true,
        course: { select: { title: true } },
      },
    }),
    db.$queryRaw<PackedRows>`
      SELECT e.userId AS userId, group_concat(
        e.courseId || char(31) || p.nodeId || char(31) || p.status || char(31) || ifnull(p.score, '') || char(31) ||
        ifnull(${epochMs("p.lastAccessAt")}, '') || char(31) || ifnull(${epochMs("p.completedAt")}, ''),
        char(30)) AS records
      FROM Progress p
      JOIN Enrolment e ON e.id = p.enrolmentId
      JOIN Membership m ON m.userId = e.userId AND m.organisationId = ${organisationId} AND m.status = 'active'
      WHERE e.courseId IN (SELECT courseId FROM Assignment WHERE organisationId = ${organisationId})
        AND p.nodeId IN (SELECT COALESCE(nodeId, '') FROM Assignment WHERE organisationId = ${organisationId})
      GROUP BY e.userId`,
  ]);
  return {
    members: members.map(
      (member): ReportMember => ({
        membershipId: member.membershipId,
        userId: member.userId,
        name: member.anonymisedAt ? deletedUserName : member.name,
        email: member.anonymisedAt ? "" : member.email,
        jobRole: member.jobRole ?? "",
        deleted: member.anonymisedAt !== null,
      }),
    ),
    teams: teams satisfies ReportTeam[],
    teamMembers,
    assignments: assignments.map(
      ({ course, ...assignment }): ReportAssignment => ({ ...assignment, courseTitle: course.title }),
    ),
    progress: unpack(progress, (userId, [courseId, nodeId, status, score, lastAccessAt, completedAt]): ReportProgress => ({
      userId,
      courseId,
      nodeId,
      status,
      score: score === "" ? null : Number(score),
      lastAccessAt: lastAccessAt === "" ? null : new Date(Number(lastAccessAt)),
      completedAt: completedAt === "" ? null : new Date(Number(completedAt)),
    })),
  };
}

export interface ReportContext {
  organisationId: string;
  language: string;
  now: Date;
}

/** The training part of the report (figures, member list, trend) and the filters' choices. */
export async function trainingReport(db: Db, context: ReportContext, filters: ReportFilters) {
  const input = await loadReportInput(db, context.organisationId, translator(context.language)("reports.deletedUser"));
  const report = buildReport(input, filters, context.now);
  const courses = new Map(input.assignments.map((assignment) => [assignment.courseId, assignment.courseTitle]));
  return {
    input,
    report,
    options: {
      teams: [...input.teams].sort((a, b) => compareText(a.name, b.name)),
      courses: [...courses].map(([id, title]) => ({ id, title })).sort((a, b) => compareText(a.title, b.title)),
      assignment: input.assignments.find((assignment) => assignment.id === filters.assignment) ?? null,
    },
  };
}

/**
 * The competence heat map for the filters' team, job role and grouping: by team, every member
 * of the organisation (or team) in the role; by member, the members listed on the page.
 */
export async function competenceHeatMap(
  db: Db,
  context: ReportContext,
  filters: ReportFilters,
  input: ReportInput,
  listedMembershipIds: ReadonlySet<string>,
) {
  const stored = await requireReportFramework(db);
  const [evidence, targetRows] = await Promise.all([
    loadMemberEvidence(db, context.organisationId, stored),
    loadTargetRows(db, context.organisationId, stored.id),
  ]);
  const teamsByUser = teamIdsByUser(input.teamMembers);
  const mapped = input.members.filter(
    (member) =>
      (filters.groupBy === "team" || listedMembershipIds.has(member.membershipId)) &&
      (filters.role === "" || member.jobRole === filters.role) &&
      (!filters.team || (teamsByUser.get(member.userId) ?? []).includes(filters.team)),
  );
  const profiles = profilesOf(
    mapped.map((member) => member.userId),
    evidence,
    stored.framework,
    context.now,
  );
  const names =
    filters.groupBy === "team"
      ? new Map(input.teams.map((team) => [team.id, team.name]))
      : new Map(mapped.map((member) => [member.membershipId, member.name]));
  return heatMapView(
    heatMapMembers(mapped, teamsByUser, profiles, { jobRole: filters.role, teamId: filters.team }),
    stored.framework,
    targetProfileFor(targetRows, filters.role, stored.framework),
    filters.groupBy,
    names,
    context.language,
  );
}

/** Everything the reports page shows, for the filters. */
export async function organisationReport(db: Db, context: ReportContext, filters: ReportFilters) {
  const [{ input, report, options }, jobRoles] = await Promise.all([
    trainingReport(db, context, filters),
    jobRolesOf(db, context.organisationId),
  ]);
  const listed = new Set(report.members.rows.map((member) => member.membershipId));
  const heatMap = await competenceHeatMap(db, context, filters, input, listed);
  return { report, heatMap, options: { ...options, jobRoles } };
}

/** The CSV download of the training rows (one per assignment and learner) the filters keep, streamed. */
export async function trainingCsv(db: Db, context: ReportContext, filters: ReportFilters) {
  const t = translator(context.language);
  const input = await loadReportInput(db, context.organisationId, t("reports.deletedUser"));
  const teamsByUser = teamIdsByUser(input.teamMembers);
  const rows = filterTraining(expandAssignments(input, context.now), filters, teamsByUser);
  const teamNames = new Map(input.teams.map((team) => [team.id, team.name]));
  return csvStream(trainingCsvHeader(t), trainingCsvRows(rows, teamsByUser, teamNames, t));
}

/** The completions per month of the filtered training, as CSV. */
export async function trendsCsv(db: Db, context: ReportContext, filters: ReportFilters) {
  const t = translator(context.language);
  const input = await loadReportInput(db, context.organisationId, t("reports.deletedUser"));
  const rows = filterTraining(expandAssignments(input, context.now), filters, teamIdsByUser(input.teamMembers));
  return csvStream(
    [t("reports.csv.month"), t("reports.csv.completions")],
    completionTrend(rows, context.now).map((month) => [month.month, month.completions]),
  );
}

/** The heat map as the page shows it, as CSV: one line per row and competence. */
export async function heatMapCsv(db: Db, context: ReportContext, filters: ReportFilters) {
  const t = translator(context.language);
  const { heatMap } = await organisationReport(db, context, filters);
  return csvStream(heatMapCsvHeader(t, filters.groupBy), heatMapCsvRows(heatMap, t));
}

/**
 * One member as the organisation sees them: the courses it assigned (with status, score and
 * last access) and their competence profile against the target of their job role. A membership
 * of another organisation is answered as not found.
 */
export async function memberReport(db: Db, context: ReportContext, membershipId: string) {
  const t = translator(context.language);
  const membership = await db.membership.findFirst({
    where: { id: membershipId, organisationId: context.organisationId, status: "active" },
    select: { userId: true },
  });
  if (!membership) throw new Response("Member not found.", { status: 404 });
  const stored = await requireReportFramework(db);
  const [input, evidence, targetRows] = await Promise.all([
    loadReportInput(db, context.organisationId, t("reports.deletedUser")),
    loadMemberEvidence(db, context.organisationId, stored, membership.userId),
    loadTargetRows(db, context.organisationId, stored.id),
  ]);
  const member = input.members.find((candidate) => candidate.membershipId === membershipId)!;
  const own = { ...input, members: [member] };
  const report = buildReport(own, { ...parseReportFilters(new URLSearchParams()), role: member.jobRole }, context.now);
  const profile = computeProfile(evidence.get(member.userId) ?? [], stored.framework, context.now);
  const target = targetProfileFor(targetRows, member.jobRole, stored.framework);
  return {
    member: report.members.rows[0],
    profile: profileRows(profile, stored.framework, target, context.language),
    maxLevel: stored.framework.levels.length,
  };
}
