import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { validatePath } from "../packages/validate.server";
import type { UnitOfLearning } from "../standards/learning-design/model";
import { completeActivity, createRun, setProperty } from "./learning-design/engine";
import type { RunState } from "./learning-design/state";
import { activitiesFor } from "./learning-design/view";
import { findNode, nextStep, waitingFor } from "./next-step";

let uol: UnitOfLearning;
const now = "2026-03-01T09:00:00.000Z";

beforeAll(async () => {
  const validated = await validatePath(path.resolve("courses/04-collaboration-peer-support"));
  uol = validated.learningDesign!;
});

function start(): RunState {
  const result = createRun(uol, { now, roles: { ana: ["R-learner"], tom: ["R-tutor"] } });
  if (!result.ok) throw new Error(result.message);
  return result.state;
}

function done(state: RunState, ...activities: string[]): RunState {
  for (const activity of activities) {
    const result = completeActivity(uol, state, "ana", activity, now);
    if (!result.ok) throw new Error(result.message);
    state = result.state;
  }
  return state;
}

describe("the next step", () => {
  it("is the first open activity of the sequence, and says what a locked one waits for", () => {
    const state = done(start(), "LA-peer-experts");
    const view = activitiesFor(uol, state, "ana", now);
    expect(nextStep(view)?.identifier).toBe("LA-shared-docs");
    expect(findNode(view, "LA-online-meetings")?.kind === "learning-activity" && findNode(view, "LA-online-meetings")?.status).toBe("locked");
    expect(waitingFor(view, "LA-online-meetings").map((blocker) => blocker.identifier)).toEqual(["LA-shared-docs"]);
  });

  it("offers a selection's options until enough are done, then moves past it", () => {
    let state = done(start(), "LA-peer-experts", "LA-shared-docs", "LA-online-meetings");
    expect(nextStep(activitiesFor(uol, state, "ana", now))?.identifier).toBe("LA-opt-coproduction");
    state = done(state, "LA-opt-coproduction");
    expect(nextStep(activitiesFor(uol, state, "ana", now))?.identifier).toBe("LA-opt-training");
    state = done(state, "LA-opt-ethics");
    const view = activitiesFor(uol, state, "ana", now);
    expect(nextStep(view)?.identifier).toBe("LA-plan");
    expect(waitingFor(view, "LA-wrap-up").map((blocker) => blocker.identifier)).toEqual(["LA-plan"]);
  });

  it("shows the tutor the review activity a notification opened, and nothing once the unit is done", () => {
    let state = done(start(), "LA-peer-experts", "LA-shared-docs", "LA-online-meetings", "LA-opt-coproduction", "LA-opt-ethics");
    expect(nextStep(activitiesFor(uol, state, "tom", now))).toBeNull();
    const saved = setProperty(uol, state, "ana", "P-coprod-plan", "A plan", now);
    if (!saved.ok) throw new Error(saved.message);
    state = saved.state;
    expect(nextStep(activitiesFor(uol, state, "tom", now))?.identifier).toBe("SA-review-plan");
    expect(nextStep(activitiesFor(uol, state, "ana", now))?.identifier).toBe("LA-peer-feedback");
    const revised = setProperty(uol, state, "ana", "P-plan-revision", "A change", now);
    if (!revised.ok) throw new Error(revised.message);
    state = done(revised.state, "LA-wrap-up");
    const view = activitiesFor(uol, state, "ana", now);
    expect(view.unitCompleted).toBe(true);
    expect(nextStep(view)).toBeNull();
  });
});
