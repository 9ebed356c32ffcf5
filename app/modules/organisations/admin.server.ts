import type { Db } from "../../utils/db.server";
import { isUniqueViolation } from "../mail/outbox.server";
import { createInvitation } from "./invitations.server";

/**
 * A platform admin creates an organisation with its first manager: an existing account
 * becomes manager at once; for a new address an invitation as manager is sent.
 */
export type CreateOrganisationResult =
  | { ok: true; slug: string; manager: "added" | "invited"; invitationUrl?: string }
  | { ok: false; reason: "slug-taken" };

export async function createOrganisation(
  db: Db,
  input: { name: string; slug: string; country: string; managerEmail: string; baseUrl: string; now: Date },
): Promise<CreateOrganisationResult> {
  let organisationId: string;
  try {
    const organisation = await db.organisation.create({
      data: { name: input.name, slug: input.slug, country: input.country || null },
      select: { id: true },
    });
    organisationId = organisation.id;
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "slug-taken" };
    throw error;
  }
  const user = await db.user.findUnique({
    where: { email: input.managerEmail },
    select: { id: true, passwordHash: true, anonymisedAt: true },
  });
  if (user && user.passwordHash !== "" && !user.anonymisedAt) {
    await db.membership.create({ data: { userId: user.id, organisationId, role: "manager" } });
    return { ok: true, slug: input.slug, manager: "added" };
  }
  const invitation = await createInvitation(db, {
    organisationId,
    email: input.managerEmail,
    role: "manager",
    baseUrl: input.baseUrl,
    now: input.now,
  });
  return { ok: true, slug: input.slug, manager: "invited", invitationUrl: invitation.url };
}

export async function listOrganisations(db: Db) {
  const organisations = await db.organisation.findMany({
    select: {
      id: true,
      name: true,
      slug: true,
      country: true,
      _count: { select: { memberships: true } },
      memberships: { where: { role: "manager", status: "active" }, select: { user: { select: { name: true, email: true } } } },
    },
    orderBy: { name: "asc" },
  });
  return organisations.map((organisation) => ({
    id: organisation.id,
    name: organisation.name,
    slug: organisation.slug,
    country: organisation.country,
    memberCount: organisation._count.memberships,
    managers: organisation.memberships.map((membership) => membership.user.email),
  }));
}
