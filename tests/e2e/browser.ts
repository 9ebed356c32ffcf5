import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser, type Page } from "playwright-core";
import { expect, inject, onTestFailed } from "vitest";

export const DEMO_PASSWORD = "vademecum-demo";

/** Debian's Chromium with the flags this closed network needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export function baseUrl(): string {
  return inject("baseUrl");
}

export async function newPage(
  browser: Browser,
  options: { javaScriptEnabled?: boolean; locale?: string; viewport?: { width: number; height: number } } = {},
): Promise<Page> {
  const context = await browser.newContext({
    baseURL: baseUrl(),
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    locale: options.locale ?? "en-GB",
    viewport: options.viewport ?? { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  // A failed test says where each of its pages was and what it showed.
  onTestFailed(async () => {
    if (page.isClosed()) return;
    const shown = await page.locator("main").first().innerText({ timeout: 1_000 }).catch(() => "(no main landmark)");
    console.error(`A page of the failed test was at ${page.url()}, showing:\n${shown.slice(0, 2_000)}`);
  });
  return page;
}

/** Waits until the page's scripts have taken over (Remix hydrated it), so clicks go through them. */
export async function waitForHydration(page: Page): Promise<void> {
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel(/e-mail/i).fill(email);
  await page.getByLabel(/^password$/i).fill(password);
  await Promise.all([
    page.waitForURL((url) => url.pathname !== "/login"),
    page.getByRole("button", { name: /sign in/i }).click(),
  ]);
}

/** Creates an account of its own through the sign-up form and lands on My learning, signed in. */
export async function signUpAsNewLearner(page: Page): Promise<void> {
  await page.goto("/signup");
  await page.getByLabel("Your name").fill("Fresh Learner");
  await page.getByLabel("E-mail address").fill(`fresh-${Date.now()}-${Math.random().toString(36).slice(2)}@example.org`);
  await page.getByLabel("Password", { exact: true }).fill("a long enough password");
  await page.getByLabel("Repeat the password").fill("a long enough password");
  await Promise.all([page.waitForURL("**/learning"), page.getByRole("button", { name: "Create account" }).click()]);
}

/** axe-core must find no serious or critical WCAG 2.x A/AA violation on the page. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
    `accessibility violations on ${page.url()}`,
  ).toEqual([]);
}
