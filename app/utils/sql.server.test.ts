import { describe, expect, it } from "vitest";
import { setUpTestDatabase } from "../../tests/support/test-db";
import { readRows, sql, sqlWriterFor, whenWritable } from "./sql.server";

const database = setUpTestDatabase();

interface UserRow {
  id: string;
  email: string;
  isAdmin: boolean;
  createdAt: Date;
}

const userByEmail = (email: string) => sql`
  SELECT "id", "email", "isAdmin", "createdAt" FROM "User" WHERE "email" = ${email}`;

describe("hot reads", () => {
  it("give the same rows, typed as Prisma types them, as the same query through Prisma", async () => {
    const created = await database.db.user.create({
      data: { email: "reader@example.org", name: "Reader", passwordHash: "x", isAdmin: true },
    });
    const fast = await readRows<UserRow>(database.db, userByEmail("reader@example.org"));
    const query = userByEmail("reader@example.org");
    const throughPrisma = await database.db.$queryRaw<UserRow[]>(query.strings, ...query.values);

    expect(fast).toEqual([{ id: created.id, email: "reader@example.org", isAdmin: true, createdAt: created.createdAt }]);
    expect(fast).toEqual(throughPrisma);
  });

  it("compare dates and booleans given as values the way Prisma stores them", async () => {
    const user = await database.db.user.create({ data: { email: "dated@example.org", name: "Dated", passwordHash: "x" } });
    const since = (moment: Date, isAdmin: boolean) =>
      readRows<{ id: string }>(
        database.db,
        sql`SELECT "id" FROM "User" WHERE "id" = ${user.id} AND "createdAt" >= ${moment} AND "isAdmin" = ${isAdmin}`,
      );

    expect(await since(new Date(user.createdAt.getTime() - 1), false)).toEqual([{ id: user.id }]);
    expect(await since(new Date(user.createdAt.getTime() + 1), false)).toEqual([]);
    expect(await since(new Date(user.createdAt.getTime() - 1), true)).toEqual([]);
  });

  it("see a transaction's own writes when given the transaction", async () => {
    await database.db.$transaction(async (tx) => {
      await tx.user.create({ data: { email: "uncommitted@example.org", name: "Pending", passwordHash: "x" } });
      const inside = await readRows<UserRow>(tx as typeof database.db, userByEmail("uncommitted@example.org"));
      expect(inside).toHaveLength(1);
    });
    // Once committed, the separate read connection sees it too.
    expect(await readRows<UserRow>(database.db, userByEmail("uncommitted@example.org"))).toHaveLength(1);
  });

  it("cannot write, even when asked to", async () => {
    await expect(
      readRows(database.db, sql`UPDATE "User" SET "name" = ${"Changed"} RETURNING "id"`),
    ).rejects.toThrow(/readonly|read-only|query_only|attempt to write/i);
  });
});

describe("the synchronous writer", () => {
  it("waits, without blocking, for a Prisma transaction of the same process to finish, then writes", async () => {
    const user = await database.db.user.create({ data: { email: "locked@example.org", name: "Before", passwordHash: "x" } });
    const writer = sqlWriterFor(database.db)!;
    const order: string[] = [];
    const prisma = database.db.$transaction(async (tx) => {
      await tx.user.update({ where: { id: user.id }, data: { name: "Prisma" } });
      // Holds the write lock across the event loop, as interactive transactions do.
      await new Promise((resolve) => setTimeout(resolve, 50));
      order.push("prisma");
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    const written = whenWritable(writer, () => {
      order.push("writer");
      return writer.run(sql`UPDATE "User" SET "name" = ${"Writer"} WHERE "id" = ${user.id}`);
    });
    await Promise.all([prisma, written]);

    expect(order).toEqual(["prisma", "writer"]);
    expect(await written).toBe(1);
    expect((await database.db.user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe("Writer");
  });

  it("keeps nothing of a transaction whose work fails", async () => {
    const user = await database.db.user.create({ data: { email: "rolled@example.org", name: "Kept", passwordHash: "x" } });
    const writer = sqlWriterFor(database.db)!;
    await expect(
      whenWritable(writer, () => {
        writer.run(sql`UPDATE "User" SET "name" = ${"Lost"} WHERE "id" = ${user.id}`);
        throw new Error("the second statement failed");
      }),
    ).rejects.toThrow("the second statement failed");
    expect((await database.db.user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe("Kept");
  });
});
