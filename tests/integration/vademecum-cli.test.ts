import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { digComp22 } from "../../app/modules/competencies/digcomp";
import { storeFramework } from "../../app/modules/competencies/frameworks.server";
import { importPackage } from "../../app/modules/packages/import.server";
import { COURSE_NODE, recordProgress } from "../../app/modules/progress/progress.server";
import { setUpTestDatabase } from "../support/test-db";

const database = setUpTestDatabase();

/** `npm run -s cli -- vademecum …` against the test database. */
function cli(...args: string[]) {
  const result = spawnSync(path.resolve("node_modules/.bin/tsx"), ["app/cli/main.ts", "vademecum", ...args], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: database.url, CONTENT_DIR: path.join(database.dir, "content") },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  const db = database.db;
  await storeFramework(db, digComp22());
  const outcome = await importPackage(db, path.resolve("courses/01-secure-communication"), {
    contentDir: path.join(database.dir, "content"),
  });
  if (!outcome.ok) throw new Error("import failed");
  const learner = await db.user.create({ data: { email: "learner@example.org", name: "Lea Learner", passwordHash: "x" } });
  await db.user.create({ data: { email: "beginner@example.org", name: "Ben Beginner", passwordHash: "x" } });
  const enrolment = await db.enrolment.create({
    data: { userId: learner.id, courseId: outcome.courseId, packageId: outcome.packageId },
  });
  await recordProgress(db, enrolment.id, COURSE_NODE, { status: "completed", at: "2026-01-10T10:00:00Z" });
  const organisation = await db.organisation.create({ data: { slug: "aurora", name: "Cooperativa Aurora" } });
  await db.assignment.create({ data: { organisationId: organisation.id, courseId: outcome.courseId } });
}, 60_000);

describe("npm run cli -- vademecum", () => {
  it("writes a learner's PDF and says what is in it", () => {
    const out = path.join(database.dir, "lea.pdf");
    const run = cli("--user", "learner@example.org", "--format", "pdf", "--out", out, "--date", "2026-02-01");
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const bytes = fs.readFileSync(out);
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(run.stdout.trim()).toBe(`Wrote ${out}: 14 entries from 1 module, ${bytes.length} bytes.`);
    const again = path.join(database.dir, "lea-again.pdf");
    expect(cli("--user", "learner@example.org", "--format", "pdf", "--out", again, "--date", "2026-02-01").status).toBe(0);
    expect(fs.readFileSync(again).equals(bytes)).toBe(true);
  }, 60_000);

  it("writes an organisation's EPUB", () => {
    const out = path.join(database.dir, "aurora.epub");
    const run = cli("--org", "aurora", "--format", "epub", "--out", out, "--date", "2026-02-01");
    expect(run.status).toBe(0);
    expect(fs.readFileSync(out).subarray(30, 38).toString("latin1")).toBe("mimetype");
  }, 60_000);

  it("exits with 2 and says so for an unknown user or organisation", () => {
    const user = cli("--user", "nobody@example.org", "--format", "html", "--out", path.join(database.dir, "x.html"));
    expect(user.status).toBe(2);
    expect(user.stderr).toContain("There is no user with the e-mail address nobody@example.org.");
    const organisation = cli("--org", "nowhere", "--format", "html", "--out", path.join(database.dir, "y.html"));
    expect(organisation.status).toBe(2);
    expect(organisation.stderr).toContain("There is no organisation with the slug nowhere.");
    expect(fs.existsSync(path.join(database.dir, "x.html"))).toBe(false);
  }, 60_000);

  it("exits with 2 for an empty vademecum and writes nothing", () => {
    const out = path.join(database.dir, "ben.html");
    const run = cli("--user", "beginner@example.org", "--format", "html", "--out", out);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("is empty");
    expect(fs.existsSync(out)).toBe(false);
  }, 60_000);

  it("exits with 2 for a date that does not exist", () => {
    const run = cli("--user", "learner@example.org", "--format", "html", "--out", path.join(database.dir, "z.html"), "--date", "2026-02-30");
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--date must be a date written YYYY-MM-DD, got "2026-02-30".');
  }, 60_000);
});
