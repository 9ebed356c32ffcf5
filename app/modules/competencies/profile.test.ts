import { describe, expect, it } from "vitest";
import { digComp22 } from "./digcomp";
import type { CompetenceEvidence } from "./evidence";
import { compareProfiles, computeProfile } from "./profile";
import { daysBefore, NOW, record } from "./test-evidence";

const framework = digComp22();

describe("computeProfile", () => {
  const cases: {
    name: string;
    evidence: CompetenceEvidence[];
    evidenceLevel: number;
    selfRatedLevel?: number | null;
    level?: number;
    basis?: string;
    confidence?: string;
  }[] = [
    { name: "no evidence", evidence: [], evidenceLevel: 0, selfRatedLevel: null, level: 0, basis: "none", confidence: "none" },
    {
      name: "a self-rating alone is shown as the level, on a self-rating basis",
      evidence: [record("self-rating", { level: 3 })],
      evidenceLevel: 0, selfRatedLevel: 3, level: 3, basis: "self-rating", confidence: "none",
    },
    {
      name: "a self-rating never overrides lower evidence",
      evidence: [record("self-rating", { level: 5 }), record("module-passed", { targetLevel: 2 })],
      evidenceLevel: 2, selfRatedLevel: 5, level: 2, basis: "evidence",
    },
    {
      name: "a self-rating never lowers evidence either",
      evidence: [record("self-rating", { level: 0 }), record("module-passed", { targetLevel: 4 })],
      evidenceLevel: 4, selfRatedLevel: 0, level: 4,
    },
    { name: "a quiz gives its level, medium confidence", evidence: [record("quiz", { level: 2 })], evidenceLevel: 2, confidence: "medium" },
    { name: "a quiz that showed no level gives none", evidence: [record("quiz", { level: 0 })], evidenceLevel: 0 },
    {
      name: "a completed module gives its target level, medium confidence",
      evidence: [record("module-completed", { targetLevel: 3 })],
      evidenceLevel: 3, confidence: "medium",
    },
    { name: "a passed module gives its target level, high confidence", evidence: [record("module-passed", { targetLevel: 3 })], evidenceLevel: 3, confidence: "high" },
    { name: "a SCORM score at the default mastery score passes", evidence: [record("scorm-score", { scaledScore: 0.8, targetLevel: 3 })], evidenceLevel: 3, confidence: "high" },
    { name: "a SCORM score just below the default mastery score does not", evidence: [record("scorm-score", { scaledScore: 0.79, targetLevel: 3 })], evidenceLevel: 0 },
    { name: "a SCORM score passes at the package's own mastery score", evidence: [record("scorm-score", { scaledScore: 0.6, masteryScore: 0.6, targetLevel: 4 })], evidenceLevel: 4 },
    { name: "a stricter mastery score fails a good score", evidence: [record("scorm-score", { scaledScore: 0.85, masteryScore: 0.9, targetLevel: 4 })], evidenceLevel: 0 },
    { name: "an assessment score passes like a SCORM score", evidence: [record("assessment-score", { scaledScore: 1, targetLevel: 5 })], evidenceLevel: 5 },
    {
      name: "a failed score from the same module cancels its completion",
      evidence: [
        record("module-completed", { targetLevel: 3, source: "module-a" }),
        record("scorm-score", { scaledScore: 0.5, targetLevel: 3, source: "module-a" }),
      ],
      evidenceLevel: 0,
    },
    {
      name: "a failed score elsewhere leaves a completion standing",
      evidence: [
        record("module-completed", { targetLevel: 3, source: "module-a" }),
        record("scorm-score", { scaledScore: 0.5, targetLevel: 4, source: "module-b" }),
      ],
      evidenceLevel: 3,
    },
    {
      name: "the highest counting level wins",
      evidence: [record("quiz", { level: 2 }), record("module-passed", { targetLevel: 4 }), record("module-completed", { targetLevel: 3 })],
      evidenceLevel: 4, confidence: "high",
    },
    { name: "evidence just under two years old keeps its level", evidence: [record("module-passed", { targetLevel: 4, daysAgo: 729 })], evidenceLevel: 4 },
    { name: "evidence over two years old loses one level", evidence: [record("module-passed", { targetLevel: 4, daysAgo: 731 })], evidenceLevel: 3, confidence: "medium" },
    { name: "evidence over four years old loses two levels", evidence: [record("module-passed", { targetLevel: 4, daysAgo: 1500 })], evidenceLevel: 2, confidence: "low" },
    { name: "old level-1 evidence expires", evidence: [record("quiz", { level: 1, daysAgo: 800 })], evidenceLevel: 0 },
    {
      name: "recent lower evidence beats old higher evidence once it has aged",
      evidence: [record("module-passed", { targetLevel: 4, daysAgo: 1500 }), record("quiz", { level: 3, daysAgo: 5 })],
      evidenceLevel: 3, confidence: "medium",
    },
    {
      name: "the latest self-rating counts, even when lower",
      evidence: [record("self-rating", { level: 5, daysAgo: 100 }), record("self-rating", { level: 2, daysAgo: 3 })],
      evidenceLevel: 0, selfRatedLevel: 2,
    },
  ];

  it.each(cases)("$name", ({ evidence, evidenceLevel, selfRatedLevel, level, basis, confidence }) => {
    const standing = computeProfile(evidence, framework, NOW).competences["2.1"];
    expect(standing.evidenceLevel).toBe(evidenceLevel);
    if (selfRatedLevel !== undefined) expect(standing.selfRatedLevel).toBe(selfRatedLevel);
    if (level !== undefined) expect(standing.level).toBe(level);
    if (basis !== undefined) expect(standing.basis).toBe(basis);
    if (confidence !== undefined) expect(standing.confidenceLabel).toBe(confidence);
  });

  it("lists every competence of the framework, in its order", () => {
    const profile = computeProfile([], framework, NOW);
    expect(Object.keys(profile.competences)).toEqual(framework.competences.map((competence) => competence.code));
    expect(profile.framework).toBe("DigComp 2.2");
  });

  it("traces the level back to its evidence, decisive first, with the reason each other record does not decide", () => {
    const evidence = [
      record("self-rating", { id: "rating-old", level: 4, daysAgo: 60 }),
      record("quiz", { id: "quiz", level: 2, daysAgo: 30 }),
      record("self-rating", { id: "rating", level: 3, daysAgo: 20 }),
      record("module-completed", { id: "completed", targetLevel: 3, source: "secure-messaging" }),
      record("scorm-score", { id: "score", scaledScore: 0.9, targetLevel: 3, source: "secure-messaging", daysAgo: 2 }),
      record("scorm-score", { id: "failed", scaledScore: 0.4, targetLevel: 4, source: "video-calls" }),
      record("module-passed", { id: "old", targetLevel: 1, daysAgo: 1000 }),
    ];
    const standing = computeProfile(evidence, framework, NOW).competences["2.1"];
    expect(standing.sources.map((source) => [source.evidenceId, source.status, source.countedLevel])).toEqual([
      ["score", "decisive", 3],
      ["quiz", "counted", 2],
      ["rating", "self-rating", 0],
      ["failed", "not-passed", 0],
      ["completed", "superseded", 0],
      ["old", "expired", 0],
      ["rating-old", "replaced", 0],
    ]);
    expect(standing.sources[0].source).toEqual({ id: "secure-messaging", title: "Source secure-messaging" });
    expect(standing.sources[0].score).toEqual({ scaled: 0.9, mastery: 0.8 });
    expect(standing.lastEvidenceAt).toEqual(daysBefore(2));
    expect(standing.selfRatedAt).toEqual(daysBefore(20));
  });

  it("halves the confidence in evidence every decay period", () => {
    const profile = (daysAgo: number) =>
      computeProfile([record("module-passed", { targetLevel: 3, daysAgo })], framework, NOW).competences["2.1"];
    expect(profile(0).confidence).toBeCloseTo(1);
    expect(profile(365).confidence).toBeCloseTo(Math.SQRT1_2);
    expect(profile(730).confidence).toBeCloseTo(0.5);
  });

  it("lets an installation choose the decay period and the default mastery score", () => {
    const evidence = [
      record("module-passed", { targetLevel: 4, daysAgo: 400 }),
      record("assessment-score", { scaledScore: 0.7, targetLevel: 5, competence: "4.2" }),
    ];
    const profile = computeProfile(evidence, framework, NOW, { decayPeriodDays: 365, defaultMasteryScore: 0.7 });
    expect(profile.competences["2.1"].evidenceLevel).toBe(3);
    expect(profile.competences["4.2"].evidenceLevel).toBe(5);
  });

  it("counts evidence dated after now as new, not as negative age", () => {
    const standing = computeProfile([record("module-passed", { targetLevel: 3, daysAgo: -3 })], framework, NOW).competences["2.1"];
    expect(standing.evidenceLevel).toBe(3);
    expect(standing.confidence).toBe(1);
  });

  it.each([
    ["other-framework", record("module-passed", { targetLevel: 3, framework: "DigComp 3.0" })],
    ["unknown-competence", record("module-passed", { targetLevel: 3, competence: "6.1" })],
    ["invalid-level", record("module-passed", { targetLevel: 9 })],
    ["invalid-level", record("self-rating", { level: 2.5 })],
    ["invalid-score", record("scorm-score", { scaledScore: 1.2, targetLevel: 3 })],
    ["invalid-score", record("assessment-score", { scaledScore: 0.9, masteryScore: -1, targetLevel: 3 })],
  ])("sets aside a record with reason %s and says so", (reason, evidence) => {
    const profile = computeProfile([evidence], framework, NOW);
    expect(profile.ignored).toEqual([{ evidenceId: evidence.id, reason }]);
    expect(profile.competences["2.1"].evidenceLevel).toBe(0);
  });
});

describe("compareProfiles", () => {
  const passed = record("module-passed", { id: "passed", targetLevel: 3, daysAgo: 700 });
  const quiz = record("quiz", { id: "quiz", level: 2, competence: "4.2" });
  const rating = record("self-rating", { id: "rating", level: 2, competence: "1.1" });
  const before = computeProfile([passed, quiz, rating], framework, NOW);

  it("lists nothing when nothing changed", () => {
    expect(compareProfiles(before, computeProfile([passed, quiz, rating], framework, NOW))).toEqual([]);
  });

  it("shows a level going up with the evidence that raised it", () => {
    const raise = record("assessment-score", { id: "raise", scaledScore: 0.95, targetLevel: 4, competence: "4.2" });
    const changes = compareProfiles(before, computeProfile([passed, quiz, rating, raise], framework, NOW));
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ code: "4.2", direction: "up", evidenceLevel: { from: 2, to: 4 } });
    expect(changes[0].newSources.map((source) => source.evidenceId)).toEqual(["raise"]);
  });

  it("explains a level going down by age when the same evidence has grown older", () => {
    const later = computeProfile([passed, quiz, rating], framework, daysBefore(-60));
    expect(compareProfiles(before, later)).toEqual([
      expect.objectContaining({ code: "2.1", direction: "down", reason: "aged", evidenceLevel: { from: 3, to: 2 } }),
    ]);
  });

  it("explains a level going down by withdrawn evidence", () => {
    const changes = compareProfiles(before, computeProfile([quiz, rating], framework, NOW));
    expect(changes).toEqual([
      expect.objectContaining({ code: "2.1", direction: "down", reason: "evidence-withdrawn", evidenceLevel: { from: 3, to: 0 } }),
    ]);
  });

  it("shows a changed self-rating without touching the evidence level", () => {
    const newer = record("self-rating", { id: "newer", level: 5, competence: "1.1", daysAgo: 1 });
    const [change] = compareProfiles(before, computeProfile([passed, quiz, rating, newer], framework, NOW));
    expect(change).toMatchObject({ code: "1.1", direction: "same", selfRatedLevel: { from: 2, to: 5 }, evidenceLevel: { from: 0, to: 0 } });
  });

  it("refuses to compare profiles of different frameworks", () => {
    expect(() => compareProfiles(before, { ...before, framework: "DigComp 3.0" })).toThrow(/DigComp 2.2 and DigComp 3.0/);
  });
});
