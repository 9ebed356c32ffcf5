import { describe, expect, it } from "vitest";
import { setUpTestDatabase } from "../../../tests/support/test-db";
import { createDb } from "../../utils/db.server";
import { isWriteConflict, withRetry } from "./progress.server";

const database = setUpTestDatabase();

async function aUser(db: ReturnType<typeof createDb>) {
  const user = await db.user.create({ data: { email: `writer-${Math.random()}@example.org`, name: "Writer", passwordHash: "x" } });
  return user.id;
}

describe("a write that races a writer in another process", () => {
  it("is refused by SQLite when its snapshot is stale, and goes through when retried", async () => {
    await database.db.$executeRawUnsafe("PRAGMA journal_mode=WAL");
    const other = createDb(database.url);
    try {
      const userId = await aUser(database.db);
      let attempts = 0;
      const transaction = () =>
        database.db.$transaction(async (tx) => {
          attempts += 1;
          const before = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true } });
          // Another connection (another worker) writes after this transaction has read.
          if (attempts === 1) await other.user.update({ where: { id: userId }, data: { name: "Changed elsewhere" } });
          await tx.user.update({ where: { id: userId }, data: { name: `${before.name} and here` } });
        });

      const refused = await transaction().catch((error: unknown) => error);
      expect(isWriteConflict(refused)).toBe(true);

      attempts = 0;
      await withRetry(transaction);
      expect(attempts).toBe(2);
      // The retry read what the other writer stored and built on it: nothing was lost.
      const stored = await database.db.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true } });
      expect(stored.name).toBe("Changed elsewhere and here");
    } finally {
      await other.$disconnect();
    }
  });

  it("does not retry other errors", async () => {
    let attempts = 0;
    await expect(
      withRetry(async () => {
        attempts += 1;
        throw new Error("no such table: Nothing");
      }),
    ).rejects.toThrow("no such table");
    expect(attempts).toBe(1);
  });
});
