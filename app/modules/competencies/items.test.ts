import { describe, expect, it } from "vitest";
import { itemFormSchema, itemFormValues, itemView } from "./items";

const schema = itemFormSchema(["en", "it"], ["2.1", "4.2"]);

describe("authored assessment items", () => {
  it("stores a multiple-choice item in the languages filled in", () => {
    const result = schema.safeParse({
      kind: "choice",
      competence: "4.2",
      correct: "b",
      "prompt-en": "Where do you keep case notes?",
      "choice-a-en": "On a USB stick",
      "choice-b-en": "In the agency's protected system",
      "choice-c-en": "",
      "explanation-en": "The protected system keeps them safe.",
    });
    expect(result.success).toBe(true);
    const form = result.data!;
    expect(Object.keys(form.body.languages)).toEqual(["en"]);
    expect(form.body.languages.en.choices.map((choice) => choice.id)).toEqual(["a", "b"]);
    expect(itemFormValues(form.kind, form.competence, form.body)).toMatchObject({ "choice-b-en": "In the agency's protected system", correct: "b" });
  });

  it("names every field that is missing or does not agree", () => {
    const result = schema.safeParse({
      kind: "choice",
      competence: "9.9",
      correct: "d",
      "prompt-en": "Question",
      "choice-a-en": "One",
      "choice-b-en": "Two",
      "explanation-en": "Because.",
      "choice-a-it": "Uno",
      "choice-b-it": "Due",
      "choice-c-it": "Tre",
    });
    expect(result.success).toBe(false);
    const fields = result.error!.issues.map((issue) => `${String(issue.path[0])} ${issue.message}`);
    expect(fields).toEqual([
      "competence competences.items.errors.competence",
      "prompt-it competences.items.errors.prompt",
      "explanation-it competences.items.errors.explanation",
      "choice-a-it competences.items.errors.sameChoices",
      "correct competences.items.errors.correct",
    ]);
  });

  it("asks for at least one language", () => {
    const result = schema.safeParse({ kind: "true-false", competence: "2.1", correct: "true" });
    expect(result.error!.issues.map((issue) => issue.path[0])).toEqual(["prompt-en"]);
  });

  it("shows a QTI item imported with a package as plain text with its right answer", () => {
    const view = itemView({
      id: "i1",
      identifier: "q1",
      kind: "choice",
      competenceCode: "2.1",
      packageTitle: "Secure communication",
      body: JSON.stringify({
        resourceIdentifier: "r1",
        competences: [],
        languages: {
          en: {
            stem: "<p>A service user asks&nbsp;for help.</p>",
            prompt: "<p>What do you do?</p>",
            choices: [
              { identifier: "A", text: "<p>Use the secure channel</p>" },
              { identifier: "B", text: "Use &amp; share" },
            ],
            correctResponse: ["A"],
          },
        },
      }),
    });
    expect(view.languages[0]).toEqual({
      language: "en",
      prompt: "A service user asks for help. What do you do?",
      choices: [
        { id: "A", text: "Use the secure channel", correct: true },
        { id: "B", text: "Use & share", correct: false },
      ],
      explanation: null,
    });
  });
});
