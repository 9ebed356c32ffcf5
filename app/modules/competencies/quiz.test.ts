import { describe, expect, it } from "vitest";
import { scoreKnowledgeItems, type ScorableItem } from "./quiz";

const items: ScorableItem[] = [
  { id: "easy", competence: "4.1", level: 1, correctOptionId: "a" },
  { id: "harder", competence: "4.1", level: 2, correctOptionId: "true" },
  { id: "harder-too", competence: "4.1", level: 2, correctOptionId: "c" },
  { id: "other", competence: "4.2", level: 1, correctOptionId: "b" },
];

describe("scoreKnowledgeItems", () => {
  it.each([
    ["all right: the hardest level", { easy: "a", harder: "true", "harder-too": "c" }, 2, 3],
    ["the easy item right, one harder item wrong", { easy: "a", harder: "true", "harder-too": "a" }, 1, 2],
    ["a harder item right after a wrong easy one", { easy: "b", harder: "true", "harder-too": "c" }, 0, 2],
    ["a harder item left unanswered", { easy: "a", harder: "true" }, 1, 2],
    ["only the easy item, answered right", { easy: "a" }, 1, 1],
  ])("%s", (_name, answers, level, correct) => {
    const [outcome] = scoreKnowledgeItems(items, answers);
    expect(outcome).toMatchObject({ competence: "4.1", level, correct, total: 3 });
  });

  it("gives no outcome for a competence whose items were all skipped", () => {
    expect(scoreKnowledgeItems(items, { other: "b" }).map((outcome) => outcome.competence)).toEqual(["4.2"]);
    expect(scoreKnowledgeItems(items, {})).toEqual([]);
  });
});
