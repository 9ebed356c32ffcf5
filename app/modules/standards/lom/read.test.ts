import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { durationToMinutes, minutesToDuration } from "./model";
import { parseLomDocument } from "./read";
import { parseVCard } from "./vcard";

const fixtures = join(__dirname, "../../../../tests/fixtures");
const kennisnet = join(fixtures, "kennisnet-lom-samples/kennisnet+pylom/test/records/ims-complete.xml");
const anatomy = join(fixtures, "surf-edusources-oaipmh-lom/harvester/anatomy_tool/fixtures/anatomy-tool-oaipmh.initial.0.xml");
const edurep = join(fixtures, "surf-edusources-oaipmh-lom/harvester/edurep/fixtures/edurep-oaipmh.initial.0.xml");
/** MIT OCW records have no licence: read from a local corpus only, never copied. */
const mitOcw = join(__dirname, "../../../../../shared/corpus/mit-ocw-lom");

function parse(path: string) {
  return parseLomDocument(readFileSync(path, "utf8"), path.split("/").pop() ?? path);
}

function walk(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

describe("IMS MD 1.2 binding (Kennisnet pylom)", () => {
  const [record] = parse(kennisnet).records;

  it("reads general with langstrings, catalogentry identifiers and wrapped vocabularies", () => {
    expect(record.binding).toBe("imsmd-1.2");
    expect(record.general.title).toEqual({ en: "Bloodbath of B-R5RB" });
    expect(record.general.identifiers).toContainEqual({ catalog: "URI", entry: "https://www.wikidata.org/wiki/Q16987908" });
    expect(record.general.languages).toEqual(["en"]);
    expect(record.general.keywords).toEqual([{ en: "Eve Online" }, { en: "Halloween War" }]);
    expect(record.general.structure).toEqual({ source: "LOMv1.0", value: "hierarchical" });
    expect(record.general.aggregationLevel).toEqual({ source: "LOMv1.0", value: "2" });
  });

  it("reads lower-case lifecycle, centity/vcard and datetime", () => {
    expect(record.lifeCycle.status).toEqual({ source: "LOMv1.0", value: "final" });
    const publisher = record.lifeCycle.contributes[0];
    expect(publisher.role?.value).toBe("publisher");
    expect(publisher.entities[0]).toMatchObject({ fn: "Wikipedia", org: "Wikipedia" });
    expect(publisher.date?.dateTime).toBe("2014-02-02T15:30:00Z");
    expect(record.metaMetadata.metadataSchemas).toEqual(["LOMv1.0"]);
  });

  it("reads technical and educational durations, taxonpaths and relations", () => {
    expect(record.technical.size).toBe(23450);
    expect(record.technical.duration?.duration).toBe("PT0H16M");
    expect(durationToMinutes(record.educational[0].typicalLearningTime?.duration)).toBe(30);
    expect(record.educational).toHaveLength(2);
    expect(record.educational[1].contexts).toEqual([{ source: "LOMv1.0", value: "higher education" }]);
    expect(record.relations.map((relation) => relation.kind?.value)).toEqual(["references", "isreferencedby", "hasformat"]);
    expect(record.relations[0].resource?.identifiers).toHaveLength(2);
    expect(record.classifications[0].taxonPaths[0].taxons.map((taxon) => taxon.id)).toEqual([
      "Category:Games",
      "Category:Space_MMORPGs",
      "Category:Eve_Online",
    ]);
    expect(record.rights.copyrightAndOtherRestrictions?.value).toBe("yes");
  });
});

describe("records with publisher quirks (SURF edusources)", () => {
  it("reads anatomytool records whose children lost the LOM namespace, with warnings", () => {
    const { records, problems } = parse(anatomy);
    expect(records.length).toBeGreaterThan(5);
    const first = records[0];
    expect(first.general.title?.["x-none"]).toContain("Photo Duodenum and pancreas dissection specimen");
    // lifecycle/datetime in lower case are still read
    expect(first.lifeCycle.contributes[0].date?.dateTime).toBe("2016-06-05T23:30:00+02:00");
    // "FN: O. Paul Gobée, MD" with a space after the colon
    expect(first.lifeCycle.contributes[0].entities[0].fn).toBe("O. Paul Gobée, MD");
    // the empty <string language="x-none"/> keyword is dropped
    expect(first.general.keywords).toEqual([{ la: "A05.6.02.001 Duodenum" }, { la: "A05.9.01.001 Pancreas" }]);
    const codes = new Set(problems.warnings.map((problem) => problem.code));
    expect(codes).toEqual(
      new Set([
        "lom.quirk.foreign-namespace",
        "lom.quirk.case",
        "lom.quirk.empty-keyword",
        "lom.quirk.space-after-colon",
      ]),
    );
    expect(problems.errors).toEqual([]);
  });

  it("reads Edurep IMS MD records with indented vCards", () => {
    const { records, problems } = parse(edurep);
    const codarts = records.find((record) => record.general.title?.["x-none"] === "Exercises 5");
    expect(codarts?.lifeCycle.contributes[0].entities[0]).toMatchObject({ fn: "Codarts Rotterdam", org: "Codarts Rotterdam" });
    expect(codarts?.general.identifiers[0].entry).toBe("urn:uuid:5af0e26f-c4d2-4ddd-94ab-7dd0bd531751");
    expect(problems.warnings.some((problem) => problem.code === "lom.quirk.indented")).toBe(true);
  });
});

describe("every LOM record in the corpus yields its title", () => {
  it("in the licensed fixtures", () => {
    let count = 0;
    for (const path of [kennisnet, anatomy, edurep]) {
      for (const record of parse(path).records) {
        count += 1;
        expect(record.general.title, path).not.toBeNull();
      }
    }
    expect(count).toBeGreaterThanOrEqual(15);
  });

  it.skipIf(!existsSync(mitOcw))("in the MIT OCW records (local corpus only; skipped when ../shared/corpus is absent)", () => {
    const files = walk(mitOcw).filter((path) => path.endsWith(".xml") && !path.endsWith("imsmanifest.xml"));
    expect(files.length).toBeGreaterThan(150);
    for (const path of files) {
      const { records } = parse(path);
      expect(records, path).toHaveLength(1);
      expect(records[0].binding).toBe("vendor");
      expect(records[0].general.title, path).not.toBeNull();
    }
  });
});

describe("problems", () => {
  it("reports a document without any LOM record", () => {
    const { records, problems } = parseLomDocument("<html><body/></html>", "page.xml");
    expect(records).toEqual([]);
    expect(problems.errors[0]).toMatchObject({ code: "lom.not-found", file: "page.xml", line: 1 });
  });

  it("refuses entity declarations (XXE, billion laughs)", () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE lom [<!ENTITY x SYSTEM "file:///etc/passwd">]><lom xmlns="http://ltsc.ieee.org/xsd/LOM"><general><title><string>&x;</string></title></general></lom>`;
    expect(() => parseLomDocument(xxe, "evil.xml")).toThrow(/entities/);
  });
});

describe("vCard", () => {
  it("unfolds RFC 2426 continuation lines and reads EMAIL with parameters", () => {
    const card = parseVCard("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Maria\r\n  Rossi\r\nEMAIL;TYPE=INTERNET:maria@example.org\r\nORG:ASL;Servizi sociali\r\nEND:VCARD");
    expect(card).toMatchObject({ fn: "Maria Rossi", email: "maria@example.org", org: "ASL, Servizi sociali" });
  });

  it("falls back to N when FN is missing, and keeps plain names", () => {
    expect(parseVCard("BEGIN:VCARD\nN:Rossi;Maria;;Dr.;\nEND:VCARD").fn).toBe("Dr. Maria Rossi");
    expect(parseVCard("Lewin, Walter").fn).toBe("Lewin, Walter");
  });
});

describe("durations", () => {
  it("converts ISO 8601 durations to minutes and back", () => {
    expect(durationToMinutes("PT1H30M")).toBe(90);
    expect(durationToMinutes("P1DT2H")).toBe(26 * 60);
    expect(durationToMinutes("PT45S")).toBe(0.75);
    expect(durationToMinutes("90 minutes")).toBeNull();
    expect(durationToMinutes("P")).toBeNull();
    expect(minutesToDuration(90)).toBe("PT1H30M");
    expect(minutesToDuration(120)).toBe("PT2H");
  });
});
