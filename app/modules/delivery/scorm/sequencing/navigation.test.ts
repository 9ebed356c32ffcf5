import { describe, expect, it } from "vitest";
import { navigate } from "./navigation";
import { availableChoices, navigationButtons } from "./presentation";
import { cluster, courseTree, FLOW, NOW, sco } from "./test-course";
import { initialState } from "./tracking";
import { walk } from "./walk";

const seq = (body: string) => `<imsss:sequencing>${body}</imsss:sequencing>`;
const mode = (attributes: string) => seq(`<imsss:controlMode ${attributes}/>`);
const pre = (condition: string, action: string, operator = "noOp") =>
  `<imsss:sequencingRules><imsss:preConditionRule><imsss:ruleConditions><imsss:ruleCondition condition="${condition}" operator="${operator}"/></imsss:ruleConditions><imsss:ruleAction action="${action}"/></imsss:preConditionRule></imsss:sequencingRules>`;
const post = (condition: string, action: string, operator = "noOp") =>
  `<imsss:sequencingRules><imsss:postConditionRule><imsss:ruleConditions><imsss:ruleCondition condition="${condition}" operator="${operator}"/></imsss:ruleConditions><imsss:ruleAction action="${action}"/></imsss:postConditionRule></imsss:sequencingRules>`;

/** a, b, c under a root with flow. */
const flat = (a = "", b = "", c = "", root = FLOW) => courseTree(sco("a", a) + sco("b", b) + sco("c", c), root);

describe("navigate", () => {
  const cases: { name: string; tree: () => ReturnType<typeof courseTree>; steps: string[]; expected: string[] }[] = [
    {
      name: "start delivers the first deliverable leaf, inside a cluster",
      tree: () => courseTree(cluster("m", [sco("a"), sco("b")], FLOW) + sco("c"), FLOW),
      steps: ["start"],
      expected: ["a"],
    },
    {
      name: "continue and previous follow flow order across clusters; continue after the last leaf ends the session",
      tree: () => courseTree(cluster("m", [sco("a"), sco("b")], FLOW) + sco("c"), FLOW),
      steps: ["start", "pass", "continue", "pass", "continue", "previous", "continue", "continue"],
      expected: ["a", "b", "c", "b", "c", "end"],
    },
    {
      name: "forwardOnly blocks previous",
      tree: () => flat("", "", "", mode(`flow="true" forwardOnly="true"`)),
      steps: ["start", "continue", "previous"],
      expected: ["a", "b", "NB.2.1-5"],
    },
    {
      name: "previous from the first activity reaches the beginning of the course",
      tree: () => flat(),
      steps: ["start", "previous"],
      expected: ["a", "SB.2.1-3"],
    },
    {
      name: "choice is honoured when the parent's controlMode allows it",
      tree: () => flat(),
      steps: ["choice:c", "choice:a"],
      expected: ["c", "a"],
    },
    {
      name: "choice is refused with controlMode choice=false",
      tree: () => flat("", "", "", mode(`choice="false" flow="true"`)),
      steps: ["start", "choice:c"],
      expected: ["a", "NB.2.1-10"],
    },
    {
      name: "continue is refused without flow (the default)",
      tree: () => flat("", "", "", ""),
      steps: ["choice:a", "continue"],
      expected: ["a", "NB.2.1-4"],
    },
    {
      name: "a skip pre-condition skips the activity in flow",
      tree: () => flat("", seq(pre("always", "skip"))),
      steps: ["start", "continue", "previous"],
      expected: ["a", "c", "a"],
    },
    {
      name: "a skipped first activity makes start deliver the next one",
      tree: () => flat(seq(pre("always", "skip"))),
      steps: ["start"],
      expected: ["b"],
    },
    {
      name: "disabled blocks delivery by flow and by choice",
      tree: () => flat("", seq(pre("always", "disabled"))),
      steps: ["start", "continue", "choice:b", "choice:c"],
      expected: ["a", "SB.2.2-2", "DB.1.1-3", "c"],
    },
    {
      name: "a reached attemptLimit blocks a new attempt",
      tree: () => flat(seq(`<imsss:limitConditions attemptLimit="1"/>`)),
      steps: ["start", "pass", "continue", "choice:a"],
      expected: ["a", "b", "DB.1.1-3"],
    },
    {
      name: "an attemptLimitExceeded pre-condition can skip instead",
      tree: () => flat(seq(pre("attemptLimitExceeded", "skip") + `<imsss:limitConditions attemptLimit="2"/>`)),
      steps: ["start", "continue", "previous", "continue", "previous"],
      expected: ["a", "b", "a", "b", "SB.2.1-3"],
    },
    {
      name: "a post-condition retry repeats a failed activity, then flow continues",
      tree: () => flat(seq(post("satisfied", "retry", "not"))),
      steps: ["start", "fail", "continue", "pass", "continue"],
      expected: ["a", "a", "b"],
    },
    {
      name: "a post-condition exitAll ends the session",
      tree: () => flat(seq(post("satisfied", "exitAll"))),
      steps: ["start", "pass", "continue", "start"],
      expected: ["a", "end", "a"],
    },
    {
      name: "a post-condition continue moves on after a plain exit",
      tree: () => flat(seq(post("completed", "continue"))),
      steps: ["start", "pass", "exit"],
      expected: ["a", "b"],
    },
    {
      name: "exitParent climbs to the cluster, whose exit action rule ends its attempt",
      tree: () =>
        courseTree(
          cluster("m", [sco("a", seq(post("always", "exitParent"))), sco("b")], seq(`<imsss:controlMode flow="true"/>` + post("always", "continue"))) + sco("c"),
          FLOW,
        ),
      steps: ["start", "pass", "exit"],
      expected: ["a", "c"],
    },
    {
      name: "an exit action rule on an ancestor leaves the cluster once it is satisfied",
      tree: () =>
        courseTree(
          cluster(
            "m",
            [sco("a"), sco("b")],
            seq(
              `<imsss:controlMode flow="true"/><imsss:sequencingRules><imsss:exitConditionRule><imsss:ruleConditions><imsss:ruleCondition condition="satisfied"/></imsss:ruleConditions><imsss:ruleAction action="exit"/></imsss:exitConditionRule></imsss:sequencingRules>` +
                `<imsss:rollupRules><imsss:rollupRule childActivitySet="atLeastCount" minimumCount="1"><imsss:rollupConditions><imsss:rollupCondition condition="satisfied"/></imsss:rollupConditions><imsss:rollupAction action="satisfied"/></imsss:rollupRule></imsss:rollupRules>`,
            ),
          ) + sco("c"),
          FLOW,
        ),
      steps: ["start", "pass", "continue"],
      expected: ["a", "c"],
    },
    {
      name: "suspendAll ends the session and resumeAll returns to the suspended activity",
      tree: () => flat(),
      steps: ["start", "continue", "suspendAll", "continue", "resumeAll", "continue"],
      expected: ["a", "b", "end", "NB.2.1-2", "b", "c"],
    },
    {
      name: "choiceExit=false keeps choice inside the active cluster",
      tree: () => courseTree(cluster("m", [sco("a"), sco("b")], mode(`flow="true" choiceExit="false"`)) + sco("c"), FLOW),
      steps: ["start", "choice:b", "choice:c"],
      expected: ["a", "b", "NB.2.1-8"],
    },
    {
      name: "stopForwardTraversal blocks choosing past the activity",
      tree: () => flat(seq(pre("always", "stopForwardTraversal"))),
      steps: ["start", "choice:c", "continue"],
      expected: ["a", "SB.2.4-1", "b"],
    },
    {
      name: "forwardOnly blocks choosing an earlier sibling",
      tree: () => flat("", "", "", mode(`flow="true" forwardOnly="true"`)),
      steps: ["start", "continue", "choice:a", "choice:c"],
      expected: ["a", "b", "SB.2.4-2", "c"],
    },
    {
      name: "constrainChoice only allows the next or previous activity",
      tree: () =>
        courseTree(
          cluster("m", [sco("a")], seq(`<adlseq:constrainedChoiceConsiderations constrainChoice="true"/>`)) +
            cluster("n", [sco("b")]) +
            cluster("o", [sco("c")]),
        ),
      steps: ["choice:a", "choice:c", "choice:b"],
      expected: ["a", "SB.2.9-8", "b"],
    },
    {
      name: "preventActivation forbids starting a cluster's attempt by choice",
      tree: () => courseTree(cluster("m", [sco("a")]) + cluster("n", [sco("b")], seq(`<adlseq:constrainedChoiceConsiderations preventActivation="true"/>`))),
      steps: ["choice:a", "choice:b"],
      expected: ["a", "SB.2.9-6"],
    },
    {
      name: "choosing a cluster delivers its first leaf",
      tree: () => courseTree(sco("a") + cluster("m", [sco("b"), sco("c")], FLOW)),
      steps: ["choice:m"],
      expected: ["b"],
    },
    {
      name: "the navigation request process refuses requests that do not fit the session",
      tree: () => flat(),
      steps: ["continue", "exit", "resumeAll", "choice:nope", "start", "start", "exit", "exit", "abandonAll", "bogus"],
      expected: ["NB.2.1-2", "NB.2.1-2", "NB.2.1-3", "NB.2.1-11", "a", "NB.2.1-1", "-", "NB.2.1-12", "end", "NB.2.1-13"],
    },
    {
      name: "abandon ends the attempt without rollup or post-conditions",
      tree: () => flat(seq(post("always", "exitAll"))),
      steps: ["start", "abandon", "continue"],
      expected: ["a", "-", "b"],
    },
  ];

  it.each(cases)("$name", ({ tree, steps, expected }) => {
    expect(walk(tree(), steps).outcomes).toEqual(expected);
  });

  it("counts attempts: a retry begins a new attempt, a resume does not", () => {
    const tree = flat(seq(post("satisfied", "retry", "not")));
    const retried = walk(tree, ["start", "fail", "continue"]).state;
    expect(retried.activities.a.tracking.activityAttemptCount).toBe(2);
    const resumed = walk(tree, ["start", "suspendAll", "resumeAll"]).state;
    expect(resumed.activities.a.tracking.activityAttemptCount).toBe(1);
    expect(resumed.activities.course.tracking.activityAttemptCount).toBe(1);
  });

  it("never changes the state it is given, and its state survives JSON", () => {
    const tree = flat();
    const state = initialState(tree);
    const snapshot = JSON.stringify(state);
    const started = navigate(tree, state, { type: "start" }, NOW);
    expect(JSON.stringify(state)).toBe(snapshot);
    const next = navigate(tree, JSON.parse(JSON.stringify(started.state)), { type: "continue" }, NOW);
    expect(next.deliver).toBe("b");
    expect(started.state.activities.a.tracking.attemptStartedAt).toBe(NOW.toISOString());
  });

  it("explains its exceptions in plain words", () => {
    const tree = flat("", "", "", mode(`flow="true" forwardOnly="true"`));
    const { state } = walk(tree, ["start"]);
    const result = navigate(tree, state, { type: "previous" }, NOW);
    expect(result).toMatchObject({ deliver: null, endSession: false, exception: "NB.2.1-5" });
    expect(result.explanation).toMatch(/forwardOnly/);
    expect(result.state).toBe(state);
  });

  it("selects and reorders children deterministically from the time of the first start", () => {
    const tree = courseTree(
      sco("a") + sco("b") + sco("c") + sco("d"),
      seq(`<imsss:controlMode flow="true"/><imsss:randomizationControls selectCount="2" selectionTiming="once" reorderChildren="true" randomizationTiming="once"/>`),
    );
    const first = walk(tree, ["start"]).state.activities.course.availableChildren;
    expect(first).toHaveLength(2);
    expect(walk(tree, ["start"]).state.activities.course.availableChildren).toEqual(first);
    const { outcomes } = walk(tree, ["start", "continue", "continue"]);
    expect(outcomes).toEqual([first[0], first[1], "end"]);
  });
});

describe("table of contents and buttons", () => {
  it("lists activities with what a choice would do and what is hidden", () => {
    const tree = courseTree(
      cluster("m", [sco("a"), sco("b", seq(pre("always", "disabled")))], FLOW) +
        sco("c", seq(pre("always", "hiddenFromChoice"))) +
        `<item identifier="d" identifierref="r-d" isvisible="false"><title>D</title></item>`,
      FLOW,
    );
    const entries = availableChoices(tree, initialState(tree));
    expect(entries.map(({ id, enabled, hidden, depth }) => ({ id, enabled, hidden, depth }))).toEqual([
      { id: "m", enabled: true, hidden: false, depth: 0 },
      { id: "a", enabled: true, hidden: false, depth: 1 },
      { id: "b", enabled: false, hidden: false, depth: 1 },
      { id: "c", enabled: false, hidden: true, depth: 0 },
      { id: "d", enabled: true, hidden: true, depth: 0 },
    ]);
    expect(entries[0].title).toBe("m");
  });

  it("disables every choice when the root does not allow choice", () => {
    const tree = flat("", "", "", mode(`choice="false" flow="true"`));
    expect(availableChoices(tree, initialState(tree)).every((entry) => !entry.enabled)).toBe(true);
  });

  it("disables a cluster that has nothing to deliver by choice (its own flow is off)", () => {
    const tree = courseTree(cluster("m", [sco("a")]));
    expect(availableChoices(tree, initialState(tree)).map((entry) => entry.enabled)).toEqual([false, true]);
    expect(walk(tree, ["choice:m"]).outcomes).toEqual(["SB.2.9-9"]);
  });

  it("enables previous and continue where flow allows them", () => {
    const tree = flat();
    expect(navigationButtons(tree, initialState(tree))).toEqual({ previous: false, continue: false });
    const states = [["start"], ["start", "continue"], ["start", "continue", "continue"]].map((steps) => walk(tree, steps).state);
    expect(states.map((state) => navigationButtons(tree, state))).toEqual([
      { previous: false, continue: true },
      { previous: true, continue: true },
      { previous: true, continue: true },
    ]);
    const forwardOnly = flat("", "", "", mode(`flow="true" forwardOnly="true"`));
    expect(navigationButtons(forwardOnly, walk(forwardOnly, ["start", "continue"]).state)).toEqual({ previous: false, continue: true });
    const choiceOnly = flat("", "", "", "");
    expect(navigationButtons(choiceOnly, walk(choiceOnly, ["choice:b"]).state)).toEqual({ previous: false, continue: false });
  });
});
