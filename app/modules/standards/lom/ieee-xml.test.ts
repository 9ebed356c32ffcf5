import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { classificationFromCompetences, competencesFromLom } from "./digcomp";
import { ieeeDateTime, ieeeDuration, toIeeeLomXml } from "./ieee-xml";
import { parseLomDocument } from "./read";

const fixtures = join(__dirname, "../../../../tests/fixtures");
const xsdFolder = join(fixtures, "adl-scorm2004-4ed-testsuite/software_development/xml/xsd");
const hasXmllint = spawnSync("xmllint", ["--version"]).status === 0;
const scratch = mkdtempSync(join(tmpdir(), "lom-xsd-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Validates with libxml2 against the IEEE LOM XSD (strict: LOMv1.0 vocabularies; loose: any). */
function xsdErrors(xml: string, schema: "lom.xsd" | "lomLoose.xsd"): string {
  const file = join(scratch, `record-${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(file, xml);
  const result = spawnSync("xmllint", ["--noout", "--schema", join(xsdFolder, schema), file], { encoding: "utf8" });
  return result.status === 0 ? "" : result.stderr;
}

/** A record as Vademecum authors write it: two languages, LOMv1.0 vocabularies, DigComp. */
const authored = `<?xml version="1.0" encoding="UTF-8"?>
<lom xmlns="http://ltsc.ieee.org/xsd/LOM">
  <general>
    <identifier><catalog>URI</catalog><entry>urn:vademecum:secure-communication</entry></identifier>
    <title><string language="en">Secure communication</string><string language="it">Comunicare in sicurezza</string></title>
    <language>en</language><language>it</language>
    <description><string language="en">Choosing &amp; using an encrypted messenger.</string></description>
    <keyword><string language="en">encryption</string></keyword>
    <keyword><string language="it">crittografia</string></keyword>
    <coverage><string language="en">Europe</string></coverage>
    <structure><source>LOMv1.0</source><value>hierarchical</value></structure>
    <aggregationLevel><source>LOMv1.0</source><value>3</value></aggregationLevel>
  </general>
  <lifeCycle>
    <version><string language="x-none">1.2.0</string></version>
    <status><source>LOMv1.0</source><value>final</value></status>
    <contribute>
      <role><source>LOMv1.0</source><value>author</value></role>
      <entity>BEGIN:VCARD
VERSION:3.0
FN:Maria Rossi
ORG:Vademecum
EMAIL:maria@example.org
END:VCARD</entity>
      <date><dateTime>2025-03-01</dateTime><description><string language="en">first edition</string></description></date>
    </contribute>
  </lifeCycle>
  <metaMetadata>
    <identifier><catalog>URI</catalog><entry>urn:vademecum:secure-communication:lom</entry></identifier>
    <metadataSchema>LOMv1.0</metadataSchema>
    <language>en</language>
  </metaMetadata>
  <technical>
    <format>text/html</format>
    <size>20480</size>
    <location>content/en/welcome.xhtml</location>
    <requirement><orComposite><type><source>LOMv1.0</source><value>browser</value></type><name><source>LOMv1.0</source><value>any</value></name><minimumVersion>1</minimumVersion></orComposite></requirement>
    <installationRemarks><string language="en">None</string></installationRemarks>
    <otherPlatformRequirements><string language="en">A microphone</string></otherPlatformRequirements>
    <duration><duration>PT20M</duration></duration>
  </technical>
  <educational>
    <interactivityType><source>LOMv1.0</source><value>mixed</value></interactivityType>
    <learningResourceType><source>LOMv1.0</source><value>exercise</value></learningResourceType>
    <interactivityLevel><source>LOMv1.0</source><value>medium</value></interactivityLevel>
    <semanticDensity><source>LOMv1.0</source><value>medium</value></semanticDensity>
    <intendedEndUserRole><source>LOMv1.0</source><value>learner</value></intendedEndUserRole>
    <context><source>LOMv1.0</source><value>training</value></context>
    <typicalAgeRange><string language="x-none">18-</string></typicalAgeRange>
    <difficulty><source>LOMv1.0</source><value>easy</value></difficulty>
    <typicalLearningTime><duration>PT1H30M</duration><description><string language="en">with exercises</string></description></typicalLearningTime>
    <description><string language="en">For social workers</string></description>
    <language>en</language>
  </educational>
  <rights>
    <cost><source>LOMv1.0</source><value>no</value></cost>
    <copyrightAndOtherRestrictions><source>LOMv1.0</source><value>yes</value></copyrightAndOtherRestrictions>
    <description><string language="en">CC BY-SA 4.0</string></description>
  </rights>
  <relation>
    <kind><source>LOMv1.0</source><value>requires</value></kind>
    <resource><identifier><catalog>URI</catalog><entry>urn:vademecum:digital-basics</entry></identifier><description><string language="en">Digital basics</string></description></resource>
  </relation>
  <annotation>
    <entity>BEGIN:VCARD
FN:Luca Bianchi
END:VCARD</entity>
    <date><dateTime>2025-03-02T10:00:00.0Z</dateTime></date>
    <description><string language="en">Reviewed</string></description>
  </annotation>
  <classification>
    <purpose><source>LOMv1.0</source><value>competency</value></purpose>
    <taxonPath>
      <source><string language="en">DigComp 2.2</string></source>
      <taxon><id>2</id><entry><string language="en">Communication and collaboration</string></entry></taxon>
      <taxon><id>2.1</id><entry><string language="en">Interacting through digital technologies</string></entry></taxon>
      <taxon><id>level-4</id><entry><string language="en">Intermediate</string></entry></taxon>
    </taxonPath>
    <taxonPath>
      <source><string language="en">DigComp 2.2</string></source>
      <taxon><id>4</id></taxon>
      <taxon><id>4.2</id></taxon>
      <taxon><id>3</id></taxon>
    </taxonPath>
    <description><string language="en">Competences trained</string></description>
    <keyword><string language="en">privacy</string></keyword>
  </classification>
</lom>`;

describe("IEEE LOM export", () => {
  it("round-trips IEEE XML → record → IEEE XML → record without losing a value", () => {
    const first = parseLomDocument(authored, "authored.xml");
    expect(first.problems.problems).toEqual([]);
    const exported = toIeeeLomXml(first.records[0]);
    const second = parseLomDocument(exported, "exported.xml");
    expect(second.problems.problems).toEqual([]);
    expect(second.records[0]).toEqual(first.records[0]);
    expect(second.records[0].general.title).toEqual({ en: "Secure communication", it: "Comunicare in sicurezza" });
    expect(second.records[0].lifeCycle.contributes[0].entities[0].email).toBe("maria@example.org");
  });

  it("turns IMS MD and quirky records into IEEE LOM with the same values", () => {
    const imsmd = readFileSync(join(fixtures, "kennisnet-lom-samples/kennisnet+pylom/test/records/ims-complete.xml"), "utf8");
    const record = parseLomDocument(imsmd, "ims-complete.xml").records[0];
    const again = parseLomDocument(toIeeeLomXml(record), "exported.xml").records[0];
    expect(again.binding).toBe("ieee-lom-1.0");
    expect({ ...again, binding: record.binding, lifeCycle: undefined, metaMetadata: undefined }).toEqual({
      ...record,
      lifeCycle: undefined,
      metaMetadata: undefined,
    });
    // "2014-02-02T15:30:00Z" is written with a fraction the XSD pattern requires.
    expect(again.lifeCycle.contributes[0].date?.dateTime).toBe("2014-02-02T15:30:00.0Z");
  });

  it.skipIf(!hasXmllint)("writes XML that validates against the strict IEEE LOM XSD (needs xmllint from libxml2-utils)", () => {
    const record = parseLomDocument(authored, "authored.xml").records[0];
    expect(xsdErrors(toIeeeLomXml(record), "lom.xsd")).toBe("");
  });

  it.skipIf(!hasXmllint)("writes every corpus record as XML that validates against the LOM XSD with free vocabularies", () => {
    const files = [
      "kennisnet-lom-samples/kennisnet+pylom/test/records/ims-complete.xml",
      "surf-edusources-oaipmh-lom/harvester/anatomy_tool/fixtures/anatomy-tool-oaipmh.initial.0.xml",
      "surf-edusources-oaipmh-lom/harvester/edurep/fixtures/edurep-oaipmh.initial.0.xml",
    ];
    let count = 0;
    for (const file of files) {
      for (const record of parseLomDocument(readFileSync(join(fixtures, file), "utf8"), file).records) {
        count += 1;
        expect(xsdErrors(toIeeeLomXml(record), "lomLoose.xsd"), file).toBe("");
      }
    }
    expect(count).toBeGreaterThan(10);
  });

  it.skipIf(!hasXmllint)("proves the check can fail: an invalid vocabulary value is rejected by the strict XSD", () => {
    const record = parseLomDocument(authored, "authored.xml").records[0];
    record.general.structure = { source: "LOMv1.0", value: "spaghetti" };
    expect(xsdErrors(toIeeeLomXml(record), "lom.xsd")).toMatch(/structure/);
  });

  it("repairs or drops dates and durations the XSD would reject", () => {
    expect(ieeeDateTime("2021-1-21")).toBe("2021-01-21");
    expect(ieeeDateTime("2020-12-26T4:53:23")).toBe("2020-12-26T04:53:23");
    expect(ieeeDateTime("2016-06-05T23:30:00+02:00")).toBe("2016-06-05T23:30:00.0+02:00");
    expect(ieeeDateTime("Fall 1999")).toBeNull();
    expect(ieeeDuration("P2W")).toBe("P14D");
    expect(ieeeDuration("1 hour")).toBeNull();
  });
});

describe("DigComp competences in classification", () => {
  it("extracts area → competence → level, with and without the level- prefix", () => {
    const record = parseLomDocument(authored, "authored.xml").records[0];
    expect(competencesFromLom(record)).toEqual([
      { framework: "DigComp 2.2", code: "2.1", level: 4 },
      { framework: "DigComp 2.2", code: "4.2", level: 3 },
    ]);
  });

  it("ignores classifications whose purpose is not a competence or whose source is another framework", () => {
    const record = parseLomDocument(authored, "authored.xml").records[0];
    record.classifications[0].purpose = { source: "LOMv1.0", value: "discipline" };
    expect(competencesFromLom(record)).toEqual([]);
    const kennisnet = readFileSync(join(fixtures, "kennisnet-lom-samples/kennisnet+pylom/test/records/ims-complete.xml"), "utf8");
    expect(competencesFromLom(parseLomDocument(kennisnet, "k.xml").records[0])).toEqual([]);
  });

  it("builds a classification that reads back as the same competences and validates", () => {
    const competences = [
      { framework: "DigComp 2.2", code: "1.1" },
      { framework: "DigComp 2.2", code: "5.4", level: 6 },
    ];
    const record = parseLomDocument(authored, "authored.xml").records[0];
    record.classifications = [classificationFromCompetences(competences)];
    const again = parseLomDocument(toIeeeLomXml(record), "again.xml").records[0];
    expect(competencesFromLom(again)).toEqual(competences);
    if (hasXmllint) expect(xsdErrors(toIeeeLomXml(record), "lom.xsd")).toBe("");
  });
});
