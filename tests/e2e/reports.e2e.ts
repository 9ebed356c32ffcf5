import fs from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb } from "../../app/utils/db.server";
import { expectAccessible, launchBrowser, newPage, signIn } from "./browser";

const DAY_MS = 24 * 60 * 60 * 1000;
const REPORTS = "/organisations/cooperativa-demo/reports";
const ROLE = "community worker";
const ids = {} as Record<string, string>;

/**
 * In Cooperativa Demo: Rita (team Reports Navile) completed the secure-communication module
 * assigned to her team; Tommaso (team Reports Savena) has not started the outreach module. Both
 * are community workers, a job role no other test uses. Another organisation has Olga.
 */
beforeAll(async () => {
  const db = createDb(inject("databaseUrl"));
  try {
    const demo = await db.organisation.findUniqueOrThrow({ where: { slug: "cooperativa-demo" } });
    const other = await db.organisation.create({ data: { slug: "altra-reports", name: "Altra" } });
    const [secure, outreach] = await Promise.all(
      ["Secure and respectful", "Online outreach"].map((title) =>
        db.course.findFirstOrThrow({
          where: { title: { startsWith: title } },
          select: { id: true, versions: { select: { id: true, competences: { select: { competenceId: true, targetLevel: true } } } } },
        }),
      ),
    );
    const member = async (email: string, name: string, organisationId: string) => {
      const user = await db.user.create({ data: { email, name, passwordHash: "x" } });
      const membership = await db.membership.create({ data: { userId: user.id, organisationId, jobRole: ROLE } });
      return { userId: user.id, membershipId: membership.id };
    };
    const rita = await member("rita.reports@example.org", "Rita Reports", demo.id);
    const tommaso = await member("tommaso.reports@example.org", "Tommaso Reports", demo.id);
    const olga = await member("olga.altra@example.org", "Olga Altra", other.id);
    ids.olgaMembership = olga.membershipId;
    const navile = await db.team.create({ data: { organisationId: demo.id, name: "Reports Navile", members: { create: { userId: rita.userId } } } });
    const savena = await db.team.create({ data: { organisationId: demo.id, name: "Reports Savena", members: { create: { userId: tommaso.userId } } } });
    ids.navile = navile.id;
    await db.assignment.create({ data: { organisationId: demo.id, courseId: secure.id, teamId: navile.id, dueAt: new Date(Date.now() - 5 * DAY_MS) } });
    await db.assignment.create({ data: { organisationId: demo.id, courseId: outreach.id, teamId: savena.id, dueAt: new Date(Date.now() + 30 * DAY_MS) } });
    await db.assignment.create({ data: { organisationId: other.id, courseId: outreach.id, userId: olga.userId } });
    const completedAt = new Date(Date.now() - 10 * DAY_MS);
    const version = secure.versions[0];
    await db.enrolment.create({
      data: {
        userId: rita.userId,
        courseId: secure.id,
        packageId: version.id,
        progress: { create: { nodeId: "", status: "completed", score: 0.9, lastAccessAt: completedAt, completedAt } },
      },
    });
    await db.competenceEvidence.createMany({
      data: version.competences.map((link) => ({
        userId: rita.userId,
        competenceId: link.competenceId,
        source: "module-completed",
        level: link.targetLevel,
        sourceRef: version.id,
        observedAt: completedAt,
      })),
    });
  } finally {
    await db.$disconnect();
  }
});

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function managerPage(options: { javaScriptEnabled?: boolean; viewport?: { width: number; height: number } } = {}): Promise<Page> {
  const page = await newPage(browser, options);
  await signIn(page, "manager@vademecum.test");
  return page;
}

/** The heat map cell of a row (team or member) for competence 1.1, the first column. */
const firstCompetenceCell = (page: Page, row: string) =>
  page.getByRole("table", { name: "Average level per competence" }).getByRole("row", { name: new RegExp(row) }).getByRole("cell").first();

describe("training reports", () => {
  it("show the manager the heat map, the trend and the figures, accessibly", async () => {
    const page = await managerPage();
    await page.goto(REPORTS);
    await page.getByRole("heading", { level: 1, name: "Training reports" }).waitFor();
    await page.getByRole("table", { name: "Average level per competence" }).waitFor();
    const trends = page.getByRole("table", { name: "Completions per month" });
    await expect(trends.getByRole("row").count()).resolves.toBe(13);
    await expect(page.getByRole("img", { name: /modules completed from/ }).count()).resolves.toBe(1);
    await expectAccessible(page);
  });

  it("filter by team with a plain GET form, without JavaScript too", async () => {
    const page = await managerPage({ javaScriptEnabled: false });
    await page.goto(REPORTS);
    await page.getByLabel("Team", { exact: true }).selectOption({ label: "Reports Navile" });
    await page.getByRole("button", { name: "Show" }).click();
    await page.waitForURL((url) => url.searchParams.get("team") === ids.navile);
    const members = page.locator("#members");
    await members.getByRole("link", { name: "Rita Reports" }).waitFor();
    await expect(members.getByText("Tommaso Reports").count()).resolves.toBe(0);
    const teams = page.getByRole("region", { name: "By team" });
    await expect(teams.getByRole("row").count()).resolves.toBe(2);
    await teams.getByRole("rowheader", { name: "Reports Navile" }).waitFor();
  });

  it("download the filtered training list as a spreadsheet-safe CSV", async () => {
    const page = await managerPage();
    await page.goto(`${REPORTS}?team=${ids.navile}`);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download the training list (CSV)" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^cooperativa-demo-training-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = fs.readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString("utf8").trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/^Member,E-mail,Job role,Teams,Module,/);
    expect(lines.slice(1)).toEqual([expect.stringMatching(/^Rita Reports,rita\.reports@example\.org,community worker,Reports Navile,Secure and respectful .*,Completed,90,/)]);
  });

  it("let the manager set a target level and show the gap in the heat map", async () => {
    const page = await managerPage();
    const query = `?${new URLSearchParams({ role: ROLE, team: ids.navile })}`;
    await page.goto(`${REPORTS}${query}`);
    await expect(firstCompetenceCell(page, "Reports Navile").textContent()).resolves.toBe("0");

    await page.getByRole("link", { name: "Set target levels" }).click();
    await page.getByRole("heading", { name: `Targets for ${ROLE}` }).waitFor();
    await expectAccessible(page);
    await page.getByLabel(/^1\.1 /).selectOption("3");
    await Promise.all([page.waitForURL(/\/reports\?role=/), page.getByRole("button", { name: "Save target levels" }).click()]);
    await page.goto(`${REPORTS}${query}`);
    await expect(firstCompetenceCell(page, "Reports Navile").textContent()).resolves.toBe("0▼gap 3");
    await expectAccessible(page);
  });

  it("fit a 360-pixel phone: only tables scroll sideways, inside their own box", async () => {
    const page = await managerPage({ viewport: { width: 360, height: 800 } });
    await page.goto(REPORTS);
    await page.getByRole("heading", { level: 1, name: "Training reports" }).waitFor();
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(360);
  });
});

describe("monitoring indicators", () => {
  it("show each indicator with how it is counted, accessibly, and export them", async () => {
    const page = await managerPage();
    await page.goto("/organisations/cooperativa-demo/indicators");
    await page.getByRole("heading", { level: 1, name: "Monitoring indicators" }).waitFor();
    await page.getByText("Members who completed at least one module this organisation assigned to them in the period.").waitFor();
    await page.getByRole("table", { name: "Modules completed per DigComp area" }).waitFor();
    await expectAccessible(page);
    const response = await page.request.get(await page.getByRole("link", { name: "Download the indicators (CSV)" }).getAttribute("href").then(String));
    expect(response.headers()["content-disposition"]).toMatch(/^attachment; filename="cooperativa-demo-indicators-/);
    expect((await response.text()).replace(/^\uFEFF/, "")).toMatch(/^Indicator,Value,How it is counted,From,To\r\nPeople trained,\d+,/);
  });
});

describe("another organisation", () => {
  it.each([
    "/organisations/altra-reports/reports",
    "/organisations/altra-reports/reports/csv",
    "/organisations/altra-reports/reports/targets",
    "/organisations/altra-reports/indicators",
    "/organisations/altra-reports/indicators/csv",
  ])("is not found at %s", async (path) => {
    const page = await managerPage();
    const response = await page.request.get(path);
    expect(response.status()).toBe(404);
  });

  it("keeps its members' pages out of reach under the manager's own organisation", async () => {
    const page = await managerPage();
    const response = await page.goto(`${REPORTS}/members/${ids.olgaMembership}`);
    expect(response?.status()).toBe(404);
    const csv = await page.request.get(`${REPORTS}/csv`);
    expect(await csv.text()).not.toContain("Olga");
  });
});
