import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, launchBrowser, newPage, signIn } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("signing in", () => {
  it("has an accessible sign-in page", async () => {
    const page = await newPage(browser);
    await page.goto("/login");
    await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
    await expectAccessible(page);
  });

  it.each([
    ["learner@vademecum.test", "/learning", "My learning"],
    ["author@vademecum.test", "/library", "Library"],
    ["manager@vademecum.test", "/organisations/cooperativa-demo", "Cooperativa Demo"],
    ["admin@vademecum.test", "/admin", "Platform"],
  ])("takes %s to their home page", async (email, path, heading) => {
    const page = await newPage(browser);
    await signIn(page, email);
    await page.getByRole("heading", { level: 1, name: heading }).waitFor();
    expect(new URL(page.url()).pathname).toBe(path);
    await expectAccessible(page);
  });

  it("works with JavaScript turned off", async () => {
    const page = await newPage(browser, { javaScriptEnabled: false });
    await signIn(page, "learner@vademecum.test");
    expect(new URL(page.url()).pathname).toBe("/learning");
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL("**/login");
    await page.goto("/learning");
    expect(new URL(page.url()).pathname).toBe("/login");
  });

  it("gives one generic message for a wrong password and keeps the e-mail typed", async () => {
    const page = await newPage(browser, { javaScriptEnabled: false });
    await page.goto("/login");
    await page.getByLabel("E-mail address").fill("manager@vademecum.test");
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").getByText("The e-mail address or the password is not right.", { exact: false }).waitFor();
    await expect(page.getByLabel("E-mail address").inputValue()).resolves.toBe("manager@vademecum.test");
  });

  it("brings the learner back to the page they asked for", async () => {
    const page = await newPage(browser);
    await page.goto("/account");
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.getByLabel("E-mail address").fill("learner@vademecum.test");
    await page.getByLabel("Password").fill("vademecum-demo");
    await Promise.all([page.waitForURL("**/account"), page.getByRole("button", { name: "Sign in" }).click()]);
  });
});

describe("accounts", () => {
  it("lets a newcomer sign up, change their password and sign in with it", async () => {
    const page = await newPage(browser);
    const email = `newcomer-${Date.now()}@example.org`;
    await page.goto("/signup");
    await page.getByLabel("Your name").fill("Nina Newcomer");
    await page.getByLabel("E-mail address").fill(email);
    await page.getByLabel("Password", { exact: true }).fill("short");
    await page.getByLabel("Repeat the password").fill("short");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByText("The password needs at least 10 characters.").waitFor();
    await expect(page.getByLabel("Your name").inputValue()).resolves.toBe("Nina Newcomer");

    await page.getByLabel("Password", { exact: true }).fill("a long first password");
    await page.getByLabel("Repeat the password").fill("a long first password");
    await Promise.all([page.waitForURL("**/learning"), page.getByRole("button", { name: "Create account" }).click()]);

    await page.goto("/account");
    await page.getByLabel("Current password").fill("a long first password");
    await page.getByLabel("New password").fill("a longer second password");
    await page.getByLabel("Repeat the password").fill("a longer second password");
    await page.getByRole("button", { name: "Change password" }).click();
    await page.getByText("Your password was changed.").waitFor();

    const other = await newPage(browser);
    await signIn(other, email, "a longer second password");
    expect(new URL(other.url()).pathname).toBe("/learning");
  });
});

describe("the layout", () => {
  it("switches the interface to Italian and remembers it", async () => {
    const page = await newPage(browser);
    await signIn(page, "learner@vademecum.test");
    await page.getByLabel("Language").selectOption("it");
    await page.getByRole("button", { name: "Change" }).click();
    await page.getByRole("heading", { level: 1, name: "Il mio percorso" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("it");
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Il mio percorso" }).waitFor();
    await page.getByLabel("Lingua").selectOption("en");
    await page.getByRole("button", { name: "Cambia" }).click();
    await page.getByRole("heading", { level: 1, name: "My learning" }).waitFor();
  });

  it("follows the browser's language before sign-in", async () => {
    const page = await newPage(browser, { locale: "it-IT" });
    await page.goto("/login");
    await page.getByRole("heading", { level: 1, name: "Accedi" }).waitFor();
  });

  it("fits a phone screen without sideways scrolling", async () => {
    const page = await newPage(browser, { viewport: { width: 360, height: 740 } });
    await signIn(page, "manager@vademecum.test");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expect(page.getByRole("navigation", { name: "Main" }).isVisible()).resolves.toBe(true);
  });

  it("answers unknown addresses with a 404 page", async () => {
    const page = await newPage(browser);
    const response = await page.goto("/no-such-page");
    expect(response?.status()).toBe(404);
    await page.getByRole("heading", { name: "Page not found" }).waitFor();
  });

  it("keeps a learner out of the manager's pages", async () => {
    const page = await newPage(browser);
    await signIn(page, "learner@vademecum.test");
    const response = await page.goto("/organisations/cooperativa-demo");
    expect(response?.status()).toBe(404);
    const admin = await page.goto("/admin");
    expect(admin?.status()).toBe(403);
  });
});
