import { describe, expect, it } from "vitest";
import { digComp22 } from "./digcomp";
import { computeProfile } from "./profile";
import { evidenceFromRow, masteryScoreOf, reviveProfile, type EvidenceRow } from "./stored-evidence";
import { NOW } from "./test-evidence";

const framework = digComp22();
const context = {
  frameworkKey: framework.key,
  modules: new Map([
    ["pkg-1", { title: "Secure communication" }],
    ["pkg-2", { title: "Online outreach", masteryScore: 0.6 }],
  ]),
};
const row = (fields: Partial<EvidenceRow>): EvidenceRow => ({
  id: `row-${Math.random()}`,
  source: "module-completed",
  level: 4,
  score: null,
  sourceRef: "pkg-1",
  observedAt: new Date("2025-05-01T00:00:00Z"),
  competenceCode: "2.1",
  ...fields,
});
const profileOf = (rows: EvidenceRow[]) =>
  computeProfile(rows.flatMap((entry) => evidenceFromRow(entry, context) ?? []), framework, NOW);

describe("stored evidence", () => {
  it("gives a completed module's target level, titled with the module", () => {
    const standing = profileOf([row({})]).competences["2.1"];
    expect(standing.evidenceLevel).toBe(4);
    expect(standing.sources[0].source).toEqual({ id: "pkg-1", title: "Secure communication" });
  });

  it("sets a completion aside when the same module's score did not reach the mastery score", () => {
    const standing = profileOf([row({}), row({ source: "scorm-score", score: 0.79 })]).competences["2.1"];
    expect(standing.evidenceLevel).toBe(0);
    expect(standing.sources.map((source) => source.status).sort()).toEqual(["not-passed", "superseded"]);
  });

  it("passes a score at the default mastery score 0.8, inclusive", () => {
    expect(profileOf([row({ source: "scorm-score", score: 0.8 })]).competences["2.1"].evidenceLevel).toBe(4);
  });

  it("uses the package's own mastery score", () => {
    const standing = profileOf([row({ source: "assessment-score", score: 0.65, sourceRef: "pkg-2" })]).competences["2.1"];
    expect(standing.evidenceLevel).toBe(4);
    expect(standing.sources[0].score).toEqual({ scaled: 0.65, mastery: 0.6 });
  });

  it("lists a score row without a score as ignored, and leaves unknown kinds out", () => {
    const scoreless = row({ source: "scorm-score", score: null });
    expect(profileOf([scoreless]).ignored).toEqual([{ evidenceId: scoreless.id, reason: "invalid-score" }]);
    expect(evidenceFromRow(row({ source: "rumour" }), context)).toBeUndefined();
  });

  it("reads the SCORM 1.2 mastery score of a package, scaled", () => {
    const item = (masteryScore: number | null, items: unknown[] = []) => ({ masteryScore, items });
    const model = { contentPackage: { organizations: [{ items: [item(null, [item(70)])] }] } };
    expect(masteryScoreOf(model as never)).toBe(0.7);
    expect(masteryScoreOf({ contentPackage: null })).toBeUndefined();
  });

  it("restores a snapshot's dates", () => {
    const profile = profileOf([row({}), row({ source: "self-rating", level: 2, sourceRef: "sa-1" })]);
    const revived = reviveProfile(JSON.stringify(profile));
    expect(revived).toEqual(profile);
    expect(revived.competences["2.1"].sources[0].occurredAt).toBeInstanceOf(Date);
  });
});
