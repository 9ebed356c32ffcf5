import { createDb, type Db } from "../utils/db.server";
import { databaseUrl } from "../utils/database-url";
import { CliUsageError } from "./command";

/** Runs a command's work against the database, refusing one that was never set up. */
export async function withDatabase<T>(work: (db: Db) => Promise<T>): Promise<T> {
  const db = createDb();
  try {
    const tables = await db.$queryRawUnsafe<{ name: string }[]>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'",
    );
    if (tables.length === 0) {
      throw new CliUsageError(
        `The database ${databaseUrl()} is not set up. Run \`npm run setup\` (or \`npm start\`) first.`,
      );
    }
    return await work(db);
  } finally {
    await db.$disconnect();
  }
}
