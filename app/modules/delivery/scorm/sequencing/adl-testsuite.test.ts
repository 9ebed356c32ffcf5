import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseManifest } from "../../../standards/content-packaging/package";
import { ProblemCollector } from "../../../standards/report";
import { buildActivityTree, type ActivityTree } from "./activity-tree";
import { SEQUENCING_EXCEPTIONS } from "./exceptions";
import { rootStatus } from "./presentation";
import { walk } from "./walk";

const courses = join(__dirname, "../../../../../tests/fixtures/adl-scorm2004-4ed-testsuite/software_development/TestSuite/LMSRTE/Courses");

function adlTree(name: string): ActivityTree {
  const problems = new ProblemCollector();
  const contentPackage = parseManifest(readFileSync(join(courses, `LMSTestPackage_${name}`, "imsmanifest.xml"), "utf8"), { file: "imsmanifest.xml", problems });
  const organization = contentPackage.organizations.find((candidate) => candidate.identifier === contentPackage.defaultOrganization);
  return buildActivityTree(organization ?? contentPackage.organizations[0]);
}

/** A learner who passes every SCO and presses continue: start, then "pass, continue" until nothing more is delivered. */
function passEverything(tree: ActivityTree, maxSteps = 40): string[] {
  const steps = ["start"];
  for (let i = 0; i < maxSteps; i++) steps.push("pass", "continue");
  const { outcomes } = walk(tree, steps);
  const stop = outcomes.findIndex((outcome) => !tree.activities[outcome]?.isLeaf);
  return stop === -1 ? outcomes : outcomes.slice(0, stop + 1);
}

const act = (...numbers: number[]) => numbers.map((n) => `activity_${n}`);

describe("ADL SCORM 2004 4th edition test-suite packages", () => {
  it.each([
    { name: "CM-02a", expected: [...act(1, 2, 3), "end"], note: "plain flow" },
    { name: "CO-03", expected: [...act(1, 2, 4, 5, 6, 7), "end"], note: "flow into and out of clusters" },
    { name: "SX-07d", expected: [...act(1, 3, 4, 5, 6, 7), "end"], note: "skip rules on satisfied/completed that do not fire on a first visit" },
    { name: "OB-13b", expected: [...act(1, 2, 3, 4), "end"], note: "objectives with mapInfo" },
    { name: "MS-07", expected: [...act(1, 4, 6, 7, 8), "end"], note: "measure rollup" },
    { name: "RU-17b", expected: [...act(1, 5, 6, 8, 9, 12, 13, 15, 16, 17), "end"], note: "rollup rules and considerations skipping satisfied modules" },
    { name: "T-01b", expected: [...act(1, 5, 6, 7, 18, 19, 20, 31, 32, 33, 42), "end"], note: "pre/posttests sharing global objectives let lessons be skipped" },
    { name: "SX-10b", expected: ["activity_1", "end"], note: "a satisfied post-condition exitAll" },
    { name: "CM-07a", expected: [...act(3, 4), "SB.2.2-2"], note: "the next activity is disabled: the learner must choose" },
    { name: "API", expected: ["SB.2.2-1"], note: "a choice-only course cannot be started by flow" },
  ])("$name ($note)", ({ name, expected }) => {
    expect(passEverything(adlTree(name))).toEqual(expected);
  });

  it("T-01b reports the course completed, its success left unknown by a rule set with only notSatisfied", () => {
    const tree = adlTree("T-01b");
    const steps = ["start", ...Array.from({ length: 12 }, () => ["pass", "continue"]).flat()];
    expect(rootStatus(tree, walk(tree, steps).state)).toEqual({ completion: "completed", success: "unknown", measure: 1 });
  });

  it("builds every package's activity tree and walks it without errors: every outcome is a leaf, the end, or an SN exception", () => {
    const names = readdirSync(courses).filter((name) => statSync(join(courses, name)).isDirectory());
    expect(names.length).toBe(95);
    for (const name of names) {
      const tree = adlTree(name.replace("LMSTestPackage_", ""));
      expect(tree.activities[tree.root].parent, name).toBeNull();
      for (const outcome of passEverything(tree, 15)) {
        const known = tree.activities[outcome]?.isLeaf || outcome === "end" || outcome in SEQUENCING_EXCEPTIONS;
        expect(known, `${name}: ${outcome}`).toBe(true);
      }
    }
  });
});
