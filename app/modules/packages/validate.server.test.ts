import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import yauzl from "yauzl";
import { ZipFile } from "yazl";
import { afterAll, describe, expect, it } from "vitest";
import { readPackageSource } from "./source.server";
import { validatePath } from "./validate.server";

const fixtures = join(__dirname, "../../../tests/fixtures");
const golf = join(fixtures, "moodle-scorm-golf-testpackages/tests/packages");
const pyslet = join(fixtures, "pyslet-ims-testdata/unittests");
/** GPL-licensed and unlicensed Moodle test zips are not copied; read them from a local corpus when present. */
const corpusGolf = join(__dirname, "../../../../shared/corpus/moodle-scorm-golf-testpackages/tests/packages");
const scratch = mkdtempSync(join(tmpdir(), "packages-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

type Entry = { name: string; data: Buffer | string; mode?: number; compress?: boolean };

async function makeZip(name: string, entries: Entry[], patch?: (zip: Buffer) => void): Promise<string> {
  const zip = new ZipFile();
  for (const entry of entries) {
    zip.addBuffer(Buffer.isBuffer(entry.data) ? entry.data : Buffer.from(entry.data), entry.name, {
      mode: entry.mode,
      compress: entry.compress ?? true,
    });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  const buffer = Buffer.concat(chunks);
  patch?.(buffer);
  const path = join(scratch, name);
  writeFileSync(path, buffer);
  return path;
}

/** Offsets of every central-directory header (signature PK\x01\x02). */
function centralHeaders(zip: Buffer): number[] {
  const offsets: number[] = [];
  for (let index = zip.indexOf("PK\x01\x02", 0, "latin1"); index >= 0; index = zip.indexOf("PK\x01\x02", index + 4, "latin1")) {
    offsets.push(index);
  }
  return offsets;
}

/** Replaces a name in place (same length) everywhere it occurs: local and central headers. */
function rename(zip: Buffer, from: string, to: string): void {
  for (let index = zip.indexOf(from); index >= 0; index = zip.indexOf(from, index + 1)) zip.write(to, index, "latin1");
}

const simpleManifest = `<?xml version="1.0"?>
<manifest identifier="m" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1">
  <organizations default="o"><organization identifier="o"><title>Course</title>
    <item identifier="i" identifierref="r"><title>Page</title></item></organization></organizations>
  <resources><resource identifier="r" type="webcontent" href="index.html"><file href="index.html"/></resource></resources>
</manifest>`;

async function readEntry(zipPath: string, name: string): Promise<string> {
  const zip = await yauzl.openPromise(zipPath, { lazyEntries: true });
  return new Promise((resolve, reject) => {
    zip.on("entry", async (entry: yauzl.Entry) => {
      if (entry.fileName !== name) return zip.readEntry();
      const chunks: Buffer[] = [];
      for await (const chunk of (await zip.openReadStreamPromise(entry)) as AsyncIterable<Buffer>) chunks.push(chunk);
      zip.close();
      resolve(Buffer.concat(chunks).toString("utf8"));
    });
    zip.on("error", reject);
    zip.readEntry();
  });
}

describe("golf example packages (Rustici, CC BY 3.0)", () => {
  it("validates the SCORM 1.2 single-SCO package", async () => {
    const result = await validatePath(join(golf, "singlescobasic.zip"));
    expect(result).toMatchObject({ ok: true, kind: "scorm12", identifier: "com.scorm.golfsamples.runtime.basicruntime.12" });
    expect(result.title).toBe("Golf Explained - Run-time Basic Calls");
    expect(result.summary).toMatchObject({ organizations: 1, items: 1, resources: 1, scos: 1 });
    expect(result.warnings).toEqual([]);
  });

  it("validates the SCORM 1.2 multi-SCO package", async () => {
    const result = await validatePath(join(golf, "RuntimeMinimumCalls_SCORM12.zip"));
    expect(result).toMatchObject({ ok: true, kind: "scorm12" });
    expect(result.summary).toMatchObject({ scos: 18, resources: 19 });
  });

  it("validates the SCORM 2004 3rd edition package and tells the edition", async () => {
    const result = await validatePath(join(golf, "RuntimeBasicCalls_SCORM20043rdEdition.zip"));
    expect(result).toMatchObject({ ok: true, kind: "scorm2004", summary: { scormEdition: "3rd" } });
  });
});

describe("broken packages get a specific error or warning", () => {
  it("a manifest that is only an XML declaration (validscorm.zip): not well-formed, with line", async () => {
    const path = await makeZip("validscorm.zip", [{ name: "imsmanifest.xml", data: '<?xml version="1.0" encoding="UTF-8"?>\n' }]);
    const result = await validatePath(path);
    expect(result.ok).toBe(false);
    expect(result.errors[0]).toMatchObject({ code: "xml.not-well-formed", file: "imsmanifest.xml" });
    expect(result.errors[0].line).toBeGreaterThan(0);
  });

  it("a manifest in a sub-folder (badscorm.zip)", async () => {
    const path = await makeZip("badscorm.zip", [
      { name: "course/imsmanifest.xml", data: simpleManifest },
      { name: "course/index.html", data: "<html/>" },
    ]);
    const result = await validatePath(path);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0].code).toBe("package.manifest-in-subfolder");
    expect(result.errors[0].message).toContain("imsmanifest.xml found at course/imsmanifest.xml, not at the package root");
  });

  it("no manifest (invalid.zip)", async () => {
    const path = await makeZip("invalid.zip", [{ name: "test.htm", data: "" }]);
    const result = await validatePath(path);
    expect(result.errors.map((problem) => problem.code)).toEqual(["package.no-manifest"]);
  });

  it("an AICC course (validaicc.zip)", async () => {
    const path = await makeZip("validaicc.zip", [
      { name: "course.crs", data: "[Course]" },
      { name: "course.au", data: "" },
      { name: "course.cst", data: "" },
      { name: "course.des", data: "" },
    ]);
    const result = await validatePath(path);
    expect(result.errors[0].code).toBe("package.aicc");
    expect(result.errors[0].message).toMatch(/AICC/);
  });

  it("empty organizations (singlescobasic_missingorg.zip) is a resource package, with a warning", async () => {
    const manifest = (await readEntry(join(golf, "singlescobasic.zip"), "imsmanifest.xml")).replace(
      /<organizations[\s\S]*<\/organizations>/,
      "<organizations/>",
    );
    const path = await makeZip("singlescobasic_missingorg.zip", [{ name: "imsmanifest.xml", data: manifest }]);
    const result = await validatePath(path);
    expect(result.ok).toBe(true);
    expect(result.summary?.isResourcePackage).toBe(true);
    expect(result.warnings.map((problem) => problem.code)).toContain("cp.organizations.empty");
  });

  it("an item pointing to a missing resource makes the package invalid", async () => {
    const path = await makeZip("dangling.zip", [
      { name: "imsmanifest.xml", data: simpleManifest.replace('identifierref="r"', 'identifierref="nope"') },
      { name: "index.html", data: "<html/>" },
    ]);
    const result = await validatePath(path);
    expect(result.ok).toBe(false);
    expect(result.errors[0]).toMatchObject({ code: "cp.item.missing-resource", file: "imsmanifest.xml", line: 4 });
  });

  it.skipIf(!existsSync(corpusGolf))("the Moodle test zips from the local corpus (skipped when ../shared/corpus is absent)", async () => {
    const complex = await validatePath(join(corpusGolf, "complexscorm.zip"));
    expect(complex.ok).toBe(true);
    expect(complex.warnings.map((problem) => problem.code).sort()).toEqual([
      "cp.metadata.missing-file",
      "cp.organizations.missing-default",
    ]);
    expect(complex.summary).toMatchObject({ items: 8, scos: 1 });
    expect((await validatePath(join(corpusGolf, "invalid.zip"))).errors[0].code).toBe("package.no-manifest");
    expect((await validatePath(join(corpusGolf, "validscorm.zip"))).errors[0].code).toBe("xml.not-well-formed");
  });
});

describe("pyslet IMS CP and Common Cartridge test data", () => {
  it("finds the file named 英国.xml through its percent-encoded href, in a zip with __MACOSX entries", async () => {
    for (const path of [join(pyslet, "data_imscpv1p2/package_1.zip"), join(pyslet, "data_imscpv1p2/package_1")]) {
      const result = await validatePath(path);
      expect(result.ok, path).toBe(true);
      expect(result.contentPackage?.resources[0].href).toBe("英国.xml");
      expect(result.warnings.map((problem) => problem.code)).toEqual(["cp.organizations.empty"]);
    }
  });

  it("reads a file shared by two resources, a manifest-only package and a Common Cartridge", async () => {
    const shared = await validatePath(join(pyslet, "data_imscpv1p2/package_3"));
    expect(shared.contentPackage?.resources.map((resource) => resource.files)).toEqual([
      ["file_a.xml", "file_1.xml", "file_2.xml"],
      ["file_b.xml", "file_1.xml", "file_3.xml"],
    ]);
    expect((await validatePath(join(pyslet, "data_imscpv1p2/英国"))).ok).toBe(true);
    const cartridge = await validatePath(join(pyslet, "data_imscc_profilev1p0/sample_1"));
    expect(cartridge).toMatchObject({ ok: true, kind: "commoncartridge", identifier: "Sample1", summary: { resources: 7 } });
    expect(cartridge.contentPackage?.resources[2].dependencies).toEqual(["R0004"]);
  });
});

describe("bare metadata files and units of learning", () => {
  it("validates a LOM file and gives its title", async () => {
    const result = await validatePath(join(fixtures, "kennisnet-lom-samples/kennisnet+pylom/test/records/ims-complete.xml"));
    expect(result).toMatchObject({ ok: true, kind: "lom", title: "Bloodbath of B-R5RB" });
  });

  it.skipIf(!existsSync(join(fixtures, "imsld/level-b")))("reports a unit of learning as imsld with its learning design counted", async () => {
    const result = await validatePath(join(fixtures, "imsld/level-b"));
    expect(result.kind).toBe("imsld");
    expect(result.summary?.learningDesigns).toBe(1);
  });
});

describe("hostile input is refused quickly with a clear error", () => {
  it("zip-slip: an entry named ../evil.txt", async () => {
    const path = await makeZip(
      "slip.zip",
      [
        { name: "imsmanifest.xml", data: simpleManifest },
        { name: "xx/evil.txt", data: "pwned" },
      ],
      (zip) => rename(zip, "xx/evil.txt", "../evil.txt"),
    );
    const result = await validatePath(path);
    expect(result.errors[0]).toMatchObject({ code: "zip.path-escapes", file: "../evil.txt" });
    expect(result.errors[0].message).toMatch(/outside the package/);
  });

  it("an absolute entry name", async () => {
    const path = await makeZip("absolute.zip", [{ name: "xetc/passwd", data: "x" }], (zip) => rename(zip, "xetc/passwd", "/etc/passwd"));
    expect((await validatePath(path)).errors[0].code).toBe("zip.absolute-path");
  });

  it("a symbolic link entry", async () => {
    const path = await makeZip("symlink.zip", [
      { name: "imsmanifest.xml", data: simpleManifest },
      { name: "index.html", data: "/etc/passwd", mode: 0o120777 },
    ]);
    expect((await validatePath(path)).errors[0].code).toBe("zip.symlink");
  });

  it("an encrypted entry", async () => {
    const path = await makeZip("encrypted.zip", [{ name: "imsmanifest.xml", data: simpleManifest }], (zip) => {
      for (const offset of centralHeaders(zip)) zip.writeUInt16LE(zip.readUInt16LE(offset + 8) | 1, offset + 8);
    });
    expect((await validatePath(path)).errors[0].code).toBe("zip.encrypted");
  });

  it("a zip bomb: an entry that inflates 1000:1", async () => {
    const path = await makeZip("bomb.zip", [
      { name: "imsmanifest.xml", data: simpleManifest },
      { name: "index.html", data: Buffer.alloc(30 * 1024 * 1024) },
    ]);
    const started = performance.now();
    const result = await validatePath(path);
    expect(result.errors[0].code).toBe("zip.compression-ratio");
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("a zip bomb whose header lies about its size is stopped while inflating", async () => {
    const path = await makeZip("liar.zip", [{ name: "imsmanifest.xml", data: Buffer.alloc(30 * 1024 * 1024, 0x20) }], (zip) => {
      // declare 1,000 bytes uncompressed in the central directory
      for (const offset of centralHeaders(zip)) zip.writeUInt32LE(1000, offset + 24);
    });
    const result = await validatePath(path);
    expect(result.ok).toBe(false);
    expect(result.errors[0].code).toBe("zip.size-mismatch");
  });

  it("more than the allowed total size, counted from declared sizes", async () => {
    const path = await makeZip("big.zip", [
      { name: "imsmanifest.xml", data: simpleManifest },
      { name: "a.bin", data: randomBytes(600 * 1024), compress: false },
      { name: "b.bin", data: randomBytes(600 * 1024), compress: false },
    ]);
    const result = await validatePath(path, { maxTotalBytes: 1024 * 1024 });
    expect(result.errors[0].code).toBe("zip.too-large");
  });

  it("a 10,000-entry zip", async () => {
    const entries = Array.from({ length: 10_000 }, (_, index) => ({ name: `f${index}.txt`, data: "x", compress: false }));
    const path = await makeZip("many.zip", entries);
    const started = performance.now();
    const result = await validatePath(path);
    expect(result.errors[0]).toMatchObject({ code: "zip.too-many-entries" });
    expect(result.errors[0].message).toContain("10000 entries");
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("XXE and billion laughs in a manifest", async () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE manifest [<!ENTITY x SYSTEM "file:///etc/passwd">]><manifest identifier="&x;"/>`;
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><manifest identifier="&lol3;"/>`;
    for (const [name, text] of [["xxe.zip", xxe], ["laughs.zip", laughs]]) {
      const result = await validatePath(await makeZip(name, [{ name: "imsmanifest.xml", data: text }]));
      expect(result.errors[0].code, name).toBe("xml.entity-declaration");
      expect(result.errors[0].line, name).toBe(1);
    }
  });

  it("reads entries lazily: listing a package reads no content", async () => {
    const source = await readPackageSource(join(golf, "singlescobasic.zip"));
    try {
      expect(source.entries.length).toBeGreaterThan(30);
      expect(source.has("imsmanifest.xml")).toBe(true);
      expect(await source.readText("imsmanifest.xml")).toContain("com.scorm.golfsamples");
    } finally {
      await source.close();
    }
  });

  it("a missing path", async () => {
    expect((await validatePath(join(scratch, "nope.zip"))).errors[0].code).toBe("package.not-found");
  });
});

describe("test-suite manifest folder with its resources", () => {
  it("validates a folder package and warns about files its build adds later", async () => {
    const folder = join(fixtures, "adl-scorm2004-4ed-testsuite/software_development/TestSuite/LMSRTE/Courses/LMSTestPackage_API");
    const result = await validatePath(folder);
    expect(result).toMatchObject({ ok: true, kind: "scorm2004", identifier: "LMSTestPackage_API" });
    const missing = result.warnings.filter((problem) => problem.code === "cp.file.missing").map((problem) => problem.message);
    expect(missing.some((message) => message.includes("common/LMSTest.jar"))).toBe(true);
    expect(missing.some((message) => message.includes("resources/APIRTETest1.htm"))).toBe(false);
    expect(readFileSync(join(folder, "imsmanifest.xml"), "utf8")).toContain("LMSTestPackage_API");
  });
});
