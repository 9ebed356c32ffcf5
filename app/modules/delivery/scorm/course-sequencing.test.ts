import { describe, expect, it } from "vitest";
import type { ContentPackage } from "../../standards/content-packaging/package";
import {
  commitScore,
  NavigationFormSchema,
  parseNavRequest,
  readSequencingState,
  refusalReason,
  runtimeReportOf,
  sequencedContents,
  sequencingTreeOf,
  trackedStatus,
} from "./course-sequencing";
import { initialState, navigate, reportAttempt, SEQUENCING_EXCEPTIONS, type SequencingExceptionCode } from "./sequencing";
import { courseTree, FLOW, NOW, passed, sco } from "./sequencing/test-course";

const DISABLED_WHEN_ATTEMPTED = `<imsss:sequencing><imsss:sequencingRules><imsss:preConditionRule>
  <imsss:ruleConditions><imsss:ruleCondition condition="attempted"/></imsss:ruleConditions>
  <imsss:ruleAction action="disabled"/></imsss:preConditionRule></imsss:sequencingRules></imsss:sequencing>`;

describe("a SCO's navigation request (adl.nav.request)", () => {
  it("becomes the engine's request", () => {
    expect(parseNavRequest("continue")).toEqual({ type: "continue" });
    expect(parseNavRequest("suspendAll")).toEqual({ type: "suspendAll" });
    expect(parseNavRequest("{target=sco-2}choice")).toEqual({ type: "choice", target: "sco-2" });
  });

  it("is no request when none was set, for jumps and for anything else", () => {
    for (const value of [undefined, "", "_none_", "{target=sco-2}jump", "start", "{target=}choice", "continue please"]) {
      expect(parseNavRequest(value), String(value)).toBeNull();
    }
  });
});

describe("the player's navigation form", () => {
  it("needs a target for a choice", () => {
    expect(NavigationFormSchema.safeParse({ request: "continue" }).success).toBe(true);
    expect(NavigationFormSchema.safeParse({ request: "choice", target: "b" }).success).toBe(true);
    expect(NavigationFormSchema.safeParse({ request: "choice" }).success).toBe(false);
    expect(NavigationFormSchema.safeParse({ request: "exitAll" }).success).toBe(false);
  });
});

describe("a SCO's CMI as the engine's run-time record", () => {
  const values = {
    "cmi.completion_status": "completed",
    "cmi.success_status": "failed",
    "cmi.score.scaled": "0.25",
    "cmi.progress_measure": "1",
    "cmi.exit": "suspend",
    "cmi.objectives.0.id": "obj-a",
    "cmi.objectives.0.success_status": "passed",
    "cmi.objectives.0.score.scaled": "0.9",
    "cmi.objectives.1.id": "obj-b",
  };

  it("carries statuses, score, progress measure and objectives, and the exit only when the session ended", () => {
    const during = runtimeReportOf(values, false);
    expect(during).toEqual({
      completionStatus: "completed",
      successStatus: "failed",
      scoreScaled: 0.25,
      progressMeasure: 1,
      objectives: [
        { id: "obj-a", successStatus: "passed", scoreScaled: 0.9 },
        { id: "obj-b", successStatus: "unknown", scoreScaled: null },
      ],
    });
    expect(runtimeReportOf(values, true).exit).toBe("suspend");
  });

  it("reads what a SCO never set as unknown", () => {
    expect(runtimeReportOf({}, true)).toEqual({
      completionStatus: "unknown",
      successStatus: "unknown",
      scoreScaled: null,
      progressMeasure: null,
      objectives: [],
      exit: "",
    });
  });
});

describe("the score a commit carries", () => {
  it("is cmi.score.scaled in SCORM 2004, a negative one counting as 0", () => {
    expect(commitScore("2004", { "cmi.score.scaled": "0.85" })).toBe(0.85);
    expect(commitScore("2004", { "cmi.score.scaled": "-0.5" })).toBe(0);
    expect(commitScore("2004", { "cmi.score.raw": "80" })).toBeNull();
  });

  it("is cmi.core.score.raw between min and max (0–100 when not set) in SCORM 1.2", () => {
    expect(commitScore("1.2", { "cmi.core.score.raw": "40", "cmi.core.score.min": "20", "cmi.core.score.max": "60" })).toBe(0.5);
    expect(commitScore("1.2", { "cmi.core.score.raw": "75" })).toBe(0.75);
    expect(commitScore("1.2", { "cmi.core.score.raw": "" })).toBeNull();
    expect(commitScore("1.2", { "cmi.core.lesson_status": "passed" })).toBeNull();
  });
});

describe("the stored sequencing state", () => {
  const tree = courseTree(sco("a") + sco("b"), FLOW);

  it("starts anew when nothing, something else or another tree's state is stored", () => {
    const fresh = initialState(tree);
    expect(readSequencingState(tree, "{}")).toEqual(fresh);
    expect(readSequencingState(tree, "not json")).toEqual(fresh);
    expect(readSequencingState(tree, JSON.stringify(initialState(courseTree(sco("x"), FLOW))))).toEqual(fresh);
  });

  it("is read back as it was stored", () => {
    const started = navigate(tree, initialState(tree), { type: "start" }, NOW).state;
    expect(readSequencingState(tree, JSON.stringify(started))).toEqual(started);
  });
});

describe("progress from the tracking state", () => {
  it("is unknown before an attempt, in progress during it, passed when the objective is satisfied; the course rolls up", () => {
    const tree = courseTree(sco("a") + sco("b"), FLOW);
    let state = initialState(tree);
    expect(trackedStatus(tree, state, "a")).toBeNull();
    state = navigate(tree, state, { type: "start" }, NOW).state;
    expect(trackedStatus(tree, state, "a")).toBe("in-progress");
    state = reportAttempt(tree, state, "a", passed);
    expect(trackedStatus(tree, state, "a")).toBe("passed");
    expect(trackedStatus(tree, state, "course")).toBe("in-progress");
    state = navigate(tree, state, { type: "continue" }, NOW).state;
    state = reportAttempt(tree, state, "b", { completionStatus: "completed", successStatus: "unknown", scoreScaled: null, progressMeasure: null });
    expect(trackedStatus(tree, state, "b")).toBe("completed");
    state = reportAttempt(tree, state, "b", { ...passed, successStatus: "failed" });
    expect(trackedStatus(tree, state, "b")).toBe("failed");
    expect(trackedStatus(tree, state, "course")).toBe("failed");
  });
});

describe("the table of contents the sequencer allows", () => {
  it("leaves hidden activities out and gives the reason a disabled one cannot be chosen", () => {
    const tree = courseTree(
      sco("a") + sco("b", DISABLED_WHEN_ATTEMPTED) + `<item identifier="h" identifierref="r-h" isvisible="false"><title>h</title></item>`,
      `<imsss:sequencing><imsss:controlMode choice="true" flow="true"/></imsss:sequencing>`,
    );
    let state = navigate(tree, initialState(tree), { type: "start" }, NOW).state;
    state = navigate(tree, state, { type: "continue" }, NOW).state;
    state = navigate(tree, state, { type: "previous" }, NOW).state;
    expect(sequencedContents(tree, state, NOW)).toEqual([
      { id: "a", title: "a", depth: 0, launchable: true, enabled: true, refusal: null },
      { id: "b", title: "b", depth: 0, launchable: true, enabled: false, refusal: "locked" },
    ]);
  });

  it("explains every SN exception in the learner's words", () => {
    for (const code of Object.keys(SEQUENCING_EXCEPTIONS) as SequencingExceptionCode[]) expect(refusalReason(code), code).toBeTruthy();
    expect(refusalReason("SB.2.9-3")).toBe("notAvailable");
    expect(refusalReason("NB.2.1-6")).toBe("atBeginning");
  });
});

describe("which courses sequencing drives", () => {
  it("SCORM 2004 courses with an organization, not SCORM 1.2 ones", () => {
    const organization = { identifier: "org", title: "Org", items: [{ identifier: "a", identifierref: "r", items: [], sequencing: null, isVisible: true }] };
    const base = { defaultOrganization: "org", organizations: [organization], resources: [] };
    expect(sequencingTreeOf({ ...base, kind: "scorm2004" } as unknown as ContentPackage)?.root).toBe("org");
    expect(sequencingTreeOf({ ...base, kind: "scorm12" } as unknown as ContentPackage)).toBeNull();
    expect(sequencingTreeOf({ ...base, kind: "scorm2004", organizations: [] } as unknown as ContentPackage)).toBeNull();
  });
});
