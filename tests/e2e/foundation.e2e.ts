import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, expectAccessible, launchBrowser, newPage, signIn, waitForHydration } from "./browser";

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

  it("follows links inside the page, and leaves new tabs and the back button to the browser", async () => {
    const page = await newPage(browser);
    await signIn(page, "learner@vademecum.test");
    await waitForHydration(page);
    const documentLoads: string[] = [];
    page.on("request", (request) => {
      if (request.resourceType() === "document") documentLoads.push(request.url());
    });
    const navigation = page.getByRole("navigation", { name: "Main" });
    await navigation.getByRole("link", { name: "Catalogue" }).click();
    await page.getByRole("heading", { level: 1, name: "Catalogue" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/catalogue");
    expect(await navigation.getByRole("link", { name: "Catalogue" }).getAttribute("aria-current")).toBe("page");
    expect(await navigation.getByRole("link", { name: "My learning" }).getAttribute("aria-current")).toBeNull();
    await page.goBack();
    await page.getByRole("heading", { level: 1, name: "My learning" }).waitFor();
    expect(documentLoads).toEqual([]);

    const [tab] = await Promise.all([
      page.context().waitForEvent("page"),
      navigation.getByRole("link", { name: "My vademecum" }).click({ modifiers: ["Control"] }),
    ]);
    await tab.waitForURL("**/vademecum");
    expect(new URL(page.url()).pathname).toBe("/learning");
  });

  it("follows the browser's language before sign-in", async () => {
    const page = await newPage(browser, { locale: "it-IT" });
    await page.goto("/login");
    await page.getByRole("heading", { level: 1, name: "Accedi" }).waitFor();
  });

  it("fits a phone screen without sideways scrolling", async () => {
    const page = await newPage(browser, { viewport: { width: 360, height: 740 } });
    await signIn(page, "manager@vademecum.test");
    // Measured once the home page is shown: the URL can change before its content does.
    await page.getByRole("heading", { level: 1, name: "Cooperativa Demo" }).waitFor();
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

describe("the health check", () => {
  it("answers 503 while the database cannot be reached", async () => {
    const { spawn } = await import("node:child_process");
    const fs = await import("node:fs");
    const os = await import("node:os");
    const path = await import("node:path");
    const { freePort, serveArguments } = await import("../support/server");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vademecum-nodb-"));
    // A folder where the database file should be: SQLite cannot open it.
    fs.mkdirSync(path.join(dir, "vademecum.db"));
    const port = await freePort();
    const server = spawn(process.execPath, serveArguments(), {
      env: { ...process.env, NODE_ENV: "production", PORT: String(port), WEB_CONCURRENCY: "1", DATABASE_URL: `file:${dir}/vademecum.db` },
      stdio: "ignore",
    });
    try {
      let response: Response | undefined;
      for (let attempt = 0; attempt < 100 && !response; attempt += 1) {
        response = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
        if (!response) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(response?.status).toBe(503);
      await expect(response?.json()).resolves.toEqual({ status: "error", db: "unreachable" });
    } finally {
      server.kill("SIGTERM");
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("answers 200 with the database status once it answers", async () => {
    const response = await fetch(`${baseUrl()}/healthz`);
    expect(response.status).toBe(200);
    await expect(response.json()).resolves.toEqual({ status: "ok", db: "ok" });
  });

  it("sends the security headers and refuses cross-site form posts", async () => {
    const page = await fetch(`${baseUrl()}/login`);
    expect(page.headers.get("content-security-policy")).toContain("frame-ancestors 'self'");
    expect(page.headers.get("content-security-policy")).toMatch(/script-src 'self' 'nonce-[^']+'/);
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    expect(page.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    const post = await fetch(`${baseUrl()}/login`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://evil.example" },
      body: "email=learner%40vademecum.test&password=vademecum-demo",
      redirect: "manual",
    });
    expect(post.status).toBe(403);
    expect(post.headers.get("set-cookie")).toBeNull();
  });

  it("answers HEAD on a page with the page's status and headers", async () => {
    const page = await fetch(`${baseUrl()}/login`, { method: "HEAD" });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(page.headers.get("content-security-policy")).toContain("frame-ancestors 'self'");
    const missing = await fetch(`${baseUrl()}/no-such-page`, { method: "HEAD" });
    expect(missing.status).toBe(404);
  });
});

describe("bad input", () => {
  it("answers a malformed sign-in form with 400 and the field errors", async () => {
    const response = await fetch(`${baseUrl()}/login`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "email=not-an-address&password=",
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("Enter an e-mail address like name@example.org.");
    expect(html).toContain("Enter your password.");
    expect(html).toContain('value="not-an-address"');
  });

  it("sends an unknown or expired session to sign-in and clears the cookie", async () => {
    const response = await fetch(`${baseUrl()}/learning`, {
      headers: { Cookie: `vm_session=${encodeURIComponent(Buffer.from(JSON.stringify("no-such-session")).toString("base64"))}` },
      redirect: "manual",
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/login?redirectTo=%2Flearning");
    expect(response.headers.get("set-cookie")).toMatch(/vm_session=;.*Max-Age=0/i);
  });
});
