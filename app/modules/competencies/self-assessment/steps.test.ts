import { describe, expect, it } from "vitest";
import { digComp22 } from "../digcomp";
import { digComp22SelfAssessment } from "./digcomp-bank.server";
import {
  assessmentSteps,
  emptyAnswers,
  itemField,
  mergeStep,
  orderedOptions,
  parseStoredAnswers,
  ratingField,
  readStep,
  resumeStep,
  reviewView,
  stepView,
} from "./steps";

const bank = digComp22SelfAssessment();
const framework = digComp22();
const steps = assessmentSteps(bank, framework);

describe("self-assessment steps", () => {
  it("asks about the 21 competences in five areas, in English and Italian", () => {
    expect(steps.map((step) => [step.area.code, step.questions.length])).toEqual([
      ["1", 3],
      ["2", 6],
      ["3", 4],
      ["4", 4],
      ["5", 4],
    ]);
    expect(bank.languages.sort()).toEqual(["en", "it"]);
    const view = stepView(bank, framework, steps, 1, "it", "seed");
    expect(view.area.name).toBe("Comunicazione e collaborazione");
    expect(view.scale).toHaveLength(5);
  });

  it("requires a rating for every competence of the step and keeps only valid answers", () => {
    const submission = readStep(bank, steps[0], {
      [ratingField("1.1")]: "4",
      [ratingField("1.2")]: "9",
      [itemField("1.1-a")]: "a",
      [itemField("1.1-b")]: "",
      [itemField("1.2-a")]: "zz",
    });
    expect(submission.ratings).toEqual({ "1.1": 4 });
    expect(submission.answers).toEqual({ "1.1-a": "a" });
    expect(Object.keys(submission.fieldErrors)).toEqual([ratingField("1.2"), ratingField("1.3")]);
  });

  it("marks a step saved only when complete, and resumes at the first step not saved", () => {
    const partial = mergeStep(emptyAnswers(), steps[0], 0, readStep(bank, steps[0], { [ratingField("1.1")]: "2" }));
    expect(partial.savedSteps).toEqual([]);
    expect(partial.ratings).toEqual({ "1.1": 2 });
    const complete = mergeStep(
      partial,
      steps[0],
      0,
      readStep(bank, steps[0], { [ratingField("1.1")]: "3", [ratingField("1.2")]: "1", [ratingField("1.3")]: "5", [itemField("1.1-a")]: "a" }),
    );
    expect(complete.savedSteps).toEqual([0]);
    expect(resumeStep(complete, steps.length)).toBe(1);
    const again = mergeStep(complete, steps[0], 0, readStep(bank, steps[0], { [ratingField("1.1")]: "3", [ratingField("1.2")]: "1", [ratingField("1.3")]: "5" }));
    expect(again.answers).toEqual({});
    expect(parseStoredAnswers(JSON.stringify(complete))).toEqual(complete);
    expect(parseStoredAnswers("not json")).toEqual(emptyAnswers());
  });

  it("shuffles multiple-choice options the same way every time and keeps true/false in order", () => {
    const items = bank.questions.flatMap((question) => question.knowledgeItems);
    const choice = items.find((item) => item.type === "multiple-choice")!;
    const trueFalse = items.find((item) => item.type === "true-false")!;
    expect(orderedOptions(choice, "user-1")).toEqual(orderedOptions(choice, "user-1"));
    expect(orderedOptions(choice, "user-1").map((option) => option.id).sort()).toEqual(choice.options.map((option) => option.id).sort());
    expect(orderedOptions(trueFalse, "user-1")).toBe(trueFalse.options);
  });

  it("reviews answered items with the right answer and the explanation", () => {
    const answers = { ...emptyAnswers(), answers: { "1.1-a": "b" } };
    const [area] = reviewView(bank, steps, answers, "en");
    expect(area.items).toHaveLength(1);
    expect(area.items[0]).toMatchObject({ correct: false, correctAnswer: "food bank opening hours and the name of your town" });
    expect(area.items[0].explanation).not.toBe("");
  });
});
