import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import yauzl from "yauzl";
import yazl from "yazl";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInCookie } from "../support/server";
import { baseUrl, expectAccessible, launchBrowser, newPage, signIn } from "./browser";

const GOLF = path.resolve("tests/fixtures/moodle-scorm-golf-testpackages/tests/packages/RuntimeBasicCalls_SCORM20043rdEdition.zip");
let browser: Browser;
let scratch: string;

/** A zip whose manifest is not well-formed: <resources> is never closed. */
async function writeBrokenPackage(file: string): Promise<void> {
  const zip = new yazl.ZipFile();
  zip.addBuffer(
    Buffer.from(
      '<?xml version="1.0"?>\n<manifest identifier="broken" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1">\n  <organizations/>\n  <resources>\n</manifest>\n',
    ),
    "imsmanifest.xml",
  );
  zip.end();
  await new Promise<void>((resolve, reject) => {
    zip.outputStream.pipe(fs.createWriteStream(file)).on("close", resolve).on("error", reject);
  });
}

/** The golf package with a large incompressible file added: an upload of several megabytes. */
async function writeLargePackage(file: string, extraBytes: number): Promise<void> {
  const zip = new yazl.ZipFile();
  await new Promise<void>((resolve, reject) => {
    yauzl.open(GOLF, { lazyEntries: true }, (error, source) => {
      if (error || !source) return reject(error ?? new Error("no zip"));
      source.on("entry", (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith("/")) return source.readEntry();
        source.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError ?? new Error("no entry"));
          const chunks: Buffer[] = [];
          stream.on("data", (chunk: Buffer) => chunks.push(chunk));
          stream.on("end", () => {
            zip.addBuffer(Buffer.concat(chunks), entry.fileName);
            source.readEntry();
          });
        });
      });
      source.on("end", resolve);
      source.readEntry();
    });
  });
  zip.addBuffer(crypto.randomBytes(extraBytes), "shared/recording.bin", { compress: false });
  zip.end();
  await new Promise<void>((resolve, reject) => {
    zip.outputStream.pipe(fs.createWriteStream(file)).on("close", resolve).on("error", reject);
  });
}

beforeAll(async () => {
  browser = await launchBrowser();
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "library-e2e-"));
});
afterAll(async () => {
  await browser?.close();
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe("the library", () => {
  it("takes an author from upload through import, search, editing and export", async () => {
    const page = await newPage(browser);
    await signIn(page, "author@vademecum.test");
    await page.goto("/library");
    await page.getByRole("heading", { level: 1, name: "Library" }).waitFor();
    await expectAccessible(page);

    await page.getByRole("link", { name: "Import a package" }).click();
    await page.getByRole("heading", { level: 1, name: "Import a package" }).waitFor();
    await page.evaluate(() => {
      const seen = window as unknown as { progressShown: string[] };
      seen.progressShown = [];
      new MutationObserver(() => {
        for (const bar of document.querySelectorAll("progress")) seen.progressShown.push(bar.labels?.[0]?.textContent ?? "");
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.getByLabel("Package (zip file)").setInputFiles(GOLF);
    await page.getByRole("button", { name: "Upload and check" }).click();
    await page.getByRole("heading", { level: 1, name: "Check before import" }).waitFor();
    const found = page.getByRole("region", { name: "What we found" });
    await found.getByText("com.scorm.golfsamples.runtime.basicruntime.20043rd").waitFor();
    await expect(found.locator("dt", { hasText: "SCOs (trackable parts)" }).locator("+ dd").textContent()).resolves.toBe("1");
    await page.getByText("No problems were found. You can import the package.").waitFor();
    await expectAccessible(page);

    await page.getByRole("button", { name: "Import into the library" }).click();
    await page.getByText("The package is in the library.").waitFor({ timeout: 30_000 });
    const shown = await page.evaluate(() => (window as unknown as { progressShown: string[] }).progressShown);
    expect(shown.some((label) => /^Uploading: \d+ %$/.test(label)), "upload percentage").toBe(true);
    await page.getByRole("link", { name: "Open “Golf Explained - Run-time Basic Calls” in the library" }).waitFor();

    await page.getByRole("link", { name: "Library", exact: true }).click();
    await page.getByLabel("Search words").fill("golf run-time");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await page.waitForURL(/q=golf/);
    // Other tests import golf packages too, so the search may find more than this one.
    await page.getByText(/^\d+ of \d+ learning objects shown\.$/).waitFor();
    await page.getByRole("link", { name: "Golf Explained - Run-time Basic Calls" }).first().click();
    await page.getByRole("heading", { level: 1, name: "Golf Explained - Run-time Basic Calls" }).waitFor();
    await page.getByRole("cell", { name: "Andrea Author" }).first().waitFor();
    await expectAccessible(page);

    const added = page.getByRole("group", { name: "Add another language" });
    await added.getByLabel("Language").selectOption("it");
    await added.getByLabel("Title").fill("Il golf spiegato");
    await page.getByLabel("1.1 Browsing, searching and filtering data, information and digital content").check();
    await page.getByLabel("Level reached 1.1").selectOption("3");
    await page.getByRole("button", { name: "Save the metadata" }).click();
    await page.getByText("Your changes were saved.").waitFor();
    const about = page.getByRole("region", { name: "About this learning object" });
    await about.getByText("Il golf spiegato").waitFor();
    await about.getByText("DigComp 2.2 1.1 Browsing, searching and filtering data, information and digital content · level 3").waitFor();
    await page.getByRole("group", { name: "In Italian" }).getByLabel("Title").waitFor();

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download the metadata (IEEE LOM XML)" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^com\.scorm\.golfsamples\.runtime\.basicruntime\.20043rd-v\d+-lom\.xml$/);
    const xml = fs.readFileSync(await download.path(), "utf8");
    expect(xml).toContain('<string language="it">Il golf spiegato</string>');
    expect(xml).toContain("<id>level-3</id>");

    await page.goto("/library?competence=1.1");
    await page.getByRole("link", { name: "Golf Explained - Run-time Basic Calls" }).waitFor();
  });

  it("shows what is wrong in a broken package, and where, and does not import it", async () => {
    const broken = path.join(scratch, "broken-course.zip");
    await writeBrokenPackage(broken);
    const page = await newPage(browser);
    await signIn(page, "author@vademecum.test");
    await page.goto("/library/import");
    await page.getByLabel("Package (zip file)").setInputFiles(broken);
    await page.getByRole("button", { name: "Upload and check" }).click();
    await page.getByRole("heading", { level: 1, name: "Check before import" }).waitFor();
    await page.getByText("File: broken-course.zip").waitFor();
    await page.getByText("This package cannot be imported because of 1 error.", { exact: false }).waitFor();
    const row = page.getByRole("row").filter({ hasText: "not well-formed" });
    await expect(row.getByRole("cell").nth(2).textContent()).resolves.toBe("imsmanifest.xml");
    await expect(row.getByRole("cell").nth(3).textContent()).resolves.toBe("5");
    await expect(page.getByRole("button", { name: "Import into the library" }).isDisabled()).resolves.toBe(true);
    await expectAccessible(page);
  });

  it("works without JavaScript: upload, report, and deleting the upload", async () => {
    const broken = path.join(scratch, "broken-course.zip");
    await writeBrokenPackage(broken);
    const page = await newPage(browser, { javaScriptEnabled: false });
    await signIn(page, "author@vademecum.test");
    await page.goto("/library/import");
    await page.getByLabel("Package (zip file)").setInputFiles(broken);
    await page.getByRole("button", { name: "Upload and check" }).click();
    await page.getByRole("heading", { level: 1, name: "Check before import" }).waitFor();
    await page.getByRole("cell", { name: "imsmanifest.xml", exact: true }).waitFor();
    await page.getByRole("button", { name: "Delete this upload" }).click();
    await page.getByText("The upload was deleted. Nothing was added to the library.").waitFor();
    await page.goto("/library?q=broken");
    await page.getByText("Nothing matches this search.", { exact: false }).waitFor();
  });

  it("receives an upload of several megabytes whole", async () => {
    const large = path.join(scratch, "large-course.zip");
    await writeLargePackage(large, 6 * 1024 * 1024);
    const cookie = await signInCookie(baseUrl(), "author@vademecum.test", "vademecum-demo");
    const form = new FormData();
    form.append("package", new Blob([fs.readFileSync(large)], { type: "application/zip" }), "large-course.zip");
    const upload = await fetch(`${baseUrl()}/api/imports`, { method: "POST", headers: { cookie, origin: baseUrl() }, body: form });
    expect(upload.status).toBe(200);
    const { jobId } = (await upload.json()) as { jobId: string };
    // The check opens every entry of the zip: one lost or reordered chunk breaks it.
    const job = await fetch(`${baseUrl()}/api/imports/${jobId}`, { headers: { cookie } });
    await expect(job.json()).resolves.toMatchObject({ status: "ready" });
  });

  it("keeps learners out", async () => {
    const page = await newPage(browser);
    await signIn(page, "learner@vademecum.test");
    for (const url of ["/library", "/library/import"]) {
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(403);
    }
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Library" }).count()).resolves.toBe(0);
  });
});
