import type { Db } from "../../utils/db.server";

/** A manager's first view of their organisation. Every query is scoped by organisationId. */
export async function organisationOverview(db: Db, organisationId: string) {
  const [organisation, memberCount, teams, assignmentCount] = await Promise.all([
    db.organisation.findUniqueOrThrow({ where: { id: organisationId }, select: { name: true, slug: true } }),
    db.membership.count({ where: { organisationId, status: "active" } }),
    db.team.findMany({
      where: { organisationId },
      select: { id: true, name: true, _count: { select: { members: true } } },
      orderBy: { name: "asc" },
    }),
    db.assignment.count({ where: { organisationId } }),
  ]);
  return {
    organisation,
    memberCount,
    assignmentCount,
    teams: teams.map((team) => ({ id: team.id, name: team.name, memberCount: team._count.members })),
  };
}
