import { z } from "zod";
import type { DeliveredNotification } from "./learning-design/state";

/** The Notification.kind of messages sent by IMS LD notifications. */
export const LD_NOTIFICATION_KIND = "ld-notification";

/** One inbox message per recipient and notification of a run: delivering it twice changes nothing. */
export function notificationDedupeKey(runId: string, notificationId: string, userId: string): string {
  return `ld:${runId}:${notificationId}:${userId}`;
}

const LdMessageBodySchema = z.object({
  courseId: z.string(),
  courseTitle: z.string(),
  activityRef: z.string().nullable(),
});

/** What an LD notification message points to; stored as the message body. */
export type LdMessageBody = z.infer<typeof LdMessageBodySchema>;

export interface InboxMessage {
  userId: string;
  kind: string;
  dedupeKey: string;
  subject: string;
  body: string;
}

/**
 * The inbox messages for notifications of a run, for the recipients given (all of them, or only
 * the people in `only`, when someone joins a role after the notification went out).
 */
export function inboxMessages(
  runId: string,
  notifications: readonly DeliveredNotification[],
  course: { id: string; title: string },
  options: { only?: { userId: string; roles: readonly string[] } } = {},
): InboxMessage[] {
  const messages: InboxMessage[] = [];
  for (const notification of notifications) {
    const recipients = options.only
      ? notification.roleRefs.some((roleRef) => options.only!.roles.includes(roleRef))
        ? [options.only.userId]
        : []
      : [...new Set(notification.recipients.map((recipient) => recipient.userId))];
    const body: LdMessageBody = {
      courseId: course.id,
      courseTitle: course.title,
      activityRef: notification.activity?.ref ?? null,
    };
    for (const userId of recipients) {
      messages.push({
        userId,
        kind: LD_NOTIFICATION_KIND,
        dedupeKey: notificationDedupeKey(runId, notification.id, userId),
        subject: notification.subject ?? course.title,
        body: JSON.stringify(body),
      });
    }
  }
  return messages;
}

/** The link target of an LD message, or null for messages of other kinds or unreadable bodies. */
export function readLdMessageBody(kind: string, body: string): LdMessageBody | null {
  if (kind !== LD_NOTIFICATION_KIND) return null;
  try {
    const parsed = LdMessageBodySchema.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
