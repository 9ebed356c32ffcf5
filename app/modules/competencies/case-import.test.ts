import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { importCasePackage } from "./case-import";

const fixture = () =>
  JSON.parse(
    readFileSync(new URL("../../../tests/fixtures/case/welfare-digital-skills.case.json", import.meta.url), "utf8"),
  );

describe("importCasePackage", () => {
  it("builds areas and competences from isChildOf associations in sequence order", () => {
    const result = importCasePackage(fixture());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const framework = result.value;
    expect([framework.name, framework.version, framework.key]).toEqual([
      "Welfare Digital Skills",
      "1.0",
      "Welfare Digital Skills 1.0",
    ]);
    expect(framework.areas.map((area) => [area.code, area.name.en])).toEqual([
      ["W1", "Digital contact with service users"],
      ["W2", "Case information"],
    ]);
    expect(framework.competences.map((competence) => [competence.code, competence.areaCode])).toEqual([
      ["W1.1", "W1"],
      ["W1.2", "W1"],
      ["W2.1", "W2"],
      ["W2.2", "W2"],
    ]);
  });

  it("names a competence by its abbreviated statement and keeps the full statement as description", () => {
    const result = importCasePackage(fixture());
    if (!result.ok) throw new Error("import failed");
    const [w11, , , w22] = result.value.competences;
    expect(w11.name).toEqual({ en: "Supporting access to online public services" });
    expect(w11.description?.en).toMatch(/^Help a service user reach public services online/);
    expect(w22.name).toEqual({ en: "Recognise phishing messages and report them before anyone clicks." });
    expect(w22.description).toBeUndefined();
  });

  it("reports the third-tier item and the unlinked item it leaves out, and ignores other associations", () => {
    const result = importCasePackage(fixture());
    if (!result.ok) throw new Error("import failed");
    expect(result.warnings.map((warning) => warning.path)).toEqual(["$.CFItems[3]", "$.CFItems[7]"]);
    expect(result.warnings[0].message).toMatch(/third tier under competence W1\.1/);
    expect(result.warnings[1].message).toMatch(/not connected to the CFDocument/);
  });

  it("gives the framework DigComp's eight levels unless a scale is passed", () => {
    const defaults = importCasePackage(fixture());
    const custom = importCasePackage(fixture(), {
      scale: {
        bands: [{ id: "all", name: { en: "All" }, levels: [1, 2] }],
        levels: [
          { level: 1, band: "all", name: { en: "Aware" } },
          { level: 2, band: "all", name: { en: "Able" } },
        ],
      },
    });
    expect(defaults.ok && defaults.value.levels.length).toBe(8);
    expect(custom.ok && custom.value.levels.map((level) => level.name.en)).toEqual(["Aware", "Able"]);
  });

  it("accepts a package wrapped in a CFPackage member and reports paths inside it", () => {
    expect(importCasePackage({ CFPackage: fixture() }).ok).toBe(true);
    const broken = fixture();
    delete broken.CFItems[0].fullStatement;
    const result = importCasePackage({ CFPackage: broken });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0].path).toBe("$.CFPackage.CFItems[0].fullStatement");
  });

  type Package = ReturnType<typeof fixture>;
  const cases: [string, (casePackage: Package) => unknown, string, RegExp][] = [
    ["no CFDocument", (p) => ({ ...p, CFDocument: undefined }), "$.CFDocument", /./],
    ["an item without a fullStatement", (p) => { delete p.CFItems[2].fullStatement; return p; }, "$.CFItems[2].fullStatement", /./],
    ["an association from an unknown item", (p) => { p.CFAssociations[3].originNodeURI.identifier = "nowhere"; return p; }, "$.CFAssociations[3].originNodeURI.identifier", /"nowhere" is not a CFItem/],
    ["an association to an unknown parent", (p) => { p.CFAssociations[0].destinationNodeURI.identifier = "nowhere"; return p; }, "$.CFAssociations[0].destinationNodeURI.identifier", /neither the CFDocument nor a CFItem/],
    ["two items with one identifier", (p) => { p.CFItems[7].identifier = p.CFItems[0].identifier; return p; }, "$.CFItems[7].identifier", /used twice/],
    ["two competences with one code", (p) => { p.CFItems[6].humanCodingScheme = "W2.1"; return p; }, "$.CFItems[6].code", /"W2.1" appears twice/],
    ["no version", (p) => { delete p.CFDocument.version; return p; }, "$.CFDocument.version", /needs a version/],
    ["no tree", (p) => ({ ...p, CFAssociations: [] }), "$.CFAssociations", /no competences found/],
  ];

  it.each(cases)("rejects %s and says where", (_name, change, path, message) => {
    const result = importCasePackage(change(fixture()));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  it("takes name and version from the options when the document lacks them", () => {
    const casePackage = fixture();
    delete casePackage.CFDocument.version;
    const result = importCasePackage(casePackage, { name: "WDS", version: "0.9" });
    expect(result.ok && result.value.key).toBe("WDS 0.9");
  });

  it("numbers competences by position when items carry no human coding scheme", () => {
    const casePackage = fixture();
    for (const item of casePackage.CFItems) delete item.humanCodingScheme;
    const result = importCasePackage(casePackage);
    expect(result.ok && result.value.competences.map((competence) => competence.code)).toEqual([
      "1.1",
      "1.2",
      "2.1",
      "2.2",
    ]);
  });
});
