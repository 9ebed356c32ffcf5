import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { setUpTestDatabase } from "../support/test-db";

const database = setUpTestDatabase();

/** `npm run -s cli -- …` against the test database. */
function cli(...args: string[]) {
  const result = spawnSync(path.resolve("node_modules/.bin/tsx"), ["app/cli/main.ts", ...args], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: database.url, CONTENT_DIR: path.join(database.dir, "content") },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("npm run cli -- uploads", () => {
  it("says how many expired uploads it removed", () => {
    const run = cli("uploads");
    expect(run.stdout.trim()).toBe("Uploads: 0 removed.");
    expect(run.status).toBe(0);
  });

  it("refuses an option it does not know with exit code 2, the reason and its usage, no stack trace", () => {
    for (const args of [["uploads", "--everything"], ["uploads", "now"], ["reminders", "--force"]]) {
      const run = cli(...args);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/Unknown option|Unexpected argument/);
      expect(run.stderr).toContain(`Usage: npm run -s cli -- ${args[0]}`);
      expect(run.stderr).not.toContain("Internal error");
    }
  });
});
