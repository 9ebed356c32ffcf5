import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

const MIGRATIONS_DIR = path.resolve("prisma", "migrations");

/**
 * Creates a fresh SQLite database file migrated with the project's real migrations, applied
 * in order the way `prisma migrate deploy` applies them. Returns its URL and folder.
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
    for (const migration of migrations) {
      sqlite.exec(fs.readFileSync(path.join(MIGRATIONS_DIR, migration, "migration.sql"), "utf8"));
    }
  } finally {
    sqlite.close();
  }
  return { url: `file:${file}`, dir, file };
}
