import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { digComp22 } from "../competencies/digcomp";
import { competencesFromLom } from "../standards/lom/digcomp";
import { parseLomDocument } from "../standards/lom/read";
import { applyLomEdit, baseRecord, lomFormValues, readLomForm, vCardWith, type LomEdit } from "./lom-form";

const CODES = digComp22().competences.map((competence) => competence.code);
const authored = readFileSync(join(__dirname, "../../../courses/01-secure-communication/imsmanifest.xml"), "utf8");
const record = () => parseLomDocument(authored, "imsmanifest.xml").records[0];

/** The form as the page shows it for a record, as submitted field values. */
function submitted(edit: LomEdit): Record<string, string> {
  const values: Record<string, string> = {
    minutes: edit.learningTimeMinutes === null ? "" : String(edit.learningTimeMinutes),
    difficulty: edit.difficulty,
    licence: edit.licence,
    licenceOther: edit.licenceOther,
  };
  edit.languages.forEach((row, index) => {
    values[`lang-${index}`] = row.language;
    values[`title-${index}`] = row.title;
    values[`description-${index}`] = row.description;
    values[`keywords-${index}`] = row.keywords.join(", ");
  });
  edit.contributors.forEach((row, index) => {
    values[`contributorRef-${index}`] = row.ref ?? "";
    values[`contributorName-${index}`] = row.name;
    values[`contributorOrg-${index}`] = row.organisation;
  });
  for (const [code, level] of Object.entries(edit.competences)) {
    values[`competence-${code}`] = "on";
    values[`level-${code}`] = level === null ? "" : String(level);
  }
  return values;
}

function read(values: Record<string, string>): LomEdit {
  const result = readLomForm(values, CODES);
  if (!result.ok) throw new Error(JSON.stringify(result.fieldErrors));
  return result.edit;
}

describe("the LOM edit form", () => {
  it("reads a bundled module's record into plain fields", () => {
    const values = lomFormValues(record());
    expect(values.languages.map((row) => row.language)).toEqual(["en", "it"]);
    expect(values.languages[1].title).toMatch(/sicur/i);
    expect(values.competences["2.1"]).toBeGreaterThan(0);
    expect(values.learningTimeMinutes).toBeGreaterThan(0);
  });

  it("saves an unchanged form without changing a single value of the record", () => {
    const original = record();
    expect(applyLomEdit(original, read(submitted(lomFormValues(original))))).toEqual(original);
  });

  it("changes what the author changed and keeps everything else", () => {
    const original = record();
    const edit = read(submitted(lomFormValues(original)));
    edit.languages[1].title = "Nuovo titolo";
    edit.languages.push({ language: "de", title: "Sichere Kommunikation", description: "", keywords: ["Verschlüsselung"] });
    edit.learningTimeMinutes = 90;
    edit.difficulty = "difficult";
    edit.licence = "cc0-1.0";
    edit.competences = { ...edit.competences, "1.1": 3 };
    const changed = applyLomEdit(original, edit);
    expect(changed.general.title).toEqual({ ...original.general.title, it: "Nuovo titolo", de: "Sichere Kommunikation" });
    expect(changed.general.keywords).toContainEqual({ de: "Verschlüsselung" });
    expect(changed.educational[0].typicalLearningTime?.duration).toBe("PT1H30M");
    expect(changed.educational[0].difficulty).toEqual({ source: "LOMv1.0", value: "difficult" });
    expect(changed.rights.description).toEqual({ en: "CC0 1.0" });
    expect(competencesFromLom(changed)).toContainEqual({ framework: "DigComp 2.2", code: "1.1", level: 3 });
    expect(competencesFromLom(changed).filter((c) => c.code !== "1.1")).toEqual(competencesFromLom(original));
    expect(changed.technical).toEqual(original.technical);
    expect(changed.lifeCycle).toEqual(original.lifeCycle);
    expect(changed.metaMetadata).toEqual(original.metaMetadata);
    expect(changed.educational[0].intendedEndUserRoles).toEqual(original.educational[0].intendedEndUserRoles);
  });

  it("drops an unticked competence and changes a level in place", () => {
    const original = record();
    const before = lomFormValues(original);
    const [first, ...rest] = Object.keys(before.competences);
    const edit = { ...before, competences: Object.fromEntries(rest.map((code) => [code, 8])) };
    const changed = applyLomEdit(original, edit);
    const codes = competencesFromLom(changed).map((c) => `${c.code}@${c.level}`);
    expect(codes).not.toContain(expect.stringMatching(new RegExp(`^${first.replace(".", "\\.")}@`)));
    expect(codes).toEqual(rest.map((code) => `${code}@8`));
  });

  it("edits contributors as names and organisations, keeping the other vCard lines", () => {
    const original = record();
    original.lifeCycle.contributes = [
      {
        role: { source: "LOMv1.0", value: "author" },
        entities: [{ raw: "BEGIN:VCARD\nVERSION:3.0\nFN:Maria Rossi\nEMAIL:maria@example.org\nEND:VCARD", fn: "Maria Rossi", org: null, email: "maria@example.org" }],
        date: { dateTime: "2025-03-01", description: null },
      },
    ];
    const edit = lomFormValues(original);
    edit.contributors = [
      { ...edit.contributors[0], organisation: "Cooperativa Demo; sede di Roma" },
      { ref: null, name: "Luca Bianchi", organisation: "", role: null },
    ];
    const changed = applyLomEdit(original, edit);
    expect(changed.lifeCycle.contributes[0].entities[0]).toMatchObject({
      fn: "Maria Rossi",
      org: "Cooperativa Demo; sede di Roma",
      email: "maria@example.org",
    });
    expect(changed.lifeCycle.contributes[0].date).toEqual({ dateTime: "2025-03-01", description: null });
    expect(changed.lifeCycle.contributes[1].entities[0].fn).toBe("Luca Bianchi");

    const removed = applyLomEdit(changed, { ...lomFormValues(changed), contributors: [{ ref: "0.0", name: "", organisation: "", role: null }] });
    expect(removed.lifeCycle.contributes.map((c) => c.entities[0].fn)).toEqual(["Luca Bianchi"]);
  });

  it("writes a vCard for a plain name and escapes separators", () => {
    expect(vCardWith(null, "Rossi, Maria", "A;B")).toBe("BEGIN:VCARD\nVERSION:3.0\nFN:Rossi\\, Maria\nORG:A\\;B\nEND:VCARD");
  });

  it("starts a record for a package without metadata from its title and identifier", () => {
    const fresh = baseRecord(null, { title: "Golf Explained", identifier: "com.scorm.golf" });
    const edit = lomFormValues(fresh);
    expect(edit.languages).toEqual([{ language: "x-none", title: "Golf Explained", description: "", keywords: [] }]);
    edit.languages.push({ language: "it", title: "Il golf spiegato", description: "", keywords: [] });
    const changed = applyLomEdit(fresh, edit);
    expect(changed.general.title).toEqual({ "x-none": "Golf Explained", it: "Il golf spiegato" });
    expect(changed.general.identifiers).toEqual([{ catalog: null, entry: "com.scorm.golf" }]);
  });

  it("explains what is wrong, field by field", () => {
    const result = readLomForm(
      {
        "lang-0": "en",
        "title-0": "",
        "lang-1": "",
        "title-1": "Senza lingua",
        "lang-2": "en",
        minutes: "an hour",
        licence: "other",
        licenceOther: "",
        "competence-2.1": "on",
        "level-2.1": "9",
      },
      CODES,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors).toEqual({
      "lang-1": ["library.edit.errors.languageRequired"],
      "lang-2": ["library.edit.errors.languageTwice"],
      "title-0": ["library.edit.errors.titleRequired"],
      minutes: ["library.edit.errors.minutes"],
      licenceOther: ["library.edit.errors.licenceOther"],
      "level-2.1": ["library.edit.errors.level"],
    });
  });
});

describe("licences", () => {
  it("recognises a listed licence written with its link, and keeps the stored text when unchanged", () => {
    const original = record();
    original.rights.description = { en: "CC BY-SA 4.0 — https://creativecommons.org/licenses/by-sa/4.0/" };
    const edit = lomFormValues(original);
    expect(edit.licence).toBe("cc-by-sa-4.0");
    expect(applyLomEdit(original, edit).rights.description).toEqual(original.rights.description);
    expect(lomFormValues({ ...original, rights: { ...original.rights, description: { en: "CC BY 4.0" } } }).licence).toBe("cc-by-4.0");
    expect(lomFormValues({ ...original, rights: { ...original.rights, description: { en: "GFDL" } } })).toMatchObject({
      licence: "other",
      licenceOther: "GFDL",
    });
  });
});
