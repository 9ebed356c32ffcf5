/**
 * Writes a new migration: the SQL that takes the database from the schema of the last
 * migration to prisma/schema.prisma.
 *
 * `prisma migrate dev` needs a shadow database, and `migrate diff` cannot read a live database
 * while a driver adapter is configured, so the diff runs between two schema files: the schema
 * as committed with the newest migration (from git) and the working schema. Commit a
 * migration together with the schema change that produced it.
 *
 * Usage: npm run prisma:new-migration -- <name>
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run prisma:new-migration -- <name in snake_case>");
  process.exit(2);
}

const prismaEnv = {
  ...process.env,
  PRISMA_QUERY_ENGINE_LIBRARY: "/dev/null",
  PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false",
};
const migrationsDir = path.join("prisma", "migrations");
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "vademecum-migrate-"));

function schemaOfLastMigration(): string | null {
  const commit = execFileSync("git", ["log", "-1", "--format=%H", "--", migrationsDir], { encoding: "utf8" }).trim();
  if (!commit) return null;
  return execFileSync("git", ["show", `${commit}:prisma/schema.prisma`], { encoding: "utf8" });
}

try {
  const previous = schemaOfLastMigration();
  let from = ["--from-empty"];
  if (previous !== null) {
    const previousFile = path.join(scratch, "previous.prisma");
    fs.writeFileSync(previousFile, previous);
    from = ["--from-schema-datamodel", previousFile];
  }
  const sql = execFileSync(
    "npx",
    ["prisma", "migrate", "diff", ...from, "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
    { env: prismaEnv, encoding: "utf8" },
  );
  if (!/\b(CREATE|ALTER|DROP)\b/.test(sql)) {
    console.log("The schema matches the last migration: nothing to write.");
    process.exit(0);
  }
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const dir = path.join(migrationsDir, `${stamp}_${name}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "migration.sql"), sql);
  if (!fs.existsSync(path.join(migrationsDir, "migration_lock.toml"))) {
    fs.writeFileSync(path.join(migrationsDir, "migration_lock.toml"), 'provider = "sqlite"\n');
  }
  console.log(`Wrote ${path.join(dir, "migration.sql")}`);
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
