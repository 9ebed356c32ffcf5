import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ProblemCollector } from "../report";
import { resolveHref } from "./href";
import { parseManifest, type Item } from "./package";

const courses = join(__dirname, "../../../../tests/fixtures/adl-scorm2004-4ed-testsuite/software_development/TestSuite/LMSRTE/Courses");

function parse(text: string, fileExists?: (path: string) => boolean) {
  const problems = new ProblemCollector();
  const contentPackage = parseManifest(text, { file: "imsmanifest.xml", problems, fileExists });
  return { contentPackage, problems };
}

function adl(name: string) {
  return parse(readFileSync(join(courses, name, "imsmanifest.xml"), "utf8"), () => false);
}

const manifest = (body: string, attributes = "") => `<?xml version="1.0"?>
<manifest identifier="m" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2" ${attributes}>
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
${body}
</manifest>`;

describe("SCORM 2004 test-suite manifests", () => {
  const names = readdirSync(courses).filter((name) => statSync(join(courses, name)).isDirectory());

  it("parses every manifest without errors; the files its build adds later are warnings", () => {
    expect(names.length).toBe(95);
    for (const name of names) {
      const { contentPackage, problems } = adl(name);
      expect(problems.errors, name).toEqual([]);
      expect(contentPackage.kind, name).toBe("scorm2004");
      expect(contentPackage.organizations.length, name).toBeGreaterThan(0);
      expect(problems.warnings.every((problem) => problem.code === "cp.file.missing"), name).toBe(true);
    }
  });

  it("detects the edition and resolves xml:base on resources", () => {
    const { contentPackage } = adl("LMSTestPackage_API");
    expect(contentPackage.scormEdition).toBe("4th");
    const sco = contentPackage.resources.find((resource) => resource.identifier === "APIRTE01");
    expect(sco).toMatchObject({ scormType: "sco", href: "resources/APIRTETest1.htm", files: ["resources/APIRTETest1.htm"] });
    expect(contentPackage.resources.find((resource) => resource.identifier === "JAR01")?.files).toEqual(["common/LMSTest.jar"]);
    const item = contentPackage.organizations[0].items[0];
    expect(item).toMatchObject({ parameters: "?tc=API&act=1", presentation: { hideLMSUI: ["suspendAll"] } });
  });

  it("reads sequencing: control mode defaults, IDRef into sequencingCollection, adlseq objectives", () => {
    const { contentPackage } = adl("LMSTestPackage_CO-02a");
    const organization = contentPackage.organizations[0];
    expect(organization.sequencing?.controlMode).toEqual({
      choice: false,
      choiceExit: true,
      flow: true,
      forwardOnly: false,
      useCurrentAttemptObjectiveInfo: true,
      useCurrentAttemptProgressInfo: true,
    });
    const [first, second] = organization.items;
    expect(first.sequencing?.objectives?.primaryObjective?.adlMapInfo[0]).toMatchObject({
      targetObjectiveID: "gObj-CO02a",
      writeCompletionStatus: true,
      writeProgressMeasure: true,
      readRawScore: true,
    });
    // activity_2 takes its rules from the collection and keeps its own objectives
    expect(second.sequencing?.sequencingRules?.preConditionRules).toEqual([
      {
        conditionCombination: "all",
        conditions: [{ condition: "completed", operator: "noOp", referencedObjective: null, measureThreshold: null }],
        action: "skip",
      },
    ]);
    expect(second.sequencing?.objectives?.primaryObjective?.objectiveID).toBe("PRIMARYOBJ");
    expect(JSON.parse(JSON.stringify(second.sequencing))).toEqual(second.sequencing);
  });

  it("collapses white space around identifiers as a schema-validating reader does", () => {
    const { contentPackage } = adl("LMSTestPackage_CM-07e");
    expect(contentPackage.defaultOrganization).toBe("CASETEST");
  });

  it("reads limit conditions", () => {
    const { contentPackage } = adl("LMSTestPackage_CM-07c");
    const all = (items: Item[]): Item[] => items.flatMap((item) => [item, ...all(item.items)]);
    const limited = all(contentPackage.organizations[0].items).find((item) => item.sequencing?.limitConditions);
    expect(limited?.sequencing?.limitConditions).toEqual({ attemptLimit: 1, attemptAbsoluteDurationLimit: null });
  });
});

describe("problems in manifests", () => {
  it("reports an item pointing to a missing resource and a dependency on a missing resource, with lines", () => {
    const { problems } = parse(
      manifest(`  <organizations default="o"><organization identifier="o"><title>T</title>
    <item identifier="i1" identifierref="nowhere"><title>A</title></item>
  </organization></organizations>
  <resources><resource identifier="r" type="webcontent" adlcp:scormtype="sco" href="a.html">
    <file href="a.html"/><dependency identifierref="gone"/></resource></resources>`),
    );
    expect(problems.errors.map((problem) => [problem.code, problem.line])).toEqual([
      ["cp.dependency.missing-resource", 9],
      ["cp.item.missing-resource", 6],
    ]);
    expect(problems.errors[1].message).toContain('"nowhere"');
  });

  it("falls back to the first organization when the default does not exist, with a warning", () => {
    const { contentPackage, problems } = parse(
      manifest(`  <organizations default="missing"><organization identifier="first"><title>First</title></organization>
  <organization identifier="second"><title>Second</title></organization></organizations><resources/>`),
    );
    expect(contentPackage.defaultOrganization).toBe("first");
    expect(contentPackage.title).toBe("First");
    expect(problems.warnings[0]).toMatchObject({ code: "cp.organizations.missing-default", line: 5 });
    expect(problems.errors).toEqual([]);
  });

  it("calls an empty organizations element a resource package", () => {
    const { contentPackage, problems } = parse(manifest("<organizations/><resources/>"));
    expect(contentPackage.isResourcePackage).toBe(true);
    expect(problems.warnings.map((problem) => problem.code)).toEqual(["cp.organizations.empty"]);
  });

  it("refuses hrefs that leave the package and warns about missing files", () => {
    const { contentPackage, problems } = parse(
      manifest(`<organizations/><resources>
  <resource identifier="a" type="webcontent" href="../../etc/passwd"/>
  <resource identifier="b" type="webcontent" href="/etc/passwd"/>
  <resource identifier="c" type="webcontent" href="file:///etc/passwd"/>
  <resource identifier="d" type="webcontent" href="sub/missing.html"/>
  <resource identifier="e" type="webcontent" href="https://example.org/page"/>
</resources>`),
      (path) => path !== "sub/missing.html",
    );
    expect(problems.errors.map((problem) => problem.code)).toEqual(["cp.href.escapes", "cp.href.absolute", "cp.href.absolute"]);
    expect(problems.warnings.map((problem) => problem.code)).toContain("cp.file.missing");
    expect(contentPackage.resources.find((resource) => resource.identifier === "e")?.url).toBe("https://example.org/page");
  });

  it("reads SCORM 1.2 item elements", () => {
    const { contentPackage } = parse(
      manifest(`<organizations default="o"><organization identifier="o"><title>T</title>
  <item identifier="i" identifierref="r" isvisible="false"><title>A</title>
    <adlcp:masteryscore>80</adlcp:masteryscore><adlcp:maxtimeallowed>00:30:00</adlcp:maxtimeallowed>
    <adlcp:timelimitaction>exit,message</adlcp:timelimitaction><adlcp:datafromlms>start=1</adlcp:datafromlms>
    <adlcp:prerequisites type="aicc_script">x &amp; y</adlcp:prerequisites></item>
</organization></organizations>
<resources><resource identifier="r" type="webcontent" adlcp:scormtype="sco" href="a.html"/></resources>`),
    );
    const item = contentPackage.organizations[0].items[0];
    expect(item).toMatchObject({
      isVisible: false,
      masteryScore: 80,
      maxTimeAllowed: "00:30:00",
      timeLimitAction: "exit,message",
      dataFromLMS: "start=1",
      prerequisites: { type: "aicc_script", value: "x & y" },
    });
    expect(contentPackage.kind).toBe("scorm12");
  });
});

describe("hrefs", () => {
  it("composes xml:base and decodes percent-encoded non-ASCII names", () => {
    expect(resolveHref(["course/", "res/"], "%E8%8B%B1%E5%9B%BD.xml")).toEqual({ kind: "file", path: "course/res/英国.xml", suffix: "" });
    expect(resolveHref([], "a/./b/../c.html?x=1#top")).toEqual({ kind: "file", path: "a/c.html", suffix: "?x=1#top" });
    expect(resolveHref(["a/"], "../../x")).toMatchObject({ kind: "invalid", code: "cp.href.escapes" });
    expect(resolveHref([], "C:/x")).toMatchObject({ kind: "invalid", code: "cp.href.absolute" });
    expect(resolveHref([], "%E8%8B")).toMatchObject({ kind: "invalid", code: "cp.href.bad-encoding" });
  });
});
