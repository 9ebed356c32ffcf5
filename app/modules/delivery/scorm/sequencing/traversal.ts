import { commonAncestor, isAncestorOf, pathToRoot, type ActivityTree } from "./activity-tree";
import type { SequencingExceptionCode } from "./exceptions";
import { activityBlocked, preConditionFires } from "./rules";
import type { SequencingState } from "./tracking";

/**
 * The read-only part of the sequencing request processes: flow and choice traversal over the
 * activity tree as the current state sees it. Nothing here changes the state, so the table of
 * contents and the navigation buttons can ask the same questions the sequencer does.
 */

export type Direction = "forward" | "backward";

export type TraversalResult =
  | { kind: "activity"; id: string; direction: Direction }
  | { kind: "endSession" }
  | { kind: "exception"; code: SequencingExceptionCode };

const exception = (code: SequencingExceptionCode): TraversalResult => ({ kind: "exception", code });

function available(state: SequencingState, id: string): string[] {
  return state.activities[id].availableChildren;
}

function siblings(tree: ActivityTree, state: SequencingState, id: string): string[] {
  const parent = tree.activities[id].parent;
  return parent === null ? [id] : available(state, parent);
}

/** The activity tree in delivery order: preorder over the available children. */
export function flowOrder(tree: ActivityTree, state: SequencingState): string[] {
  const order: string[] = [];
  const visit = (id: string) => {
    order.push(id);
    available(state, id).forEach(visit);
  };
  visit(tree.root);
  return order;
}

function lastInTree(tree: ActivityTree, state: SequencingState): string {
  let id = tree.root;
  while (available(state, id).length > 0) id = available(state, id).at(-1) as string;
  return id;
}

/** Flow Tree Traversal Subprocess (SB.2.1): the next activity in flow order, without looking at rules. */
function flowTreeTraversal(
  tree: ActivityTree,
  state: SequencingState,
  start: string,
  startDirection: Direction,
  considerChildren: boolean,
  previousDirection: Direction | null,
): TraversalResult {
  let id = start;
  let direction = startDirection;
  let reversed = false;
  const parent = tree.activities[id].parent;
  if (previousDirection === "backward" && parent !== null && siblings(tree, state, id).at(-1) === id) {
    direction = "backward";
    id = siblings(tree, state, id)[0];
    reversed = true;
  }
  const activity = tree.activities[id];
  const children = available(state, id);
  const own = siblings(tree, state, id);
  const index = own.indexOf(id);
  if (direction === "forward") {
    if (id === lastInTree(tree, state) || (!considerChildren && id === tree.root)) return { kind: "endSession" };
    if (activity.isLeaf || !considerChildren) {
      if (index === own.length - 1) return flowTreeTraversal(tree, state, activity.parent as string, "forward", false, null);
      return { kind: "activity", id: own[index + 1], direction: "forward" };
    }
    if (children.length === 0) return exception("SB.2.1-2");
    return { kind: "activity", id: children[0], direction: "forward" };
  }
  if (id === tree.root) return exception("SB.2.1-3");
  if (activity.isLeaf || !considerChildren) {
    if (!reversed && tree.activities[activity.parent as string].controlMode.forwardOnly) return exception("SB.2.1-4");
    if (index === 0) return flowTreeTraversal(tree, state, activity.parent as string, "backward", false, null);
    return { kind: "activity", id: own[index - 1], direction: "backward" };
  }
  if (children.length === 0) return exception("SB.2.1-2");
  if (activity.controlMode.forwardOnly) return { kind: "activity", id: children[0], direction: "forward" };
  return { kind: "activity", id: children[children.length - 1], direction: "backward" };
}

/**
 * Flow Activity Traversal Subprocess (SB.2.2): from a candidate, past activities whose skip
 * pre-condition fires and into clusters, to a leaf that may be delivered (not disabled, within
 * its attemptLimit).
 */
function flowActivityTraversal(
  tree: ActivityTree,
  state: SequencingState,
  id: string,
  direction: Direction,
  previousDirection: Direction | null,
): TraversalResult {
  const activity = tree.activities[id];
  if (activity.parent !== null && !tree.activities[activity.parent].controlMode.flow) return exception("SB.2.2-1");
  if (preConditionFires(tree, state, id, "skip")) {
    const next = flowTreeTraversal(tree, state, id, direction, false, previousDirection);
    if (next.kind !== "activity") return next;
    const bothBackward = previousDirection === "backward" && next.direction === "backward";
    return flowActivityTraversal(tree, state, next.id, next.direction, bothBackward ? null : previousDirection);
  }
  if (activityBlocked(tree, state, id)) return exception("SB.2.2-2");
  if (!activity.isLeaf) {
    const next = flowTreeTraversal(tree, state, id, direction, true, null);
    if (next.kind !== "activity") return next;
    const reversed = direction === "backward" && next.direction === "forward";
    return flowActivityTraversal(tree, state, next.id, next.direction, reversed ? "backward" : null);
  }
  return { kind: "activity", id, direction };
}

/** Flow Subprocess (SB.2.3): the leaf a flow request from this activity arrives at. */
export function flowSubprocess(tree: ActivityTree, state: SequencingState, from: string, direction: Direction, considerChildren: boolean): TraversalResult {
  const candidate = flowTreeTraversal(tree, state, from, direction, considerChildren, null);
  if (candidate.kind !== "activity") return candidate;
  return flowActivityTraversal(tree, state, candidate.id, candidate.direction, null);
}

/** Choice Activity Traversal Subprocess (SB.2.4): stopForwardTraversal forward, forwardOnly backward. */
function choiceActivityTraversal(tree: ActivityTree, state: SequencingState, id: string, direction: Direction): SequencingExceptionCode | null {
  if (direction === "forward") return preConditionFires(tree, state, id, "stopForwardTraversal") ? "SB.2.4-1" : null;
  const parent = tree.activities[id].parent;
  if (parent === null) return "SB.2.4-3";
  return tree.activities[parent].controlMode.forwardOnly ? "SB.2.4-2" : null;
}

/** Choice Flow Tree Traversal Subprocess (SB.2.9.2): the next or previous activity in flow order, ignoring children. */
function choiceFlowTreeTraversal(tree: ActivityTree, state: SequencingState, id: string, direction: Direction): string | null {
  const parent = tree.activities[id].parent;
  if (parent === null) return null;
  const own = available(state, parent);
  const index = own.indexOf(id);
  if (direction === "forward") {
    if (id === lastInTree(tree, state)) return null;
    return index === own.length - 1 ? choiceFlowTreeTraversal(tree, state, parent, direction) : own[index + 1];
  }
  return index === 0 ? choiceFlowTreeTraversal(tree, state, parent, direction) : own[index - 1];
}

export type ChoiceCheck =
  | { kind: "deliver"; id: string }
  | { kind: "nothingToDeliver"; commonAncestor: string }
  | { kind: "exception"; code: SequencingExceptionCode };

/**
 * Choice Sequencing Request Process (SB.2.9) without its effects: whether the target may be
 * chosen from the current activity (availability, hiddenFromChoice, choice, choiceExit,
 * forwardOnly and stopForwardTraversal between current and target, constrainChoice,
 * preventActivation) and which leaf it leads to.
 */
export function checkChoice(tree: ActivityTree, state: SequencingState, target: string): ChoiceCheck {
  const fail = (code: SequencingExceptionCode): ChoiceCheck => ({ kind: "exception", code });
  if (!tree.activities[target]) return fail("SB.2.9-1");
  const path = pathToRoot(tree, target).reverse();
  for (const id of path) {
    const parent = tree.activities[id].parent;
    if (parent !== null && !available(state, parent).includes(id)) return fail("SB.2.9-2");
    if (preConditionFires(tree, state, id, "hiddenFromChoice")) return fail("SB.2.9-3");
  }
  const targetParent = tree.activities[target].parent;
  if (targetParent !== null && !tree.activities[targetParent].controlMode.choice) return fail("SB.2.9-4");

  const current = state.currentActivity;
  const common = current === null ? tree.root : commonAncestor(tree, current, target);
  const order = flowOrder(tree, state);
  const isActive = (id: string) => state.activities[id].isActive;
  const preventsActivation = (id: string) => id !== common && !isActive(id) && tree.activities[id].constrainedChoiceConsiderations.preventActivation;
  const downPath = path.slice(path.indexOf(common), -1);

  if (current === null || current === common) {
    for (const id of downPath) {
      const code = choiceActivityTraversal(tree, state, id, "forward") ?? (preventsActivation(id) ? "SB.2.9-6" : null);
      if (code) return fail(code);
    }
  } else if (current !== target && tree.activities[current].parent === targetParent) {
    const own = siblings(tree, state, target);
    const from = own.indexOf(current);
    const to = own.indexOf(target);
    const between = to > from ? own.slice(from, to) : own.slice(to + 1, from + 1);
    for (const id of between) {
      const code = choiceActivityTraversal(tree, state, id, to > from ? "forward" : "backward");
      if (code) return fail(code);
    }
  } else if (current !== target) {
    const upPath = pathToRoot(tree, current).slice(0, pathToRoot(tree, current).indexOf(common));
    let constrained: string | null = null;
    for (const id of upPath) {
      if (isActive(id) && !tree.activities[id].controlMode.choiceExit) return fail("SB.2.9-7");
      if (constrained === null && tree.activities[id].constrainedChoiceConsiderations.constrainChoice) constrained = id;
    }
    if (target !== common) {
      const forward = order.indexOf(target) > order.indexOf(current);
      if (constrained !== null) {
        const consider = choiceFlowTreeTraversal(tree, state, constrained, forward ? "forward" : "backward") ?? constrained;
        if (target !== consider && target !== constrained && !isAncestorOf(tree, consider, target)) return fail("SB.2.9-8");
      }
      for (const id of downPath) {
        const code = (forward ? choiceActivityTraversal(tree, state, id, "forward") : null) ?? (preventsActivation(id) ? "SB.2.9-6" : null);
        if (code) return fail(code);
      }
    }
  }

  if (tree.activities[target].isLeaf) return { kind: "deliver", id: target };
  const flow = flowSubprocess(tree, state, target, "forward", true);
  return flow.kind === "activity" ? { kind: "deliver", id: flow.id } : { kind: "nothingToDeliver", commonAncestor: common };
}

/** Delivery Request Process (DB.1.1): only a leaf, with no disabled or exhausted activity on its path, may be delivered. */
export function deliveryRequestProcess(tree: ActivityTree, state: SequencingState, id: string): SequencingExceptionCode | null {
  if (!tree.activities[id].isLeaf) return "DB.1.1-1";
  return pathToRoot(tree, id).some((activity) => activityBlocked(tree, state, activity)) ? "DB.1.1-3" : null;
}
