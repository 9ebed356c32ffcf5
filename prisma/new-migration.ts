/**
 * Writes a new migration by diffing a database with every migration applied against the
 * schema. `prisma migrate dev` needs a shadow database that the JavaScript engine cannot
 * create for SQLite, so this does the same steps by hand.
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
const scratchUrl = `file:${path.join(scratch, "scratch.db")}`;

try {
  const hasMigrations =
    fs.existsSync(migrationsDir) &&
    fs.readdirSync(migrationsDir).some((entry) => fs.existsSync(path.join(migrationsDir, entry, "migration.sql")));
  if (hasMigrations) {
    execFileSync("npx", ["prisma", "migrate", "deploy"], {
      env: { ...prismaEnv, DATABASE_URL: scratchUrl },
      stdio: "inherit",
    });
  }
  const from = hasMigrations ? ["--from-url", scratchUrl] : ["--from-empty"];
  const sql = execFileSync(
    "npx",
    ["prisma", "migrate", "diff", ...from, "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
    { env: { ...prismaEnv, DATABASE_URL: scratchUrl }, encoding: "utf8" },
  );
  if (!/\b(CREATE|ALTER|DROP)\b/.test(sql)) {
    console.log("The schema matches the migrations: nothing to write.");
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
