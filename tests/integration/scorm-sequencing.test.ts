import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { digComp22 } from "../../app/modules/competencies/digcomp";
import { storeFramework } from "../../app/modules/competencies/frameworks.server";
import { commitScorm } from "../../app/modules/delivery/scorm/commit.server";
import { readSequencingState } from "../../app/modules/delivery/scorm/course-sequencing";
import { sequencingTree } from "../../app/modules/delivery/scorm/course-sequencing.server";
import { findPackageModel as packageModel } from "../../app/modules/delivery/package-store.server";
import { openPlayer, requestNavigation, type PlayerView } from "../../app/modules/delivery/scorm/player.server";
import { writeSequencedPackage } from "../../app/modules/delivery/scorm/test-package.server";
import { signLaunchToken, verifyLaunchToken, type LaunchClaims } from "../../app/modules/delivery/scorm/token.server";
import { importPackage } from "../../app/modules/packages/import.server";
import en from "../../app/locales/en/player.json";
import it_ from "../../app/locales/it/player.json";
import { setUpTestDatabase } from "../support/test-db";

const database = setUpTestDatabase();
const ADL = "tests/fixtures/adl-scorm2004-4ed-testsuite/software_development/TestSuite/LMSRTE/Courses";
const GOLF = "tests/fixtures/moodle-scorm-golf-testpackages/tests/packages";
let courseId: string;
let packageId: string;

async function importCourse(source: string): Promise<{ courseId: string; packageId: string }> {
  const outcome = await importPackage(database.db, source, { contentDir: process.env.CONTENT_DIR! });
  if (!outcome.ok) throw new Error(`import of ${source} failed: ${JSON.stringify(outcome.validation.errors)}`);
  return { courseId: outcome.courseId, packageId: outcome.packageId };
}

async function learner(email: string): Promise<string> {
  const user = await database.db.user.create({ data: { email, name: email, passwordHash: "x" } });
  return user.id;
}

const open = (userId: string, course = courseId) =>
  openPlayer(database.db, { userId, courseId: course, item: null, appOrigin: "http://app.test", contentOrigin: "http://content.test" }) as Promise<PlayerView>;

/** The claims of the launch URL the player shows, or of another item of the same enrolment. */
function claimsOf(view: PlayerView, itemId?: string): LaunchClaims {
  const claims = verifyLaunchToken(view.launchUrl!.split("/content/")[1].split("/")[0])!;
  if (!itemId) return claims;
  return verifyLaunchToken(signLaunchToken({ e: claims.e, i: itemId, k: claims.k, p: claims.p, v: claims.v, o: claims.o }))!;
}

let sequence = 0;
function commit(claims: LaunchClaims, cmi: Record<string, string>, kind: "commit" | "terminate" = "terminate") {
  sequence += 1;
  return commitScorm(database.db, claims, JSON.stringify({ sequence, session: `session-${sequence}`, kind, cmi }));
}

const passed = { "cmi.completion_status": "completed", "cmi.success_status": "passed", "cmi.score.scaled": "0.9", "cmi.exit": "normal" };
const failed = { "cmi.completion_status": "completed", "cmi.success_status": "failed", "cmi.score.scaled": "0.3", "cmi.exit": "normal" };

async function learnerState(userId: string, course = courseId) {
  const enrolment = await database.db.enrolment.findUniqueOrThrow({ where: { userId_courseId: { userId, courseId: course } } });
  const tree = sequencingTree(enrolment.packageId, (await packageModel(database.db, enrolment.packageId))!)!;
  return { enrolment, tree, state: readSequencingState(tree, enrolment.sequencingState) };
}

async function courseProgress(userId: string) {
  const { enrolment } = await learnerState(userId);
  return database.db.progress.findUnique({ where: { enrolmentId_nodeId: { enrolmentId: enrolment.id, nodeId: "" } } });
}

beforeAll(async () => {
  process.env.CONTENT_DIR = path.join(database.dir, "content");
  process.env.DATABASE_URL = database.url;
  ({ courseId, packageId } = await importCourse(writeSequencedPackage(path.join(database.dir, "sequenced"))));
  const frameworkId = await storeFramework(database.db, digComp22());
  const competence = await database.db.competence.findFirstOrThrow({ where: { frameworkId } });
  await database.db.packageCompetence.create({ data: { packageId, competenceId: competence.id, targetLevel: 3 } });
});

describe("a SCORM 2004 course driven by its sequencing", () => {
  it("delivers the first SCO at launch, then the next on continue, skipping the lesson the pre-test showed is known", async () => {
    const ann = await learner("ann@example.org");
    const view = await open(ann);
    expect(view.current?.id).toBe("pretest");
    expect(view.sequencing).toEqual({ previous: false, continue: true, refusal: null });
    expect(view.toc.map((entry) => [entry.id, entry.enabled])).toEqual([
      ["pretest", true],
      ["lesson", true],
      ["check", true],
    ]);

    const done = await commit(claimsOf(view), { ...passed, "adl.nav.request": "continue" });
    expect(done).toMatchObject({ ok: true, navigation: { deliver: "check", endSession: false, refusal: null }, progress: { status: "passed" } });
    const next = await open(ann);
    expect(next.current?.id).toBe("check");
    // The lesson is hidden from choice now: not in the table of contents, and refused when asked for.
    expect(next.toc.map((entry) => entry.id)).toEqual(["pretest", "check"]);
    expect(await requestNavigation(database.db, { userId: ann, courseId, form: { request: "choice", target: "lesson" } })).toEqual({
      deliver: null,
      endSession: false,
      refusal: "notAvailable",
    });
    expect(en.player.refusal.notAvailable).toMatch(/not available/);
    expect(it_.player.refusal.notAvailable).toMatch(/non è disponibile/);
    // As in the SN book, the check's attempt ended before the choice was refused: the learner picks again.
    const after = await open(ann);
    expect(after.current).toBeNull();
    expect(after.toc.find((entry) => entry.id === "check")).toMatchObject({ enabled: true });
  });

  it("retries the check while it is not passed (post-condition), then rolls the course up to passed", async () => {
    const bob = await learner("bob@example.org");
    const first = await open(bob);
    await commit(claimsOf(first), { ...failed, "adl.nav.request": "continue" });
    // The pre-test was not passed: the lesson is not skipped.
    expect((await open(bob)).current?.id).toBe("lesson");
    expect(await requestNavigation(database.db, { userId: bob, courseId, form: { request: "previous" } })).toMatchObject({ deliver: "pretest" });
    expect(await requestNavigation(database.db, { userId: bob, courseId, form: { request: "choice", target: "check" } })).toMatchObject({ deliver: "check" });
    const check = await open(bob);
    const retried = await commit(claimsOf(check), { ...failed, "adl.nav.request": "continue" });
    expect(retried).toMatchObject({ navigation: { deliver: "check" } });
    expect((await learnerState(bob)).state.activities.check.tracking.activityAttemptCount).toBe(2);

    await requestNavigation(database.db, { userId: bob, courseId, form: { request: "choice", target: "pretest" } });
    await commit(claimsOf(await open(bob)), passed);
    await requestNavigation(database.db, { userId: bob, courseId, form: { request: "choice", target: "check" } });
    const last = await commit(claimsOf(await open(bob)), { ...passed, "adl.nav.request": "continue" });
    expect(last).toMatchObject({ ok: true, navigation: { deliver: null, endSession: true }, progress: { courseStatus: "passed" } });
    expect(await courseProgress(bob)).toMatchObject({ status: "passed" });
    // The check's score is competence evidence.
    const evidence = await database.db.competenceEvidence.findMany({ where: { userId: bob, source: "scorm-score" } });
    expect(evidence.map((row) => row.score)).toEqual([0.9]);
  });

  it("resumes where a SCO suspended the course, and starts a new attempt after the course was left", async () => {
    const cid = await learner("cid@example.org");
    const view = await open(cid);
    const suspended = await commit(claimsOf(view), { "cmi.completion_status": "incomplete", "cmi.exit": "suspend", "adl.nav.request": "suspendAll" });
    expect(suspended).toMatchObject({ navigation: { deliver: null, endSession: true } });
    expect((await learnerState(cid)).state).toMatchObject({ currentActivity: null, suspendedActivity: "pretest" });
    expect((await open(cid)).current?.id).toBe("pretest");
    expect((await learnerState(cid)).state.suspendedActivity).toBeNull();

    await commit(claimsOf(await open(cid)), { "cmi.exit": "normal", "adl.nav.request": "exitAll" });
    expect((await learnerState(cid)).state.currentActivity).toBeNull();
    expect((await open(cid)).current?.id).toBe("pretest");
    expect((await learnerState(cid)).state.activities[(await learnerState(cid)).tree.root].tracking.activityAttemptCount).toBe(2);
  });

  it("keeps both of two commits sent at the same time from two tabs", async () => {
    const dee = await learner("dee@example.org");
    const view = await open(dee);
    const [pretest, lesson] = await Promise.all([
      commit(claimsOf(view), { "cmi.completion_status": "completed", "cmi.success_status": "passed" }, "commit"),
      commit(claimsOf(view, "lesson"), { "cmi.completion_status": "completed" }, "commit"),
    ]);
    expect(pretest.ok && lesson.ok).toBe(true);
    const { state } = await learnerState(dee);
    expect(state.activities.pretest.tracking).toMatchObject({ attemptProgressStatus: true, attemptCompletionStatus: true });
    expect(state.activities.lesson.tracking).toMatchObject({ attemptProgressStatus: true, attemptCompletionStatus: true });
    expect(state.globalObjectives["g-knows-passwords"]).toMatchObject({ progressStatus: true, satisfiedStatus: true });
  });
});

describe("an ADL test-suite package whose content files are missing", () => {
  it("is navigated by its sequencing from start to end (CO-03: flow into and out of clusters)", async () => {
    const adl = await importCourse(path.resolve(ADL, "LMSTestPackage_CO-03"));
    const eve = await learner("eve@example.org");
    let view = await open(eve, adl.courseId);
    const delivered: string[] = [];
    for (let step = 0; step < 10 && view.current; step += 1) {
      delivered.push(view.current.id);
      const outcome = await commit(claimsOf(view), { ...passed, "adl.nav.request": "continue" });
      if (!outcome.ok || !outcome.navigation?.deliver) break;
      view = await open(eve, adl.courseId);
    }
    expect(delivered).toEqual(["activity_1", "activity_2", "activity_4", "activity_5", "activity_6", "activity_7"]);
    const { state, tree } = await learnerState(eve, adl.courseId);
    expect(state.currentActivity).toBeNull();
    expect(state.activities[tree.root].tracking.attemptCompletionStatus).toBe(true);
  });
});

describe("scores of SCORM 1.2 SCOs", () => {
  it("become competence evidence when the SCO finishes, scaled between min and max", async () => {
    const golf = await importCourse(path.resolve(GOLF, "RuntimeMinimumCalls_SCORM12.zip"));
    const competence = await database.db.competence.findFirstOrThrow();
    await database.db.packageCompetence.create({ data: { packageId: golf.packageId, competenceId: competence.id, targetLevel: 2 } });
    const fay = await learner("fay@example.org");
    const view = await open(fay, golf.courseId);
    expect(view.sequencing).toBeNull();
    const claims = claimsOf(view);
    await commit(claims, { "cmi.core.lesson_status": "incomplete", "cmi.core.score.raw": "30", "cmi.core.score.max": "50" }, "commit");
    expect(await database.db.competenceEvidence.count({ where: { userId: fay } })).toBe(0);
    await commit(claims, { "cmi.core.lesson_status": "passed", "cmi.core.score.raw": "40", "cmi.core.score.min": "0", "cmi.core.score.max": "50" });
    const evidence = await database.db.competenceEvidence.findMany({ where: { userId: fay, source: "scorm-score" } });
    expect(evidence.map((row) => row.score)).toEqual([0.8]);
  });
});
