import type { UnitOfLearning } from "../standards/learning-design/model";

/**
 * Who takes part in which run of a unit of learning, and in which roles.
 *
 * - One run per package version and organisation: members of an organisation who take the same
 *   version share it, so learners and tutors meet. A learner in no organisation gets a personal run.
 * - The organisation of a learner's run is the one that assigned them the course, else their
 *   first active membership (memberships come sorted by organisation name).
 * - A learner enrolled in the unit gets its first learner role.
 * - Managers and authors of the run's organisation get the unit's top-level staff roles (e.g.
 *   tutor): all of them when the run is created, so the first notifications reach a tutor, and
 *   anyone who becomes one later when they open the unit. Joining delivers to their inbox the
 *   notifications sent earlier to the roles they receive.
 */

export const STAFF_MEMBERSHIP_ROLES: readonly string[] = ["manager", "author"];

export interface MembershipLike {
  organisationId: string;
  role: string;
  status: string;
}

export function firstLearnerRole(uol: UnitOfLearning): string | null {
  return uol.roles.find((role) => role.kind === "learner")?.identifier ?? null;
}

export function staffRoles(uol: UnitOfLearning): string[] {
  return uol.roles.filter((role) => role.kind === "staff" && role.parent === null).map((role) => role.identifier);
}

export function isStaffOf(memberships: readonly MembershipLike[], organisationId: string | null): boolean {
  return (
    organisationId !== null &&
    memberships.some(
      (membership) =>
        membership.organisationId === organisationId &&
        membership.status === "active" &&
        STAFF_MEMBERSHIP_ROLES.includes(membership.role),
    )
  );
}

/** The roles a person should hold in a run: learner when enrolled, staff when staff of its organisation. */
export function rolesFor(
  uol: UnitOfLearning,
  person: { enrolled: boolean; memberships: readonly MembershipLike[] },
  runOrganisationId: string | null,
): string[] {
  const roles: string[] = [];
  const learner = firstLearnerRole(uol);
  if (person.enrolled && learner) roles.push(learner);
  if (isStaffOf(person.memberships, runOrganisationId)) roles.push(...staffRoles(uol));
  return roles;
}

/** The organisation whose run a learner joins, or null for a personal run. */
export function runOrganisationFor(
  memberships: readonly MembershipLike[],
  assigningOrganisationIds: readonly string[],
): string | null {
  const active = memberships.filter((membership) => membership.status === "active");
  const assigning = active.find((membership) => assigningOrganisationIds.includes(membership.organisationId));
  return (assigning ?? active[0])?.organisationId ?? null;
}

/** Organisations in which the person may tutor (manager or author, active). */
export function staffOrganisations(memberships: readonly MembershipLike[]): string[] {
  return memberships
    .filter((membership) => membership.status === "active" && STAFF_MEMBERSHIP_ROLES.includes(membership.role))
    .map((membership) => membership.organisationId);
}
