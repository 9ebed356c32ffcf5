import type { Db } from "../../utils/db.server";
import { mailTranslator } from "../mail/compose.server";
import { enqueueEmail, isUniqueViolation } from "../mail/outbox.server";
import { isDone } from "./assignments";
import { learnersOf, statusesOf, statusKey } from "./assignments.server";
import { reminderKey, reminderKind, type ReminderKind } from "./reminders";

/**
 * Reminds learners of unfinished assignments 7 days and 1 day before the due date, and the
 * learner and the organisation's managers once it is overdue: an in-app notification and an
 * e-mail each, both keyed (see reminderKey) so that running the job again sends nothing twice.
 */
export interface ReminderReport {
  notifications: number;
  emails: number;
}

/** Overdue assignments older than this are not announced any more (e.g. after a long outage). */
const OVERDUE_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;

export async function runReminders(db: Db, now: Date, options: { baseUrl?: string } = {}): Promise<ReminderReport> {
  const report: ReminderReport = { notifications: 0, emails: 0 };
  const assignments = await db.assignment.findMany({
    where: {
      dueAt: { gt: new Date(now.getTime() - OVERDUE_WINDOW_MS), lte: new Date(now.getTime() + 7 * 24 * 60 * 60 * 1000) },
    },
    select: {
      id: true,
      organisationId: true,
      courseId: true,
      nodeId: true,
      teamId: true,
      userId: true,
      dueAt: true,
      course: { select: { title: true } },
      organisation: { select: { name: true, slug: true, country: true } },
    },
  });
  if (assignments.length === 0) return report;
  const learners = await learnersOf(db, assignments);
  const statuses = await statusesOf(
    db,
    assignments.flatMap((a) => (learners.get(a.id) ?? []).map((userId) => ({ userId, courseId: a.courseId, nodeId: a.nodeId }))),
  );
  const userIds = new Set([...learners.values()].flat());
  const managers = await db.membership.findMany({
    where: { organisationId: { in: assignments.map((a) => a.organisationId) }, role: "manager", status: "active", user: { anonymisedAt: null } },
    select: { organisationId: true, userId: true },
  });
  for (const manager of managers) userIds.add(manager.userId);
  const users = new Map(
    (
      await db.user.findMany({ where: { id: { in: [...userIds] } }, select: { id: true, name: true, email: true, locale: true } })
    ).map((user) => [user.id, user]),
  );

  const notify = async (input: {
    recipientId: string;
    key: string;
    kind: ReminderKind;
    country: string | null;
    text: (t: (key: string, values?: Record<string, string | number>) => string, date: string) => { subject: string; body: string };
    dueAt: Date;
  }) => {
    const recipient = users.get(input.recipientId);
    if (!recipient) return;
    const { t, language } = mailTranslator({ locale: recipient.locale, country: input.country });
    const date = new Intl.DateTimeFormat(language, { dateStyle: "long", timeZone: "UTC" }).format(input.dueAt);
    const { subject, body } = input.text(t, date);
    try {
      await db.notification.create({
        data: { userId: recipient.id, kind: `assignment-${input.kind}`, dedupeKey: input.key, subject, body },
      });
      report.notifications += 1;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const link = options.baseUrl ? `\n\n${options.baseUrl.replace(/\/$/, "")}/learning` : "";
    if (await enqueueEmail(db, { dedupeKey: input.key, to: recipient.email, subject, text: `${body}${link}` })) report.emails += 1;
  };

  for (const assignment of assignments) {
    if (!assignment.dueAt) continue;
    const kind = reminderKind(assignment.dueAt, now);
    if (!kind) continue;
    const dueAt = assignment.dueAt;
    const country = assignment.organisation.country;
    for (const learnerId of learners.get(assignment.id) ?? []) {
      if (isDone(statuses.get(statusKey(learnerId, assignment.courseId, assignment.nodeId)))) continue;
      const course = assignment.course.title;
      await notify({
        recipientId: learnerId,
        key: reminderKey({ assignmentId: assignment.id, learnerId, kind, dueAt }),
        kind,
        country,
        dueAt,
        text: (t, date) => ({
          subject: t(`organisations.mail.reminder.${kind}.subject`, { course }),
          body: t(`organisations.mail.reminder.${kind}.body`, { course, date, organisation: assignment.organisation.name }),
        }),
      });
      if (kind !== "overdue") continue;
      const learnerName = users.get(learnerId)?.name ?? "";
      for (const manager of managers.filter((m) => m.organisationId === assignment.organisationId)) {
        await notify({
          recipientId: manager.userId,
          key: reminderKey({ assignmentId: assignment.id, learnerId, kind, dueAt, managerId: manager.userId }),
          kind,
          country,
          dueAt,
          text: (t, date) => ({
            subject: t("organisations.mail.reminder.managerOverdue.subject", { course, learner: learnerName }),
            body: t("organisations.mail.reminder.managerOverdue.body", { course, date, learner: learnerName }),
          }),
        });
      }
    }
  }
  return report;
}
