import { describe, expect, it } from "vitest";
import { digComp22 } from "./digcomp";
import { computeGaps, recommendModules, type Gap, type ModuleOffer, type TargetProfile } from "./gaps";
import { computeProfile } from "./profile";
import { NOW, record } from "./test-evidence";

const framework = digComp22();
const target: TargetProfile = {
  framework: "DigComp 2.2",
  name: "Peer-support expert",
  levels: { "1.1": 2, "2.1": 3, "4.2": 4, "5.4": 2 },
};

describe("computeGaps", () => {
  const profile = computeProfile(
    [
      record("module-passed", { targetLevel: 2, competence: "1.1" }),
      record("quiz", { level: 1, competence: "2.1" }),
      record("self-rating", { level: 5, competence: "4.2" }),
      record("self-rating", { level: 1, competence: "2.1" }),
      record("module-passed", { targetLevel: 3, competence: "5.4" }),
    ],
    framework,
    NOW,
  );

  it("lists open gaps, biggest first, measured against the evidence only", () => {
    expect(computeGaps(profile, target)).toEqual([
      { code: "4.2", targetLevel: 4, evidenceLevel: 0, size: 4, selfRatedLevel: 5, selfRatingMeetsTarget: true },
      { code: "2.1", targetLevel: 3, evidenceLevel: 1, size: 2, selfRatedLevel: 1, selfRatingMeetsTarget: false },
    ]);
  });

  it("closes a gap exactly at the target level and beyond it", () => {
    const gaps = computeGaps(profile, target).map((gap) => gap.code);
    expect(gaps).not.toContain("1.1");
    expect(gaps).not.toContain("5.4");
  });

  it("keeps the target's order between gaps of the same size", () => {
    const empty = computeProfile([], framework, NOW);
    const even: TargetProfile = { framework: "DigComp 2.2", levels: { "5.1": 2, "1.3": 2, "3.3": 3 } };
    expect(computeGaps(empty, even).map((gap) => gap.code)).toEqual(["3.3", "5.1", "1.3"]);
  });

  it("refuses a target in another framework", () => {
    expect(() => computeGaps(profile, { ...target, framework: "DigComp 3.0" })).toThrow(/DigComp 3.0/);
  });
});

describe("recommendModules", () => {
  const gap = (code: string, evidenceLevel: number, targetLevel: number): Gap => ({
    code,
    evidenceLevel,
    targetLevel,
    size: targetLevel - evidenceLevel,
    selfRatedLevel: null,
    selfRatingMeetsTarget: false,
  });
  const module = (id: string, competences: [string, number][], extra: Partial<ModuleOffer> = {}): ModuleOffer => ({
    id,
    competences: competences.map(([code, targetLevel]) => ({ code, targetLevel })),
    ...extra,
  });

  const cases: { name: string; gaps: Gap[]; modules: ModuleOffer[]; order: string[] }[] = [
    {
      name: "the module that closes more levels comes first",
      gaps: [gap("2.1", 0, 3), gap("4.2", 1, 2)],
      modules: [module("privacy", [["4.2", 2]]), module("messaging", [["2.1", 3]])],
      order: ["messaging", "privacy"],
    },
    {
      name: "levels closed add up over a module's competences",
      gaps: [gap("2.1", 0, 2), gap("4.2", 0, 2), gap("1.1", 0, 3)],
      modules: [module("search", [["1.1", 3]]), module("safe-contact", [["2.1", 2], ["4.2", 2]])],
      order: ["safe-contact", "search"],
    },
    {
      name: "a module aimed below the target closes only up to its own level",
      gaps: [gap("2.1", 0, 4)],
      modules: [module("basics", [["2.1", 2]]), module("advanced", [["2.1", 5]])],
      order: ["advanced"],
    },
    {
      name: "after the first pick, a module counts only what is still open",
      gaps: [gap("2.1", 0, 4), gap("4.2", 0, 1)],
      modules: [module("video-1", [["2.1", 2]]), module("video-2", [["2.1", 4], ["4.2", 1]]), module("gdpr", [["4.2", 1]])],
      order: ["video-2"],
    },
    {
      name: "a partial module stays useful when nothing closes the gap fully",
      gaps: [gap("2.1", 0, 4), gap("3.3", 1, 3)],
      modules: [module("video-1", [["2.1", 2]]), module("video-2", [["2.1", 4]]), module("licences", [["3.3", 2]])],
      order: ["video-2", "licences"],
    },
    {
      name: "the shorter module wins a tie, unknown length last",
      gaps: [gap("2.1", 0, 2)],
      modules: [
        module("unknown", [["2.1", 2]]),
        module("long", [["2.1", 2]], { learningTimeMinutes: 90 }),
        module("short", [["2.1", 2]], { learningTimeMinutes: 20 }),
      ],
      order: ["short"],
    },
    {
      name: "equal modules keep the order they were given in",
      gaps: [gap("2.1", 0, 1), gap("4.2", 0, 1)],
      modules: [
        module("b", [["4.2", 1]], { learningTimeMinutes: 30 }),
        module("a", [["2.1", 1]], { learningTimeMinutes: 30 }),
      ],
      order: ["b", "a"],
    },
    {
      name: "completed modules are left out",
      gaps: [gap("2.1", 0, 2)],
      modules: [module("done", [["2.1", 2]], { completed: true }), module("next", [["2.1", 1]])],
      order: ["next"],
    },
    {
      name: "modules for competences without a gap are left out",
      gaps: [gap("2.1", 0, 2)],
      modules: [module("unrelated", [["3.4", 3]])],
      order: [],
    },
    { name: "no gaps, no recommendations", gaps: [], modules: [module("any", [["2.1", 3]])], order: [] },
  ];

  it.each(cases)("$name", ({ gaps, modules, order }) => {
    expect(recommendModules(gaps, modules).map((recommendation) => recommendation.moduleId)).toEqual(order);
  });

  it("says which gaps each module closes and how far", () => {
    const [first, second] = recommendModules(
      [gap("2.1", 1, 4), gap("4.2", 0, 2)],
      [module("video", [["2.1", 3]], { learningTimeMinutes: 45 }), module("safe", [["2.1", 4], ["4.2", 1]])],
    );
    expect(first).toEqual({ moduleId: "safe", closes: [{ code: "2.1", fromLevel: 1, toLevel: 4 }, { code: "4.2", fromLevel: 0, toLevel: 1 }], levelsClosed: 4 });
    expect(second).toBeUndefined();
  });
});
