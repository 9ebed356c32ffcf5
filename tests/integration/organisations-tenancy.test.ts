import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMigratedDatabase } from "../support/database";

/**
 * Tenant isolation through the real routes: a manager of organisation A sends every loader and
 * action of the organisation pages with organisation B's slug and ids. Each is refused and
 * nothing of B changes.
 */
const database = createMigratedDatabase("vademecum-tenancy-");
process.env.DATABASE_URL = database.url;

const { db } = await import("../../app/utils/db.server");
const { createSession } = await import("../../app/modules/auth/session.server");
const layout = await import("../../app/routes/organisations.$slug");
const overview = await import("../../app/routes/organisations.$slug._index");
const members = await import("../../app/routes/organisations.$slug.members");
const importRoute = await import("../../app/routes/organisations.$slug.members_.import");
const teams = await import("../../app/routes/organisations.$slug.teams");
const team = await import("../../app/routes/organisations.$slug.teams_.$teamId");
const assignments = await import("../../app/routes/organisations.$slug.assignments");
const adminOrganisations = await import("../../app/routes/admin_.organisations");
const outbox = await import("../../app/routes/admin_.outbox");

interface Org {
  id: string;
  slug: string;
  managerCookie: string;
  managerMembershipId: string;
  learnerMembershipId: string;
  teamId: string;
  assignmentId: string;
  invitationId: string;
}

let a: Org;
let b: Org;
let courseId: string;

async function organisation(slug: string): Promise<Org> {
  const org = await db.organisation.create({ data: { slug, name: slug.toUpperCase() } });
  const manager = await db.user.create({ data: { email: `manager@${slug}.org`, name: `Manager ${slug}`, passwordHash: "x" } });
  const learner = await db.user.create({ data: { email: `learner@${slug}.org`, name: `Learner ${slug}`, passwordHash: "x" } });
  const managerMembership = await db.membership.create({ data: { userId: manager.id, organisationId: org.id, role: "manager" } });
  const learnerMembership = await db.membership.create({ data: { userId: learner.id, organisationId: org.id } });
  const team = await db.team.create({ data: { organisationId: org.id, name: `Team ${slug}` } });
  await db.teamMember.create({ data: { teamId: team.id, userId: learner.id } });
  const assignment = await db.assignment.create({ data: { organisationId: org.id, courseId, teamId: team.id } });
  const invitation = await db.invitation.create({
    data: { organisationId: org.id, email: `invited@${slug}.org`, tokenHash: `hash-${slug}`, expiresAt: new Date(Date.now() + 86_400_000) },
  });
  const cookie = (await createSession(manager.id, new Request("http://localhost/"))).split(";")[0];
  return {
    id: org.id,
    slug,
    managerCookie: cookie,
    managerMembershipId: managerMembership.id,
    learnerMembershipId: learnerMembership.id,
    teamId: team.id,
    assignmentId: assignment.id,
    invitationId: invitation.id,
  };
}

/** A snapshot of everything of B that a manager could change. */
async function snapshotOf(org: Org) {
  return JSON.stringify(
    await Promise.all([
      db.membership.findMany({ where: { organisationId: org.id }, orderBy: { id: "asc" } }),
      db.team.findMany({ where: { organisationId: org.id }, orderBy: { id: "asc" } }),
      db.teamMember.findMany({ where: { team: { organisationId: org.id } }, orderBy: { id: "asc" } }),
      db.assignment.findMany({ where: { organisationId: org.id }, orderBy: { id: "asc" } }),
      db.invitation.findMany({ where: { organisationId: org.id }, orderBy: { id: "asc" } }),
    ]),
  );
}

function request(path: string, cookie: string, form?: Record<string, string> | FormData): Request {
  const body = form instanceof FormData ? form : form ? new URLSearchParams(form) : undefined;
  return new Request(`http://localhost${path}`, { method: body ? "POST" : "GET", headers: { Cookie: cookie }, body });
}

type RouteFn = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => Promise<unknown>;

/** The HTTP status a loader or action answers with (thrown or returned). */
async function statusOf(fn: RouteFn, req: Request, params: Record<string, string>): Promise<number> {
  try {
    const result = await fn({ request: req, params, context: {} });
    if (result instanceof Response) return result.status;
    const init = (result as { init?: { status?: number } } | null)?.init;
    return init?.status ?? 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

beforeAll(async () => {
  courseId = (await db.course.create({ data: { identifier: "c", title: "Course" } })).id;
  a = await organisation("org-a");
  b = await organisation("org-b");
});

afterAll(async () => {
  await db.$disconnect();
  fs.rmSync(database.dir, { recursive: true, force: true });
});

describe("a manager of A", () => {
  it("manages their own organisation", async () => {
    const cookie = a.managerCookie;
    const params = { slug: a.slug };
    expect(await statusOf(layout.loader as RouteFn, request(`/organisations/${a.slug}`, cookie), params)).toBe(200);
    expect(await statusOf(members.loader as RouteFn, request(`/organisations/${a.slug}/members`, cookie), params)).toBe(200);
    expect(
      await statusOf(team.loader as RouteFn, request(`/organisations/${a.slug}/teams/${a.teamId}`, cookie), { ...params, teamId: a.teamId }),
    ).toBe(200);
    expect(
      await statusOf(members.action as RouteFn, request(`/organisations/${a.slug}/members`, cookie, { intent: "jobRole", membershipId: a.learnerMembershipId, jobRole: "social worker" }), params),
    ).toBe(200);
    expect((await db.membership.findUniqueOrThrow({ where: { id: a.learnerMembershipId } })).jobRole).toBe("social worker");
  });

  it("cannot open any page of B", async () => {
    const cookie = a.managerCookie;
    const params = { slug: b.slug };
    for (const loader of [layout.loader, overview.loader, members.loader, importRoute.loader, teams.loader, assignments.loader]) {
      expect(await statusOf(loader as RouteFn, request(`/organisations/${b.slug}`, cookie), params)).toBe(404);
    }
    expect(
      await statusOf(team.loader as RouteFn, request(`/organisations/${b.slug}/teams/${b.teamId}`, cookie), { ...params, teamId: b.teamId }),
    ).toBe(404);
    expect(
      await statusOf(team.loader as RouteFn, request(`/organisations/${a.slug}/teams/${b.teamId}`, cookie), { slug: a.slug, teamId: b.teamId }),
    ).toBe(404);
  });

  it("cannot change anything of B, through B's pages or with B's ids in A's forms", async () => {
    const cookie = a.managerCookie;
    const before = await snapshotOf(b);
    const own = { slug: a.slug };
    const theirs = { slug: b.slug };
    const memberForms: Record<string, string>[] = [
      { intent: "role", membershipId: b.learnerMembershipId, role: "manager" },
      { intent: "role", membershipId: b.managerMembershipId, role: "learner" },
      { intent: "status", membershipId: b.learnerMembershipId, status: "deactivated" },
      { intent: "jobRole", membershipId: b.learnerMembershipId, jobRole: "hijacked" },
      { intent: "remove", membershipId: b.learnerMembershipId },
      { intent: "revoke", invitationId: b.invitationId },
    ];
    for (const form of memberForms) {
      expect(await statusOf(members.action as RouteFn, request(`/organisations/${a.slug}/members`, cookie, form), own), JSON.stringify(form)).toBe(404);
      expect(await statusOf(members.action as RouteFn, request(`/organisations/${b.slug}/members`, cookie, form), theirs)).toBe(404);
    }
    expect(
      await statusOf(members.action as RouteFn, request(`/organisations/${b.slug}/members`, cookie, { intent: "invite", email: "x@example.org", role: "manager" }), theirs),
    ).toBe(404);

    const teamForms: [Record<string, string>, string][] = [
      [{ intent: "rename", name: "Hijacked" }, b.teamId],
      [{ intent: "delete" }, b.teamId],
      [{ intent: "add", membershipId: a.learnerMembershipId }, b.teamId],
      [{ intent: "removeMember", membershipId: b.learnerMembershipId }, b.teamId],
      [{ intent: "add", membershipId: b.learnerMembershipId }, a.teamId],
      [{ intent: "removeMember", membershipId: b.learnerMembershipId }, a.teamId],
    ];
    for (const [form, teamId] of teamForms) {
      expect(
        await statusOf(team.action as RouteFn, request(`/organisations/${a.slug}/teams/${teamId}`, cookie, form), { ...own, teamId }),
        JSON.stringify(form),
      ).toBe(404);
    }
    expect(await statusOf(teams.action as RouteFn, request(`/organisations/${b.slug}/teams`, cookie, { name: "New" }), theirs)).toBe(404);

    const assign = (who: string) => ({ intent: "assign", what: courseId, who, dueAt: "2026-05-01" });
    expect(await statusOf(assignments.action as RouteFn, request(`/organisations/${a.slug}/assignments`, cookie, assign(`team:${b.teamId}`)), own)).toBe(400);
    expect(
      await statusOf(assignments.action as RouteFn, request(`/organisations/${a.slug}/assignments`, cookie, assign(`member:${b.learnerMembershipId}`)), own),
    ).toBe(400);
    expect(
      await statusOf(assignments.action as RouteFn, request(`/organisations/${a.slug}/assignments`, cookie, { intent: "delete", assignmentId: b.assignmentId }), own),
    ).toBe(404);
    expect(await statusOf(assignments.action as RouteFn, request(`/organisations/${b.slug}/assignments`, cookie, assign(`team:${b.teamId}`)), theirs)).toBe(404);
    expect(await db.assignment.count({ where: { organisationId: a.id } })).toBe(1);

    const upload = new FormData();
    upload.set("intent", "preview");
    upload.set("file", new File(["email,team\nlearner@org-b.org,Team org-b\n"], "members.csv", { type: "text/csv" }));
    expect(await statusOf(importRoute.action as RouteFn, request(`/organisations/${b.slug}/members/import`, cookie, upload), theirs)).toBe(404);
    const confirm = { intent: "confirm", csv: "email,team\nlearner@org-b.org,Team org-b\n" };
    expect(await statusOf(importRoute.action as RouteFn, request(`/organisations/${b.slug}/members/import`, cookie, confirm), theirs)).toBe(404);

    expect(await snapshotOf(b)).toBe(before);
  });

  it("imports a person who is also in B into A only, without touching B", async () => {
    const before = await snapshotOf(b);
    const confirm = { intent: "confirm", csv: "email,team,job role\nlearner@org-b.org,Team org-b,volunteer\n" };
    expect(await statusOf(importRoute.action as RouteFn, request(`/organisations/${a.slug}/members/import`, a.managerCookie, confirm), { slug: a.slug })).toBe(302);
    expect(await snapshotOf(b)).toBe(before);
    const team = await db.team.findFirstOrThrow({ where: { organisationId: a.id, name: "Team org-b" } });
    expect(team.id).not.toBe(b.teamId);
  });

  it("is not a platform admin", async () => {
    expect(await statusOf(adminOrganisations.loader as RouteFn, request("/admin/organisations", a.managerCookie), {})).toBe(403);
    expect(await statusOf(outbox.loader as RouteFn, request("/admin/outbox", a.managerCookie), {})).toBe(403);
    expect(
      await statusOf(
        adminOrganisations.action as RouteFn,
        request("/admin/organisations", a.managerCookie, { name: "X", slug: "x-org", country: "", managerEmail: "m@x.org" }),
        {},
      ),
    ).toBe(403);
  });
});

describe("a manager of B", () => {
  it("is refused A's pages and ids too", async () => {
    const cookie = b.managerCookie;
    const before = await snapshotOf(a);
    expect(await statusOf(members.loader as RouteFn, request(`/organisations/${a.slug}/members`, cookie), { slug: a.slug })).toBe(404);
    expect(
      await statusOf(members.action as RouteFn, request(`/organisations/${b.slug}/members`, cookie, { intent: "remove", membershipId: a.learnerMembershipId }), { slug: b.slug }),
    ).toBe(404);
    expect(
      await statusOf(team.action as RouteFn, request(`/organisations/${b.slug}/teams/${a.teamId}`, cookie, { intent: "delete" }), { slug: b.slug, teamId: a.teamId }),
    ).toBe(404);
    expect(await snapshotOf(a)).toBe(before);
  });
});
