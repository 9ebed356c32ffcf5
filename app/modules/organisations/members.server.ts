import type { MembershipRole } from "../auth/roles";
import type { Db } from "../../utils/db.server";
import { leavesNoManager, type MemberChange } from "./members";
import { notFound } from "./not-found.server";

/**
 * The members of one organisation and the manager's changes to them. Every query is scoped by
 * organisationId, and a membership id from a form is only ever looked up together with it.
 */
export interface MemberRow {
  membershipId: string;
  userId: string;
  name: string;
  email: string;
  role: string;
  status: string;
  jobRole: string | null;
  teams: string[];
  /** Added by import and has not chosen a password yet. */
  pending: boolean;
}

export async function listMembers(db: Db, organisationId: string): Promise<MemberRow[]> {
  const memberships = await db.membership.findMany({
    where: { organisationId, user: { anonymisedAt: null } },
    select: {
      id: true,
      role: true,
      status: true,
      jobRole: true,
      user: {
        select: {
          id: true,
          name: true,
          email: true,
          passwordHash: true,
          teamMembers: { where: { team: { organisationId } }, select: { team: { select: { name: true } } } },
        },
      },
    },
    orderBy: [{ user: { name: "asc" } }, { id: "asc" }],
  });
  return memberships.map((membership) => ({
    membershipId: membership.id,
    userId: membership.user.id,
    name: membership.user.name,
    email: membership.user.email,
    role: membership.role,
    status: membership.status,
    jobRole: membership.jobRole,
    teams: membership.user.teamMembers.map((member) => member.team.name).sort(),
    pending: membership.user.passwordHash === "",
  }));
}

export type MemberChangeResult = { ok: true } | { ok: false; reason: "last-manager" };

/** The membership with this id in this organisation, or a 404. */
export async function findMembership(db: Db, organisationId: string, membershipId: string) {
  const membership = await db.membership.findFirst({
    where: { id: membershipId, organisationId },
    select: { id: true, userId: true, role: true, status: true },
  });
  if (!membership) throw notFound();
  return membership;
}

async function applyChange(
  db: Db,
  organisationId: string,
  membershipId: string,
  change: MemberChange,
  write: (tx: Parameters<Parameters<Db["$transaction"]>[0]>[0]) => Promise<unknown>,
): Promise<MemberChangeResult> {
  await findMembership(db, organisationId, membershipId);
  return db.$transaction(async (tx) => {
    const managers = await tx.membership.findMany({
      where: { organisationId, OR: [{ role: "manager" }, { id: membershipId }] },
      select: { id: true, role: true, status: true },
    });
    if (leavesNoManager(managers, membershipId, change)) return { ok: false, reason: "last-manager" } as const;
    await write(tx);
    return { ok: true } as const;
  });
}

export function changeRole(db: Db, organisationId: string, membershipId: string, role: MembershipRole) {
  return applyChange(db, organisationId, membershipId, { role }, (tx) =>
    tx.membership.updateMany({ where: { id: membershipId, organisationId }, data: { role } }),
  );
}

export function changeStatus(db: Db, organisationId: string, membershipId: string, status: "active" | "deactivated") {
  return applyChange(db, organisationId, membershipId, { status }, (tx) =>
    tx.membership.updateMany({ where: { id: membershipId, organisationId }, data: { status } }),
  );
}

export async function setJobRole(db: Db, organisationId: string, membershipId: string, jobRole: string) {
  const updated = await db.membership.updateMany({
    where: { id: membershipId, organisationId },
    data: { jobRole: jobRole || null },
  });
  if (updated.count === 0) throw notFound();
}

/**
 * Takes a person out of the organisation: their membership, their places in its teams and the
 * assignments made to them personally. Their own learning (enrolments, progress, evidence)
 * stays theirs.
 */
export async function removeMember(db: Db, organisationId: string, membershipId: string) {
  const membership = await findMembership(db, organisationId, membershipId);
  return applyChange(db, organisationId, membershipId, { remove: true }, async (tx) => {
    await tx.teamMember.deleteMany({ where: { userId: membership.userId, team: { organisationId } } });
    await tx.assignment.deleteMany({ where: { userId: membership.userId, organisationId } });
    await tx.membership.deleteMany({ where: { id: membershipId, organisationId } });
  });
}
