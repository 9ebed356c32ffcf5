import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { attribute, childElement, childElements, parseXml, textContent } from "../standards/xml";
import { compileVademecum } from "./compile";
import { sampleInput } from "./fixtures";
import { renderEpub } from "./render-epub.server";
import { readZip } from "../../../tests/support/zip";


async function render(date = "2025-03-14"): Promise<Buffer> {
  return renderEpub(compileVademecum(sampleInput("it"), { includeInProgress: true, date }));
}

/** epubcheck as Debian installs it: a jar, run with java. */
function epubcheckCommand(): string[] | undefined {
  const jar = "/usr/share/java/epubcheck.jar";
  if (existsSync(jar) && spawnSync("java", ["-version"]).status === 0) return ["java", "-jar", jar];
  return spawnSync("epubcheck", ["--version"]).status === 0 ? ["epubcheck"] : undefined;
}

describe("renderEpub", () => {
  it("starts with an uncompressed mimetype entry, as reading systems require", async () => {
    const entries = await readZip(await render());
    expect(entries[0]).toMatchObject({
      name: "mimetype",
      compressionMethod: 0,
      extraFieldLength: 0,
      content: "application/epub+zip",
    });
  });

  it("points from the container to a package whose spine items all exist", async () => {
    const entries = await readZip(await render());
    const files = new Map(entries.map((entry) => [entry.name, entry.content]));
    const container = parseXml(files.get("META-INF/container.xml") ?? "", { file: "container.xml" });
    const rootfile = childElement(childElement(container, "rootfiles")!, "rootfile")!;
    const opfPath = attribute(rootfile, "full-path")!;
    expect(opfPath).toBe("EPUB/package.opf");

    const opf = parseXml(files.get(opfPath) ?? "", { file: opfPath });
    expect(attribute(opf, "version")).toBe("3.0");
    const metadata = childElement(opf, "metadata")!;
    expect(textContent(childElement(metadata, "identifier")!)).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(textContent(childElement(metadata, "title")!)).toBe("Il mio vademecum digitale");
    expect(textContent(childElement(metadata, "language")!)).toBe("it");
    const modified = childElements(metadata, "meta").find((meta) => attribute(meta, "property") === "dcterms:modified");
    expect(textContent(modified!)).toBe("2025-03-14T00:00:00Z");

    const manifest = new Map(
      childElements(childElement(opf, "manifest")!, "item").map((item) => [attribute(item, "id"), item]),
    );
    const spine = childElements(childElement(opf, "spine")!, "itemref").map((itemref) => attribute(itemref, "idref"));
    expect(spine.length).toBeGreaterThan(5);
    for (const idref of spine) {
      const item = manifest.get(idref);
      expect(item, idref).toBeDefined();
      expect(files.has(`EPUB/${attribute(item!, "href")}`), idref).toBe(true);
    }
    for (const item of manifest.values()) expect(files.has(`EPUB/${attribute(item, "href")}`)).toBe(true);
  });

  it("has a navigation document whose table of contents leads to every area and entry", async () => {
    const entries = await readZip(await render());
    const files = new Map(entries.map((entry) => [entry.name, entry.content]));
    const nav = parseXml(files.get("EPUB/nav.xhtml") ?? "", { file: "nav.xhtml" });
    const toc = childElements(childElement(nav, "body")!, "nav").find(
      (element) => attribute(element, "type", "http://www.idpf.org/2007/ops") === "toc",
    );
    expect(toc).toBeDefined();
    const links = [...(files.get("EPUB/nav.xhtml") ?? "").matchAll(/<a href="([^"#]+)#([^"]+)"/g)];
    expect(links.map((link) => link[2])).toContain("e-tool-signal");
    for (const [, file, id] of links) {
      expect(files.get(`EPUB/${file}`), file).toContain(`id="${id}"`);
    }
  });

  it("writes content documents that are well-formed XHTML, with fallback content marked", async () => {
    const entries = await readZip(await render());
    const documents = entries.filter((entry) => entry.name.endsWith(".xhtml"));
    expect(documents.length).toBeGreaterThan(5);
    for (const document of documents) {
      expect(() => parseXml(document.content, { file: document.name }), document.name).not.toThrow();
    }
    const security = entries.find((entry) => entry.name === "EPUB/area-4.xhtml")?.content ?? "";
    expect(security).toContain('<h4 id="e-guide-verify-safety-number-title" lang="en" xml:lang="en">');
    const all = documents.map((document) => document.content).join("\n");
    expect(all).not.toMatch(/tracker\.example|<script|alert\(1\)/);
    expect(all).toContain('src="data:image/png;base64,');
  });

  it("is byte-for-byte the same for the same input, and differs for another date", async () => {
    const first = await render();
    expect((await render()).equals(first)).toBe(true);
    const later = await render("2025-04-01");
    expect(later.equals(first)).toBe(false);
    const opf = (await readZip(later)).find((entry) => entry.name === "EPUB/package.opf")?.content;
    expect(opf).toContain('<meta property="dcterms:modified">2025-04-01T00:00:00Z</meta>');
  });

  const epubcheck = epubcheckCommand();
  it.skipIf(!epubcheck)("passes epubcheck", async () => {
    const dir = mkdtempSync(join(tmpdir(), "vademecum-epub-"));
    try {
      const file = join(dir, "vademecum.epub");
      writeFileSync(file, await render());
      const [command, ...args] = epubcheck!;
      const output = execFileSync(command, [...args, file], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
      expect(output).toContain("No errors or warnings detected");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
