import type { Db } from "../../utils/db.server";

/**
 * Sign-in rate limiting per account and per IP address. After MAX_FAILURES failed attempts
 * within WINDOW_MS, the key is locked for LOCK_MS. Stored in the database so a restart or a
 * second server process does not reset it.
 */
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 20;
export const WINDOW_MS = 15 * 60 * 1000;
export const LOCK_MS = 15 * 60 * 1000;

export function throttleKeys(email: string, ip: string) {
  return [
    { key: `email:${email.toLowerCase()}`, max: MAX_FAILURES_PER_ACCOUNT },
    { key: `ip:${ip}`, max: MAX_FAILURES_PER_IP },
  ];
}

/** The time until which sign-in is refused for this account or address, if locked. */
export async function lockedUntil(db: Db, email: string, ip: string, now = new Date()): Promise<Date | null> {
  const rows = await db.loginThrottle.findMany({
    where: { key: { in: throttleKeys(email, ip).map((entry) => entry.key) }, lockedUntil: { gt: now } },
    select: { lockedUntil: true },
  });
  const times = rows.map((row) => row.lockedUntil!.getTime());
  return times.length ? new Date(Math.max(...times)) : null;
}

export async function recordFailure(db: Db, email: string, ip: string, now = new Date()): Promise<void> {
  for (const { key, max } of throttleKeys(email, ip)) {
    await db.$transaction(async (tx) => {
      const row = await tx.loginThrottle.findUnique({ where: { key } });
      const windowOpen = row && now.getTime() - row.windowStart.getTime() < WINDOW_MS;
      const failures = windowOpen ? row.failures + 1 : 1;
      const data = {
        failures,
        windowStart: windowOpen ? row.windowStart : now,
        lockedUntil: failures >= max ? new Date(now.getTime() + LOCK_MS) : null,
      };
      await tx.loginThrottle.upsert({ where: { key }, create: { key, ...data }, update: data });
    });
  }
}

/** A successful sign-in clears the account's counter (not the address's). */
export async function recordSuccess(db: Db, email: string): Promise<void> {
  await db.loginThrottle.deleteMany({ where: { key: `email:${email.toLowerCase()}` } });
}
