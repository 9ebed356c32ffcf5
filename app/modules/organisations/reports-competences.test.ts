import { describe, expect, it } from "vitest";
import { digComp22 } from "../competencies/digcomp";
import { computeProfile } from "../competencies/profile";
import { evidenceFromRow } from "../competencies/stored-evidence";
import { NOW, record } from "../competencies/test-evidence";
import { evidenceFromPacked, heatMapMembers, heatMapView, profileRows, profilesOf, targetFormSchema, targetProfileFor, type TargetRow } from "./reports-competences";

const framework = digComp22();

const targets: TargetRow[] = [
  { code: "2.1", jobRole: "", level: 3 },
  { code: "4.2", jobRole: "", level: 2 },
  { code: "2.1", jobRole: "peer supporter", level: 4 },
  { code: "9.9", jobRole: "", level: 5 },
];

describe("target profiles", () => {
  it("gives a job role its own levels and the organisation's for the rest", () => {
    expect(targetProfileFor(targets, "peer supporter", framework).levels).toEqual({ "2.1": 4, "4.2": 2 });
    expect(targetProfileFor(targets, "", framework).levels).toEqual({ "2.1": 3, "4.2": 2 });
    expect(targetProfileFor(targets, "volunteer", framework).levels).toEqual({ "2.1": 3, "4.2": 2 });
  });

  it("reads the form: a level per competence, 0 for none, nothing outside the framework's levels", () => {
    const schema = targetFormSchema(framework);
    const parsed = schema.safeParse({ role: " volunteer ", "level-2.1": "3" });
    expect(parsed.success && parsed.data).toMatchObject({ role: "volunteer", "level-2.1": 3, "level-1.1": 0 });
    expect(schema.safeParse({ "level-2.1": "9" }).success).toBe(false);
    expect(schema.safeParse({ "level-2.1": "two" }).success).toBe(false);
  });
});

describe("building the heat map's input", () => {
  const members = [
    { membershipId: "m-ana", userId: "ana", name: "Ana", jobRole: "peer supporter" },
    { membershipId: "m-bea", userId: "bea", name: "Bea", jobRole: "volunteer" },
    { membershipId: "m-carlo", userId: "carlo", name: "Carlo", jobRole: "volunteer" },
  ];
  const evidence = new Map([
    ["ana", [record("module-passed", { targetLevel: 4, competence: "2.1" })]],
    ["bea", [record("module-completed", { targetLevel: 2, competence: "2.1" }), record("self-rating", { level: 5, competence: "4.2" })]],
  ]);
  const profiles = profilesOf(["ana", "bea", "carlo"], evidence, framework, NOW);
  const teams = new Map([
    ["ana", ["navile"]],
    ["bea", ["navile", "savena"]],
  ]);

  it("keeps members of the chosen job role and team, each with their teams and profile", () => {
    const all = heatMapMembers(members, teams, profiles, { jobRole: "" });
    expect(all.map((member) => [member.id, member.teamIds])).toEqual([
      ["m-ana", ["navile"]],
      ["m-bea", ["navile", "savena"]],
      ["m-carlo", []],
    ]);
    expect(heatMapMembers(members, teams, profiles, { jobRole: "volunteer" }).map((m) => m.id)).toEqual(["m-bea", "m-carlo"]);
    expect(heatMapMembers(members, teams, profiles, { jobRole: "", teamId: "savena" }).map((m) => m.id)).toEqual(["m-bea"]);
  });

  it("averages evidence levels per team against the target and shows each gap", () => {
    const view = heatMapView(
      heatMapMembers(members, teams, profiles, { jobRole: "" }),
      framework,
      targetProfileFor(targets, "", framework),
      "team",
      new Map([
        ["navile", "Navile"],
        ["savena", "Savena"],
      ]),
      "en",
    );
    expect(view.competences).toHaveLength(21);
    expect(view.rows.map((row) => [row.name, row.members])).toEqual([
      ["Navile", 2],
      ["Savena", 1],
      [null, 1],
    ]);
    const navile21 = view.rows[0].cells.find((cell) => cell.code === "2.1")!;
    expect(navile21).toEqual({ code: "2.1", average: 3, target: 3, gap: 0.5, membersBelowTarget: 1 });
    // Bea's self-rating of 5 in 4.2 does not count: the gap stays.
    const navile42 = view.rows[0].cells.find((cell) => cell.code === "4.2")!;
    expect(navile42).toMatchObject({ average: 0, target: 2, gap: 2, membersBelowTarget: 2 });
    expect(view.targets[framework.competences.findIndex((c) => c.code === "1.1")]).toBeNull();
  });
});

describe("a member's profile rows", () => {
  it("shows level, self-rating, target and gap for every competence", () => {
    const profile = computeProfile(
      [record("module-completed", { targetLevel: 2, competence: "2.1" }), record("self-rating", { level: 3, competence: "2.1" })],
      framework,
      NOW,
    );
    const rows = profileRows(profile, framework, targetProfileFor(targets, "", framework), "it");
    expect(rows).toHaveLength(21);
    const row = rows.find((candidate) => candidate.code === "2.1")!;
    expect(row).toMatchObject({ evidenceLevel: 2, selfRatedLevel: 3, targetLevel: 3, gap: 1, confidence: "medium" });
    expect(row.name).not.toBe("2.1");
    expect(rows.find((candidate) => candidate.code === "1.1")).toMatchObject({ targetLevel: null, gap: 0 });
  });
});

describe("packed evidence records", () => {
  it("read as the stored rows do", () => {
    const at = new Date("2026-03-01T10:00:00.123Z");
    const cases: [string, string, string, string][] = [
      ["self-rating", "3", "", ""],
      ["quiz", "2", "", ""],
      ["module-completed", "4", "pkg-1", ""],
      ["module-passed", "4", "pkg-1", "0.9"],
      ["scorm-score", "3", "pkg-2", "0.75"],
      ["assessment-score", "3", "", ""],
    ];
    for (const [kind, level, sourceRef, score] of cases) {
      const packed = evidenceFromPacked(["17", "2.1", kind, level, sourceRef, score, String(at.getTime())], framework.key, new Map([["pkg-2", 0.7]]));
      const stored = evidenceFromRow(
        { id: "17", competenceCode: "2.1", source: kind, level: Number(level), sourceRef: sourceRef || null, score: score ? Number(score) : null, observedAt: at },
        { frameworkKey: framework.key, modules: new Map([["pkg-2", { title: "", masteryScore: 0.7 }]]) },
      );
      // Titles are for the learner's provenance list, which reports do not show.
      expect(packed).toEqual(stored && { ...stored, source: { id: stored.source.id } });
    }
    expect(evidenceFromPacked(["1", "2.1", "rumour", "3", "", "", "0"], framework.key, new Map())).toBeUndefined();
  });
});
