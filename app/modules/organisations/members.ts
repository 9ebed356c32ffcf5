import { z } from "zod";
import { MEMBERSHIP_ROLES, type MembershipRole } from "../auth/roles";

/** Rules about who may be what in an organisation, and the manager's forms. Pure. */
export interface MemberState {
  id: string;
  role: string;
  status: string;
}

export type MemberChange = { role?: MembershipRole; status?: "active" | "deactivated"; remove?: boolean };

const isActiveManager = (member: MemberState) => member.role === "manager" && member.status === "active";

/**
 * An organisation always keeps an active manager: a change that would leave it without one
 * (demoting, deactivating or removing the last) is refused.
 */
export function leavesNoManager(members: readonly MemberState[], membershipId: string, change: MemberChange): boolean {
  const after = members.flatMap((member) => {
    if (member.id !== membershipId) return [member];
    if (change.remove) return [];
    return [{ ...member, role: change.role ?? member.role, status: change.status ?? member.status }];
  });
  return members.some(isActiveManager) && !after.some(isActiveManager);
}

const email = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "organisations.errors.emailRequired")
  .max(254, "organisations.errors.emailInvalid")
  .pipe(z.email("organisations.errors.emailInvalid"));

const role = z.enum(MEMBERSHIP_ROLES, "organisations.errors.roleUnknown");

const id = z.string().trim().min(1).max(64);

export const InviteSchema = z.object({ email, role });

export const MemberRoleSchema = z.object({ membershipId: id, role });

export const MemberStatusSchema = z.object({ membershipId: id, status: z.enum(["active", "deactivated"]) });

export const MemberJobRoleSchema = z.object({
  membershipId: id,
  jobRole: z.string().trim().max(100, "organisations.errors.tooLong"),
});

export const MembershipIdSchema = z.object({ membershipId: id });

const teamName = z
  .string()
  .trim()
  .min(1, "organisations.errors.teamNameRequired")
  .max(100, "organisations.errors.tooLong");

export const TeamNameSchema = z.object({ name: teamName });

export const TeamMemberSchema = z.object({ membershipId: id });

export const OrganisationSchema = z.object({
  name: z.string().trim().min(1, "organisations.errors.nameRequired").max(120, "organisations.errors.tooLong"),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .min(2, "organisations.errors.slugInvalid")
    .max(60, "organisations.errors.slugInvalid")
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "organisations.errors.slugInvalid"),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^([A-Z]{2})?$/, "organisations.errors.countryInvalid"),
  managerEmail: email,
});
