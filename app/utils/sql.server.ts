import Database from "better-sqlite3";
import { sqliteFileOf, type Db } from "./db.server";

/**
 * Reads for the queries every page makes (the session) and the busiest pages make (the
 * learner home), written once in portable SQL. See docs/decisions/012-hot-reads.md.
 *
 * On SQLite they run on a read connection of their own through better-sqlite3, with each
 * statement prepared once: a few microseconds, where Prisma spends a third of a millisecond
 * of CPU planning every raw query. Anywhere else (a transaction client, PostgreSQL) they run
 * through Prisma's `$queryRaw`, which gives the same rows.
 */

export type SqlValue = string | number | boolean | Date | null;

export interface SqlQuery {
  readonly strings: TemplateStringsArray;
  readonly values: readonly SqlValue[];
}

/** A query with its values kept apart from the text: `sql\`SELECT … WHERE "id" = ${id}\``. */
export function sql(strings: TemplateStringsArray, ...values: SqlValue[]): SqlQuery {
  return { strings, values };
}

/**
 * The rows of a read query. Columns declared DATETIME come back as Dates and BOOLEAN as
 * booleans, as Prisma returns them.
 */
export async function readRows<Row>(database: Db, query: SqlQuery): Promise<Row[]> {
  const file = sqliteFileOf(database);
  if (file === null) return database.$queryRaw<Row[]>(query.strings, ...query.values);
  const statement = readerFor(file).statement(query.strings);
  return statement.convert(statement.prepared.all(...query.values.map(toSqlite)) as Record<string, unknown>[]) as Row[];
}

interface ReadStatement {
  prepared: Database.Statement;
  convert(rows: Record<string, unknown>[]): Record<string, unknown>[];
}

class Reader {
  private readonly connection: Database.Database;
  private readonly statements = new Map<TemplateStringsArray, ReadStatement>();

  constructor(file: string) {
    this.connection = new Database(file, { fileMustExist: true });
    // Only ever reads; waits for a writer's lock rather than failing at once.
    this.connection.pragma("query_only = ON");
    this.connection.pragma("busy_timeout = 5000");
  }

  close(): void {
    this.connection.close();
  }

  /** Template strings are one object per place in the code, so each is prepared once. */
  statement(strings: TemplateStringsArray): ReadStatement {
    let statement = this.statements.get(strings);
    if (!statement) {
      const prepared = this.connection.prepare(strings.join("?"));
      statement = { prepared, convert: converterFor(prepared.columns()) };
      this.statements.set(strings, statement);
    }
    return statement;
  }
}

// A server has one database; tests and CLI runs go through many, so only the latest stay open.
const MAX_READERS = 8;
const readers = new Map<string, Reader>();

function readerFor(file: string): Reader {
  let reader = readers.get(file);
  if (!reader) {
    if (readers.size >= MAX_READERS) {
      const [oldestFile, oldest] = readers.entries().next().value as [string, Reader];
      oldest.close();
      readers.delete(oldestFile);
    }
    reader = new Reader(file);
    readers.set(file, reader);
  }
  return reader;
}

function converterFor(columns: Database.ColumnDefinition[]): ReadStatement["convert"] {
  const dates = columns.filter((column) => column.type?.toUpperCase() === "DATETIME").map((column) => column.name);
  const booleans = columns.filter((column) => column.type?.toUpperCase() === "BOOLEAN").map((column) => column.name);
  if (dates.length === 0 && booleans.length === 0) return (rows) => rows;
  return (rows) => {
    for (const row of rows) {
      for (const name of dates) {
        const value = row[name];
        if (typeof value === "string" || typeof value === "number") row[name] = new Date(value);
      }
      for (const name of booleans) {
        const value = row[name];
        if (typeof value === "number" || typeof value === "bigint") row[name] = Boolean(value);
      }
    }
    return rows;
  };
}

/** Values as Prisma stores them in SQLite: booleans as 0/1, dates as ISO 8601 text in UTC. */
function toSqlite(value: SqlValue): string | number | null {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  return value;
}
