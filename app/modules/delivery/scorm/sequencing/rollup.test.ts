import { describe, expect, it } from "vitest";
import { rootStatus } from "./presentation";
import { reportAttempt, type RuntimeReport } from "./rollup";
import { cluster, courseTree, FLOW, passed, sco } from "./test-course";
import { initialState } from "./tracking";
import { walk } from "./walk";

const seq = (body: string) => `<imsss:sequencing>${body}</imsss:sequencing>`;
const rollupRule = (set: string, condition: string, action: string, operator = "noOp", extra = "") =>
  `<imsss:rollupRule childActivitySet="${set}" ${extra}><imsss:rollupConditions><imsss:rollupCondition condition="${condition}" operator="${operator}"/></imsss:rollupConditions><imsss:rollupAction action="${action}"/></imsss:rollupRule>`;
const report = (runtime: Partial<RuntimeReport>) => `report:${JSON.stringify({ ...passed, ...runtime })}`;

describe("rollup to the root", () => {
  const cases: { name: string; root?: string; a?: string; b?: string; steps: string[]; expected: ReturnType<typeof rootStatus> }[] = [
    {
      name: "nothing reported yet: unknown",
      steps: [],
      expected: { completion: "unknown", success: "unknown", measure: null },
    },
    {
      name: "all children satisfied and completed: satisfied and completed (default rules)",
      steps: ["start", "pass", "continue", "pass", "continue"],
      expected: { completion: "completed", success: "passed", measure: 1 },
    },
    {
      name: "one child failed, all known: not satisfied (default rules)",
      steps: ["start", "pass", "continue", "fail", "continue"],
      expected: { completion: "completed", success: "failed", measure: 0.5 },
    },
    {
      name: "a child still unknown: default rules leave the root unknown",
      steps: ["start", report({ completionStatus: "incomplete", successStatus: "unknown", scoreScaled: null })],
      expected: { completion: "unknown", success: "unknown", measure: null },
    },
    {
      name: "a rule 'any not satisfied → not satisfied' fails the course as soon as one child fails",
      root: seq(`<imsss:controlMode flow="true"/><imsss:rollupRules>${rollupRule("any", "satisfied", "notSatisfied", "not")}${rollupRule("all", "satisfied", "satisfied")}</imsss:rollupRules>`),
      steps: ["start", "fail"],
      expected: { completion: "unknown", success: "failed", measure: 0 },
    },
    {
      name: "atLeastPercent rules: half completed counts as completed",
      root: seq(`<imsss:controlMode flow="true"/><imsss:rollupRules>${rollupRule("atLeastPercent", "completed", "completed", "noOp", `minimumPercent="0.5"`)}</imsss:rollupRules>`),
      steps: ["start", "pass"],
      expected: { completion: "completed", success: "unknown", measure: 0.5 },
    },
    {
      name: "measure rollup weighs children by objectiveMeasureWeight",
      b: seq(`<imsss:rollupRules objectiveMeasureWeight="3"/>`),
      steps: ["start", report({ scoreScaled: 0.5 }), "continue", report({ scoreScaled: 1 })],
      expected: { completion: "completed", success: "passed", measure: 0.875 },
    },
    {
      name: "a child with rollupObjectiveSatisfied=false does not count for satisfaction",
      b: seq(`<imsss:rollupRules rollupObjectiveSatisfied="false" rollupProgressCompletion="false" objectiveMeasureWeight="0"/>`),
      steps: ["start", "pass", "continue", "fail", "continue"],
      expected: { completion: "completed", success: "passed", measure: 1 },
    },
    {
      name: "requiredForSatisfied=ifAttempted leaves out a child never attempted",
      b: seq(`<adlseq:rollupConsiderations requiredForSatisfied="ifAttempted" requiredForCompleted="ifAttempted"/>`),
      steps: ["start", "pass"],
      expected: { completion: "completed", success: "passed", measure: 0.5 },
    },
    {
      name: "the root's satisfiedByMeasure uses the rolled-up measure",
      root: seq(`<imsss:controlMode flow="true"/><imsss:objectives><imsss:primaryObjective objectiveID="course" satisfiedByMeasure="true"><imsss:minNormalizedMeasure>0.8</imsss:minNormalizedMeasure></imsss:primaryObjective></imsss:objectives>`),
      steps: ["start", report({ scoreScaled: 0.9 }), "continue", report({ scoreScaled: 0.6 })],
      expected: { completion: "completed", success: "failed", measure: 0.75 },
    },
    {
      name: "content that reports nothing is completed and satisfied when its attempt ends",
      steps: ["start", "continue", "continue", "continue"],
      expected: { completion: "completed", success: "passed", measure: null },
    },
    {
      name: "objectiveSetByContent and completionSetByContent keep unreported statuses unknown",
      a: seq(`<imsss:deliveryControls completionSetByContent="true" objectiveSetByContent="true"/>`),
      steps: ["start", "continue", "continue", "continue"],
      expected: { completion: "unknown", success: "unknown", measure: null },
    },
  ];

  it.each(cases)("$name", ({ root = FLOW, a = "", b = "", steps, expected }) => {
    const tree = courseTree(sco("a", a) + sco("b", b), root);
    expect(rootStatus(tree, walk(tree, steps).state)).toEqual(expected);
  });

  it("rolls up through nested clusters", () => {
    const tree = courseTree(cluster("m", [sco("a"), sco("b")], FLOW) + cluster("n", [sco("c")], FLOW), FLOW);
    const steps = ["start", "pass", "continue", "pass", "continue"];
    const { state } = walk(tree, steps);
    expect(state.activities.m.tracking).toMatchObject({ attemptProgressStatus: true, attemptCompletionStatus: true });
    expect(rootStatus(tree, state).completion).toBe("unknown");
    expect(rootStatus(tree, walk(tree, [...steps, "pass", "continue"]).state)).toEqual({ completion: "completed", success: "passed", measure: 1 });
  });
});

describe("reportAttempt", () => {
  it("honours the completion threshold: progress_measure decides completion", () => {
    const tree = courseTree(
      `<item identifier="a" identifierref="r-a"><title>A</title><adlcp:completionThreshold completedByMeasure="true" minProgressMeasure="0.8"/></item>`,
      FLOW,
    );
    const { state } = walk(tree, ["start"]);
    const runtime: RuntimeReport = { completionStatus: "incomplete", successStatus: "unknown", scoreScaled: null, progressMeasure: 0.85 };
    expect(reportAttempt(tree, state, "a", runtime).activities.a.tracking).toMatchObject({
      attemptProgressStatus: true,
      attemptCompletionStatus: true,
      attemptCompletionAmount: 0.85,
    });
    const below = reportAttempt(tree, state, "a", { ...runtime, completionStatus: "completed", progressMeasure: 0.5 });
    expect(below.activities.a.tracking.attemptCompletionStatus).toBe(false);
  });

  it("records cmi.objectives into the objectives with the same objectiveID", () => {
    const tree = courseTree(sco("a", seq(`<imsss:objectives><imsss:primaryObjective objectiveID="main"/><imsss:objective objectiveID="extra"/></imsss:objectives>`)), FLOW);
    const { state } = walk(tree, ["start"]);
    const next = reportAttempt(tree, state, "a", { ...passed, objectives: [{ id: "extra", successStatus: "failed", scoreScaled: 0.2 }, { id: "unknown", successStatus: "passed", scoreScaled: 1 }] });
    expect(next.activities.a.tracking.objectives).toEqual({
      main: { progressStatus: true, satisfiedStatus: true, measureStatus: true, normalizedMeasure: 1 },
      extra: { progressStatus: true, satisfiedStatus: false, measureStatus: true, normalizedMeasure: 0.2 },
    });
  });

  it("leaves the given state alone and refuses clusters and unknown activities", () => {
    const tree = courseTree(cluster("m", [sco("a")], FLOW), FLOW);
    const state = initialState(tree);
    const snapshot = JSON.stringify(state);
    reportAttempt(tree, state, "a", passed);
    expect(JSON.stringify(state)).toBe(snapshot);
    expect(() => reportAttempt(tree, state, "m", passed)).toThrow(/cluster/);
    expect(() => reportAttempt(tree, state, "zz", passed)).toThrow(/no activity "zz"/);
  });

  it("records nothing for an untracked activity", () => {
    const tree = courseTree(sco("a", seq(`<imsss:deliveryControls tracked="false"/>`)), FLOW);
    const { state } = walk(tree, ["start", "fail"]);
    expect(state.activities.a.tracking.objectives["#primary"].progressStatus).toBe(false);
  });
});

describe("global shared objectives", () => {
  const writer = seq(
    `<imsss:objectives><imsss:primaryObjective objectiveID="pretest"><imsss:mapInfo targetObjectiveID="g-topic" writeSatisfiedStatus="true" writeNormalizedMeasure="true"/></imsss:primaryObjective></imsss:objectives>`,
  );
  const reader = seq(
    `<imsss:sequencingRules><imsss:preConditionRule><imsss:ruleConditions><imsss:ruleCondition condition="satisfied" referencedObjective="topic"/></imsss:ruleConditions><imsss:ruleAction action="skip"/></imsss:preConditionRule></imsss:sequencingRules>` +
      `<imsss:objectives><imsss:primaryObjective/><imsss:objective objectiveID="topic"><imsss:mapInfo targetObjectiveID="g-topic"/></imsss:objective></imsss:objectives>`,
  );
  const tree = courseTree(sco("pretest", writer) + sco("lesson", reader) + sco("posttest"), FLOW);

  it("starts unknown, keyed by targetObjectiveID", () => {
    expect(initialState(tree).globalObjectives).toEqual({ "g-topic": { progressStatus: false, satisfiedStatus: false, measureStatus: false, normalizedMeasure: 0 } });
  });

  it.each([
    { pretest: "pass", expected: ["pretest", "posttest"], global: { progressStatus: true, satisfiedStatus: true, measureStatus: true, normalizedMeasure: 1 } },
    { pretest: "fail", expected: ["pretest", "lesson"], global: { progressStatus: true, satisfiedStatus: false, measureStatus: true, normalizedMeasure: 0 } },
  ])("a $pretest on the pretest is written to the global and read by the lesson's skip rule", ({ pretest, expected, global }) => {
    const { outcomes, state } = walk(tree, ["start", pretest, "continue"]);
    expect(outcomes).toEqual(expected);
    expect(state.globalObjectives["g-topic"]).toEqual(global);
  });
});
