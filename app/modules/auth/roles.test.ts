import { describe, expect, it } from "vitest";
import { areasFor, canManage, homePathFor, safeRedirect, type MembershipSummary, type UserSummary } from "./roles";

function user(memberships: Partial<MembershipSummary>[], isAdmin = false): UserSummary {
  return {
    id: "u1",
    email: "someone@example.org",
    name: "Someone",
    locale: null,
    isAdmin,
    memberships: memberships.map((m, index) => ({
      organisationId: `org${index}`,
      organisationSlug: `org-${index}`,
      organisationName: `Org ${index}`,
      role: "learner",
      status: "active",
      ...m,
    })),
  };
}

describe("home page per role", () => {
  it.each([
    ["a learner", user([{ role: "learner" }]), "/learning", ["learning", "catalogue", "competences", "vademecum", "inbox"]],
    ["someone with no organisation", user([]), "/learning", ["learning", "catalogue", "competences", "vademecum", "inbox"]],
    ["an author", user([{ role: "author" }]), "/library", ["learning", "catalogue", "competences", "vademecum", "inbox", "library"]],
    ["a manager", user([{ role: "manager" }]), "/organisation", ["learning", "catalogue", "competences", "vademecum", "inbox", "organisation"]],
    ["a deactivated manager", user([{ role: "manager", status: "deactivated" }]), "/learning", ["learning", "catalogue", "competences", "vademecum", "inbox"]],
    ["an admin", user([{ role: "learner" }], true), "/admin", ["learning", "catalogue", "competences", "vademecum", "inbox", "library", "admin"]],
    ["a manager who authors elsewhere", user([{ role: "manager" }, { role: "author" }]), "/organisation", ["learning", "catalogue", "competences", "vademecum", "inbox", "library", "organisation"]],
  ])("sends %s to their home and shows their areas", (_label, who, home, areas) => {
    expect(homePathFor(who)).toBe(home);
    expect(areasFor(who)).toEqual(areas);
  });

  it("lets a manager manage only their own organisation", () => {
    const manager = user([{ role: "manager" }, { role: "learner" }]);
    expect(canManage(manager, "org0")).toBe(true);
    expect(canManage(manager, "org1")).toBe(false);
    expect(canManage(manager, "someone-elses")).toBe(false);
  });
});

describe("redirects after sign-in", () => {
  it.each([
    ["/learning", "/learning"],
    ["/organisations/x?tab=teams", "/organisations/x?tab=teams"],
    ["https://evil.example/", "/"],
    ["//evil.example/", "/"],
    ["/\\evil.example", "/"],
    ["javascript:alert(1)", "/"],
    [null, "/"],
    ["", "/"],
  ])("goes from %s to %s", (to, expected) => {
    expect(safeRedirect(to)).toBe(expected);
  });
});
