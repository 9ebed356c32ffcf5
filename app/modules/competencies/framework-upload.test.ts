import fs from "node:fs";
import { describe, expect, it } from "vitest";
import digComp from "./frameworks/digcomp-2.2.json";
import { parseFrameworkUpload } from "./framework-upload";
import { targetsFormSchema } from "./targets";

describe("framework uploads", () => {
  it("reads the framework JSON and IMS CASE packages", () => {
    const json = parseFrameworkUpload(JSON.stringify(digComp));
    expect(json.ok && [json.kind, json.value.key]).toEqual(["vademecum", "DigComp 2.2"]);
    const casePackage = parseFrameworkUpload(fs.readFileSync("tests/fixtures/case/welfare-digital-skills.case.json", "utf8"));
    expect(casePackage.ok && casePackage.kind).toBe("case");
  });

  it("says where an invalid file is wrong", () => {
    expect(parseFrameworkUpload("{ not json")).toMatchObject({ ok: false, errors: [{ path: "$" }] });
    expect(parseFrameworkUpload("[]")).toMatchObject({ ok: false, errors: [{ path: "$" }] });
    const broken = parseFrameworkUpload(JSON.stringify({ ...digComp, version: "" }));
    expect(broken.ok ? [] : broken.errors.map((error) => error.path)).toEqual(["$.version"]);
  });
});

describe("the learner's targets form", () => {
  it("reads a level from 0 to the highest per competence", () => {
    const schema = targetsFormSchema(["2.1", "4.2"], 8);
    expect(schema.safeParse({ "target-2.1": "3", "target-4.2": "0" }).data).toEqual({ "2.1": 3, "4.2": 0 });
    expect(schema.safeParse({ "target-2.1": "9" }).success).toBe(false);
  });
});
