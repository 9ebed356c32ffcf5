import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

const MIGRATIONS_DIR = path.resolve("prisma", "migrations");

/**
 * Creates a fresh SQLite database file migrated with the project's real migrations, applied
 * in order the way `prisma migrate deploy` applies them, and recorded in Prisma's
 * _prisma_migrations table as it records them. Returns its URL and folder.
 */
export function createMigratedDatabase(prefix = "vademecum-test-"): { url: string; dir: string; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const file = path.join(dir, "test.db");
  const sqlite = new Database(file);
  try {
    sqlite.pragma("journal_mode = WAL");
    const migrations = fs
      .readdirSync(MIGRATIONS_DIR)
      .filter((entry) => fs.existsSync(path.join(MIGRATIONS_DIR, entry, "migration.sql")))
      .sort();
    sqlite.exec(
      `CREATE TABLE "_prisma_migrations" ("id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME, "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME, "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`,
    );
    const record = sqlite.prepare(
      `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES (?, ?, current_timestamp, ?, 1)`,
    );
    for (const migration of migrations) {
      const sql = fs.readFileSync(path.join(MIGRATIONS_DIR, migration, "migration.sql"), "utf8");
      sqlite.exec(sql);
      record.run(crypto.randomUUID(), crypto.createHash("sha256").update(sql).digest("hex"), migration);
    }
  } finally {
    sqlite.close();
  }
  return { url: `file:${file}`, dir, file };
}
