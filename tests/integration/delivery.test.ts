import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { UserSummary } from "../../app/modules/auth/roles";
import { digComp22 } from "../../app/modules/competencies/digcomp";
import { storeFramework } from "../../app/modules/competencies/frameworks.server";
import { coursePage } from "../../app/modules/delivery/course.server";
import { courseFile } from "../../app/modules/delivery/files.server";
import { ensureEnrolment } from "../../app/modules/delivery/enrolment.server";
import { setProperty } from "../../app/modules/delivery/learning-design/engine";
import { changeRun, deliverMessages } from "../../app/modules/delivery/ld-runs.server";
import { myLearning } from "../../app/modules/delivery/my-learning.server";
import { inboxMessages } from "../../app/modules/delivery/notifications";
import { markActivityDone, openUnit, setActivityProperties, type UnitSession } from "../../app/modules/delivery/player.server";
import { importPackage } from "../../app/modules/packages/import.server";
import { COURSE_NODE } from "../../app/modules/progress/progress.server";
import { setUpTestDatabase } from "../support/test-db";

// The player reads package files from CONTENT_DIR, which the environment module reads once.
const contentDir = await vi.hoisted(async () => {
  const fs = await import("node:fs");
  const os = await import("node:os");
  const dir = fs.mkdtempSync(`${os.tmpdir()}/vademecum-delivery-content-`);
  process.env.CONTENT_DIR = dir;
  return dir;
});

const database = setUpTestDatabase();
const courses: Record<string, string> = {};
const organisation = { id: "", slug: "coop", name: "Coop" };
const people: Record<"anna" | "bruno" | "marta" | "solo" | "stranger", UserSummary> = {} as never;

function summary(id: string, name: string, role: "learner" | "manager" | "author" | null): UserSummary {
  return {
    id,
    email: `${name}@example.org`,
    name,
    locale: null,
    isAdmin: false,
    memberships: role
      ? [{ organisationId: organisation.id, organisationSlug: organisation.slug, organisationName: organisation.name, role, status: "active" }]
      : [],
  };
}

async function open(person: UserSummary, courseId = courses.collaboration): Promise<UnitSession> {
  const opened = await openUnit(database.db, person, courseId, { now: new Date().toISOString() });
  if (!opened.ok) throw new Error(opened.reason);
  return opened.session;
}

async function done(person: UserSummary, activityId: string) {
  const outcome = await markActivityDone(database.db, await open(person), activityId);
  expect(outcome, activityId).toEqual({ ok: true });
}

beforeAll(async () => {
  const db = database.db;
  await storeFramework(db, digComp22());
  for (const [key, folder] of [
    ["collaboration", "04-collaboration-peer-support"],
    ["data", "05-data-monitoring"],
  ]) {
    const outcome = await importPackage(db, path.resolve("courses", folder), { contentDir });
    if (!outcome.ok) throw new Error(`import of ${folder} failed`);
    courses[key] = outcome.courseId;
  }
  organisation.id = (await db.organisation.create({ data: { slug: organisation.slug, name: organisation.name } })).id;
  for (const [key, role] of [
    ["anna", "learner"],
    ["bruno", "learner"],
    ["marta", "manager"],
    ["solo", null],
    ["stranger", null],
  ] as const) {
    const user = await db.user.create({ data: { email: `${key}@example.org`, name: key, passwordHash: "x" } });
    if (role) await db.membership.create({ data: { userId: user.id, organisationId: organisation.id, role } });
    people[key] = summary(user.id, key, role);
  }
}, 60_000);

describe("enrolment", () => {
  it("pins the newest version and is idempotent", async () => {
    const first = (await ensureEnrolment(database.db, people.anna.id, courses.collaboration))!;
    const second = (await ensureEnrolment(database.db, people.anna.id, courses.collaboration))!;
    expect(second.id).toBe(first.id);
    const newest = await database.db.coursePackage.findFirstOrThrow({ where: { courseId: courses.collaboration }, orderBy: { version: "desc" } });
    expect(first.packageId).toBe(newest.id);
    await expect(openUnit(database.db, people.stranger, courses.collaboration, { now: new Date().toISOString() })).resolves.toEqual({
      ok: false,
      reason: "not-enrolled",
    });
  });
});

describe("runs", () => {
  it("shares one run per organisation, gives staff the tutor role and a learner without organisation a run of their own", async () => {
    await ensureEnrolment(database.db, people.bruno.id, courses.collaboration);
    await ensureEnrolment(database.db, people.solo.id, courses.collaboration);
    const anna = await open(people.anna);
    const bruno = await open(people.bruno);
    const solo = await open(people.solo);
    expect(bruno.runId).toBe(anna.runId);
    expect(solo.runId).not.toBe(anna.runId);
    expect(bruno.state.roles).toEqual({
      [people.marta.id]: ["R-tutor"],
      [people.anna.id]: ["R-learner"],
      [people.bruno.id]: ["R-learner"],
    });
    const participants = await database.db.ldRunParticipant.findMany({ where: { runId: anna.runId }, orderBy: { createdAt: "asc" } });
    expect(participants.map((participant) => JSON.parse(participant.roles))).toEqual([["R-tutor"], ["R-learner"], ["R-learner"]]);
    expect(Object.keys(solo.state.roles)).toEqual([people.solo.id]);
  });

  it("keeps both of two concurrent changes (the later writer retries on the newer revision)", async () => {
    const session = await open(people.solo);
    const before = await database.db.ldRun.findUniqueOrThrow({ where: { id: session.runId } });
    const set = (propertyRef: string, value: string) =>
      changeRun(database.db, session, people.solo.id, new Date().toISOString(), (state) =>
        setProperty(session.uol, state, people.solo.id, propertyRef, value, new Date().toISOString()),
      );
    const results = await Promise.all([set("P-coprod-plan", "tab one"), set("P-plan-revision", "tab two")]);
    expect(results.every((result) => result.ok)).toBe(true);
    const after = await database.db.ldRun.findUniqueOrThrow({ where: { id: session.runId } });
    expect(JSON.parse(after.state).properties.locpers[people.solo.id]).toEqual({ "P-coprod-plan": "tab one", "P-plan-revision": "tab two" });
    expect(after.revision).toBe(before.revision + 2);
  });
});

describe("progress and notifications", () => {
  it("writes progress for activities, structures, acts, the play, the unit and the course, and rolls up when the group is done", async () => {
    for (const activity of ["LA-peer-experts", "LA-shared-docs", "LA-online-meetings"]) await done(people.anna, activity);
    const enrolment = await database.db.enrolment.findUniqueOrThrow({
      where: { userId_courseId: { userId: people.anna.id, courseId: courses.collaboration } },
      include: { progress: true },
    });
    const status = (rows: typeof enrolment.progress) => Object.fromEntries(rows.map((row) => [row.nodeId, row.status]));
    expect(status(enrolment.progress)).toMatchObject({
      "LA-peer-experts": "completed",
      "AS-foundations": "completed",
      "ACT-foundations": "in-progress",
      "PL-main": "in-progress",
      "LD-collaboration-peer-support": "in-progress",
      [COURSE_NODE]: "in-progress",
    });
    expect(enrolment.progress.find((row) => row.nodeId === COURSE_NODE)?.lastAccessAt).not.toBeNull();

    // The act is shared: it completes for everyone once Bruno has done his part too.
    for (const activity of ["LA-peer-experts", "LA-shared-docs", "LA-online-meetings"]) await done(people.bruno, activity);
    const act = await database.db.progress.findUniqueOrThrow({
      where: { enrolmentId_nodeId: { enrolmentId: enrolment.id, nodeId: "ACT-foundations" } },
    });
    expect(act.status).toBe("completed");
  });

  it("honours number-to-select, and sends the tutor one message when a plan is submitted, however often it is delivered", async () => {
    await done(people.anna, "LA-opt-ethics");
    const locked = await setActivityProperties(database.db, await open(people.anna), "LA-plan", [{ propertyRef: "P-coprod-plan", value: "x" }], null, "en");
    expect(locked).toMatchObject({ ok: false });
    await done(people.anna, "LA-opt-training");
    const saved = await setActivityProperties(
      database.db,
      await open(people.anna),
      "LA-plan",
      [{ propertyRef: "P-coprod-plan", value: "Monthly open meeting with peer experts." }],
      null,
      "en",
    );
    expect(saved).toEqual({ ok: true });
    const messages = await database.db.notification.findMany({ where: { userId: people.marta.id } });
    expect(messages).toHaveLength(1);
    expect(messages[0].subject).toMatch(/co-production plan/);

    const session = await open(people.anna);
    const again = inboxMessages(session.runId, session.state.notifications, session.course);
    await deliverMessages(database.db, again);
    await deliverMessages(database.db, again);
    await expect(database.db.notification.count({ where: { userId: people.marta.id } })).resolves.toBe(1);

    // A manager who joins later finds the message sent to the tutor role before.
    const late = await database.db.user.create({ data: { email: "late@example.org", name: "late", passwordHash: "x" } });
    await database.db.membership.create({ data: { userId: late.id, organisationId: organisation.id, role: "manager" } });
    await open(summary(late.id, "late", "manager"));
    await expect(database.db.notification.count({ where: { userId: late.id } })).resolves.toBe(1);
  });
});

describe("package files", () => {
  it("serves files of the learner's version only to enrolled people, never outside the package or pages", async () => {
    const db = database.db;
    await expect(courseFile(db, people.stranger.id, courses.data, "content/en/data-groups.csv")).rejects.toMatchObject({ status: 403 });
    await ensureEnrolment(db, people.stranger.id, courses.data);
    const file = await courseFile(db, people.stranger.id, courses.data, "content/en/data-groups.csv");
    expect(file.delivery).toEqual({ contentType: "text/csv; charset=utf-8", disposition: "attachment" });
    for (const requested of ["content/../../../etc/passwd", "%2e%2e/%2e%2e/etc/passwd", "/etc/passwd", "content%2F..%2F..%2Fx.csv", "content/en/welcome.xhtml"]) {
      await expect(courseFile(db, people.stranger.id, courses.data, requested), requested).rejects.toMatchObject({ status: 404 });
    }
  });
});

describe("My learning", () => {
  it("lists the training assigned to the learner or their team, soonest due first, and each course's progress and next step", async () => {
    const db = database.db;
    const user = await db.user.create({ data: { email: "lia@example.org", name: "lia", passwordHash: "x" } });
    await db.membership.create({ data: { userId: user.id, organisationId: organisation.id, role: "learner" } });
    const lia = summary(user.id, "lia", "learner");
    const team = await db.team.create({ data: { organisationId: organisation.id, name: "Street work" } });
    await db.teamMember.create({ data: { teamId: team.id, userId: lia.id } });
    const elsewhere = await db.organisation.create({ data: { slug: "elsewhere", name: "Elsewhere" } });
    await db.membership.create({ data: { userId: lia.id, organisationId: elsewhere.id, role: "learner", status: "suspended" } });
    const due = (days: number) => new Date(Date.now() + days * 24 * 60 * 60 * 1000);
    await db.assignment.createMany({
      data: [
        { organisationId: organisation.id, courseId: courses.collaboration, userId: lia.id, dueAt: due(20), mandatory: true },
        { organisationId: organisation.id, courseId: courses.data, teamId: team.id, dueAt: due(5), reason: "For the new monitoring plan" },
        // Not hers: another learner's, and one from an organisation that suspended her.
        { organisationId: organisation.id, courseId: courses.data, userId: people.bruno.id, dueAt: due(1) },
        { organisationId: elsewhere.id, courseId: courses.data, userId: lia.id, dueAt: due(2) },
      ],
    });
    await ensureEnrolment(db, lia.id, courses.collaboration);
    await markActivityDone(db, await open(lia), "LA-peer-experts");

    const now = new Date().toISOString();
    const mine = await myLearning(db, lia.id, { language: "en", now });
    expect(mine.assignments.map(({ courseId, organisationName, reason, mandatory, status }) => ({ courseId, organisationName, reason, mandatory, status }))).toEqual([
      { courseId: courses.data, organisationName: "Coop", reason: "For the new monitoring plan", mandatory: false, status: "not-started" },
      { courseId: courses.collaboration, organisationName: "Coop", reason: null, mandatory: true, status: "in-progress" },
    ]);
    expect(mine.courses).toHaveLength(1);
    const [course] = mine.courses;
    expect(course).toMatchObject({ courseId: courses.collaboration, status: "in-progress", titleLanguage: "en" });
    // The course page, which reads the same state its own way, agrees on the next step.
    const page = await coursePage(db, lia.id, courses.collaboration, "en", now);
    expect(course.next).not.toBeNull();
    expect(course.next).toEqual(page.learner.next);
    expect(course.continueHref).toBe(`/courses/${courses.collaboration}/ld/${course.next!.identifier}`);
    expect(course.lastAccessAt).toBe(page.learner.lastAccessAt);
    expect(course.ratio).toBe(page.learner.ratio);

    // Italian titles where the course has them.
    const inItalian = await myLearning(db, lia.id, { language: "it", now });
    expect(inItalian.courses[0].titleLanguage).toBe("it");
    expect(inItalian.courses[0].title).not.toBe(course.title);
  });
});
