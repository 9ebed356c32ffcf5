import { createTransport, type Transporter } from "nodemailer";
import type { Db } from "../../utils/db.server";
import { env } from "../../utils/env.server";
import { isDue } from "./retry";

/**
 * E-mail leaves through the OutboxEmail table: code that wants to send a message stores it
 * with a stable key (so the same message is never stored twice) and `sendOutbox` delivers it.
 * Without SMTP_URL nothing is sent and admins read the messages at /admin/outbox.
 */
export interface OutgoingEmail {
  dedupeKey: string;
  to: string;
  subject: string;
  text: string;
}

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

/** Stores a message unless one with the same key exists. True when it was stored now. */
export async function enqueueEmail(db: Pick<Db, "outboxEmail">, email: OutgoingEmail): Promise<boolean> {
  try {
    await db.outboxEmail.create({ data: email });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

export type MailTransport = Pick<Transporter, "sendMail">;

/** The SMTP transport of SMTP_URL, or null when none is configured. */
export function smtpTransport(): MailTransport | null {
  const url = env().SMTP_URL;
  return url ? createTransport(url) : null;
}

export interface SendReport {
  sent: number;
  failed: number;
}

/**
 * Sends the messages due, oldest first. A message is claimed by setting its sentAt in one
 * conditional update (only while sentAt is still empty and nobody else counted an attempt), so
 * of two senders running at once only one sends it; a failure clears sentAt again and records
 * the error, and the message is retried later with a growing wait (see retry.ts). A process
 * that stops between claiming and sending leaves the message marked sent: a lost e-mail is
 * preferred to a duplicate.
 */
export async function sendOutbox(
  db: Db,
  transport: MailTransport,
  now: Date,
  options: { from?: string; limit?: number } = {},
): Promise<SendReport> {
  const from = options.from ?? env().MAIL_FROM;
  const candidates = await db.outboxEmail.findMany({
    where: { sentAt: null },
    orderBy: { createdAt: "asc" },
    take: (options.limit ?? 100) * 2,
  });
  const report: SendReport = { sent: 0, failed: 0 };
  for (const message of candidates.filter((candidate) => isDue(candidate, now)).slice(0, options.limit ?? 100)) {
    const claimed = await db.outboxEmail.updateMany({
      where: { id: message.id, sentAt: null, attempts: message.attempts },
      data: { sentAt: now, attempts: { increment: 1 } },
    });
    if (claimed.count === 0) continue;
    try {
      await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text });
      await db.outboxEmail.update({ where: { id: message.id }, data: { lastError: null } });
      report.sent += 1;
    } catch (error) {
      await db.outboxEmail.update({
        where: { id: message.id },
        data: { sentAt: null, lastError: (error instanceof Error ? error.message : String(error)).slice(0, 500) },
      });
      report.failed += 1;
    }
  }
  return report;
}

export interface OutboxEntry {
  id: string;
  to: string;
  subject: string;
  text: string;
  attempts: number;
  lastError: string | null;
  sentAt: string | null;
  createdAt: string;
}

/** The newest messages for the admins' outbox page. */
export async function recentOutbox(db: Db, take = 100): Promise<{ entries: OutboxEntry[]; unsent: number }> {
  const [rows, unsent] = await Promise.all([
    db.outboxEmail.findMany({ orderBy: { createdAt: "desc" }, take }),
    db.outboxEmail.count({ where: { sentAt: null } }),
  ]);
  return {
    unsent,
    entries: rows.map((row) => ({
      id: row.id,
      to: row.to,
      subject: row.subject,
      text: row.text,
      attempts: row.attempts,
      lastError: row.lastError,
      sentAt: row.sentAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
    })),
  };
}
