import { describe, expect, it } from "vitest";
import { digComp22 } from "../competencies/digcomp";
import type { CompetenceEvidence } from "../competencies/evidence";
import { assignedCourses, computeIndicators, improvedCompetences, parsePeriod, trainingSeconds, type IndicatorInput } from "./reports-indicators";

const framework = digComp22();
const NOW = new Date("2026-06-15T12:00:00Z");
const at = (iso: string) => new Date(`${iso}T12:00:00Z`);
const period = parsePeriod(new URLSearchParams("from=2026-01-01&to=2026-06-30"), NOW).period;

function passed(id: string, competence: string, targetLevel: number, date: string): CompetenceEvidence {
  return { id, kind: "module-passed", framework: framework.key, competence, targetLevel, occurredAt: at(date), source: { id: `module-${id}` } };
}

describe("the period", () => {
  it("is the last twelve months up to today by default", () => {
    const { from, to, period: parsed } = parsePeriod(new URLSearchParams(), NOW);
    expect([from, to]).toEqual(["2025-06-16", "2026-06-15"]);
    expect(parsed.to.toISOString()).toBe("2026-06-15T23:59:59.999Z");
  });

  it("turns a backwards period round and ignores dates that do not parse", () => {
    expect(parsePeriod(new URLSearchParams("from=2026-05-01&to=2026-02-01"), NOW)).toMatchObject({ from: "2026-02-01", to: "2026-05-01" });
    expect(parsePeriod(new URLSearchParams("from=yesterday"), NOW).from).toBe("2025-06-16");
  });
});

describe("counting rules", () => {
  it("counts a module's learning time, or the time spent when longer", () => {
    expect(trainingSeconds({ learningTimeMinutes: 60, timeSpentSeconds: 1200 })).toBe(3600);
    expect(trainingSeconds({ learningTimeMinutes: 60, timeSpentSeconds: 5400 })).toBe(5400);
    expect(trainingSeconds({ learningTimeMinutes: null, timeSpentSeconds: 900 })).toBe(900);
  });

  it("knows which courses the organisation assigned to whom, directly or through a team", () => {
    const pairs = assignedCourses({
      memberUserIds: ["ana", "bea"],
      teamMembers: [
        { teamId: "t", userId: "bea" },
        { teamId: "t", userId: "outsider" },
      ],
      assignments: [
        { courseId: "c1", teamId: "t", userId: null },
        { courseId: "c2", teamId: null, userId: "ana" },
      ],
    });
    expect([...pairs].sort()).toEqual(["ana c2", "bea c1"]);
  });

  it("counts a competence as improved when its evidence level at the end is above the start", () => {
    const evidence = [passed("a", "2.1", 2, "2025-10-01"), passed("b", "2.1", 4, "2026-03-01"), passed("c", "4.2", 3, "2026-07-15")];
    expect(improvedCompetences(evidence, framework, period)).toEqual(["2.1"]);
    expect(improvedCompetences([passed("d", "1.1", 3, "2025-01-01")], framework, period)).toEqual([]);
  });
});

describe("the indicators", () => {
  const input: IndicatorInput = {
    memberUserIds: ["ana", "bea", "carlo"],
    teamMembers: [
      { teamId: "t", userId: "ana" },
      { teamId: "t", userId: "bea" },
    ],
    assignments: [{ courseId: "c1", teamId: "t", userId: null }],
    completions: [
      { userId: "ana", courseId: "c1", packageId: "p1", completedAt: at("2026-02-01"), timeSpentSeconds: 600, learningTimeMinutes: 90 },
      { userId: "bea", courseId: "c1", packageId: "p1", completedAt: at("2025-11-01"), timeSpentSeconds: 600, learningTimeMinutes: 90 },
      // Carlo completed c1 but was never assigned it here: another organisation's training.
      { userId: "carlo", courseId: "c1", packageId: "p1", completedAt: at("2026-03-01"), timeSpentSeconds: 600, learningTimeMinutes: 90 },
    ],
    areasByPackage: new Map([["p1", ["2", "4", "2"]]]),
    evidence: new Map([["ana", [passed("a", "2.1", 3, "2026-02-01"), passed("b", "4.2", 3, "2026-02-01")]]]),
  };

  it("counts only this organisation's assigned training completed in the period", () => {
    const indicators = computeIndicators(input, framework, period, "en");
    expect(indicators).toMatchObject({
      members: 3,
      peopleTrained: 1,
      modulesCompleted: 1,
      hoursOfTraining: 1.5,
      competencesImproved: 2,
      membersImproved: 1,
    });
    expect(indicators.byArea.map((area) => [area.code, area.modules])).toEqual([
      ["1", 0],
      ["2", 1],
      ["3", 0],
      ["4", 1],
      ["5", 0],
    ]);
    expect(indicators.byArea[1].name).toMatch(/communication/i);
  });
});
