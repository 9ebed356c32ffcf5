import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { validatePath } from "../../app/modules/packages/validate.server";
import { toIeeeLomXml } from "../../app/modules/standards/lom/ieee-xml";

const COURSES = path.resolve("courses");
const modules = fs
  .readdirSync(COURSES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(COURSES, entry.name, "imsmanifest.xml")))
  .map((entry) => entry.name)
  .sort();
const LOM_XSD = path.resolve("tests/fixtures/adl-scorm2004-4ed-testsuite/software_development/xml/xsd/lom.xsd");

describe("the bundled curriculum", () => {
  it("has at least six modules", () => {
    expect(modules.length).toBeGreaterThanOrEqual(6);
  });

  it.each(modules)("%s validates with the importer without errors or warnings", async (folder) => {
    const result = await validatePath(path.join(COURSES, folder));
    expect(result.errors, "errors").toEqual([]);
    expect(result.warnings, "warnings").toEqual([]);
    expect(result.kind).toBe("imsld");
    expect(result.vademecum.length).toBeGreaterThanOrEqual(5);
    expect(result.vademecum.length).toBeLessThanOrEqual(15);
    expect(result.assessmentItems.length).toBeGreaterThanOrEqual(4);
    for (const entry of result.vademecum) expect(Object.keys(entry.content).sort(), entry.key).toEqual(["en", "it"]);
  });

  it.each(modules)("%s exports its LOM as IEEE LOM v1.0 XML that the XSD accepts", async (folder) => {
    const result = await validatePath(path.join(COURSES, folder));
    const record = result.contentPackage?.metadata?.lom[0];
    expect(record?.general.title?.en).toBeTruthy();
    expect(record?.general.title?.it).toBeTruthy();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "curriculum-lom-"));
    const file = path.join(dir, "lom.xml");
    fs.writeFileSync(file, toIeeeLomXml(record!));
    const xmllint = spawnSync("xmllint", ["--noout", "--schema", LOM_XSD, file], { encoding: "utf8" });
    fs.rmSync(dir, { recursive: true, force: true });
    expect(xmllint.error, "xmllint (libxml2-utils) must be installed").toBeUndefined();
    expect(xmllint.stderr.trim()).toBe(`${file} validates`);
  });

  it("uses every feature the platform runs: level B conditions, a level C tutor notification, a SCORM SCO, QTI items", async () => {
    const results = await Promise.all(modules.map((folder) => validatePath(path.join(COURSES, folder))));
    const designs = results.map((result) => result.learningDesign!);
    expect(designs.filter((design) => design.level === "B" || design.level === "C").length).toBeGreaterThanOrEqual(2);
    expect(designs.filter((design) => design.level === "C" && design.summary.notifications > 0).length).toBeGreaterThanOrEqual(1);
    expect(results.filter((result) => (result.summary?.scos ?? 0) > 0).length).toBeGreaterThanOrEqual(1);
    expect(results.every((result) => result.assessmentItems.length > 0)).toBe(true);
  });
});
