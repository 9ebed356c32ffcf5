import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ZipFile } from "yazl";
import { validatePath } from "../packages/validate.server";
import { parseManifest } from "../standards/content-packaging/package";
import { parseLearningDesign } from "../standards/learning-design/parse";
import { readLdXhtml } from "../standards/learning-design/xhtml";
import { parseLomDocument, QUIRK_MESSAGES } from "../standards/lom/read";
import { parseAssessmentItem } from "../standards/qti/item";
import { ProblemCollector, type Problem } from "../standards/report";
import { parseVademecumEntries } from "../standards/vademecum-entries/entries";
import { XmlError, parseXml, type XmlLimits } from "../standards/xml";
import { i18nFor } from "./i18n";
import { messagesJsonFor, type Messages } from "./locales.server";
import { problemText } from "./problem-text";

/**
 * Validation problems are worded in app/locales/<language>/problems.json, one sentence per code.
 * These tests hold the code and the sentences together: every code the parsers can report has
 * an English and an Italian sentence, and the English sentence, filled with a problem's params,
 * reads exactly as the message the CLI prints, for real problems found in broken packages.
 */

const english = i18nFor("en", messagesJsonFor("en")).t;
const italian = i18nFor("it", messagesJsonFor("it")).t;

/** The files below a folder, as paths from the repository root. */
const filesUnder = (folder: string): string[] =>
  (fs.readdirSync(folder, { recursive: true, encoding: "utf8" }) as string[]).map((file) => path.join(folder, file));

const sentences = (language: string): Set<string> => {
  const keys = new Set<string>();
  const walk = (node: Messages, prefix: string) => {
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === "string") keys.add(`${prefix}${key}`);
      else walk(value, `${prefix}${key}.`);
    }
  };
  walk((JSON.parse(messagesJsonFor(language)) as { problems: Messages }).problems, "");
  return keys;
};

/** Every code the source can report: the codes written as string literals, and the LOM quirks. */
function emittableCodes(): Set<string> {
  const files = [
    ...filesUnder("app/modules/standards").filter((file) => file.endsWith(".ts")),
    ...["validate", "source", "zip", "import"].map((name) => `app/modules/packages/${name}.server.ts`),
  ].filter((file) => !file.endsWith(".test.ts"));
  const codes = new Set<string>();
  for (const file of files) {
    const literal = /"((?:cp|scorm|lom|ld|qti|vademecum|xml|zip|package|import)\.[a-z][a-z0-9-]*(?:\.[a-z][a-z0-9-]*)*)"/g;
    for (const match of fs.readFileSync(file, "utf8").matchAll(literal)) codes.add(match[1]);
  }
  for (const quirk of Object.keys(QUIRK_MESSAGES)) codes.add(`lom.quirk.${quirk}`);
  return codes;
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "problem-text-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

function folder(name: string, files: Record<string, string>): string {
  const root = path.join(scratch, name);
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}

async function zip(name: string, entries: { name: string; data: string; mode?: number }[]): Promise<string> {
  const archive = new ZipFile();
  for (const entry of entries) archive.addBuffer(Buffer.from(entry.data), entry.name, { mode: entry.mode });
  archive.end();
  const chunks: Buffer[] = [];
  for await (const chunk of archive.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  const file = path.join(scratch, name);
  fs.writeFileSync(file, Buffer.concat(chunks));
  return file;
}

function xmlProblem(text: string, limits: Partial<XmlLimits> = {}): Problem[] {
  const problems = new ProblemCollector();
  try {
    parseXml(text, { file: "broken.xml", limits });
  } catch (error) {
    if (!(error instanceof XmlError)) throw error;
    problems.error(error.code, error.message, { file: error.file, line: error.line }, error.params);
  }
  return problems.problems;
}

const scorm12 = `<?xml version="1.0"?>
<manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="missing">
    <organization identifier="o"><title>Course</title>
      <item identifierref="r"><title>Welcome</title></item>
      <item identifierref="r"/>
      <item identifier="i1" identifierref="nowhere"><title>A</title></item>
      <item identifier="i2" identifierref="r"><title>B</title><adlcp:masteryscore>120</adlcp:masteryscore></item>
      <item identifier="i2" identifierref="r"><title>C</title></item>
      <item identifier="leaf"><title>Leaf</title></item>
    </organization>
    <organization><title>Second</title></organization>
  </organizations>
  <resources>
    <resource identifier="r" type="webcontent" adlcp:scormtype="lesson" href="a.html">
      <metadata><adlcp:location>/meta.xml</adlcp:location></metadata>
      <file href="a.html"/><file/><dependency/><dependency identifierref="gone"/>
    </resource>
    <resource identifier="r" type="webcontent" href="b.html"/>
    <resource type="webcontent" href="c.html"/>
    <resource identifier="h1" type="webcontent" href="../x.html"/>
    <resource identifier="h2" type="webcontent" href="/x.html"/>
    <resource identifier="h3" type="webcontent" href="%E8%8B"/>
    <resource identifier="h4" type="webcontent" href="a%2Fb.html"/>
    <resource identifier="h5" type="webcontent" href="."/>
    <resource identifier="m" type="webcontent" href="a.html"><metadata><adlcp:location>meta/missing.xml</adlcp:location></metadata></resource>
  </resources>
</manifest>`;

const scorm2004 = `<?xml version="1.0"?>
<manifest identifier="m" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
  <organizations default="o"><organization identifier="o"><title>Course</title>
    <item identifier="i" identifierref="r"><title>A</title>
      <imsss:sequencing IDRef="nope"><imsss:controlMode choice="maybe"/>
        <imsss:rollupRules><imsss:rollupRule minimumCount="some"/></imsss:rollupRules></imsss:sequencing>
    </item>
  </organization></organizations>
  <resources><resource identifier="r" type="webcontent" adlcp:scormType="sco" href="a.html"/></resources>
  <imsss:sequencingCollection><imsss:sequencing/></imsss:sequencingCollection>
</manifest>`;

const learningDesign = `<ld:learning-design xmlns:ld="http://www.imsglobal.org/xsd/imsld_v1p0" identifier="LD" level="B">
<ld:components>
  <ld:roles><ld:learner identifier="R-l" min-persons="3" max-persons="1"/></ld:roles>
  <ld:properties>
    <ld:loc-property identifier="P"><ld:datatype datatype="integer"/><ld:initial-value>many</ld:initial-value></ld:loc-property>
    <ld:loc-property identifier="P2"><ld:datatype datatype="colour"/></ld:loc-property>
    <ld:loc-property identifier="P3"/>
    <ld:loc-property identifier="P4"><ld:datatype datatype="string"/><ld:restriction restriction-type="shape">x</ld:restriction></ld:loc-property>
  </ld:properties>
  <ld:activities>
    <ld:learning-activity identifier="R-l"/>
    <ld:learning-activity identifier="LA"><ld:complete-activity><ld:time-limit>ten minutes</ld:time-limit></ld:complete-activity></ld:learning-activity>
    <ld:activity-structure identifier="AS" structure-type="random" number-to-select="two"/>
    <ld:activity-structure identifier="AS2" structure-type="selection" number-to-select="2"><ld:learning-activity-ref ref="LA"/></ld:activity-structure>
  </ld:activities>
</ld:components>
<ld:method>
  <ld:play identifier="PL"><ld:act identifier="A1"><ld:role-part identifier="RP"><ld:role-ref ref="R-l"/></ld:role-part></ld:act></ld:play>
  <ld:conditions>
    <ld:then/>
    <ld:if><ld:greater-than><ld:property-ref ref="P"/></ld:greater-than></ld:if><ld:then/>
    <ld:if><ld:and/></ld:if><ld:then/>
    <ld:if><ld:not/></ld:if><ld:then/>
    <ld:if/><ld:then/>
    <ld:if><ld:guess/></ld:if><ld:then/>
    <ld:if><ld:is-member-of-role ref="R-l"/></ld:if><ld:then><ld:show><ld:nothing-ref ref="LA"/></ld:show><ld:dance/></ld:then>
  </ld:conditions>
</ld:method>
</ld:learning-design>`;

const unlevelledDesign = `<ld:learning-design xmlns:ld="http://www.imsglobal.org/xsd/imsld_v1p0" identifier="LD2">
<ld:components>
  <ld:roles><ld:staff identifier="R-s"/></ld:roles>
  <ld:activities><ld:learning-activity/></ld:activities>
  <ld:environments><ld:environment identifier="E"><ld:service identifier="S"/></ld:environment></ld:environments>
</ld:components>
<ld:method><ld:play identifier="PL"><ld:act identifier="A1"/><ld:complete-play><ld:dance/></ld:complete-play></ld:play></ld:method>
</ld:learning-design>`;

const qti = (body: string, declaration: string, attributes = 'identifier="q1"') =>
  `<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" ${attributes}>${declaration}<itemBody>${body}</itemBody></assessmentItem>`;
const choices = (...identifiers: string[]) =>
  `<choiceInteraction responseIdentifier="RESPONSE">${identifiers.map((id) => `<simpleChoice identifier="${id}">${id}</simpleChoice>`).join("")}</choiceInteraction>`;
const declaration = (cardinality: string, ...values: string[]) =>
  `<responseDeclaration identifier="RESPONSE" cardinality="${cardinality}"><correctResponse>${values.map((value) => `<value>${value}</value>`).join("")}</correctResponse></responseDeclaration>`;

const entries = (language: string, body: string, root = `xmlns="urn:x-vademecum:entries:1" xml:lang="${language}"`) => ({
  file: `vademecum/entries.${language}.xml`,
  text: `<entries ${root}>${body}</entries>`,
});

/** Problems from broken packages and files, as the parsers report them. */
async function realProblems(): Promise<Problem[]> {
  const found: Problem[] = [];
  const validated = async (target: string, limits = {}) => {
    const result = await validatePath(target, limits);
    found.push(...result.errors, ...result.warnings);
  };

  // Every package and metadata file among the test fixtures, the broken units of learning among them.
  const fixtures: string[] = [];
  for (const file of filesUnder("tests/fixtures").filter((name) => /\.(xml|zip)$/.test(name))) {
    if (path.basename(file) === "imsmanifest.xml") fixtures.push(path.dirname(file));
    else if (file.endsWith(".zip") || /lom/i.test(file)) fixtures.push(file);
  }
  for (const target of fixtures) await validated(target);

  const manifest = `<manifest identifier="m" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"><organizations/><resources/></manifest>`;
  await validated(path.join(scratch, "nowhere.zip"));
  const linked = folder("symlink", { "imsmanifest.xml": manifest });
  fs.symlinkSync("imsmanifest.xml", path.join(linked, "link.xml"));
  await validated(linked);
  await validated(folder("no-manifest", { "index.html": "<html/>" }));
  await validated(folder("subfolder", { "course/imsmanifest.xml": manifest }));
  await validated(folder("aicc", { "course.crs": "[Course]", "course.au": "", "course.cst": "" }));
  await validated(folder("too-many", { "imsmanifest.xml": manifest, "a.html": "", "b.html": "" }), { maxEntries: 2 });
  await validated(folder("xml-too-large", { "imsmanifest.xml": manifest }), { maxXmlBytes: 10 });
  await validated(folder("wrong-root", { "imsmanifest.xml": "<course/>" }));
  await validated(folder("no-organizations", { "imsmanifest.xml": manifest.replace("<organizations/>", "") }));
  await validated(folder("not-lom", { "imsmanifest.xml": manifest.replace("<organizations/>", '<metadata><location xmlns="http://www.adlnet.org/xsd/adlcp_rootv1p2">meta.xml</location></metadata><organizations/>'), "meta.xml": "<notes/>" }));
  await validated(path.join(folder("bare", { "course.xml": manifest }), "course.xml"));
  await validated(path.join(folder("not-lom-file", { "notes.xml": "<notes/>" }), "notes.xml"));
  await validated(path.join(folder("untitled-lom", { "lom.xml": '<lom xmlns="http://ltsc.ieee.org/xsd/LOM"><general/></lom>' }), "lom.xml"));
  fs.writeFileSync(path.join(scratch, "not-a-zip.zip"), "plain text");
  await validated(path.join(scratch, "not-a-zip.zip"));
  await validated(await zip("many.zip", [{ name: "a", data: "" }, { name: "b", data: "" }]), { maxEntries: 1 });
  await validated(await zip("link.zip", [{ name: "link", data: "/etc/passwd", mode: 0o120777 }]));

  found.push(
    ...xmlProblem("<a>"),
    ...xmlProblem("<a><b><c/></b></a>", { maxDepth: 2 }),
    ...xmlProblem("<a><b/><c/></a>", { maxElements: 2 }),
    ...xmlProblem("<a/>", { maxLength: 2 }),
    ...xmlProblem('<!DOCTYPE a [<!ENTITY x "y">]><a/>'),
  );

  for (const [text, fileExists] of [
    [scorm12, (file: string) => file === "a.html"],
    [scorm2004, () => true],
  ] as const) {
    const problems = new ProblemCollector();
    parseManifest(text, { file: "imsmanifest.xml", problems, fileExists });
    found.push(...problems.problems);
  }

  found.push(...parseLomDocument("<notes/>", "notes.xml").problems.problems);

  const design = parseXml(learningDesign, { file: "imsmanifest.xml" });
  found.push(...parseLearningDesign(design, { file: "imsmanifest.xml", resolveResource: () => undefined }).problems);
  const unlevelled = parseXml(unlevelledDesign, { file: "imsmanifest.xml" });
  found.push(...parseLearningDesign(unlevelled, { file: "imsmanifest.xml", resolveResource: () => undefined }).problems);
  const notDesign = parseXml('<learning-design xmlns="urn:x-other" identifier="x"/>', { file: "imsmanifest.xml" });
  found.push(...parseLearningDesign(notDesign, { file: "imsmanifest.xml", resolveResource: () => undefined }).problems);
  const ld = 'xmlns:ld="http://www.imsglobal.org/xsd/imsld_v1p0"';
  found.push(
    ...readLdXhtml(
      `<html xmlns="http://www.w3.org/1999/xhtml" ${ld}><body><ld:view-property/><ld:view-property ref="X"/><ld:view-property-group ref="G"/><ld:dance/></body></html>`,
      { file: "content/page.xhtml", properties: [], propertyGroups: [] },
    ).problems,
  );

  for (const item of [
    qti(choices("a"), declaration("single", "a"), 'identifier=""'),
    qti(choices("a", "b"), declaration("single")),
    qti(choices("a", "b"), declaration("single", "a", "c")),
    qti(choices("a", "b"), declaration("ordered", "a")),
    qti('<choiceInteraction responseIdentifier="OTHER"/>', declaration("single", "a")),
    qti("<p>No interaction</p>", ""),
    qti('<textEntryInteraction responseIdentifier="RESPONSE"/>', ""),
    "<notAnItem/>",
  ]) {
    found.push(...parseAssessmentItem(item, { file: "qti/item.xml" }).problems);
  }

  found.push(
    ...parseVademecumEntries([
      entries(
        "en",
        `<entry kind="tool"><title>No key</title></entry>
         <entry key="x" kind="poster"><title>X</title></entry>
         <entry key="t" kind="takeaway"><body>B</body></entry>
         <entry key="d" kind="takeaway"><title>A</title></entry><entry key="d" kind="takeaway"><title>B</title></entry>
         <entry key="l" kind="link"><title>A</title><link href="javascript:alert(1)"/></entry>
         <entry key="n" kind="link"><title>A</title><colour/></entry>
         <entry key="k" kind="takeaway"><title>K</title></entry>`,
      ),
      { ...entries("en", `<entry key="k" kind="takeaway"><title>Again</title></entry>`), file: "vademecum/more.en.xml" },
      entries("it", `<entry key="k" kind="glossary"><title>K</title><definition>D</definition></entry>`),
      entries("de", "", 'xmlns="urn:x-other"'),
      { file: "vademecum/entries.xml", text: '<entries xmlns="urn:x-vademecum:entries:1"/>' },
    ]).problems,
  );
  return found;
}

describe("validation problems in the reader's language", () => {
  const codes = emittableCodes();

  it.each(["en", "it"])("%s has a sentence for every code the parsers can report, and none for codes they cannot", (language) => {
    const keys = sentences(language);
    expect([...codes].filter((code) => !keys.has(code)), "missing").toEqual([]);
    const known = (key: string) => codes.has(key) || codes.has(key.replace(/_[a-z-]+$/, ""));
    expect([...keys].filter((key) => !known(key)), "unknown").toEqual([]);
  });

  it("words the LOM quirks in English as the parser does", () => {
    for (const [quirk, message] of Object.entries(QUIRK_MESSAGES)) {
      expect(problemText(english, { code: `lom.quirk.${quirk}`, message, params: {} })).toBe(message);
    }
  });

  it("reads real problems in English exactly as their messages, and in Italian with every slot filled", async () => {
    const problems = await realProblems();
    const sampled = new Set(problems.map((problem) => problem.code));
    expect(sampled.size, "codes covered by the sample").toBeGreaterThan(codes.size * 0.85);
    for (const problem of problems) {
      expect(codes.has(problem.code), problem.code).toBe(true);
      expect(problem.params, problem.code).toBeDefined();
      expect(problemText(english, problem), problem.code).toBe(problem.message);
      const translated = problemText(italian, problem);
      expect(translated, problem.code).not.toBe(problem.message);
      expect(translated, problem.code).not.toMatch(/\{\{|\}\}/);
    }
  });

  it("keeps the English message of a problem stored without params and of a code without a sentence", () => {
    const stored = { code: "cp.item.missing-resource", message: 'item "a" refers to resource "b", which does not exist in the manifest' };
    expect(problemText(italian, stored)).toBe(stored.message);
    expect(problemText(italian, { code: "cp.not-a-code", message: "something new", params: {} })).toBe("something new");
    expect(problemText(italian, { ...stored, params: { identifier: "a", identifierref: "b" } })).toBe(
      "L'item «a» rimanda alla risorsa «b», che nel manifest non esiste.",
    );
  });
});
