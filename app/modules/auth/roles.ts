/**
 * Roles and what they may do, as pure functions over a signed-in user's memberships.
 * Every check here is repeated on the server in loaders and actions; the UI only uses it to
 * decide what to show.
 */
export const MEMBERSHIP_ROLES = ["learner", "author", "manager"] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

export interface MembershipSummary {
  organisationId: string;
  organisationSlug: string;
  organisationName: string;
  role: MembershipRole;
  status: "active" | "deactivated";
}

export interface UserSummary {
  id: string;
  email: string;
  name: string;
  locale: string | null;
  isAdmin: boolean;
  memberships: MembershipSummary[];
}

export function isMembershipRole(value: string): value is MembershipRole {
  return (MEMBERSHIP_ROLES as readonly string[]).includes(value);
}

export function activeMemberships(user: UserSummary): MembershipSummary[] {
  return user.memberships.filter((membership) => membership.status === "active");
}

export function managedOrganisations(user: UserSummary): MembershipSummary[] {
  return activeMemberships(user).filter((membership) => membership.role === "manager");
}

/** Authors import and edit learning objects; platform admins may too. */
export function canAuthor(user: UserSummary): boolean {
  return user.isAdmin || activeMemberships(user).some((membership) => membership.role === "author");
}

export function canManage(user: UserSummary, organisationId: string): boolean {
  return managedOrganisations(user).some((membership) => membership.organisationId === organisationId);
}

export type HomeArea =
  | "learning"
  | "catalogue"
  | "competences"
  | "vademecum"
  | "inbox"
  | "library"
  | "organisation"
  | "admin";

/** The areas a user can reach, in navigation order. Everyone is a learner. */
export function areasFor(user: UserSummary): HomeArea[] {
  const areas: HomeArea[] = ["learning", "catalogue", "competences", "vademecum", "inbox"];
  if (canAuthor(user)) areas.push("library");
  if (managedOrganisations(user).length > 0) areas.push("organisation");
  if (user.isAdmin) areas.push("admin");
  return areas;
}

export const AREA_PATHS: Record<HomeArea, string> = {
  learning: "/learning",
  catalogue: "/catalogue",
  competences: "/competences",
  vademecum: "/vademecum",
  inbox: "/inbox",
  library: "/library",
  organisation: "/organisation",
  admin: "/admin",
};

/** The home page of a user's main role: admin, then manager, then author, then learner. */
export function homePathFor(user: UserSummary): string {
  if (user.isAdmin) return AREA_PATHS.admin;
  if (managedOrganisations(user).length > 0) return AREA_PATHS.organisation;
  if (canAuthor(user)) return AREA_PATHS.library;
  return AREA_PATHS.learning;
}

/** Only same-site paths, never "//host" or absolute URLs: no open redirects after sign-in. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) {
    return fallback;
  }
  return to;
}
