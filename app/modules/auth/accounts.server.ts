import type { Db } from "../../utils/db.server";
import { dummyPasswordHash, hashPassword, verifyPassword } from "./password.server";
import { lockedUntil, recordFailure, recordSuccess } from "./throttle.server";

export type SignInResult =
  | { ok: true; userId: string }
  | { ok: false; reason: "invalid-credentials" }
  | { ok: false; reason: "locked"; until: Date };

/**
 * Checks an e-mail and password. Wrong e-mail and wrong password give the same answer and
 * take the same time; repeated failures lock the account and the address for a while.
 */
export async function signIn(db: Db, email: string, password: string, ip: string): Promise<SignInResult> {
  const until = await lockedUntil(db, email, ip);
  if (until) return { ok: false, reason: "locked", until };
  const user = await db.user.findUnique({
    where: { email: email.toLowerCase() },
    select: { id: true, passwordHash: true, anonymisedAt: true },
  });
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user || !valid || user.anonymisedAt) {
    await recordFailure(db, email, ip);
    return { ok: false, reason: "invalid-credentials" };
  }
  await recordSuccess(db, email);
  return { ok: true, userId: user.id };
}

export type SignUpResult = { ok: true; userId: string } | { ok: false; reason: "email-taken" };

export async function signUp(
  db: Db,
  input: { email: string; name: string; password: string; locale?: string | null },
): Promise<SignUpResult> {
  const email = input.email.toLowerCase();
  const existing = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (existing) return { ok: false, reason: "email-taken" };
  const user = await db.user.create({
    data: { email, name: input.name, passwordHash: await hashPassword(input.password), locale: input.locale ?? null },
    select: { id: true },
  });
  return { ok: true, userId: user.id };
}

/** Changes the password and signs out every other session of the user. */
export async function changePassword(
  db: Db,
  input: { userId: string; currentPassword: string; newPassword: string; keepSessionId?: string | null },
): Promise<{ ok: true } | { ok: false; reason: "wrong-password" }> {
  const user = await db.user.findUniqueOrThrow({ where: { id: input.userId }, select: { passwordHash: true } });
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) return { ok: false, reason: "wrong-password" };
  await db.$transaction([
    db.user.update({ where: { id: input.userId }, data: { passwordHash: await hashPassword(input.newPassword) } }),
    db.session.deleteMany({
      where: { userId: input.userId, ...(input.keepSessionId ? { id: { not: input.keepSessionId } } : {}) },
    }),
  ]);
  return { ok: true };
}
