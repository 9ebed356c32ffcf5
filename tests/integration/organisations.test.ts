import { createTransport } from "nodemailer";
import { beforeAll, describe, expect, it } from "vitest";
import { signIn } from "../../app/modules/auth/accounts.server";
import { sendOutbox, type MailTransport } from "../../app/modules/mail/outbox.server";
import { dueDateToInstant } from "../../app/modules/organisations/assignments";
import { assignmentsOf, createAssignment, listAssignments } from "../../app/modules/organisations/assignments.server";
import {
  acceptInvitation,
  acceptWithNewAccount,
  createInvitation,
  viewInvitation,
} from "../../app/modules/organisations/invitations.server";
import { importMembers, previewImport } from "../../app/modules/organisations/member-import.server";
import { changeRole, changeStatus, removeMember } from "../../app/modules/organisations/members.server";
import { erasePersonalData, exportPersonalData } from "../../app/modules/organisations/personal-data.server";
import { runReminders } from "../../app/modules/organisations/reminders.server";
import { addTeamMember, createTeam, removeTeamMember } from "../../app/modules/organisations/teams.server";
import type { Db } from "../../app/utils/db.server";
import { setUpTestDatabase } from "../support/test-db";

const database = setUpTestDatabase();
const NOW = new Date("2026-03-01T09:00:00Z");
const DAY = 24 * 60 * 60 * 1000;
const model = JSON.stringify({
  learningDesign: { learningActivities: [{ identifier: "LA-intro", title: "Introduction" }, { identifier: "LA-quiz", title: null }] },
});

let organisationId: string;
let courseId: string;
let packageId: string;
let managerId: string;
let seq = 0;

async function person(db: Db, name: string, role = "learner", locale: string | null = null) {
  seq += 1;
  const user = await db.user.create({ data: { email: `${name.toLowerCase()}${seq}@example.org`, name, passwordHash: "x", locale } });
  const membership = await db.membership.create({ data: { userId: user.id, organisationId, role } });
  return { userId: user.id, membershipId: membership.id, email: user.email };
}

async function finish(db: Db, userId: string, nodeId = "") {
  const enrolment = await db.enrolment.upsert({
    where: { userId_courseId: { userId, courseId } },
    create: { userId, courseId, packageId },
    update: {},
  });
  await db.progress.create({ data: { enrolmentId: enrolment.id, nodeId, status: "completed" } });
}

beforeAll(async () => {
  const db = database.db;
  organisationId = (await db.organisation.create({ data: { slug: "coop", name: "Coop Navile", country: "IT" } })).id;
  const course = await db.course.create({ data: { identifier: "course-1", title: "Secure communication" } });
  courseId = course.id;
  packageId = (
    await db.coursePackage.create({ data: { courseId, version: 1, kind: "imsld", storageKey: "k1", model } })
  ).id;
  managerId = (await person(db, "Manager", "manager")).userId;
});

describe("assignments", () => {
  it("apply to whoever is in the team now, and to nobody outside it", async () => {
    const db = database.db;
    const team = await createTeam(db, organisationId, "Quartiere Navile");
    if (!team.ok) throw new Error("team");
    const early = await person(db, "Early");
    await addTeamMember(db, organisationId, team.teamId, early.membershipId);
    const created = await createAssignment(db, organisationId, managerId, {
      what: { courseId, nodeId: null },
      who: { kind: "team", id: team.teamId },
      dueAt: dueDateToInstant("2026-03-20"),
      reason: "New intake procedure",
      mandatory: true,
    });
    expect(created.ok).toBe(true);

    const late = await person(db, "Late");
    expect(await assignmentsOf(db, late.userId)).toEqual([]);
    await addTeamMember(db, organisationId, team.teamId, late.membershipId);
    const inherited = await assignmentsOf(db, late.userId);
    expect(inherited).toMatchObject([
      { title: "Secure communication", teamName: "Quartiere Navile", reason: "New intake procedure", mandatory: true, status: "not-started" },
    ]);
    expect(inherited[0].dueAt).toBe("2026-03-20T12:00:00.000Z");

    await removeTeamMember(db, organisationId, team.teamId, late.membershipId);
    expect(await assignmentsOf(db, late.userId)).toEqual([]);

    await changeStatus(db, organisationId, early.membershipId, "deactivated");
    expect(await assignmentsOf(db, early.userId)).toEqual([]);
  });

  it("can ask for a single activity and counts it done when that activity is", async () => {
    const db = database.db;
    const learner = await person(db, "Single");
    const refused = await createAssignment(db, organisationId, managerId, {
      what: { courseId, nodeId: "LA-unknown" },
      who: { kind: "member", id: learner.membershipId },
      dueAt: dueDateToInstant("2026-04-01"),
      reason: "",
      mandatory: false,
    });
    expect(refused).toEqual({ ok: false, field: "what" });
    await createAssignment(db, organisationId, managerId, {
      what: { courseId, nodeId: "LA-quiz" },
      who: { kind: "member", id: learner.membershipId },
      dueAt: dueDateToInstant("2026-04-01"),
      reason: "",
      mandatory: false,
    });
    await finish(db, learner.userId, "LA-quiz");
    const [mine] = await assignmentsOf(db, learner.userId);
    expect(mine).toMatchObject({ nodeId: "LA-quiz", activityTitle: "LA-quiz", status: "completed" });
    const row = (await listAssignments(db, organisationId)).find((a) => a.activityTitle === "LA-quiz");
    expect(row).toMatchObject({ learners: 1, done: 1, target: { kind: "member", name: "Single" } });
  });
});

describe("reminders", () => {
  it("remind each learner once per kind, however often the job runs, and tell managers about overdue work", async () => {
    const db = database.db;
    await db.assignment.deleteMany({});
    const italian = await person(db, "Giulia", "learner", "it");
    const done = await person(db, "Done");
    await createAssignment(db, organisationId, managerId, {
      what: { courseId, nodeId: null },
      who: { kind: "member", id: italian.membershipId },
      dueAt: new Date(NOW.getTime() + 5 * DAY),
      reason: "",
      mandatory: false,
    });
    await createAssignment(db, organisationId, managerId, {
      what: { courseId, nodeId: null },
      who: { kind: "member", id: done.membershipId },
      dueAt: new Date(NOW.getTime() + 5 * DAY),
      reason: "",
      mandatory: false,
    });
    await finish(db, done.userId);

    const first = await runReminders(db, NOW);
    const again = await runReminders(db, new Date(NOW.getTime() + 60 * 60 * 1000));
    expect(first).toEqual({ notifications: 1, emails: 1 });
    expect(again).toEqual({ notifications: 0, emails: 0 });
    const [notification] = await db.notification.findMany({ where: { userId: italian.userId } });
    expect(notification.subject).toBe("Scade tra una settimana: Secure communication");
    expect(await db.notification.count({ where: { userId: done.userId } })).toBe(0);

    await runReminders(db, new Date(NOW.getTime() + 4.5 * DAY));
    await runReminders(db, new Date(NOW.getTime() + 6 * DAY));
    await runReminders(db, new Date(NOW.getTime() + 6 * DAY + 1000));
    const kinds = (await db.notification.findMany({ where: { userId: italian.userId }, orderBy: { createdAt: "asc" } })).map((n) => n.kind);
    expect(kinds).toEqual(["assignment-due-in-7-days", "assignment-due-in-1-day", "assignment-overdue"]);
    const managerMail = await db.outboxEmail.findMany({ where: { to: { startsWith: "manager" } } });
    expect(managerMail).toHaveLength(1);
    expect(managerMail[0].subject).toBe("Giulia non ha finito Secure communication");
    expect(await db.outboxEmail.count({ where: { to: italian.email } })).toBe(3);
  });
});

describe("the outbox", () => {
  it("sends through a real nodemailer transport and marks the message sent", async () => {
    const db = database.db;
    await db.outboxEmail.deleteMany({});
    await db.outboxEmail.create({ data: { dedupeKey: "t1", to: "ana@example.org", subject: "Hello", text: "Body" } });
    const sent: string[] = [];
    const transport = createTransport({ jsonTransport: true });
    const recording: MailTransport = {
      sendMail: async (mail) => {
        const info = await transport.sendMail(mail);
        sent.push(String(info.message));
        return info;
      },
    };
    expect(await sendOutbox(db, recording, NOW, { from: "Vademecum <no-reply@example.org>" })).toEqual({ sent: 1, failed: 0 });
    expect(JSON.parse(sent[0])).toMatchObject({ subject: "Hello", text: "Body", to: [{ address: "ana@example.org" }] });
    const row = await db.outboxEmail.findUniqueOrThrow({ where: { dedupeKey: "t1" } });
    expect(row.sentAt).not.toBeNull();
    expect(row.attempts).toBe(1);
    expect(await sendOutbox(db, recording, new Date(NOW.getTime() + DAY))).toEqual({ sent: 0, failed: 0 });
  });

  it("records a failure and retries after a wait", async () => {
    const db = database.db;
    await db.outboxEmail.deleteMany({});
    await db.outboxEmail.create({ data: { dedupeKey: "t2", to: "bo@example.org", subject: "Hi", text: "Body" } });
    const failing: MailTransport = { sendMail: async () => Promise.reject(new Error("421 try again later")) };
    expect(await sendOutbox(db, failing, NOW)).toEqual({ sent: 0, failed: 1 });
    const failed = await db.outboxEmail.findUniqueOrThrow({ where: { dedupeKey: "t2" } });
    expect(failed).toMatchObject({ sentAt: null, attempts: 1, lastError: "421 try again later" });

    const stream = createTransport({ streamTransport: true, buffer: true });
    expect(await sendOutbox(db, stream, new Date(Date.now() + 1000))).toEqual({ sent: 0, failed: 0 });
    expect(await sendOutbox(db, stream, new Date(Date.now() + 2 * 60 * 1000))).toEqual({ sent: 1, failed: 0 });
    expect(await db.outboxEmail.findUniqueOrThrow({ where: { dedupeKey: "t2" } })).toMatchObject({ attempts: 2, lastError: null });
  });

  it("never sends a message twice when two senders run at once", async () => {
    const db = database.db;
    await db.outboxEmail.deleteMany({});
    for (let i = 0; i < 20; i += 1) {
      await db.outboxEmail.create({ data: { dedupeKey: `c${i}`, to: `p${i}@example.org`, subject: "S", text: "T" } });
    }
    const deliveries: string[] = [];
    const slow = (): MailTransport => ({
      sendMail: async (mail) => {
        await new Promise((resolve) => setTimeout(resolve, 2));
        deliveries.push(String(mail.to));
        return { messageId: "x" } as never;
      },
    });
    const second = (await import("../../app/utils/db.server")).createDb(database.url);
    try {
      const [a, b] = await Promise.all([sendOutbox(db, slow(), NOW), sendOutbox(second, slow(), NOW)]);
      expect(a.sent + b.sent).toBe(20);
    } finally {
      await second.$disconnect();
    }
    expect(deliveries).toHaveLength(20);
    expect(new Set(deliveries).size).toBe(20);
  });
});

describe("invitations", () => {
  it("work once, for 14 days, and make the invitee a member with the invited role", async () => {
    const db = database.db;
    const { url } = await createInvitation(db, { organisationId, email: "new@example.org", role: "author", baseUrl: "https://v.example", now: NOW });
    const token = url.split("/").pop()!;
    const stored = await db.invitation.findFirstOrThrow({ where: { email: "new@example.org" } });
    expect(stored.tokenHash).not.toContain(token);
    expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    const mail = await db.outboxEmail.findFirstOrThrow({ where: { to: "new@example.org" } });
    expect(mail.subject).toBe("Invito a Coop Navile su Vademecum");
    expect(mail.text).toContain(url);

    expect(await viewInvitation(db, token, new Date(NOW.getTime() + 15 * DAY))).toMatchObject({ state: "expired" });
    expect(await viewInvitation(db, "nonsense", NOW)).toEqual({ state: "unknown" });
    expect(await viewInvitation(db, token, NOW)).toMatchObject({ state: "valid", role: "author", hasAccount: false });

    const joined = await acceptWithNewAccount(db, token, { name: "Nuova", password: "a long password", locale: "it" }, NOW);
    expect(joined).toMatchObject({ ok: true, organisationSlug: "coop" });
    const membership = await db.membership.findFirstOrThrow({ where: { user: { email: "new@example.org" }, organisationId } });
    expect(membership.role).toBe("author");
    expect(await viewInvitation(db, token, NOW)).toMatchObject({ state: "used" });
    expect(await acceptInvitation(db, token, managerId, NOW)).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuse an expired token", async () => {
    const db = database.db;
    const { url } = await createInvitation(db, { organisationId, email: "late@example.org", role: "learner", baseUrl: "https://v.example", now: NOW });
    const someone = await db.user.create({ data: { email: "late@example.org", name: "Late", passwordHash: "x" } });
    expect(await acceptInvitation(db, url.split("/").pop()!, someone.id, new Date(NOW.getTime() + 14 * DAY))).toEqual({
      ok: false,
      reason: "invalid",
    });
  });
});

describe("member import", () => {
  it("previews per-row problems and imports the valid rows with teams, job roles and invitations", async () => {
    const db = database.db;
    const existing = await person(db, "Existing");
    const outsider = await db.user.create({ data: { email: "outsider@example.org", name: "Outsider", passwordHash: "x" } });
    const csv = [
      "\uFEFFemail;name;role;team;job role",
      "marco@example.org;Marco;learner;Unità di strada;peer supporter",
      "outsider@example.org;Outsider;author;Unità di strada;",
      `${existing.email};Existing;learner;;`,
      "broken;Broken;learner;;",
      "marco@example.org;Marco again;learner;;",
      "x@example.org;X;chief;;",
    ].join("\r\n");
    const preview = await previewImport(db, organisationId, csv);
    if (!preview.ok) throw new Error(preview.problem);
    expect(preview.rows.map((row) => row.errors)).toEqual([[], [], ["already-member"], ["email-invalid"], ["duplicate"], ["role-unknown"]]);
    expect(await db.user.count({ where: { email: "marco@example.org" } })).toBe(0);

    const result = await importMembers(db, { organisationId, text: csv, baseUrl: "https://v.example", now: NOW });
    expect(result).toEqual({ ok: true, added: 2, invited: 1, teamsCreated: 1 });
    const marco = await db.user.findUniqueOrThrow({ where: { email: "marco@example.org" }, include: { memberships: true, teamMembers: true } });
    expect(marco.passwordHash).toBe("");
    expect(marco.memberships[0]).toMatchObject({ organisationId, role: "learner", jobRole: "peer supporter" });
    expect(marco.teamMembers).toHaveLength(1);
    expect(await db.membership.findFirst({ where: { userId: outsider.id, organisationId } })).toMatchObject({ role: "author" });
    expect(await db.invitation.count({ where: { email: "marco@example.org" } })).toBe(1);
    await expect(signIn(db, "marco@example.org", "", "10.0.0.1")).resolves.toMatchObject({ ok: false });
  });

  it("stores nothing when one row fails while storing", async () => {
    const db = database.db;
    await db.$executeRawUnsafe(
      "CREATE TRIGGER refuse_boom BEFORE INSERT ON Membership WHEN NEW.jobRole = 'boom' BEGIN SELECT RAISE(ABORT, 'boom'); END",
    );
    const counts = () => Promise.all([db.user.count(), db.membership.count(), db.team.count(), db.invitation.count(), db.outboxEmail.count()]);
    const before = await counts();
    const csv = "email,team,job role\nfirst@example.org,New team,\nsecond@example.org,,boom\n";
    await expect(importMembers(db, { organisationId, text: csv, baseUrl: "https://v", now: NOW })).rejects.toThrow();
    expect(await counts()).toEqual(before);
    await db.$executeRawUnsafe("DROP TRIGGER refuse_boom");
  });
});

describe("managers", () => {
  it("cannot demote, deactivate or remove the last active manager", async () => {
    const db = database.db;
    const organisation = await db.organisation.create({ data: { slug: "solo", name: "Solo" } });
    const user = await db.user.create({ data: { email: "solo@example.org", name: "Solo", passwordHash: "x" } });
    const membership = await db.membership.create({ data: { userId: user.id, organisationId: organisation.id, role: "manager" } });
    expect(await changeRole(db, organisation.id, membership.id, "learner")).toEqual({ ok: false, reason: "last-manager" });
    expect(await changeStatus(db, organisation.id, membership.id, "deactivated")).toEqual({ ok: false, reason: "last-manager" });
    expect(await removeMember(db, organisation.id, membership.id)).toEqual({ ok: false, reason: "last-manager" });
    expect(await db.membership.findUniqueOrThrow({ where: { id: membership.id } })).toMatchObject({ role: "manager", status: "active" });
  });

  it("removing a member keeps their learning history", async () => {
    const db = database.db;
    const leaver = await person(db, "Leaver");
    await finish(db, leaver.userId);
    expect(await removeMember(db, organisationId, leaver.membershipId)).toEqual({ ok: true });
    expect(await db.membership.count({ where: { userId: leaver.userId } })).toBe(0);
    expect(await db.progress.count({ where: { enrolment: { userId: leaver.userId } } })).toBe(1);
  });
});

describe("personal data", () => {
  it("exports everything and anonymises on erasure, keeping progress for reports", async () => {
    const db = database.db;
    const learner = await person(db, "Erika");
    await finish(db, learner.userId);
    await db.session.create({ data: { id: "erika-session", userId: learner.userId, expiresAt: new Date(NOW.getTime() + DAY) } });
    await db.notification.create({ data: { userId: learner.userId, kind: "k", subject: "Private", body: "Note" } });
    const exported = await exportPersonalData(db, learner.userId, NOW);
    expect(exported.profile).toMatchObject({ name: "Erika", email: learner.email });
    expect(exported.memberships).toMatchObject([{ organisation: "Coop Navile", role: "learner" }]);
    expect(exported.enrolments[0].progress).toMatchObject([{ nodeId: "(course)", status: "completed" }]);
    expect(exported.notifications).toMatchObject([{ subject: "Private" }]);

    expect(await erasePersonalData(db, learner.userId, NOW)).toEqual({ ok: true });
    const user = await db.user.findUniqueOrThrow({ where: { id: learner.userId } });
    expect(user).toMatchObject({ name: "Deleted user", passwordHash: "", anonymisedAt: NOW, deletionRequestedAt: NOW });
    expect(user.email).toBe(`deleted-${learner.userId}@deleted.invalid`);
    expect(await db.session.count({ where: { userId: learner.userId } })).toBe(0);
    expect(await db.notification.count({ where: { userId: learner.userId } })).toBe(0);
    expect(await db.progress.count({ where: { enrolment: { userId: learner.userId } } })).toBe(1);
    expect(await db.membership.count({ where: { userId: learner.userId } })).toBe(1);
  });

  it("refuses erasure while the person is the only manager of an organisation", async () => {
    const db = database.db;
    const solo = await db.user.findUniqueOrThrow({ where: { email: "solo@example.org" } });
    expect(await erasePersonalData(db, solo.id, NOW)).toEqual({ ok: false, reason: "last-manager", organisations: ["Solo"] });
  });
});
