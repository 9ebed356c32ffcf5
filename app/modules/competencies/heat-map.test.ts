import { describe, expect, it } from "vitest";
import { digComp22 } from "./digcomp";
import type { TargetProfile } from "./gaps";
import { heatMap, type HeatMapMember } from "./heat-map";
import { computeProfile } from "./profile";
import { NOW, record } from "./test-evidence";

const framework = digComp22();
const target: TargetProfile = { framework: "DigComp 2.2", levels: { "2.1": 3, "4.2": 4 } };

const member = (id: string, teamIds: string[], levels: Record<string, number>, selfRatings: Record<string, number> = {}): HeatMapMember => ({
  id,
  teamIds,
  profile: computeProfile(
    [
      ...Object.entries(levels).map(([competence, targetLevel]) => record("module-passed", { competence, targetLevel })),
      ...Object.entries(selfRatings).map(([competence, level]) => record("self-rating", { competence, level })),
    ],
    framework,
    NOW,
  ),
});

const members = [
  member("ana", ["north"], { "2.1": 4, "4.2": 2 }),
  member("ben", ["north", "south"], { "2.1": 2 }, { "4.2": 8 }),
  member("carla", ["south"], { "2.1": 3, "4.2": 5 }),
  member("dario", [], { "2.1": 1 }),
];

const cell = (map: ReturnType<typeof heatMap>, group: string | null, competence: string) =>
  map.cells.find((candidate) => candidate.group === group && candidate.competence === competence);

describe("heatMap by team", () => {
  const map = heatMap(members, framework, target, "team");

  it("has a row per team, members without a team in their own row, and a column per competence", () => {
    expect(map.groups).toEqual([
      { id: "north", members: 2 },
      { id: "south", members: 2 },
      { id: null, members: 1 },
    ]);
    expect(map.competences).toHaveLength(21);
    expect(map.cells).toHaveLength(3 * 21);
  });

  it.each([
    ["north", "2.1", { members: 2, averageLevel: 3, minLevel: 2, maxLevel: 4, targetLevel: 3, averageGap: 0.5, membersBelowTarget: 1, membersWithoutEvidence: 0 }],
    ["north", "4.2", { averageLevel: 1, minLevel: 0, maxLevel: 2, targetLevel: 4, averageGap: 3, membersBelowTarget: 2, membersWithoutEvidence: 1 }],
    ["south", "2.1", { averageLevel: 2.5, minLevel: 2, maxLevel: 3, averageGap: 0.5, membersBelowTarget: 1 }],
    ["south", "4.2", { averageLevel: 2.5, averageGap: 2, membersBelowTarget: 1, membersWithoutEvidence: 1 }],
    [null, "2.1", { members: 1, averageLevel: 1, averageGap: 2, membersBelowTarget: 1 }],
    ["north", "3.4", { averageLevel: 0, targetLevel: null, averageGap: null, membersBelowTarget: 0, membersWithoutEvidence: 2 }],
  ] as const)("aggregates team %s, competence %s", (group, competence, expected) => {
    expect(cell(map, group, competence)).toMatchObject(expected);
  });

  it("never lets a self-rating colour the map", () => {
    expect(cell(map, "south", "4.2")?.minLevel).toBe(0);
  });

  it("refuses a target in another framework", () => {
    expect(() => heatMap(members, framework, { ...target, framework: "DigComp 3.0" }, "team")).toThrow(/DigComp 3.0/);
  });
});

describe("heatMap by member", () => {
  it("has one row per member with that member's own level and gap", () => {
    const map = heatMap(members, framework, target, "member");
    expect(map.groups.map((group) => group.id)).toEqual(["ana", "ben", "carla", "dario"]);
    expect(cell(map, "ana", "4.2")).toMatchObject({ members: 1, averageLevel: 2, minLevel: 2, averageGap: 2, membersBelowTarget: 1 });
    expect(cell(map, "carla", "4.2")).toMatchObject({ averageLevel: 5, averageGap: 0, membersBelowTarget: 0 });
  });

  it("is empty for an organisation without members", () => {
    expect(heatMap([], framework, target, "member")).toMatchObject({ groups: [], cells: [] });
  });
});
