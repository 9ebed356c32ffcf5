import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { commitScorm } from "../../app/modules/delivery/scorm/commit.server";
import { resolvePackageFile } from "../../app/modules/delivery/scorm/content.server";
import { openPlayer } from "../../app/modules/delivery/scorm/player.server";
import { signLaunchToken, verifyLaunchToken, type LaunchClaims } from "../../app/modules/delivery/scorm/token.server";
import { importPackage } from "../../app/modules/packages/import.server";
import { createDb, type Db } from "../../app/utils/db.server";
import type * as DbModule from "../../app/utils/db.server";
import { setUpTestDatabase } from "../support/test-db";

// The content route uses the app's one client: point it at this file's database.
const current = vi.hoisted(() => ({ db: undefined as Db | undefined }));
vi.mock("../../app/utils/db.server", async (importOriginal) => ({
  ...(await importOriginal<typeof DbModule>()),
  get db() {
    return current.db;
  },
}));

const GOLF = "tests/fixtures/moodle-scorm-golf-testpackages/tests/packages";
const database = setUpTestDatabase();
let claims: LaunchClaims;
let claims12: LaunchClaims;
let storageKey: string;

const body = (sequence: number, cmi: Record<string, string>, extra: { session?: string; kind?: "commit" | "terminate" } = {}) =>
  JSON.stringify({ sequence, session: extra.session ?? "session-one", kind: extra.kind ?? "commit", cmi });

async function openAs(email: string, file: string) {
  const db = database.db;
  const outcome = await importPackage(db, path.resolve(GOLF, file), { contentDir: process.env.CONTENT_DIR! });
  if (!outcome.ok) throw new Error(`import of ${file} failed`);
  const user = await db.user.upsert({ where: { email }, create: { email, name: email, passwordHash: "x" }, update: {} });
  const view = await openPlayer(db, {
    userId: user.id,
    courseId: outcome.courseId,
    item: null,
    appOrigin: "http://app.test",
    contentOrigin: "http://content.test",
  });
  const token = view!.launchUrl!.split("/content/")[1].split("/")[0];
  return { claims: verifyLaunchToken(token)!, courseId: outcome.courseId, view: view! };
}

beforeAll(async () => {
  process.env.CONTENT_DIR = path.join(database.dir, "content");
  process.env.DATABASE_URL = database.url;
  current.db = database.db;
  const opened = await openAs("golf@example.org", "RuntimeBasicCalls_SCORM20043rdEdition.zip");
  claims = opened.claims;
  storageKey = claims.k;
  claims12 = (await openAs("golf@example.org", "RuntimeMinimumCalls_SCORM12.zip")).claims;
});

const attempt = (c: LaunchClaims) =>
  database.db.scormAttempt.findUniqueOrThrow({ where: { enrolmentId_itemId: { enrolmentId: c.e, itemId: c.i } } });
const commitsOf = async (c: LaunchClaims) => database.db.scormCommit.count({ where: { attempt: { enrolmentId: c.e, itemId: c.i } } });

describe("storing SCORM commits", () => {
  it("keeps all of 50 commits sent at once to the same attempt, and the newest bookmark", async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        commitScorm(database.db, claims, body(index + 1, { "cmi.location": String(index + 1), "cmi.completion_status": "incomplete", "cmi.session_time": `PT${index + 1}S` })),
      ),
    );
    expect(results.every((result) => result.ok)).toBe(true);
    expect(await commitsOf(claims)).toBe(50);
    const row = await attempt(claims);
    expect(row.sequence).toBe(50);
    expect(JSON.parse(row.cmi).values["cmi.location"]).toBe("50");
    expect(JSON.parse(row.cmi).sessions).toEqual([{ id: "session-one", seconds: 50 }]);
  });

  it("stores the commits that arrive together even when one of them belongs to an enrolment deleted meanwhile", async () => {
    const gone = (await openAs("gone@example.org", "RuntimeBasicCalls_SCORM20043rdEdition.zip")).claims;
    await database.db.enrolment.delete({ where: { id: gone.e } });
    const other = (await openAs("other@example.org", "RuntimeBasicCalls_SCORM20043rdEdition.zip")).claims;
    const [stored, refused, alsoStored] = await Promise.all([
      commitScorm(database.db, other, body(1, { "cmi.location": "1" })),
      commitScorm(database.db, gone, body(1, { "cmi.location": "1" })),
      commitScorm(database.db, other, body(2, { "cmi.location": "2" })),
    ]);
    expect(stored).toMatchObject({ ok: true, sequence: 1 });
    expect(refused).toEqual({ ok: false, status: 404, error: { code: 0, element: null, problem: "no-enrolment" } });
    expect(alsoStored).toMatchObject({ ok: true, sequence: 2 });
    expect(await commitsOf(other)).toBe(2);
    expect(JSON.parse((await attempt(other)).cmi).values["cmi.location"]).toBe("2");
  });

  it("logs a late commit without letting it move the bookmark back", async () => {
    const outcome = await commitScorm(database.db, claims, body(10, { "cmi.location": "3", "cmi.suspend_data": "old" }));
    expect(outcome).toMatchObject({ ok: true, late: true, sequence: 50 });
    const row = await attempt(claims);
    expect(JSON.parse(row.cmi).values["cmi.location"]).toBe("50");
    expect(JSON.parse(row.cmi).values["cmi.suspend_data"]).toBeUndefined();
    expect(await commitsOf(claims)).toBe(51);
  });

  it("rejects an invalid commit as a whole with the SCORM error code and stores nothing of it", async () => {
    const before = await attempt(claims);
    const outcome = await commitScorm(database.db, claims, body(60, { "cmi.location": "99", "cmi.score.scaled": "2" }));
    expect(outcome).toEqual({ ok: false, status: 400, error: { code: 407, element: "cmi.score.scaled", problem: "range" } });
    const too12 = await commitScorm(database.db, claims12, body(1, { "cmi.suspend_data": "x".repeat(4097) }));
    expect(too12).toMatchObject({ ok: false, error: { code: 405, element: "cmi.suspend_data" } });
    const after = await attempt(claims);
    expect(after.cmi).toBe(before.cmi);
    expect(await commitsOf(claims)).toBe(51);
  });

  it("completes the course when its SCO completes, across a server restart, and never regresses", async () => {
    const restarted = createDb(database.url);
    try {
      const done = await commitScorm(restarted, claims, body(61, { "cmi.completion_status": "completed", "cmi.exit": "normal" }, { kind: "terminate", session: "session-two" }));
      expect(done).toMatchObject({ ok: true, progress: { status: "completed", courseStatus: "completed" } });
      const again = await commitScorm(restarted, claims, body(62, { "cmi.completion_status": "incomplete" }, { session: "session-three" }));
      expect(again).toMatchObject({ ok: true, progress: { status: "completed" } });
      const course = await restarted.progress.findUniqueOrThrow({ where: { enrolmentId_nodeId: { enrolmentId: claims.e, nodeId: "" } } });
      expect(course.status).toBe("completed");
    } finally {
      await restarted.$disconnect();
    }
  });

  it("stores a commit a page sent with sendBeacon (text/plain) through the content route, once when re-sent", async () => {
    const route = await import("../../app/routes/content.$token.$");
    const token = signLaunchToken({ e: claims12.e, i: claims12.i, k: claims12.k, p: claims12.p, v: "1.2", o: claims12.o });
    const beacon = body(5, { "cmi.core.lesson_status": "completed", "cmi.core.lesson_location": "page-4" }, { kind: "terminate" });
    const send = () =>
      route.action({
        request: new Request(`http://content.test/content/${token}/__commit`, { method: "POST", headers: { "Content-Type": "text/plain;charset=UTF-8" }, body: beacon }),
        params: { token, "*": "__commit" },
        context: {},
      });
    const response = await send();
    expect(response.status).toBe(200);
    await send();
    expect(await commitsOf(claims12)).toBe(1);
    expect(JSON.parse((await attempt(claims12)).cmi).values["cmi.core.lesson_location"]).toBe("page-4");
  });
});

describe("the content origin's authorisation", () => {
  it("refuses a token whose claims were changed to another learner's enrolment or another package", () => {
    const token = signLaunchToken({ e: claims.e, i: claims.i, k: claims.k, p: claims.p, v: "2004", o: claims.o });
    const [payload, signature] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, "base64url").toString()), e: claims12.e, k: claims12.k })).toString("base64url");
    expect(verifyLaunchToken(token)).toMatchObject({ e: claims.e });
    expect(verifyLaunchToken(`${forged}.${signature}`)).toBeNull();
    expect(verifyLaunchToken(token, Date.now() + 13 * 3600 * 1000)).toBeNull();
  });

  it("answers a forged token with 403 and serves nothing", async () => {
    const route = await import("../../app/routes/content.$token.$");
    const forged = `${Buffer.from(JSON.stringify({ ...claims, e: claims12.e })).toString("base64url")}.AAAA`;
    const response = await route.loader({ request: new Request("http://content.test/x"), params: { token: forged, "*": "shared/launchpage.html" }, context: {} }).catch((error: Response) => error);
    expect((response as Response).status).toBe(403);
  });

  it("serves package files only from inside the package folder", async () => {
    expect(await resolvePackageFile(storageKey, "shared/launchpage.html")).toMatch(/launchpage\.html$/);
    for (const attack of ["../" + storageKey + "/shared/launchpage.html", "shared/../../x", "shared/%2e%2e/x", "/etc/passwd", "shared\\..\\x", ""]) {
      expect(await resolvePackageFile(storageKey, attack), attack).toBeNull();
    }
    expect(await resolvePackageFile("..", "etc/passwd")).toBeNull();
    const packageDir = path.join(process.env.CONTENT_DIR!, storageKey);
    fs.symlinkSync("/etc", path.join(packageDir, "outside"));
    expect(await resolvePackageFile(storageKey, "outside/hostname")).toBeNull();
  });
});
