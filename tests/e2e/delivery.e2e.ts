import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, launchBrowser, newPage, signIn, signUpAsNewLearner } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const COLLABORATION = "Collaborating in multi-professional teams and with peer-support experts";
const PLAN = "Monthly open meeting planned with two peer-support experts and three service users.";

async function openActivity(page: Page, title: string | RegExp) {
  await page.getByRole("link", { name: title }).first().click();
  await page.getByRole("heading", { level: 1, name: title }).waitFor();
}

async function markDone(page: Page) {
  await page.getByRole("button", { name: "Mark as done" }).click();
  await page.getByRole("heading", { name: "You have completed this activity" }).waitFor();
}

async function backToModule(page: Page) {
  await page.getByRole("link", { name: /^All activities of/ }).click();
  await page.getByRole("heading", { name: "Your next step" }).or(page.getByText("You have completed this module")).first().waitFor();
}

describe("an IMS LD unit with a tutor (level C)", () => {
  it("runs the sequence, the selection, the level B condition and the notification to the tutor", async () => {
    const page = await newPage(browser);
    await signIn(page, "learner@vademecum.test");
    await page.goto("/catalogue");
    await page.getByRole("heading", { level: 1, name: "Catalogue" }).waitFor();
    await expectAccessible(page);
    await page.getByLabel("DigComp competence").selectOption("2.4");
    await page.getByRole("button", { name: "Show modules" }).click();
    await page.waitForURL(/competence=2\.4/);
    await expect(page.getByRole("heading", { level: 2 }).allTextContents()).resolves.toEqual([COLLABORATION]);

    await page.getByRole("link", { name: COLLABORATION }).first().click();
    await page.getByRole("heading", { level: 1, name: COLLABORATION }).waitFor();
    await page.getByText("2.4 Collaborating through digital technologies").waitFor();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Enrol" }).click();
    await page.getByRole("link", { name: "Start" }).click();
    await page.getByRole("heading", { name: "Your next step" }).waitFor();

    // A sequence: later activities are visible but not openable, and say why.
    await expect(page.getByRole("link", { name: "Shared documents: writing together without chaos" }).count()).resolves.toBe(0);
    await expect(page.getByText("Opens when you finish the activity before it.").count()).resolves.toBe(2);
    await openActivity(page, "Peer-support experts in multi-professional teams");
    await expectAccessible(page);
    await markDone(page);
    for (const title of ["Shared documents: writing together without chaos", "Online meetings that include everyone"]) {
      await page.getByRole("link", { name: `Next: ${title}` }).click();
      await page.getByRole("heading", { level: 1, name: title }).waitFor();
      await markDone(page);
    }

    // A selection: choose 2 of 3; the plan opens once two are done.
    await backToModule(page);
    await page.getByText("Choose 2 of 3. Done so far: 0.").waitFor();
    await openActivity(page, /^Option A:/);
    await markDone(page);
    await backToModule(page);
    await page.getByText("Choose 2 of 3. Done so far: 1.").waitFor();
    await expect(page.getByRole("link", { name: "Practice: draft a co-production plan" }).count()).resolves.toBe(0);
    await openActivity(page, /^Option C:/);
    await markDone(page);
    await backToModule(page);
    await expect(page.getByText("Peer feedback: read your plan").count()).resolves.toBe(0);

    // Level B: saving the plan completes the activity and reveals the peer-feedback activity.
    await openActivity(page, "Practice: draft a co-production plan");
    await page.getByLabel("My co-production plan").fill(PLAN);
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("heading", { name: "You have completed this activity" }).waitFor();
    await backToModule(page);
    await page.getByRole("link", { name: "Peer feedback: read your plan through a peer expert's eyes", exact: true }).waitFor();

    // Level C: the demo manager, tutor in the organisation's run, got the notification.
    const tutor = await newPage(browser);
    await signIn(tutor, "manager@vademecum.test");
    await tutor.goto("/inbox");
    await tutor.getByRole("heading", { name: "A learner has submitted a co-production plan: please review it" }).waitFor();
    await expectAccessible(tutor);
    await tutor.getByRole("link", { name: "Open it" }).first().click();
    await tutor.getByRole("heading", { level: 1, name: "Tutor: review the co-production plan" }).waitFor();
    await tutor.getByRole("link", { name: "Monitor learners' co-production plans" }).click();
    await tutor.getByRole("heading", { name: "Lucia Learner" }).waitFor();
    await tutor.getByText(PLAN).waitFor();
  });
});

const MODULES = [
  "Secure and respectful communication with service users",
  "Online outreach and social media in street and youth work",
  "Digital inclusion: helping vulnerable people reach online public services",
  COLLABORATION,
  "Data and monitoring for community work",
  "Wellbeing and safety online for social workers and peer supporters",
];

async function submit(page: Page, click: () => Promise<void>) {
  await Promise.all([page.waitForNavigation(), click()]);
}

/** Answers every property form of the page (first choice, a number in range, a short text) and saves it. */
async function answerForms(page: Page) {
  const forms = page.locator("form:has(input[name=intent][value=set-property])");
  const count = await forms.count();
  for (let index = 0; index < count; index += 1) {
    const form = forms.nth(index);
    const radios = form.locator("input[type=radio]");
    if ((await radios.count()) > 0) await radios.first().check();
    for (const select of await form.locator("select").all()) await select.selectOption({ index: 1 });
    for (const field of await form.locator("textarea, input[type=text]").all()) await field.fill("My answer for this step.");
    for (const field of await form.locator("input[type=number]").all()) await field.fill((await field.getAttribute("min")) ?? "1");
    await submit(page, () => form.getByRole("button", { name: "Save" }).click());
  }
}

describe("every bundled module can be completed by a newcomer, without JavaScript", () => {
  it.each(MODULES)("%s", async (title) => {
    const page = await newPage(browser, { javaScriptEnabled: false });
    await signUpAsNewLearner(page);
    await page.goto("/catalogue");
    await submit(page, () => page.getByRole("link", { name: title }).first().click());
    await submit(page, () => page.getByRole("button", { name: "Enrol" }).click());
    await submit(page, () => page.getByRole("link", { name: "Start" }).click());
    for (let step = 0; step < 40; step += 1) {
      if ((await page.getByText("You have completed this module.", { exact: false }).count()) > 0) break;
      await submit(page, () => page.getByRole("link", { name: /^Continue/ }).first().click());
      await answerForms(page);
      const done = page.getByRole("button", { name: "Mark as done" });
      if ((await done.count()) > 0) await submit(page, () => done.click());
      await submit(page, () => page.getByRole("link", { name: /^All activities of/ }).click());
    }
    await page.getByText("You have completed this module. Well done!").waitFor();
    await page.goto("/learning");
    const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: title }) });
    await card.getByText("Completed").first().waitFor();
    await card.getByText("100% done").waitFor();
  }, 120_000);
});
