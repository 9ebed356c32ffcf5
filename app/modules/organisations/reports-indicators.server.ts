import type { Db } from "../../utils/db.server";
import { loadMemberEvidence, requireReportFramework } from "./reports-competences.server";
import { computeIndicators, type CompletedModule, type Indicators, type Period } from "./reports-indicators";

/**
 * The indicators of one organisation for a period, from set-based queries scoped by its id:
 * members, teams, assignments, its members' completed modules among the courses it assigned,
 * the DigComp areas of those modules, and its members' evidence.
 */
export async function organisationIndicators(
  db: Db,
  organisationId: string,
  period: Period,
  language: string,
): Promise<Indicators> {
  const stored = await requireReportFramework(db);
  const [members, teamMembers, assignments, completions, evidence] = await Promise.all([
    db.membership.findMany({ where: { organisationId, status: "active" }, select: { userId: true } }),
    db.teamMember.findMany({ where: { team: { organisationId } }, select: { teamId: true, userId: true } }),
    db.assignment.findMany({ where: { organisationId }, select: { courseId: true, teamId: true, userId: true } }),
    db.$queryRaw<(Omit<CompletedModule, "completedAt"> & { completedAt: Date | null })[]>`
      SELECT e.userId AS userId, e.courseId AS courseId, e.packageId AS packageId, p.completedAt AS completedAt,
             p.timeSpentSeconds AS timeSpentSeconds, l.learningTimeMinutes AS learningTimeMinutes
      FROM Progress p
      JOIN Enrolment e ON e.id = p.enrolmentId
      JOIN Membership m ON m.userId = e.userId AND m.organisationId = ${organisationId} AND m.status = 'active'
      LEFT JOIN LearningObjectMetadata l ON l.packageId = e.packageId
      WHERE p.nodeId = '' AND p.status IN ('completed', 'passed')
        AND e.courseId IN (SELECT courseId FROM Assignment WHERE organisationId = ${organisationId})`,
    loadMemberEvidence(db, organisationId, stored),
  ]);
  const packageIds = [...new Set(completions.map((row) => row.packageId))];
  const links = packageIds.length
    ? await db.packageCompetence.findMany({
        where: { packageId: { in: packageIds }, competence: { frameworkId: stored.id } },
        select: { packageId: true, competence: { select: { area: { select: { code: true } } } } },
      })
    : [];
  const areasByPackage = new Map<string, string[]>();
  for (const link of links) {
    areasByPackage.set(link.packageId, [...(areasByPackage.get(link.packageId) ?? []), link.competence.area.code]);
  }
  return computeIndicators(
    {
      memberUserIds: members.map((member) => member.userId),
      teamMembers,
      assignments,
      completions: completions.flatMap((row) => (row.completedAt ? [{ ...row, completedAt: row.completedAt }] : [])),
      areasByPackage,
      evidence,
    },
    stored.framework,
    period,
    language,
  );
}
