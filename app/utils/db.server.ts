import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../generated/prisma/client";
import { databaseUrl } from "./database-url";

export type Db = PrismaClient;

/** Creates a client for a SQLite URL (tests and the CLI use their own databases). */
export function createDb(url: string = databaseUrl()): PrismaClient {
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }) });
}

const globalForDb = globalThis as unknown as { __vademecumDb?: PrismaClient };

/** The one Prisma client of the process, reused across dev reloads. */
export const db: PrismaClient = globalForDb.__vademecumDb ?? createDb();
if (process.env.NODE_ENV !== "production") globalForDb.__vademecumDb = db;
