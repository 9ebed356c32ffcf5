import Database from "better-sqlite3";
import { sqliteFileOf, type Db } from "./db.server";

/**
 * The hottest paths, written in portable SQL and run through better-sqlite3 directly (see
 * docs/decisions/012-hot-paths-through-better-sqlite3.md):
 * - reads every page makes (the session) and the busiest pages make (the learner home, the
 *   player): on a read connection of their own, each statement prepared once, a few
 *   microseconds where Prisma spends a third of a millisecond of CPU planning every raw query.
 *   Any other client (a transaction's, PostgreSQL) runs them through Prisma's `$queryRaw`,
 *   which gives the same rows;
 * - the most frequent write, SCORM commits, in short synchronous transactions (SqlWriter).
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
  return connectionFor(readers, file, (path) => new Reader(path)).all<Row>(query);
}

interface PreparedStatement {
  prepared: Database.Statement;
  convert(rows: Record<string, unknown>[]): Record<string, unknown>[];
}

/** A better-sqlite3 connection whose statements are prepared once per place in the code. */
class Connection {
  protected readonly connection: Database.Database;
  private readonly statements = new Map<TemplateStringsArray, PreparedStatement>();

  constructor(file: string) {
    this.connection = new Database(file, { fileMustExist: true });
  }

  close(): void {
    this.connection.close();
  }

  all<Row>(query: SqlQuery): Row[] {
    const statement = this.statement(query.strings);
    return statement.convert(statement.prepared.all(...query.values.map(toSqlite)) as Record<string, unknown>[]) as Row[];
  }

  /** Runs a statement that returns no rows; the number of rows it changed. */
  run(query: SqlQuery): number {
    return this.statement(query.strings).prepared.run(...query.values.map(toSqlite)).changes;
  }

  /** Template strings are one object per place in the code, so each is prepared once. */
  private statement(strings: TemplateStringsArray): PreparedStatement {
    let statement = this.statements.get(strings);
    if (!statement) {
      const prepared = this.connection.prepare(strings.join("?"));
      statement = { prepared, convert: prepared.reader ? converterFor(prepared.columns()) : (rows) => rows };
      this.statements.set(strings, statement);
    }
    return statement;
  }
}

class Reader extends Connection {
  constructor(file: string) {
    super(file);
    // Only ever reads; waits for a writer's lock rather than failing at once.
    this.connection.pragma("query_only = ON");
    this.connection.pragma("busy_timeout = 5000");
  }
}

/** Returned by SqlWriter.transaction when another connection holds the write lock. */
export const BUSY = Symbol("busy");

/**
 * Short write transactions run synchronously, for the most frequent write (SCORM commits).
 * It never waits for SQLite's lock: waiting would block the event loop, and the holder may be
 * an interactive Prisma transaction of this same process that needs the loop to finish.
 */
export class SqlWriter extends Connection {
  constructor(file: string) {
    super(file);
    this.connection.pragma("busy_timeout = 0");
  }

  /** Runs `work` in one BEGIN IMMEDIATE transaction (rolled back if it throws), or answers BUSY. */
  transaction<T>(work: () => T): T | typeof BUSY {
    try {
      this.connection.prepare("BEGIN IMMEDIATE").run();
    } catch (error) {
      if ((error as { code?: string }).code === "SQLITE_BUSY") return BUSY;
      throw error;
    }
    try {
      const result = work();
      this.connection.prepare("COMMIT").run();
      return result;
    } catch (error) {
      if (this.connection.inTransaction) this.connection.prepare("ROLLBACK").run();
      throw error;
    }
  }
}

/**
 * Runs `work` in a write transaction as soon as the lock is free, trying again every few
 * milliseconds without blocking the event loop; fails after `patienceMs`.
 */
export async function whenWritable<T>(writer: SqlWriter, work: () => T, patienceMs = 10_000): Promise<T> {
  const deadline = Date.now() + patienceMs;
  let pause = 1;
  for (;;) {
    const result = writer.transaction(work);
    if (result !== BUSY) return result;
    if (Date.now() > deadline) throw new Error(`The database stayed locked by another writer for ${patienceMs} ms.`);
    await new Promise((resolve) => setTimeout(resolve, pause));
    pause = Math.min(pause * 2, 20);
  }
}

// A server has one database; tests and CLI runs go through many, so only the latest stay open.
const MAX_CONNECTIONS = 8;
const readers = new Map<string, Reader>();
const writers = new Map<string, SqlWriter>();

function connectionFor<C extends Connection>(connections: Map<string, C>, file: string, open: (file: string) => C): C {
  let connection = connections.get(file);
  if (!connection) {
    if (connections.size >= MAX_CONNECTIONS) {
      const [oldestFile, oldest] = connections.entries().next().value as [string, C];
      oldest.close();
      connections.delete(oldestFile);
    }
    connection = open(file);
    connections.set(file, connection);
  }
  return connection;
}

/** The synchronous writer of a client made by createDb; null for any other client. */
export function sqlWriterFor(database: Db): SqlWriter | null {
  const file = sqliteFileOf(database);
  return file === null ? null : connectionFor(writers, file, (path) => new SqlWriter(path));
}

function converterFor(columns: Database.ColumnDefinition[]): PreparedStatement["convert"] {
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
