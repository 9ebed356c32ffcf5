import { beforeAll, describe, expect, it } from "vitest";
import { digComp22 } from "../../app/modules/competencies/digcomp";
import { storeFramework } from "../../app/modules/competencies/frameworks.server";
import { parseReportFilters } from "../../app/modules/organisations/reports";
import { loadTargetRows, saveTargetLevels } from "../../app/modules/organisations/reports-competences.server";
import { parsePeriod } from "../../app/modules/organisations/reports-indicators";
import { organisationIndicators } from "../../app/modules/organisations/reports-indicators.server";
import { memberReport, organisationReport, trainingCsv } from "../../app/modules/organisations/reports.server";
import { setUpTestDatabase } from "../support/test-db";

const database = setUpTestDatabase();
const NOW = new Date();
const DAY_MS = 24 * 60 * 60 * 1000;
const ids = {} as Record<string, string>;

async function course(key: string, title: string, competenceCode: string) {
  const db = database.db;
  const competence = await db.competence.findFirstOrThrow({ where: { code: competenceCode } });
  const created = await db.course.create({ data: { identifier: key, title } });
  const coursePackage = await db.coursePackage.create({
    data: {
      courseId: created.id,
      version: 1,
      kind: "imscp",
      storageKey: key,
      model: "{}",
      metadata: { create: { lom: "{}", title, learningTimeMinutes: 90 } },
      competences: { create: { competenceId: competence.id, targetLevel: 3 } },
    },
  });
  ids[`${key}Course`] = created.id;
  ids[`${key}Package`] = coursePackage.id;
  ids[`${key}Competence`] = competence.id;
}

async function progress(userKey: string, courseKey: string, status: string, completedDaysAgo?: number) {
  const db = database.db;
  const completedAt = completedDaysAgo === undefined ? null : new Date(NOW.getTime() - completedDaysAgo * DAY_MS);
  await db.enrolment.create({
    data: {
      userId: ids[userKey],
      courseId: ids[`${courseKey}Course`],
      packageId: ids[`${courseKey}Package`],
      progress: { create: { nodeId: "", status, completedAt, lastAccessAt: completedAt ?? NOW, timeSpentSeconds: 600 } },
    },
  });
  if (completedAt) {
    await db.competenceEvidence.create({
      data: {
        userId: ids[userKey],
        competenceId: ids[`${courseKey}Competence`],
        source: "module-completed",
        level: 3,
        sourceRef: ids[`${courseKey}Package`],
        observedAt: completedAt,
      },
    });
  }
}

/**
 * Two organisations. Sara is a learner in both: Alfa assigned her "Secure communication" through
 * team Navile, Beta assigned her "Online outreach" directly, which she completed.
 */
beforeAll(async () => {
  const db = database.db;
  await storeFramework(db, digComp22());
  await course("secure", "Secure communication", "2.1");
  await course("outreach", "Online outreach", "2.2");
  for (const [key, slug] of [
    ["alfa", "alfa"],
    ["beta", "beta"],
  ]) {
    ids[key] = (await db.organisation.create({ data: { slug, name: slug.toUpperCase() } })).id;
  }
  for (const [key, name] of [
    ["sara", "Sara Shared"],
    ["anna", "Anna Alfa"],
    ["bruno", "Bruno Beta"],
  ]) {
    ids[key] = (await db.user.create({ data: { email: `${key}@example.org`, name, passwordHash: "x" } })).id;
  }
  for (const [user, organisation] of [
    ["sara", "alfa"],
    ["anna", "alfa"],
    ["sara", "beta"],
    ["bruno", "beta"],
  ]) {
    const membership = await db.membership.create({ data: { userId: ids[user], organisationId: ids[organisation], jobRole: "social worker" } });
    ids[`${user}@${organisation}`] = membership.id;
  }
  const navile = await db.team.create({ data: { organisationId: ids.alfa, name: "Navile" } });
  const porto = await db.team.create({ data: { organisationId: ids.beta, name: "Porto" } });
  await db.teamMember.createMany({
    data: [
      { teamId: navile.id, userId: ids.sara },
      { teamId: navile.id, userId: ids.anna },
      { teamId: porto.id, userId: ids.bruno },
    ],
  });
  ids.navile = navile.id;
  await db.assignment.create({
    data: { organisationId: ids.alfa, courseId: ids.secureCourse, teamId: navile.id, dueAt: new Date(NOW.getTime() - 3 * DAY_MS) },
  });
  await db.assignment.create({ data: { organisationId: ids.beta, courseId: ids.outreachCourse, userId: ids.sara } });
  await db.assignment.create({ data: { organisationId: ids.beta, courseId: ids.outreachCourse, teamId: porto.id } });
  await progress("sara", "secure", "in-progress");
  await progress("sara", "outreach", "completed", 10);
});

const context = (organisation: "alfa" | "beta", language = "en") => ({ organisationId: ids[organisation], language, now: NOW });
const noFilters = parseReportFilters(new URLSearchParams());

async function csvText(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(await new Response(stream).arrayBuffer());
}

describe("reports of two organisations", () => {
  it("gives each manager only their own organisation's numbers", async () => {
    const alfa = await organisationReport(database.db, context("alfa"), noFilters);
    expect(alfa.report.totals).toMatchObject({ total: 2, overdue: 2, completed: 0 });
    expect(alfa.report.assignments.map((a) => a.courseTitle)).toEqual(["Secure communication"]);
    expect(alfa.report.members.rows.map((m) => m.name)).toEqual(["Anna Alfa", "Sara Shared"]);
    expect(alfa.options.teams.map((team) => team.name)).toEqual(["Navile"]);

    const beta = await organisationReport(database.db, context("beta"), noFilters);
    expect(beta.report.totals).toMatchObject({ total: 2, completed: 1, "not-started": 1 });
    expect(beta.report.members.rows.map((m) => m.name)).toEqual(["Bruno Beta", "Sara Shared"]);
  });

  it("counts a learner of both organisations in each only for its own assignments", async () => {
    const alfa = await organisationReport(database.db, context("alfa"), noFilters);
    const saraInAlfa = alfa.report.members.rows.find((m) => m.name === "Sara Shared")!;
    expect(saraInAlfa.courses.map((c) => [c.courseTitle, c.status])).toEqual([["Secure communication", "overdue"]]);
    expect(alfa.report.trends.reduce((sum, month) => sum + month.completions, 0)).toBe(0);

    const beta = await organisationReport(database.db, context("beta"), noFilters);
    const saraInBeta = beta.report.members.rows.find((m) => m.name === "Sara Shared")!;
    expect(saraInBeta.courses.map((c) => [c.courseTitle, c.status])).toEqual([["Online outreach", "completed"]]);
    expect(beta.report.trends.reduce((sum, month) => sum + month.completions, 0)).toBe(1);
  });

  it("ignores another organisation's ids in the filters", async () => {
    const filtered = await organisationReport(database.db, context("beta"), parseReportFilters(new URLSearchParams(`team=${ids.navile}`)));
    expect(filtered.report.totals.total).toBe(0);
    expect(filtered.report.members.rows).toEqual([]);
  });

  it("exports only the organisation's rows, with headers in the manager's language", async () => {
    const alfa = await csvText(await trainingCsv(database.db, context("alfa", "it"), noFilters));
    const lines = alfa.trimEnd().split("\r\n");
    expect(alfa.startsWith("\uFEFFMembro,E-mail,")).toBe(true);
    expect(lines).toHaveLength(3);
    expect(alfa).toContain("sara@example.org");
    expect(alfa).toContain("In ritardo");
    expect(alfa).not.toContain("Online outreach");
    expect(alfa).not.toContain("bruno@example.org");
  });

  it("shows a member page only for the organisation's own members", async () => {
    const page = await memberReport(database.db, context("alfa"), ids["sara@alfa"]);
    expect(page.member.courses.map((c) => c.courseTitle)).toEqual(["Secure communication"]);
    expect(page.profile.find((row) => row.code === "2.2")?.evidenceLevel).toBe(3);
    await expect(memberReport(database.db, context("alfa"), ids["sara@beta"])).rejects.toMatchObject({ status: 404 });
    await expect(memberReport(database.db, context("alfa"), ids["bruno@beta"])).rejects.toMatchObject({ status: 404 });
  });

  it("keeps target levels per organisation and shows them in the heat map", async () => {
    const framework = await database.db.competenceFramework.findFirstOrThrow();
    await saveTargetLevels(database.db, ids.alfa, framework.id, "", { "2.1": 4, "2.2": 2 });
    await saveTargetLevels(database.db, ids.alfa, framework.id, "", { "2.1": 4, "2.2": 0 });
    expect(await loadTargetRows(database.db, ids.alfa, framework.id)).toEqual([{ code: "2.1", jobRole: "", level: 4 }]);
    expect(await loadTargetRows(database.db, ids.beta, framework.id)).toEqual([]);

    const alfa = await organisationReport(database.db, context("alfa"), noFilters);
    expect(alfa.heatMap.rows.map((row) => [row.name, row.members])).toEqual([["Navile", 2]]);
    expect(alfa.heatMap.rows[0].cells.find((cell) => cell.code === "2.1")).toMatchObject({ target: 4, gap: 4, membersBelowTarget: 2 });
    const beta = await organisationReport(database.db, context("beta"), noFilters);
    expect(beta.heatMap.rows[0].cells.find((cell) => cell.code === "2.1")?.target).toBeNull();
  });

  it("counts the indicators of each organisation from its own assignments", async () => {
    const { period } = parsePeriod(new URLSearchParams(), NOW);
    const alfa = await organisationIndicators(database.db, ids.alfa, period, "en");
    expect(alfa).toMatchObject({ members: 2, peopleTrained: 0, modulesCompleted: 0, hoursOfTraining: 0 });
    const beta = await organisationIndicators(database.db, ids.beta, period, "en");
    expect(beta).toMatchObject({ members: 2, peopleTrained: 1, modulesCompleted: 1, hoursOfTraining: 1.5, competencesImproved: 1 });
    expect(beta.byArea.find((area) => area.code === "2")?.modules).toBe(1);
  });
});
