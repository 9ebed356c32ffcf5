import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../generated/prisma/client";
import { databaseUrl } from "./database-url";

export type Db = PrismaClient;

/** Creates a client for a SQLite URL (tests and the CLI use their own databases). */
export function createDb(url: string = databaseUrl()): PrismaClient {
  const client = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }) });
  const file = url.replace(/^file:/, "").split("?")[0];
  if (file && file !== ":memory:") sqliteFiles.set(client, file);
  return client;
}

const sqliteFiles = new WeakMap<object, string>();

/** The SQLite file a client made by createDb works on; null for any other client (a transaction's). */
export function sqliteFileOf(client: object): string | null {
  return sqliteFiles.get(client) ?? null;
}

const globalForDb = globalThis as unknown as { __vademecumDb?: PrismaClient };

/** The one Prisma client of the process, reused across dev reloads. */
export const db: PrismaClient = globalForDb.__vademecumDb ?? createDb();
if (process.env.NODE_ENV !== "production") globalForDb.__vademecumDb = db;
