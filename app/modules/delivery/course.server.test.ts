import { describe, expect, it } from "vitest";
import { loadUnit } from "../../../tests/fixtures/imsld/load";
import type { PackageModel } from "../packages/model";
import type { UnitOfLearning } from "../standards/learning-design/model";
import { parseLearningDesign } from "../standards/learning-design/parse";
import type { StoredPackage } from "./content.server";
import { dependsOnTime, ldNextStep, rememberedNextStep } from "./course.server";
import { completeActivity, createRun, openActivity, setProperty } from "./learning-design/engine";
import type { RunResult, RunState } from "./learning-design/state";

const T0 = "2025-03-01T09:00:00.000Z";
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

function packageOf(name: string): StoredPackage {
  const { learningDesign, resolveResource } = loadUnit(name);
  const { design } = parseLearningDesign(learningDesign, { file: "imsmanifest.xml", resolveResource });
  if (!design) throw new Error(`the ${name} fixture does not parse`);
  return { storageKey: `fixture-${name}`, model: { learningDesign: design, languages: ["en"], defaultLanguage: "en" } as unknown as PackageModel, uol: design as UnitOfLearning };
}

function stateOf(result: RunResult): RunState {
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result.state;
}

describe("the next step of an IMS LD run on My learning", () => {
  it("is remembered while the run's state is unchanged, and follows the state when it changes", () => {
    const pack = packageOf("level-b");
    expect(dependsOnTime(pack.uol)).toBe(false);
    const started = stateOf(createRun(pack.uol, { now: T0, roles: { ana: ["R-learner"], tom: ["R-tutor"] } }));
    const first = rememberedNextStep(pack, { runId: "run-b", revision: 0, json: JSON.stringify(started) }, "ana", T0, "en");
    expect(first).toMatchObject({ identifier: "LA-self-assess" });
    expect(rememberedNextStep(pack, { runId: "run-b", revision: 0, json: JSON.stringify(started) }, "ana", at(5), "en")).toEqual(first);

    const answered = stateOf(setProperty(pack.uol, started, "ana", "P-confidence", 5, at(1)));
    const next = rememberedNextStep(pack, { runId: "run-b", revision: 1, json: JSON.stringify(answered) }, "ana", at(1), "en");
    expect(next).toEqual(ldNextStep(pack, answered, "ana", at(1), "en"));
    expect(next?.identifier).not.toBe("LA-self-assess");
  });

  it("is worked out each time in a design with a time limit, where the clock changes it", () => {
    const pack = packageOf("level-a");
    expect(dependsOnTime(pack.uol)).toBe(true);
    let state = stateOf(createRun(pack.uol, { now: T0, roles: { ana: ["R-learner"], tom: ["R-tutor"] } }));
    state = stateOf(completeActivity(pack.uol, state, "ana", "LA-welcome", at(1)));
    state = stateOf(completeActivity(pack.uol, state, "ana", "LA-risks", at(2)));
    state = stateOf(openActivity(pack.uol, state, "ana", "LA-try-element", at(3)));
    const run = { runId: "run-a", revision: 3, json: JSON.stringify(state) };
    // The exercise completes after ten minutes: before, another tool is still to try; after,
    // the selection is done and nothing is left, with the very same stored state.
    expect(rememberedNextStep(pack, run, "ana", at(4), "en")).toMatchObject({ identifier: "LA-try-signal" });
    expect(rememberedNextStep(pack, run, "ana", at(14), "en")).toBeNull();
  });
});
