import type { Browser, Page } from "playwright-core";
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

/** Rates every competence of the step shown ("on my own", 2.1 "with confidence") and answers one item. */
async function answerStep(page: Page) {
  for (const radio of await page.locator('input[type="radio"][name^="rating-"][value="4"]').all()) await radio.check();
  const twoOne = page.locator('input[name="rating-2.1"][value="5"]');
  if (await twoOne.count()) await twoOne.check();
  // Knowledge items are shuffled per learner: answering at random could give evidence by luck,
  // so the test leaves them unanswered (quiz scoring has its own tests).
  for (const radio of await page.locator('input[type="radio"][name^="item-"][value=""]').all()) await radio.check();
}

const profileTable = (page: Page) => page.getByRole("table", { name: /Your levels in DigComp/ });
const row = (page: Page, code: string) => profileTable(page).getByRole("row").filter({ has: page.getByRole("rowheader", { name: new RegExp(`^${code.replace(".", "\\.")} `) }) });

describe("the learner's competences", () => {
  it("keeps what was chosen and says what is missing, without JavaScript", async () => {
    const page = await newPage(browser, { javaScriptEnabled: false });
    await signIn(page, "learner@vademecum.test");
    await page.goto("/competences/self-assessment?step=1");
    await page.locator('input[name="rating-1.1"][value="3"]').check();
    await page.getByRole("button", { name: "Save and continue" }).click();
    await page.getByRole("alert").getByText("2 skills have no answer yet.", { exact: false }).waitFor();
    await expect(page.locator('input[name="rating-1.1"][value="3"]').isChecked()).resolves.toBe(true);
  });

  it("takes the self-assessment, shows the profile as a chart and a table, and shows the change after a module", async () => {
    const page = await newPage(browser, { viewport: { width: 360, height: 800 } });
    await signIn(page, "learner@vademecum.test");
    await page.goto("/competences/self-assessment");
    await expectAccessible(page);
    await page.getByRole("link", { name: /self-assessment/i }).first().click();
    for (let area = 1; area <= 5; area++) {
      await page.getByText(`Area ${area} of 5`).first().waitFor();
      await answerStep(page);
      if (area === 2) await expectAccessible(page);
      const button = area === 5 ? "Save and see my profile" : "Save and continue";
      await Promise.all([page.waitForURL((url) => url.search === (area === 5 ? "?saved=self-assessment" : `?step=${area + 1}`)), page.getByRole("button", { name: button }).click()]);
    }

    await page.getByRole("img", { name: /Bar chart of your 21 competences/ }).waitFor();
    await expect(profileTable(page).locator('th[scope="row"]').count()).resolves.toBe(21);
    await expect(row(page, "2.1").getByRole("cell").nth(1).textContent()).resolves.toContain("Level 5");
    await expect(row(page, "2.1").getByRole("cell").nth(0).textContent()).resolves.toContain("No level yet");
    await expectAccessible(page);

    // The player of the bundled units of learning is not part of this test: the module is
    // completed the way the player records it, through recordProgress on the course node.
    const db = createDb(inject("databaseUrl"));
    try {
      const learner = await db.user.findUniqueOrThrow({ where: { email: "learner@vademecum.test" } });
      const course = await db.course.findFirstOrThrow({
        where: { versions: { some: { competences: { some: { competence: { code: "2.1" } } } } } },
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

    await page.goto("/competences");
    await page.getByRole("heading", { name: /What changed since/ }).waitFor();
    await expect(page.getByText(/went up from No level yet to Level \d/).count()).resolves.toBeGreaterThan(0);
    await expect(row(page, "2.1").getByRole("cell").nth(0).textContent()).resolves.toMatch(/Level [1-8]/);
    await expect(row(page, "2.1").getByRole("cell").nth(3).textContent()).resolves.toContain("Module completed");
    await expectAccessible(page);
  });

  it("lets the learner choose targets and see gaps with modules that close them", async () => {
    const page = await newPage(browser);
    await signIn(page, "learner@vademecum.test");
    await page.goto("/competences/targets");
    await expectAccessible(page);
    await page.getByLabel(/^1\.3 /).selectOption("4");
    await Promise.all([page.waitForURL("**/competences"), page.getByRole("button", { name: "Save my targets" }).click()]);
    await page.getByRole("heading", { name: /1\.3 Managing data/ }).waitFor();
    await page.getByRole("heading", { name: "Modules that close your gaps" }).waitFor();
    await page.locator("ol").getByRole("link", { name: "Data and monitoring for community work" }).waitFor();

    const download = await page.request.get("/competences/export.json");
    const exported = (await download.json()) as { profile: { competences: Record<string, { selfRatedLevel: number }> }; history: unknown[] };
    expect(exported.profile.competences["2.1"].selfRatedLevel).toBe(5);
    expect(exported.history.length).toBeGreaterThanOrEqual(2);

    await page.goto("/competences/print");
    await page.getByRole("heading", { level: 1, name: /Competence profile of/ }).waitFor();
    await expect(page.getByRole("navigation").count()).resolves.toBe(0);
    await expectAccessible(page);
  });
});

describe("authors and administrators", () => {
  it("lets an author write an item and see the imported ones", async () => {
    const page = await newPage(browser);
    await signIn(page, "author@vademecum.test");
    await page.goto("/library/items");
    await page.getByText(/from the package/).first().waitFor();
    await expectAccessible(page);
    await page.getByRole("link", { name: "Write a new item" }).click();
    await page.getByRole("heading", { level: 1, name: "New assessment item" }).waitFor();
    await page.getByLabel("Competence").selectOption("4.2");
    await page.getByLabel("True or false").check();
    await page.getByRole("group", { name: "In English" }).getByLabel("Question").fill("Saved passwords on a shared computer are safe.");
    await page.getByRole("button", { name: "Save the item" }).click();
    await page.getByText("Write an explanation.").waitFor();
    await expectAccessible(page);
    await page.getByRole("group", { name: "In English" }).getByLabel("Explanation", { exact: true }).fill("Anyone using the computer can see them.");
    await page.getByRole("group", { name: "Right answer" }).getByLabel("False").check();
    await Promise.all([page.waitForURL("**/library/items?competence=4.2"), page.getByRole("button", { name: "Save the item" }).click()]);
    await page.getByText("Saved passwords on a shared computer are safe.").waitFor();
  });

  it("lets an administrator see the frameworks and refuses an invalid file with its JSON path", async () => {
    const page = await newPage(browser);
    await signIn(page, "admin@vademecum.test");
    await page.goto("/admin/frameworks");
    await page.getByRole("rowheader", { name: "DigComp" }).waitFor();
    await page.getByLabel("Framework file").setInputFiles({
      name: "broken.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify({ format: "vademecum-competence-framework/1", name: "Welfare" })),
    });
    await page.getByRole("button", { name: "Import" }).click();
    await page.getByText("$.version").waitFor();
    await expectAccessible(page);
  });
});
