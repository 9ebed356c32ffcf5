import { describe, expect, it } from "vitest";
import { digComp22 } from "./digcomp";
import digComp22File from "./frameworks/digcomp-2.2.json";
import { bandOf, FRAMEWORK_FORMAT, parseFramework } from "./framework";

function validFile() {
  return {
    format: FRAMEWORK_FORMAT,
    name: "Welfare Digital Skills",
    version: "1.0",
    title: { en: "Welfare Digital Skills", it: "Competenze digitali per il welfare" },
    bands: [
      { id: "basic", name: { en: "Basic", it: "Base" }, levels: [1, 2] },
      { id: "expert", name: { en: "Expert", it: "Esperto" }, levels: [3, 3] },
    ],
    levels: [
      { level: 1, band: "basic", name: { en: "Starting", it: "Inizio" } },
      { level: 2, band: "basic", name: { en: "Practising", it: "Pratica" } },
      { level: 3, band: "expert", name: { en: "Guiding", it: "Guida" } },
    ],
    areas: [
      {
        code: "W1",
        name: { en: "Contact", it: "Contatto" },
        competences: [
          { code: "W1.1", name: { en: "Choosing a channel", it: "Scegliere un canale" } },
          { code: "W1.2", name: { en: "Video calls", it: "Videochiamate" } },
        ],
      },
      {
        code: "W2",
        name: { en: "Data", it: "Dati" },
        competences: [{ code: "W2.1", name: { en: "Sharing case notes", it: "Condividere note" } }],
      },
    ],
  };
}

describe("DigComp 2.2", () => {
  const framework = digComp22();

  it("has 5 areas, 21 competences and 8 levels in 4 bands, keyed DigComp 2.2", () => {
    expect(parseFramework(digComp22File)).toMatchObject({ ok: true, warnings: [] });
    expect(framework.key).toBe("DigComp 2.2");
    expect(framework.areas.map((area) => area.code)).toEqual(["1", "2", "3", "4", "5"]);
    expect(framework.competences.map((competence) => competence.code)).toEqual([
      "1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6",
      "3.1", "3.2", "3.3", "3.4", "4.1", "4.2", "4.3", "4.4", "5.1", "5.2", "5.3", "5.4",
    ]);
    expect(framework.levels.map((level) => level.band)).toEqual([
      "foundation", "foundation", "intermediate", "intermediate",
      "advanced", "advanced", "highly-specialised", "highly-specialised",
    ]);
  });

  it("names and describes every area, competence and level in English and Italian", () => {
    const texts = [
      ...framework.areas.flatMap((area) => [area.name, area.description]),
      ...framework.competences.flatMap((competence) => [competence.name, competence.description]),
      ...framework.levels.map((level) => level.name),
      ...framework.bands.map((band) => band.name),
    ];
    for (const text of texts) {
      expect(text?.en?.trim()).toBeTruthy();
      expect(text?.it?.trim()).toBeTruthy();
    }
    expect(framework.competences.find((competence) => competence.code === "2.1")?.name).toEqual({
      en: "Interacting through digital technologies",
      it: "Interagire attraverso le tecnologie digitali",
    });
  });

  it.each([
    [0, undefined],
    [1, "foundation"],
    [4, "intermediate"],
    [6, "advanced"],
    [8, "highly-specialised"],
    [9, undefined],
  ])("puts level %i in band %s", (level, band) => {
    expect(bandOf(framework, level)?.id).toBe(band);
  });
});

describe("parseFramework", () => {
  it("accepts a welfare-specific framework and flattens its competences", () => {
    const result = parseFramework(validFile());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.key).toBe("Welfare Digital Skills 1.0");
    expect(result.value.competences.map((competence) => [competence.code, competence.areaCode])).toEqual([
      ["W1.1", "W1"],
      ["W1.2", "W1"],
      ["W2.1", "W2"],
    ]);
    expect(result.warnings).toEqual([]);
  });

  type File = ReturnType<typeof validFile>;
  const cases: [string, (file: File) => unknown, string, RegExp][] = [
    ["an unknown format", (file) => ({ ...file, format: "other/2" }), "$.format", /must be "vademecum-competence-framework\/1"/],
    ["no version", (file) => ({ ...file, version: undefined }), "$.version", /./],
    ["a competence without a name", (file) => { delete (file.areas[0].competences[1] as { name?: unknown }).name; return file; }, "$.areas[0].competences[1].name", /./],
    ["a name with only empty texts", (file) => { file.areas[1].name = { en: " ", it: "" }; return file; }, "$.areas[1].name", /at least one language/],
    ["a code with a space", (file) => { file.areas[1].competences[0].code = "W2 1"; return file; }, "$.areas[1].competences[0].code", /may contain only/],
    ["a duplicated competence code", (file) => { file.areas[1].competences[0].code = "W1.2"; return file; }, "$.areas[1].competences[0].code", /"W1.2" appears twice/],
    ["a duplicated area code", (file) => { file.areas[1].code = "W1"; return file; }, "$.areas[1].code", /appears twice/],
    ["an area without competences", (file) => { file.areas[1].competences = []; return file; }, "$.areas[1].competences", /at least one competence/],
    ["levels out of order", (file) => { file.levels[1].level = 3; file.levels[2].level = 2; return file; }, "$.levels[1].level", /expected 2, found 3/],
    ["a level in an unknown band", (file) => { file.levels[0].band = "novice"; return file; }, "$.levels[0].band", /"novice" is not one of/],
    ["a level outside its band", (file) => { file.levels[2].band = "basic"; return file; }, "$.levels[2].band", /level 3 lies outside band "basic"/],
    ["a band beyond the last level", (file) => { file.bands[1].levels = [3, 4]; return file; }, "$.bands[1].levels", /reaches level 4/],
    ["a level 0", (file) => { file.levels[0].level = 0; return file; }, "$.levels[0].level", /levels start at 1/],
    ["no levels", (file) => ({ ...file, levels: [] }), "$.levels", /at least one proficiency level/],
  ];

  it.each(cases)("rejects %s and says where", (_name, change, path, message) => {
    const result = parseFramework(change(validFile()));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  it("rejects something that is not an object", () => {
    const result = parseFramework("DigComp");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0].path).toBe("$");
  });

  it("warns, without failing, when a text lacks one of the framework's languages", () => {
    const file = validFile();
    file.areas[0].competences[0].name = { en: "Choosing a channel" } as typeof file.areas[0]["competences"][0]["name"];
    const result = parseFramework(file);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings).toEqual([
      { path: "$.areas[0].competences[0].name", message: expect.stringContaining("no text in it") },
    ]);
  });
});
