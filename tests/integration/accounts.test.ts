import { describe, expect, it } from "vitest";
import { changePassword, signIn, signUp } from "../../app/modules/auth/accounts.server";
import { MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_IP } from "../../app/modules/auth/throttle.server";
import { setUpTestDatabase } from "../support/test-db";

const database = setUpTestDatabase();

describe("accounts", () => {
  it("signs up with a hashed password and signs in with it", async () => {
    const result = await signUp(database.db, { email: "Ana@Example.org", name: "Ana", password: "correct horse battery" });
    expect(result.ok).toBe(true);
    const stored = await database.db.user.findUniqueOrThrow({ where: { email: "ana@example.org" } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    expect(stored.passwordHash).not.toContain("correct horse");
    await expect(signIn(database.db, "ana@example.org", "correct horse battery", "10.0.0.1")).resolves.toMatchObject({ ok: true });
  });

  it("refuses a second account with the same e-mail address", async () => {
    await signUp(database.db, { email: "twice@example.org", name: "One", password: "a long password 1" });
    await expect(
      signUp(database.db, { email: "TWICE@example.org", name: "Two", password: "a long password 2" }),
    ).resolves.toEqual({ ok: false, reason: "email-taken" });
  });

  it("gives the same answer for an unknown account and a wrong password", async () => {
    await signUp(database.db, { email: "known@example.org", name: "Known", password: "a long password 1" });
    const unknown = await signIn(database.db, "nobody@example.org", "whatever", "10.0.0.2");
    const wrong = await signIn(database.db, "known@example.org", "whatever", "10.0.0.2");
    expect(unknown).toEqual({ ok: false, reason: "invalid-credentials" });
    expect(wrong).toEqual(unknown);
  });

  it("locks an account after repeated failures, even with the right password", async () => {
    await signUp(database.db, { email: "target@example.org", name: "Target", password: "the right password" });
    for (let attempt = 0; attempt < MAX_FAILURES_PER_ACCOUNT; attempt += 1) {
      await signIn(database.db, "target@example.org", `guess ${attempt}`, `10.1.0.${attempt}`);
    }
    const locked = await signIn(database.db, "target@example.org", "the right password", "10.1.1.1");
    expect(locked).toMatchObject({ ok: false, reason: "locked" });
  });

  it("locks an address that tries many accounts", async () => {
    for (let attempt = 0; attempt < MAX_FAILURES_PER_IP; attempt += 1) {
      await signIn(database.db, `spray${attempt}@example.org`, "password", "10.9.9.9");
    }
    await signUp(database.db, { email: "innocent@example.org", name: "Innocent", password: "the right password" });
    await expect(signIn(database.db, "innocent@example.org", "the right password", "10.9.9.9")).resolves.toMatchObject({
      reason: "locked",
    });
    await expect(signIn(database.db, "innocent@example.org", "the right password", "10.8.8.8")).resolves.toMatchObject({
      ok: true,
    });
  });

  it("changes the password and signs out the other sessions only", async () => {
    const created = await signUp(database.db, { email: "mover@example.org", name: "Mover", password: "first password!" });
    if (!created.ok) throw new Error("sign-up failed");
    const userId = created.userId;
    const expiresAt = new Date(Date.now() + 60_000);
    await database.db.session.createMany({
      data: [
        { id: "this-browser", userId, expiresAt },
        { id: "other-browser", userId, expiresAt },
      ],
    });
    await expect(
      changePassword(database.db, { userId, currentPassword: "wrong", newPassword: "second password!" }),
    ).resolves.toEqual({ ok: false, reason: "wrong-password" });
    await expect(
      changePassword(database.db, { userId, currentPassword: "first password!", newPassword: "second password!", keepSessionId: "this-browser" }),
    ).resolves.toEqual({ ok: true });
    const sessions = await database.db.session.findMany({ where: { userId }, select: { id: true } });
    expect(sessions.map((s) => s.id)).toEqual(["this-browser"]);
    await expect(signIn(database.db, "mover@example.org", "second password!", "10.2.0.1")).resolves.toMatchObject({ ok: true });
    await expect(signIn(database.db, "mover@example.org", "first password!", "10.2.0.1")).resolves.toMatchObject({ ok: false });
  });
});
