import { describe, expect, it } from "vitest";
import { leavesNoManager, OrganisationSchema } from "./members";

const members = [
  { id: "m1", role: "manager", status: "active" },
  { id: "m2", role: "manager", status: "deactivated" },
  { id: "l1", role: "learner", status: "active" },
];

describe("keeping a manager", () => {
  it("refuses to demote, deactivate or remove the last active manager", () => {
    expect(leavesNoManager(members, "m1", { role: "learner" })).toBe(true);
    expect(leavesNoManager(members, "m1", { status: "deactivated" })).toBe(true);
    expect(leavesNoManager(members, "m1", { remove: true })).toBe(true);
  });

  it("allows it when another active manager remains", () => {
    const two = [...members, { id: "m3", role: "manager", status: "active" }];
    expect(leavesNoManager(two, "m1", { role: "learner" })).toBe(false);
    expect(leavesNoManager(members, "l1", { role: "author" })).toBe(false);
    expect(leavesNoManager(members, "m2", { status: "active" })).toBe(false);
  });
});

describe("organisation form", () => {
  it("normalises slug and country and rejects bad slugs", () => {
    const ok = OrganisationSchema.safeParse({ name: "Coop", slug: "Coop-Sociale", country: "it", managerEmail: "A@b.org" });
    expect(ok.success && ok.data).toMatchObject({ slug: "coop-sociale", country: "IT", managerEmail: "a@b.org" });
    expect(OrganisationSchema.safeParse({ name: "Coop", slug: "no spaces", country: "", managerEmail: "a@b.org" }).success).toBe(false);
  });
});
