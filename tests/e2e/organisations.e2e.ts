import type { Browser } from "playwright-core";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { COURSE_NODE, recordProgress } from "../../app/modules/progress/progress.server";
import { createDb } from "../../app/utils/db.server";
import { expectAccessible, launchBrowser, newPage, signIn } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const ORGANISATION = "/organisations/cooperativa-demo";
const TEAM = "Unità di strada (browser test)";

/** A due date three days ahead, as the date field wants it and as the learner sees it. */
const due = new Date(Date.now() + 3 * 24 * 60 * 60 * 1000);
const dueField = due.toISOString().slice(0, 10);
const dueShown = new Intl.DateTimeFormat("en", { dateStyle: "medium" }).format(new Date(`${dueField}T12:00:00Z`));

describe("managing an organisation", () => {
  it("assigns a course to a new team, and the learner sees it first in My learning", async () => {
    const manager = await newPage(browser);
    await signIn(manager, "manager@vademecum.test");

    await manager.goto(`${ORGANISATION}/members`);
    await manager.getByRole("heading", { level: 1, name: "Members" }).waitFor();
    await expectAccessible(manager);

    await manager.goto(`${ORGANISATION}/teams`);
    await manager.getByRole("heading", { level: 1, name: "Teams" }).waitFor();
    await expectAccessible(manager);
    await manager.getByLabel("Team name").fill(TEAM);
    await Promise.all([
      manager.waitForURL(/\/teams\/[^/]+$/),
      manager.getByRole("button", { name: "Create team" }).click(),
    ]);
    await manager.getByRole("heading", { level: 1, name: TEAM }).waitFor();
    const learnerOption = manager.getByLabel("Add a member").locator("option", { hasText: "learner@vademecum.test" });
    await manager.getByLabel("Add a member").selectOption((await learnerOption.getAttribute("value")) ?? "");
    await manager.getByRole("button", { name: "Add to team" }).click();
    await manager.getByRole("status").getByText("Member added to the team.").waitFor();
    await manager.getByRole("list").getByText("learner@vademecum.test").waitFor();
    await expectAccessible(manager);

    await manager.goto(`${ORGANISATION}/assignments`);
    await manager.getByRole("heading", { level: 1, name: "Assignments" }).waitFor();
    await expectAccessible(manager);
    const what = manager.getByLabel("What to learn");
    const course = what.locator("option", { hasText: "(whole course)" }).first();
    const courseTitle = ((await course.textContent()) ?? "").replace(" (whole course)", "");
    await what.selectOption((await course.getAttribute("value")) ?? "");
    const who = manager.getByLabel("Who");
    await who.selectOption((await who.locator("option", { hasText: TEAM }).getAttribute("value")) ?? "");
    await manager.getByLabel("Due date").fill(dueField);
    await manager.getByLabel("Why (optional)").fill("Needed for street outreach");
    await manager.getByRole("button", { name: "Assign", exact: true }).click();
    await manager.getByRole("status").getByText("Training assigned.").waitFor();
    await manager.getByText(`Team ${TEAM}`).waitFor();

    const learner = await newPage(browser);
    await signIn(learner, "learner@vademecum.test");
    await learner.goto("/learning");
    const assigned = learner.getByRole("region", { name: "Assigned to you" }).getByRole("listitem").first();
    await assigned.getByRole("heading", { name: courseTitle }).waitFor();
    await expect(assigned.textContent()).resolves.toContain(dueShown);
  });

  it("shows in the report and the heat map when the learner completes an assigned module", async () => {
    const WELLBEING = "Wellbeing and safety online for social workers and peer supporters";
    const manager = await newPage(browser);
    await signIn(manager, "manager@vademecum.test");
    await manager.goto(`${ORGANISATION}/assignments`);
    const what = manager.getByLabel("What to learn");
    await what.selectOption((await what.locator("option", { hasText: `${WELLBEING} (whole course)` }).getAttribute("value")) ?? "");
    const who = manager.getByLabel("Who");
    await who.selectOption((await who.locator("option", { hasText: TEAM }).getAttribute("value")) ?? "");
    await manager.getByLabel("Due date").fill(dueField);
    await manager.getByRole("button", { name: "Assign", exact: true }).click();
    await manager.getByRole("status").getByText("Training assigned.").waitFor();

    const before = await teamFigures(manager);

    // The learner finishes the module: the player records it on the course node like this.
    const db = createDb(inject("databaseUrl"));
    try {
      const learner = await db.user.findUniqueOrThrow({ where: { email: "learner@vademecum.test" } });
      const course = await db.course.findFirstOrThrow({
        where: { title: WELLBEING },
        include: { versions: { orderBy: { version: "desc" }, take: 1 } },
      });
      const enrolment = await db.enrolment.upsert({
        where: { userId_courseId: { userId: learner.id, courseId: course.id } },
        create: { userId: learner.id, courseId: course.id, packageId: course.versions[0].id },
        update: {},
      });
      await recordProgress(db, enrolment.id, COURSE_NODE, { status: "completed", at: new Date().toISOString() });
    } finally {
      await db.$disconnect();
    }

    const after = await teamFigures(manager);
    expect(after.completed).toBe(before.completed + 1);
    expect(after.heat41).not.toBe(before.heat41);
    expect(Number(after.heat41)).toBeGreaterThanOrEqual(4);
  });

  it("keeps what the manager typed when the invitation form has an error, without JavaScript", async () => {
    const page = await newPage(browser, { javaScriptEnabled: false });
    await signIn(page, "manager@vademecum.test");
    await page.goto(`${ORGANISATION}/members`);
    await page.getByLabel("E-mail address").fill("not an address");
    await page.getByRole("button", { name: "Send invitation" }).click();
    await page.getByText("Enter an e-mail address like name@example.org.").waitFor();
    await expect(page.getByLabel("E-mail address").inputValue()).resolves.toBe("not an address");
  });

  it("fits a 360 pixel wide phone", async () => {
    const page = await newPage(browser, { viewport: { width: 360, height: 780 } });
    await signIn(page, "manager@vademecum.test");
    await page.goto(`${ORGANISATION}/assignments`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});

/**
 * The team's row in the report: how many of its assignments are completed, and its average
 * level in competence 4.1 (Protecting devices) in the heat map.
 */
async function teamFigures(page: Page): Promise<{ completed: number; heat41: string }> {
  await page.goto(`${ORGANISATION}/reports`);
  await page.getByRole("table", { name: "Average level per competence" }).waitFor();
  return page.evaluate((team) => {
    const cellUnder = (table: HTMLTableElement, rowName: string, column: RegExp) => {
      const headers = [...table.querySelectorAll("thead th")].map((th) => th.textContent?.trim() ?? "");
      const index = headers.findIndex((text) => column.test(text));
      const row = [...table.querySelectorAll("tbody tr")].find((tr) => tr.querySelector("th")?.textContent?.trim().startsWith(rowName));
      return row ? ([...row.children][index]?.textContent?.trim() ?? "") : "";
    };
    const tables = [...document.querySelectorAll("table")];
    const byTeam = tables.find((table) => table.closest("section, [role=region]")?.getAttribute("aria-label") === "By team" || table.caption?.textContent?.includes("team"))!;
    const heat = tables.find((table) => table.caption?.textContent?.includes("Average level per competence"))!;
    return { completed: Number(cellUnder(byTeam, team, /^Completed/)) || 0, heat41: cellUnder(heat, team, /^4\.1/) };
  }, TEAM);
}
