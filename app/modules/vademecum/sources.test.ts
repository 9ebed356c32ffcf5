import { describe, expect, it } from "vitest";
import { digComp22 } from "../competencies/digcomp";
import { computeProfile } from "../competencies/profile";
import { record } from "../competencies/test-evidence";
import type { PackageModel } from "../packages/model";
import { emptyLomRecord, type LomEducational } from "../standards/lom/model";
import { frameworkInput, moduleFields, profileSummary } from "./sources";

describe("the compiler's input from stored data", () => {
  it("takes the framework's areas with their competences, in order, and the level names", () => {
    const input = frameworkInput(digComp22());
    expect(input.name).toBe("DigComp 2.2");
    expect(input.areas.map((area) => area.code)).toEqual(["1", "2", "3", "4", "5"]);
    expect(input.areas[1].competences.map((competence) => competence.code)).toEqual(["2.1", "2.2", "2.3", "2.4", "2.5", "2.6"]);
    expect(input.levels).toHaveLength(8);
  });

  it("takes a module's LOM title, description and educational descriptions", () => {
    const lom = emptyLomRecord();
    lom.general.title = { en: "Secure messaging", it: "Messaggistica sicura" };
    lom.general.descriptions = [{ en: "Choosing a messenger." }];
    lom.educational = [{ descriptions: [{ en: "Choose a messenger" }] } as unknown as LomEducational];
    const model = { title: { en: "Manifest title" }, defaultLanguage: "en", lom } as unknown as PackageModel;
    expect(moduleFields(model, "Course")).toEqual({
      title: { en: "Secure messaging", it: "Messaggistica sicura" },
      description: { en: "Choosing a messenger." },
      objectives: [{ en: "Choose a messenger" }],
      defaultLanguage: "en",
    });
    const bare = { title: {}, defaultLanguage: "it", lom: null } as unknown as PackageModel;
    expect(moduleFields(bare, "Corso")).toEqual({ title: { it: "Corso" }, description: {}, objectives: [], defaultLanguage: "it" });
  });

  it("sums up the competences with evidence or a self-rating", () => {
    const framework = digComp22();
    const profile = computeProfile(
      [
        record("module-completed", { competence: "2.1", targetLevel: 4, daysAgo: 1 }),
        record("self-rating", { competence: "4.2", level: 3, daysAgo: 1 }),
      ],
      framework,
      new Date("2025-06-01T12:00:00Z"),
    );
    expect(profileSummary(profile)).toEqual([
      { code: "2.1", level: 4, selfRatedLevel: null },
      { code: "4.2", level: null, selfRatedLevel: 3 },
    ]);
  });
});
