import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { digComp22 } from "../../app/modules/competencies/digcomp";
import { recordScoreEvidence } from "../../app/modules/competencies/evidence.server";
import { importFrameworkFile, listFrameworks } from "../../app/modules/competencies/framework-admin.server";
import { storeFramework } from "../../app/modules/competencies/frameworks.server";
import { itemFormSchema } from "../../app/modules/competencies/items";
import { findItem, listItems, saveAuthoredItem } from "../../app/modules/competencies/items.server";
import { learnerProfile, memberProfile, profileExport, saveLearnerTargets } from "../../app/modules/competencies/profile.server";
import type { ProfileView } from "../../app/modules/competencies/profile-view";
import { finishSelfAssessment, saveSelfAssessmentAnswers, selfAssessmentState } from "../../app/modules/competencies/self-assessment.server";
import { digComp22SelfAssessment } from "../../app/modules/competencies/self-assessment/digcomp-bank.server";
import { assessmentSteps, mergeStep, ratingField, readStep } from "../../app/modules/competencies/self-assessment/steps";
import { importPackage } from "../../app/modules/packages/import.server";
import { COURSE_NODE, recordProgress } from "../../app/modules/progress/progress.server";
import { setUpTestDatabase } from "../support/test-db";

const database = setUpTestDatabase();
const courses: Record<string, { courseId: string; packageId: string }> = {};
let organisationId: string;

const competence = (profile: ProfileView, code: string) =>
  profile.areas.flatMap((area) => area.competences).find((entry) => entry.code === code)!;

async function createLearner(email: string, jobRole: string | null = null) {
  const db = database.db;
  const user = await db.user.create({ data: { email, name: email.split("@")[0], passwordHash: "x" } });
  await db.membership.create({ data: { userId: user.id, organisationId, jobRole } });
  return user.id;
}

async function complete(userId: string, course: string) {
  const { courseId, packageId } = courses[course];
  const enrolment = await database.db.enrolment.create({ data: { userId, courseId, packageId } });
  await recordProgress(database.db, enrolment.id, COURSE_NODE, { status: "completed", at: new Date().toISOString() });
}

beforeAll(async () => {
  const db = database.db;
  await storeFramework(db, digComp22());
  for (const name of ["01-secure-communication", "02-online-outreach", "06-wellbeing-safety"]) {
    const outcome = await importPackage(db, path.resolve("courses", name), { contentDir: path.join(database.dir, "content") });
    if (!outcome.ok) throw new Error(`import of ${name} failed`);
    courses[name] = { courseId: outcome.courseId, packageId: outcome.packageId };
  }
  organisationId = (await db.organisation.create({ data: { slug: "coop", name: "Coop" } })).id;
}, 60_000);

describe("the learner's profile", () => {
  it("shows a completed module's competences at the module's target level, with the module's title", async () => {
    const db = database.db;
    const userId = await createLearner("completer@example.org");
    const targets = await db.packageCompetence.findMany({
      where: { packageId: courses["01-secure-communication"].packageId },
      select: { targetLevel: true, competence: { select: { code: true } } },
    });
    expect(targets.length).toBeGreaterThan(0);
    await complete(userId, "01-secure-communication");

    const page = await learnerProfile(db, userId, "en");
    const title = (await db.learningObjectMetadata.findUniqueOrThrow({ where: { packageId: courses["01-secure-communication"].packageId } })).title;
    for (const { targetLevel, competence: { code } } of targets) {
      const shown = competence(page.profile, code);
      expect(shown.evidenceLevel).toBe(targetLevel);
      expect(shown.sources[0]).toMatchObject({ kind: "module-completed", status: "decisive", title, courseId: courses["01-secure-communication"].courseId });
    }
    expect(page.snapshots).toBe(1);
  });

  it("counts a score as passed at the mastery score and sets the completion aside below it", async () => {
    const db = database.db;
    const failing = await createLearner("failing@example.org");
    await complete(failing, "02-online-outreach");
    await recordScoreEvidence(db, { userId: failing, packageId: courses["02-online-outreach"].packageId, scoreScaled: 0.79 });
    const codes = (
      await db.packageCompetence.findMany({ where: { packageId: courses["02-online-outreach"].packageId }, select: { competence: { select: { code: true } } } })
    ).map((row) => row.competence.code);
    const failed = await learnerProfile(db, failing, "en");
    for (const code of codes) {
      expect(competence(failed.profile, code).evidenceLevel).toBe(0);
      expect(competence(failed.profile, code).sources.map((source) => source.status).sort()).toEqual(["not-passed", "superseded"]);
    }

    await recordScoreEvidence(db, { userId: failing, packageId: courses["02-online-outreach"].packageId, scoreScaled: 0.8 });
    await recordScoreEvidence(db, { userId: failing, packageId: courses["02-online-outreach"].packageId, scoreScaled: 0.5 });
    const passed = await learnerProfile(db, failing, "en");
    for (const code of codes) expect(competence(passed.profile, code).evidenceLevel).toBeGreaterThan(0);
    expect(passed.changes?.items.some((change) => change.direction === "up")).toBe(true);
    await expect(db.competenceEvidence.count({ where: { userId: failing, source: "scorm-score" } })).resolves.toBe(codes.length);
  });
});

describe("the self-assessment", () => {
  it("keeps answers between steps, stores evidence and a snapshot, and shows the change when taken again", async () => {
    const db = database.db;
    const userId = await createLearner("assessed@example.org");
    const bank = digComp22SelfAssessment();
    const steps = assessmentSteps(bank, digComp22());
    const answerAll = async (step: number) => {
      for (const [index, current] of steps.entries()) {
        const values: Record<string, string> = {};
        for (const question of current.questions) values[ratingField(question.competence)] = String(step);
        values["item-1.1-a"] = "a";
        values["item-1.1-b"] = "true";
        await saveSelfAssessmentAnswers(db, userId, bank, (stored) => mergeStep(stored, current, index, readStep(bank, current, values)));
      }
    };
    await answerAll(4);
    const state = await selfAssessmentState(db, userId, bank);
    expect(state.ongoing?.answers.savedSteps).toEqual([0, 1, 2, 3, 4]);
    await expect(db.selfAssessment.count({ where: { userId } })).resolves.toBe(1);

    const first = await finishSelfAssessment(db, userId, bank);
    expect(first?.changes).toEqual([]);
    await expect(db.competenceEvidence.count({ where: { userId, source: "self-rating" } })).resolves.toBe(21);
    const page = await learnerProfile(db, userId, "en");
    expect(competence(page.profile, "2.4")).toMatchObject({ selfRatedLevel: 3, evidenceLevel: 0, basis: "self-rating" });
    expect(competence(page.profile, "1.1")).toMatchObject({ evidenceLevel: 2 });

    await answerAll(2);
    const second = await finishSelfAssessment(db, userId, bank);
    expect(second?.changes.find((change) => change.code === "2.4")?.selfRatedLevel).toEqual({ from: 3, to: 1 });
    const exported = await profileExport(db, userId);
    expect(exported.history).toHaveLength(2);
    expect(exported.profile.competences["2.4"].selfRatedLevel).toBe(1);
    expect((await selfAssessmentState(db, userId, bank)).ongoing).toBeNull();
  });
});

describe("targets, gaps and recommendations", () => {
  it("uses the organisation's targets for the job role, falls back to the general ones, and adds the learner's own", async () => {
    const db = database.db;
    const userId = await createLearner("peer@example.org", "peer supporter");
    const ids = new Map((await db.competence.findMany({ select: { id: true, code: true } })).map((row) => [row.code, row.id]));
    await db.targetLevel.createMany({
      data: [
        { organisationId, competenceId: ids.get("2.1")!, jobRole: "", level: 2 },
        { organisationId, competenceId: ids.get("2.1")!, jobRole: "peer supporter", level: 4 },
        { organisationId, competenceId: ids.get("4.2")!, jobRole: "", level: 3 },
      ],
    });
    await saveLearnerTargets(db, userId, { "4.3": 4, "4.2": 1 });
    const page = await learnerProfile(db, userId, "en");
    expect(Object.fromEntries(page.gaps.map((gap) => [gap.code, gap.targetLevel]))).toEqual({ "2.1": 4, "4.2": 3, "4.3": 4 });
    expect(page.recommendations.length).toBeGreaterThan(0);
    expect(page.recommendations[0].closes.length).toBeGreaterThan(0);

    await complete(userId, "01-secure-communication");
    const after = await learnerProfile(db, userId, "en");
    expect(after.recommendations.map((module) => module.courseId)).not.toContain(courses["01-secure-communication"].courseId);
  });

  it("shows a member's profile to their organisation only", async () => {
    const db = database.db;
    const userId = await createLearner("member@example.org");
    const other = await db.organisation.create({ data: { slug: "other", name: "Other" } });
    await expect(memberProfile(db, other.id, userId)).resolves.toBeNull();
    await expect(memberProfile(db, organisationId, userId)).resolves.toMatchObject({ name: "member" });
  });
});

describe("frameworks and items", () => {
  it("imports an IMS CASE framework beside DigComp and refuses an invalid file with the path", async () => {
    const db = database.db;
    const outcome = await importFrameworkFile(db, fs.readFileSync("tests/fixtures/case/welfare-digital-skills.case.json", "utf8"));
    expect(outcome.ok).toBe(true);
    const frameworks = await listFrameworks(db);
    expect(frameworks).toHaveLength(2);
    expect(frameworks.find((framework) => framework.key === "DigComp 2.2")).toMatchObject({ areas: 5, competences: 21, levels: 8 });
    const invalid = await importFrameworkFile(db, JSON.stringify({ format: "vademecum-competence-framework/1", name: "X" }));
    expect(invalid.ok ? [] : invalid.errors.map((error) => error.path)).toContain("$.version");
  });

  it("stores items written in the app and never changes imported ones", async () => {
    const db = database.db;
    const framework = await db.competenceFramework.findFirstOrThrow({ where: { name: "DigComp", version: "2.2" } });
    const schema = itemFormSchema(["en", "it"], digComp22().competences.map((entry) => entry.code));
    const form = schema.parse({
      kind: "true-false",
      competence: "4.2",
      correct: "false",
      "prompt-en": "A shared computer keeps your password safe.",
      "explanation-en": "Others can see saved passwords on a shared computer.",
      "prompt-it": "Un computer condiviso tiene al sicuro la password.",
      "explanation-it": "Altri possono vedere le password salvate.",
    });
    const id = (await saveAuthoredItem(db, framework.id, form))!;
    const items = await listItems(db, framework.id, "4.2");
    expect(items.find((item) => item.id === id)).toMatchObject({ packageTitle: null, kind: "true-false" });
    expect((await findItem(db, framework.id, id))?.languages.map((version) => version.language)).toEqual(["en", "it"]);

    const imported = await db.assessmentItem.findFirstOrThrow({ where: { packageId: { not: null } } });
    await expect(saveAuthoredItem(db, framework.id, form, imported.id)).resolves.toBeNull();
    expect((await listItems(db, framework.id)).some((item) => item.packageTitle !== null)).toBe(true);
  });
});
