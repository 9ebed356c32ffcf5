import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { digComp22 } from "../digcomp";
import { computeProfile } from "../profile";
import { parseSelfAssessmentBank, selfAssessmentEvidence, selfRatingLevel, type NamedFile } from "./bank";

const read = (language: string): NamedFile => {
  const name = `digcomp-2.2.${language}.json`;
  return { name, data: JSON.parse(readFileSync(new URL(`./${name}`, import.meta.url), "utf8")) };
};
const framework = digComp22();
const load = (files: NamedFile[] = [read("en"), read("it")]) => parseSelfAssessmentBank(files, framework);
const bank = () => {
  const result = load();
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
};

describe("the DigComp 2.2 self-assessment", () => {
  it("has a question and two knowledge items for each of the 21 competences, in English and Italian", () => {
    const result = load();
    expect(result.ok && result.warnings).toEqual([]);
    const { questions, languages } = bank();
    expect(languages).toEqual(["en", "it"]);
    expect(questions.map((question) => question.competence)).toEqual(framework.competences.map((c) => c.code));
    for (const question of questions) {
      expect(question.knowledgeItems).toHaveLength(2);
      const texts = [
        question.question,
        ...question.knowledgeItems.flatMap((item) => [item.stem, item.explanation, ...item.options.map((o) => o.text)]),
      ];
      for (const text of texts) expect(Object.keys(text)).toEqual(["en", "it"]);
      for (const item of question.knowledgeItems) expect(item.options.length).toBeGreaterThanOrEqual(2);
    }
  });

  it("asks social workers in their own words", () => {
    const question = bank().questions.find((candidate) => candidate.competence === "2.1");
    expect(question?.question.en).toBe(
      "When you need to reach a service user, how confident are you choosing between a phone call, a text message, a messaging app or a video call, and using it well?",
    );
  });

  it.each([
    [1, 0, "I don't know how to do this", "Non so come farlo"],
    [2, 1, "I can do this with help", "So farlo con un aiuto"],
    [3, 2, "I can do simple things on my own and ask for help with the rest", undefined],
    [4, 3, "I can do this on my own", undefined],
    [5, 5, "I can do this with confidence and help others", "So farlo con sicurezza e posso aiutare gli altri"],
  ])("maps step %i of the five-step scale to level %i", (step, level, en, it) => {
    const current = bank();
    expect(selfRatingLevel(current, step)).toBe(level);
    const label = current.scale.find((candidate) => candidate.step === step)?.label;
    expect(label?.en).toBe(en);
    if (it) expect(label?.it).toBe(it);
  });

  it("takes a third language from one more file", () => {
    const german = read("en");
    const data = german.data as { language: string; title: string };
    data.language = "de";
    data.title = "Prüfen Sie Ihre digitalen Kompetenzen";
    const result = load([read("en"), read("it"), { name: "digcomp-2.2.de.json", data }]);
    expect(result.ok && result.value.languages).toEqual(["en", "it", "de"]);
    expect(result.ok && result.value.title.de).toBe("Prüfen Sie Ihre digitalen Kompetenzen");
  });
});

describe("parseSelfAssessmentBank errors", () => {
  type Data = { language: string; framework: string; questions: { competence: string; knowledgeItems: { correct: string; options: { id: string }[]; type: string; level: number }[] }[]; scale: { steps: { level: number }[] } };
  const cases: [string, (data: Data) => void, string, RegExp][] = [
    ["a translation with another correct answer", (d) => { d.questions[4].knowledgeItems[1].correct = "b"; }, "$.questions[4].knowledgeItems[1].correct", /correct answer differs from the first file/],
    ["a translation with another level for a step", (d) => { d.scale.steps[4].level = 4; }, "$.scale.steps[4].level", /level of this step differs/],
    ["a translation missing a question", (d) => { d.questions.pop(); }, "$.questions", /number of questions differs/],
    ["a correct answer that is not an option", (d) => { d.questions[0].knowledgeItems[0].correct = "z"; }, "$.questions[0].knowledgeItems[0].correct", /"z" is not one of the options/],
    ["a true-false item with other options", (d) => { d.questions[0].knowledgeItems[1].options[0].id = "yes"; }, "$.questions[0].knowledgeItems[1].options", /exactly the options "true" and "false"/],
    ["a second file in the same language", (d) => { d.language = "en"; }, "$.language", /also the language of digcomp-2.2.en.json/],
  ];

  it.each(cases)("rejects %s, naming the file and the path", (_name, change, path, message) => {
    const italian = read("it");
    change(italian.data as Data);
    const result = load([read("en"), italian]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toContainEqual({ file: "digcomp-2.2.it.json", path, message: expect.stringMatching(message) });
  });

  it("rejects a competence the framework lacks", () => {
    const italian = read("it");
    (italian.data as Data).questions[0].competence = "9.9";
    const result = load([italian]);
    expect(result.ok || result.errors).toContainEqual({
      file: "digcomp-2.2.it.json",
      path: "$.questions[0].competence",
      message: 'DigComp 2.2 has no competence "9.9"',
    });
  });

  it("rejects an empty list of files", () => {
    expect(parseSelfAssessmentBank([]).ok).toBe(false);
  });
});

describe("selfAssessmentEvidence", () => {
  it("records self-ratings and quiz results apart, so the quiz alone raises the evidence level", () => {
    const current = bank();
    const items = current.questions.find((question) => question.competence === "4.2")!.knowledgeItems;
    const answers = Object.fromEntries(items.map((item) => [item.id, item.correctOptionId]));
    const at = new Date("2025-05-01T09:00:00Z");
    const evidence = selfAssessmentEvidence(
      current,
      { ratings: { "4.2": 5, "1.1": 2, "2.1": 9 }, answers },
      { at, sourceId: "self-assessment-7" },
    );
    expect(evidence.map((record) => [record.id, record.kind])).toEqual([
      ["self-assessment-7:self-rating:1.1", "self-rating"],
      ["self-assessment-7:self-rating:4.2", "self-rating"],
      ["self-assessment-7:quiz:4.2", "quiz"],
    ]);
    const profile = computeProfile(evidence, framework, new Date("2025-06-01T00:00:00Z"));
    expect(profile.competences["4.2"]).toMatchObject({ selfRatedLevel: 5, evidenceLevel: 2, level: 2 });
    expect(profile.competences["1.1"]).toMatchObject({ selfRatedLevel: 1, evidenceLevel: 0, basis: "self-rating" });
  });
});
