import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { SEQUENCED_SCOS, writeSequencedPackage } from "../../app/modules/delivery/scorm/test-package.server";
import { importPackage } from "../../app/modules/packages/import.server";
import { createDb } from "../../app/utils/db.server";
import { baseUrl, launchBrowser, newPage, signIn, signUpAsNewLearner, waitForHydration } from "./browser";

const GOLF = "tests/fixtures/moodle-scorm-golf-testpackages/tests/packages";
const courses: Record<string, string> = {};
let outreachCourseId: string;
let sequencedCourseId: string;
let browser: Browser;

beforeAll(async () => {
  const databaseUrl = inject("databaseUrl");
  const db = createDb(databaseUrl);
  try {
    const contentDir = path.join(path.dirname(databaseUrl.replace(/^file:/, "")), "content");
    for (const file of ["RuntimeMinimumCalls_SCORM12.zip", "RuntimeBasicCalls_SCORM20043rdEdition.zip"]) {
      const outcome = await importPackage(db, path.resolve(GOLF, file), { contentDir });
      if (!outcome.ok) throw new Error(`could not import ${file}`);
      courses[file] = outcome.courseId;
    }
    const sequenced = await importPackage(db, writeSequencedPackage(path.join(path.dirname(contentDir), "sequenced-course")), { contentDir });
    if (!sequenced.ok) throw new Error("could not import the sequenced course");
    sequencedCourseId = sequenced.courseId;
    const outreach = await db.course.findFirstOrThrow({ where: { versions: { some: { model: { contains: "RES-sco-sorting" } } } } });
    outreachCourseId = outreach.id;
  } finally {
    await db.$disconnect();
  }
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const contentOrigin = () => {
  const url = new URL(baseUrl());
  return `${url.protocol}//${url.hostname}:${Number(url.port) + 1}`;
};
const launcher = (page: Page) => page.frameLocator("iframe[title]");
const sco = (page: Page) => launcher(page).frameLocator("#sco");
const currentTitle = (page: Page) => page.locator("#current-title");
const saveStatus = (page: Page) => page.getByRole("status");

async function myLearningCard(page: Page, title: string) {
  await page.goto("/learning");
  return page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: title }) });
}

describe("playing SCORM 1.2", () => {
  it("plays every SCO of the golf course to completion and reopens where the learner stopped", { timeout: 180_000 }, async () => {
    const page = await newPage(browser);
    await signIn(page, "learner@vademecum.test");
    await page.goto(`/courses/${courses["RuntimeMinimumCalls_SCORM12.zip"]}/scorm`);
    await expect.poll(() => currentTitle(page).textContent(), { timeout: 10_000 }).toBe("How to Play");
    let visited = 1;
    for (;;) {
      await sco(page).locator("body h1, body h2").first().waitFor();
      const next = page.getByRole("link", { name: /^Next/ });
      if ((await next.count()) === 0) break;
      const before = await currentTitle(page).textContent();
      await next.click();
      await expect.poll(() => currentTitle(page).textContent(), { timeout: 10_000 }).not.toBe(before);
      visited += 1;
    }
    expect(visited).toBeGreaterThanOrEqual(18);
    const lastTitle = await currentTitle(page).textContent();
    // Every SCO before the last one finished (LMSFinish) when the learner moved on.
    await expect.poll(() => page.getByRole("link", { name: /Not started|In progress/ }).count(), { timeout: 10_000 }).toBeLessThanOrEqual(1);
    await page.close({ runBeforeUnload: true });

    const again = await newPage(browser);
    await signIn(again, "learner@vademecum.test");
    await expect
      .poll(async () => (await myLearningCard(again, "Golf Explained - Minimum Run-time Calls")).textContent(), { timeout: 15_000 })
      .toContain("Completed");
    await again.goto(`/courses/${courses["RuntimeMinimumCalls_SCORM12.zip"]}/scorm`);
    expect(await currentTitle(again).textContent()).toBe(lastTitle);
    await expect.poll(() => again.getByText("Course:").textContent(), { timeout: 10_000 }).toContain("Completed");
  });
});

describe("playing SCORM 2004", () => {
  it("resumes the golf SCO at its bookmark after the page was closed, then completes it", { timeout: 120_000 }, async () => {
    const courseId = courses["RuntimeBasicCalls_SCORM20043rdEdition.zip"];
    const page = await newPage(browser);
    await signIn(page, "learner@vademecum.test");
    await page.goto(`/courses/${courseId}/scorm`);
    for (let i = 0; i < 5; i += 1) await sco(page).locator("#butNext").click();
    await sco(page).frameLocator("#contentFrame").getByRole("heading", { name: /Care For the Course/ }).waitFor();
    await page.close({ runBeforeUnload: true });

    const again = await newPage(browser);
    const prompts: string[] = [];
    again.on("dialog", (dialog) => {
      prompts.push(dialog.message());
      void dialog.accept();
    });
    await signIn(again, "learner@vademecum.test");
    await again.goto(`/courses/${courseId}/scorm`);
    // The SCO asks whether to resume, and goes back to the page it had bookmarked.
    await sco(again).frameLocator("#contentFrame").getByRole("heading", { name: /Care For the Course/ }).waitFor({ timeout: 15_000 });
    expect(prompts).toEqual(["Would you like to resume from where you previously left off?"]);
    const next = sco(again).locator("#butNext");
    while (await next.isEnabled()) await next.click();
    await again.close({ runBeforeUnload: true });

    const check = await newPage(browser);
    await signIn(check, "learner@vademecum.test");
    await expect
      .poll(async () => (await myLearningCard(check, "Golf Explained - Run-time Basic Calls")).textContent(), { timeout: 15_000 })
      .toContain("Completed");
  });
});

describe("playing SCORM 2004 with sequencing", () => {
  it("moves with Next and Previous as the course's sequencing says: a passed pre-test skips the lesson", { timeout: 90_000 }, async () => {
    const [pretest, lesson, check] = SEQUENCED_SCOS.map((sco) => sco.title);
    const page = await newPage(browser);
    await signUpAsNewLearner(page);
    await page.goto(`/courses/${sequencedCourseId}/scorm`);
    await waitForHydration(page);
    await expect.poll(() => currentTitle(page).textContent(), { timeout: 10_000 }).toBe(pretest);
    expect(await page.getByRole("button", { name: "Previous" }).isDisabled()).toBe(true);
    await sco(page).getByRole("button", { name: "I know this" }).click();
    await sco(page).getByText("Passed").waitFor();
    await expect.poll(() => saveStatus(page).textContent(), { timeout: 10_000 }).toBe("Saved");

    await page.getByRole("button", { name: "Next" }).click();
    await expect.poll(() => currentTitle(page).textContent(), { timeout: 10_000 }).toBe(check);
    await sco(page).getByRole("heading", { name: check }).waitFor();
    // The lesson is hidden from the contents once the pre-test shows it is known.
    expect(await page.getByRole("button", { name: lesson }).count()).toBe(0);
    expect(await page.getByRole("button", { name: pretest }).count()).toBe(1);

    await page.getByRole("button", { name: "Previous" }).click();
    await expect.poll(() => currentTitle(page).textContent(), { timeout: 10_000 }).toBe(pretest);
    await sco(page).getByRole("heading", { name: pretest }).waitFor();
  });
});

describe("a SCO used as an IMS LD learning object", () => {
  it("launches from ?item=, keeps answers while the connection is lost and saves them when it is back", { timeout: 60_000 }, async () => {
    const page = await newPage(browser);
    await signIn(page, "learner@vademecum.test");
    await page.goto(`/courses/${outreachCourseId}/scorm?item=RES-sco-sorting`);
    const exercise = sco(page);
    await exercise.getByRole("heading", { name: "Sort the outreach situations" }).waitFor();
    await expect(exercise.getByText(/not connected to a learning platform/).count()).resolves.toBe(0);

    await page.route("**/__commit", (route) => route.abort("internetdisconnected"));
    await exercise.getByRole("radio").first().check();
    await exercise.getByRole("button", { name: "Check my answer" }).click();
    await expect.poll(() => saveStatus(page).textContent()).toBe("Connection lost — retrying, your progress is kept in this page");
    await page.unroute("**/__commit");
    await expect.poll(() => saveStatus(page).textContent(), { timeout: 10_000 }).toBe("Saved");
  });
});

describe("the player page", () => {
  it("is accessible and fits a 360-pixel-wide phone", async () => {
    const page = await newPage(browser, { viewport: { width: 360, height: 740 } });
    await signIn(page, "learner@vademecum.test");
    await page.goto(`/courses/${courses["RuntimeMinimumCalls_SCORM12.zip"]}/scorm?item=playing_par_item`);
    await page.getByRole("heading", { name: "Contents" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).exclude("iframe").analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id);
    expect(serious).toEqual([]);
  });

  it("serves imported content only on the content origin, with its own policy", async () => {
    const page = await newPage(browser);
    await signIn(page, "learner@vademecum.test");
    await page.goto(`/courses/${courses["RuntimeBasicCalls_SCORM20043rdEdition.zip"]}/scorm`);
    const launchUrl = (await page.locator("iframe[title]").getAttribute("src"))!;
    expect(launchUrl.startsWith(`${contentOrigin()}/content/`)).toBe(true);
    const file = launchUrl.replace("__launch", "shared/launchpage.html");

    const onContentOrigin = await fetch(file);
    expect(onContentOrigin.status).toBe(200);
    expect(onContentOrigin.headers.get("content-type")).toMatch(/^text\/html\b/);
    expect(onContentOrigin.headers.get("x-content-type-options")).toBe("nosniff");
    expect(onContentOrigin.headers.get("content-security-policy")).toContain(`frame-ancestors 'self' ${baseUrl()}`);
    expect(onContentOrigin.headers.get("content-security-policy")).toContain("connect-src 'self'");

    expect((await fetch(file.replace(contentOrigin(), baseUrl()))).status).toBe(404);
    expect((await fetch(`${contentOrigin()}/learning`)).status).toBe(404);
    expect((await fetch(launchUrl.replace("__launch", "..%2F..%2Fpackage.json"))).status).toBe(404);
    expect((await fetch(launchUrl.replace(/content\/[^/]+\./, "content/forged."))).status).toBe(403);

    // Commits: only with a valid token, only on the content origin, and bounded in size.
    const commitUrl = launchUrl.replace("__launch", "__commit");
    const post = (target: string, body: string) => fetch(target, { method: "POST", body, headers: { "Content-Type": "text/plain" } });
    expect((await post(commitUrl.replace(/content\/[^/]+\./, "content/forged."), "{}")).status).toBe(403);
    expect((await post(commitUrl.replace(contentOrigin(), baseUrl()), "{}")).status).toBe(404);
    const tooLarge = await post(commitUrl, "x".repeat(2 * 1024 * 1024 + 1));
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toMatchObject({ ok: false, error: { problem: "too-large" } });
    const invalid = await post(commitUrl, JSON.stringify({ sequence: 1, session: "session-one", kind: "commit", cmi: { "cmi.score.scaled": "2" } }));
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ ok: false, error: { code: 407, element: "cmi.score.scaled" } });
  });
});
