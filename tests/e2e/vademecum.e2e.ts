import type { Browser, Download, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { signUp } from "../../app/modules/auth/accounts.server";
import { createDb } from "../../app/utils/db.server";
import { DEMO_PASSWORD, expectAccessible, launchBrowser, newPage, signIn } from "./browser";

const SPREADSHEET = "Spreadsheet for monitoring (LibreOffice Calc or similar)";
// A learner of the demo organisation of this file's own, so completing a module here changes
// nothing other browser tests see of the demo learner.
const LEARNER = "vera.vademecum@vademecum.test";
let browser: Browser;
let dataCourseId: string;

beforeAll(async () => {
  const db = createDb(inject("databaseUrl"));
  try {
    dataCourseId = (await db.course.findUniqueOrThrow({ where: { identifier: "vademecum-data-monitoring" } })).id;
    const created = await signUp(db, { email: LEARNER, name: "Vera Vademecum", password: DEMO_PASSWORD });
    if (!created.ok) throw new Error("could not create the test learner");
    const organisation = await db.organisation.findUniqueOrThrow({ where: { slug: "cooperativa-demo" } });
    await db.membership.create({ data: { userId: created.userId, organisationId: organisation.id, role: "learner" } });
  } finally {
    await db.$disconnect();
  }
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** Submits a form or follows a link in a page without JavaScript and waits for the next page. */
async function submit(page: Page, click: () => Promise<void>) {
  await Promise.all([page.waitForNavigation(), click()]);
}

/**
 * Completes a module through the unit-of-learning player, as a learner does: every activity in
 * turn, answering its forms and marking it done, until the module says it is completed.
 */
async function completeModuleInPlayer(email: string, title: string) {
  const page = await newPage(browser, { javaScriptEnabled: false });
  await signIn(page, email);
  await page.goto("/catalogue");
  await submit(page, () => page.getByRole("link", { name: title }).first().click());
  await submit(page, () => page.getByRole("button", { name: "Enrol" }).click());
  await submit(page, () => page.getByRole("link", { name: "Start" }).click());
  for (let step = 0; step < 40; step += 1) {
    if ((await page.getByText("You have completed this module.", { exact: false }).count()) > 0) break;
    await submit(page, () => page.getByRole("link", { name: /^Continue/ }).first().click());
    const forms = page.locator("form:has(input[name=intent][value=set-property])");
    for (let index = 0; index < (await forms.count()); index += 1) {
      const form = forms.nth(index);
      const radios = form.locator("input[type=radio]");
      if ((await radios.count()) > 0) await radios.first().check();
      for (const field of await form.locator("textarea, input[type=text]").all()) await field.fill("My answer for this step.");
      await submit(page, () => form.getByRole("button", { name: "Save" }).click());
    }
    const done = page.getByRole("button", { name: "Mark as done" });
    if ((await done.count()) > 0) await submit(page, () => done.click());
    await submit(page, () => page.getByRole("link", { name: /^All activities of/ }).click());
  }
  await page.getByText("You have completed this module. Well done!").waitFor();
  await page.context().close();
}

async function download(page: Page, name: RegExp): Promise<{ download: Download; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name }).click()]);
  const stream = await file.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return { download: file, bytes: Buffer.concat(chunks) };
}

describe("My vademecum", () => {
  it("gains the entries of a module the learner completes, and downloads in three formats", { timeout: 180_000 }, async () => {
    const page = await newPage(browser);
    await signIn(page, LEARNER);
    await page.goto("/vademecum");
    await page.getByRole("heading", { level: 1, name: "My vademecum" }).waitFor();
    await expect(page.getByRole("heading", { name: SPREADSHEET }).count()).resolves.toBe(0);

    await completeModuleInPlayer(LEARNER, "Data and monitoring for community work");

    await page.goto("/vademecum");
    await page.getByRole("heading", { level: 4, name: SPREADSHEET }).waitFor();
    await expect(page.locator("cite").getByText("Data and monitoring for community work").count()).resolves.toBeGreaterThan(0);
    await page.waitForLoadState("networkidle");

    await page.getByLabel("Date printed on the vademecum").fill("2026-03-14");
    await Promise.all([
      page.waitForURL((url) => url.searchParams.get("date") === "2026-03-14"),
      page.getByRole("button", { name: "Show" }).click(),
    ]);
    await page.getByText("Compiled on 14 March 2026").waitFor();

    const html = await download(page, /^Web page \(HTML\)/);
    expect(html.download.suggestedFilename()).toBe("vademecum-vera-vademecum-2026-03-14.html");
    expect(html.bytes.toString("utf8")).toContain(SPREADSHEET);

    const pdf = await download(page, /^PDF/);
    expect(pdf.download.suggestedFilename()).toBe("vademecum-vera-vademecum-2026-03-14.pdf");
    expect(pdf.bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    await page.getByRole("status").getByText("Your PDF is ready: vademecum-vera-vademecum-2026-03-14.pdf").waitFor();

    const epub = await download(page, /^E-book \(EPUB\)/);
    expect(epub.download.suggestedFilename()).toBe("vademecum-vera-vademecum-2026-03-14.epub");
    expect(epub.bytes.length).toBeGreaterThan(1000);
    // The first zip entry's name starts at byte 30 of its local header.
    expect(epub.bytes.subarray(30, 38).toString("latin1")).toBe("mimetype");

    const again = await download(page, /^PDF/);
    expect(again.bytes.equals(pdf.bytes)).toBe(true);
  });

  it("shows that a PDF is being prepared while the server makes it", async () => {
    const page = await newPage(browser);
    await signIn(page, LEARNER);
    await page.goto("/vademecum");
    await page.waitForLoadState("networkidle");
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/vademecum/download?*", async (route) => {
      await held;
      await route.continue();
    });
    const downloaded = page.waitForEvent("download");
    await page.getByRole("button", { name: /^PDF/ }).click();
    await page.getByRole("status").getByText("Preparing your PDF…").waitFor();
    await expect(page.getByRole("progressbar", { name: "Preparing your PDF…" }).count()).resolves.toBe(1);
    release();
    await downloaded;
  });

  it("is accessible and fits a 360-pixel-wide phone", async () => {
    const page = await newPage(browser, { viewport: { width: 360, height: 740 } });
    await signIn(page, LEARNER);
    await page.goto("/vademecum?inProgress=1");
    await page.getByRole("heading", { level: 2, name: "Contents" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectAccessible(page);
  });

  it("downloads without JavaScript too", async () => {
    const page = await newPage(browser, { javaScriptEnabled: false });
    await signIn(page, LEARNER);
    await page.goto("/vademecum");
    const file = await download(page, /^E-book \(EPUB\)/);
    expect(file.download.suggestedFilename()).toMatch(/^vademecum-vera-vademecum-\d{4}-\d{2}-\d{2}\.epub$/);
  });

  it("explains an empty vademecum and leads to the catalogue", async () => {
    const page = await newPage(browser);
    await signIn(page, "author@vademecum.test");
    await page.goto("/vademecum");
    await page.getByRole("heading", { name: "Your vademecum is still empty" }).waitFor();
    await expect(page.getByRole("link", { name: "Find a module in the catalogue" }).getAttribute("href")).resolves.toBe("/catalogue");
    await expect(page.getByRole("button", { name: /^PDF/ }).count()).resolves.toBe(0);
    await expectAccessible(page);
  });
});

describe("the organisation's vademecum", () => {
  it("is compiled from the training the organisation assigned, for its managers only", async () => {
    const db = createDb(inject("databaseUrl"));
    try {
      const organisation = await db.organisation.findUniqueOrThrow({ where: { slug: "cooperativa-demo" } });
      await db.assignment.create({ data: { organisationId: organisation.id, courseId: dataCourseId } });
    } finally {
      await db.$disconnect();
    }
    const page = await newPage(browser);
    await signIn(page, "manager@vademecum.test");
    await page.goto("/organisations/cooperativa-demo/vademecum");
    await page.getByRole("heading", { level: 1, name: "Vademecum of Cooperativa Demo" }).waitFor();
    await page.getByRole("heading", { level: 4, name: SPREADSHEET }).waitFor();
    await page.waitForLoadState("networkidle");
    const pdf = await download(page, /^PDF/);
    expect(pdf.download.suggestedFilename()).toMatch(/^vademecum-cooperativa-demo-\d{4}-\d{2}-\d{2}\.pdf$/);
    await expectAccessible(page);

    const learner = await newPage(browser);
    await signIn(learner, LEARNER);
    const response = await learner.goto("/organisations/cooperativa-demo/vademecum/download?format=pdf");
    expect(response?.status()).toBe(404);
  });
});
