import type { Db } from "../../utils/db.server";
import { readLdMessageBody } from "./notifications";

export interface InboxEntry {
  id: string;
  subject: string;
  /** Plain text of messages that are not LD notifications. */
  body: string | null;
  /** Where an LD notification leads: the course and, when it opened one, the activity. */
  link: { href: string; courseTitle: string; opensActivity: boolean } | null;
  createdAt: string;
  read: boolean;
}

export async function inbox(db: Db, userId: string): Promise<{ entries: InboxEntry[]; unread: number }> {
  const rows = await db.notification.findMany({
    where: { userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 200,
    select: { id: true, kind: true, subject: true, body: true, readAt: true, createdAt: true },
  });
  const entries = rows.map((row): InboxEntry => {
    const ld = readLdMessageBody(row.kind, row.body);
    return {
      id: row.id,
      subject: row.subject,
      body: ld ? null : row.body,
      link: ld
        ? {
            href: `/courses/${ld.courseId}/ld${ld.activityRef ? `/${encodeURIComponent(ld.activityRef)}` : ""}`,
            courseTitle: ld.courseTitle,
            opensActivity: ld.activityRef !== null,
          }
        : null,
      createdAt: row.createdAt.toISOString(),
      read: row.readAt !== null,
    };
  });
  return { entries, unread: entries.filter((entry) => !entry.read).length };
}

/** Marks one message (or all, when id is null) of the user as read. */
export async function markRead(db: Db, userId: string, id: string | null, now: Date): Promise<void> {
  await db.notification.updateMany({ where: { userId, readAt: null, ...(id ? { id } : {}) }, data: { readAt: now } });
}
