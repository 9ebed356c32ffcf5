import type { Db } from "../../utils/db.server";
import { isUniqueViolation } from "../mail/outbox.server";
import { findMembership } from "./members.server";
import { notFound } from "./not-found.server";

/** Teams of one organisation ("Quartiere Navile", "Unità di strada"), scoped by organisationId. */
export async function listTeams(db: Db, organisationId: string) {
  const teams = await db.team.findMany({
    where: { organisationId },
    select: { id: true, name: true, _count: { select: { members: true, assignments: true } } },
    orderBy: { name: "asc" },
  });
  return teams.map((team) => ({
    id: team.id,
    name: team.name,
    memberCount: team._count.members,
    assignmentCount: team._count.assignments,
  }));
}

export async function findTeam(db: Db, organisationId: string, teamId: string) {
  const team = await db.team.findFirst({ where: { id: teamId, organisationId }, select: { id: true, name: true } });
  if (!team) throw notFound();
  return team;
}

/** A team with its members and the organisation's other active members who could join it. */
export async function teamDetail(db: Db, organisationId: string, teamId: string) {
  const team = await findTeam(db, organisationId, teamId);
  const [members, memberships] = await Promise.all([
    db.teamMember.findMany({
      where: { teamId, team: { organisationId } },
      select: { userId: true, user: { select: { name: true, email: true } } },
      orderBy: { user: { name: "asc" } },
    }),
    db.membership.findMany({
      where: { organisationId, user: { anonymisedAt: null } },
      select: { id: true, userId: true, status: true, user: { select: { name: true, email: true } } },
      orderBy: { user: { name: "asc" } },
    }),
  ]);
  const membershipByUser = new Map(memberships.map((membership) => [membership.userId, membership]));
  const inTeam = new Set(members.map((member) => member.userId));
  return {
    team,
    members: members.flatMap((member) => {
      const membership = membershipByUser.get(member.userId);
      return membership
        ? [{ membershipId: membership.id, name: member.user.name, email: member.user.email, status: membership.status }]
        : [];
    }),
    candidates: memberships
      .filter((membership) => membership.status === "active" && !inTeam.has(membership.userId))
      .map((membership) => ({ membershipId: membership.id, name: membership.user.name, email: membership.user.email })),
  };
}

export type TeamNameResult = { ok: true; teamId: string } | { ok: false; reason: "name-taken" };

export async function createTeam(db: Db, organisationId: string, name: string): Promise<TeamNameResult> {
  try {
    const team = await db.team.create({ data: { organisationId, name }, select: { id: true } });
    return { ok: true, teamId: team.id };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "name-taken" };
    throw error;
  }
}

export async function renameTeam(db: Db, organisationId: string, teamId: string, name: string): Promise<TeamNameResult> {
  await findTeam(db, organisationId, teamId);
  try {
    await db.team.updateMany({ where: { id: teamId, organisationId }, data: { name } });
    return { ok: true, teamId };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "name-taken" };
    throw error;
  }
}

/** Deletes the team, its member list and the assignments made to it. */
export async function deleteTeam(db: Db, organisationId: string, teamId: string) {
  const deleted = await db.team.deleteMany({ where: { id: teamId, organisationId } });
  if (deleted.count === 0) throw notFound();
}

export async function addTeamMember(db: Db, organisationId: string, teamId: string, membershipId: string) {
  await findTeam(db, organisationId, teamId);
  const membership = await findMembership(db, organisationId, membershipId);
  await db.teamMember.upsert({
    where: { teamId_userId: { teamId, userId: membership.userId } },
    create: { teamId, userId: membership.userId },
    update: {},
  });
}

export async function removeTeamMember(db: Db, organisationId: string, teamId: string, membershipId: string) {
  await findTeam(db, organisationId, teamId);
  const membership = await findMembership(db, organisationId, membershipId);
  await db.teamMember.deleteMany({ where: { teamId, userId: membership.userId, team: { organisationId } } });
}
