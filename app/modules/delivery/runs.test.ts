import { describe, expect, it } from "vitest";
import type { Role, UnitOfLearning } from "../standards/learning-design/model";
import { firstLearnerRole, rolesFor, runOrganisationFor, staffOrganisations, staffRoles } from "./runs";

const role = (identifier: string, kind: Role["kind"], parent: string | null = null): Role => ({
  identifier,
  kind,
  title: null,
  parent,
  createNew: "not-allowed",
  matchPersons: "not-exclusively",
  minPersons: null,
  maxPersons: null,
  information: null,
});

const uol = { roles: [role("R-tutor", "staff"), role("R-learner", "learner"), role("R-peer", "learner"), role("R-head-tutor", "staff", "R-tutor")] } as UnitOfLearning;
const member = (organisationId: string, memberRole: string, status = "active") => ({ organisationId, role: memberRole, status });

describe("who plays which role", () => {
  it("gives an enrolled learner the unit's first learner role and staff its top-level staff roles", () => {
    expect(firstLearnerRole(uol)).toBe("R-learner");
    expect(staffRoles(uol)).toEqual(["R-tutor"]);
    expect(rolesFor(uol, { enrolled: true, memberships: [member("org", "learner")] }, "org")).toEqual(["R-learner"]);
    expect(rolesFor(uol, { enrolled: false, memberships: [member("org", "manager")] }, "org")).toEqual(["R-tutor"]);
    expect(rolesFor(uol, { enrolled: true, memberships: [member("org", "author")] }, "org")).toEqual(["R-learner", "R-tutor"]);
  });

  it("gives staff roles only in runs of the organisation they manage or author for, while active", () => {
    expect(rolesFor(uol, { enrolled: false, memberships: [member("other", "manager")] }, "org")).toEqual([]);
    expect(rolesFor(uol, { enrolled: false, memberships: [member("org", "manager", "deactivated")] }, "org")).toEqual([]);
    expect(rolesFor(uol, { enrolled: false, memberships: [member("org", "manager")] }, null)).toEqual([]);
    expect(staffOrganisations([member("a", "learner"), member("b", "author"), member("c", "manager", "deactivated")])).toEqual(["b"]);
  });

  it("puts a learner in the run of the organisation that assigned the course, else their first one, else a personal run", () => {
    const memberships = [member("alpha", "learner"), member("beta", "learner")];
    expect(runOrganisationFor(memberships, ["beta"])).toBe("beta");
    expect(runOrganisationFor(memberships, [])).toBe("alpha");
    expect(runOrganisationFor([member("alpha", "learner", "deactivated")], [])).toBeNull();
    expect(runOrganisationFor([], [])).toBeNull();
  });
});
