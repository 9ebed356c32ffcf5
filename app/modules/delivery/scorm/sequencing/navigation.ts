import { commonAncestor, pathToRoot, type ActivityTree } from "./activity-tree";
import { contentDelivery, endAttempt, selectAndRandomize, terminateDescendentAttempts } from "./attempts";
import { explainException, type SequencingExceptionCode } from "./exceptions";
import { overallRollup } from "./rollup";
import { sequencingRulesCheck, type PostConditionAction } from "./rules";
import { resetDescendants, type SequencingState } from "./tracking";
import { checkChoice, deliveryRequestProcess, flowSubprocess, type Direction } from "./traversal";

export type NavigationRequestType =
  | "start"
  | "resumeAll"
  | "continue"
  | "previous"
  | "choice"
  | "exit"
  | "exitAll"
  | "suspendAll"
  | "abandon"
  | "abandonAll";

export interface NavigationRequest {
  type: NavigationRequestType;
  /** The activity id a choice request targets. */
  target?: string;
}

export type TerminationRequest = "exit" | "exitAll" | "suspendAll" | "abandon" | "abandonAll";

export interface SequencingRequest {
  type: "start" | "resumeAll" | "continue" | "previous" | "choice" | "retry" | "exit";
  target?: string;
}

export interface DeliveryRequest {
  activity: string;
}

export interface NavigationResult {
  state: SequencingState;
  /** The leaf activity to launch, or null when nothing is to be launched. */
  deliver: string | null;
  /** True when the sequencing session has ended (the course was left, suspended or finished). */
  endSession: boolean;
  /** The SN exception code when the request could not be carried out. */
  exception: SequencingExceptionCode | null;
  /** The plain explanation of the exception. */
  explanation: string | null;
}

type Invalid = { exception: SequencingExceptionCode };

/**
 * Overall Sequencing Process (OP.1): the navigation request process validates the request,
 * the termination request process ends the current attempt (running exit-action and
 * post-condition rules, which may replace the sequencing request), the sequencing request
 * process finds the activity to deliver, and the delivery request and content delivery
 * environment processes begin its attempts. The state passed in is never modified. A request
 * that the navigation request process refuses leaves the state as it was; a later exception
 * keeps the effects of the termination, as in the SN book. When the session ends the current
 * activity becomes undefined, so the next session begins with start or resumeAll.
 */
export function navigate(tree: ActivityTree, state: SequencingState, request: NavigationRequest, now: Date): NavigationResult {
  const requests = navigationRequestProcess(tree, state, request);
  if ("exception" in requests) return failed(state, requests.exception);
  const next = structuredClone(state);
  let sequencing = requests.sequencing;
  if (requests.termination) {
    const terminated = terminationRequestProcess(tree, next, requests.termination);
    if ("exception" in terminated) return failed(next, terminated.exception);
    sequencing = terminated.sequencing ?? sequencing;
  }
  const sequenced = sequencingRequestProcess(tree, next, sequencing, now);
  if ("exception" in sequenced) return failed(next, sequenced.exception);
  if (sequenced.endSession) {
    next.currentActivity = null;
    return { state: next, deliver: null, endSession: true, exception: null, explanation: null };
  }
  if (!sequenced.delivery) return { state: next, deliver: null, endSession: false, exception: null, explanation: null };
  const refused = deliveryRequestProcess(tree, next, sequenced.delivery.activity);
  if (refused) return failed(next, refused);
  contentDelivery(tree, next, sequenced.delivery.activity, now);
  return { state: next, deliver: sequenced.delivery.activity, endSession: false, exception: null, explanation: null };
}

function failed(state: SequencingState, exception: SequencingExceptionCode): NavigationResult {
  return { state, deliver: null, endSession: false, exception, explanation: explainException(exception) };
}

/**
 * Navigation Request Process (NB.2.1): whether the request is allowed by the control modes
 * (flow, forwardOnly, choice, choiceExit) and which termination and sequencing requests it
 * stands for. Reads the state only.
 */
export function navigationRequestProcess(
  tree: ActivityTree,
  state: SequencingState,
  request: NavigationRequest,
): { termination: TerminationRequest | null; sequencing: SequencingRequest } | Invalid {
  const current = state.currentActivity;
  const active = current !== null && state.activities[current].isActive;
  const exitFirst = (sequencing: SequencingRequest) => ({ termination: active ? ("exit" as const) : null, sequencing });
  const parentOf = (id: string) => tree.activities[id].parent;
  switch (request.type) {
    case "start":
      return current === null ? { termination: null, sequencing: { type: "start" } } : { exception: "NB.2.1-1" };
    case "resumeAll":
      if (current !== null) return { exception: "NB.2.1-1" };
      return state.suspendedActivity === null ? { exception: "NB.2.1-3" } : { termination: null, sequencing: { type: "resumeAll" } };
    case "continue": {
      if (current === null) return { exception: "NB.2.1-2" };
      const parent = parentOf(current);
      if (parent === null || !tree.activities[parent].controlMode.flow) return { exception: "NB.2.1-4" };
      return exitFirst({ type: "continue" });
    }
    case "previous": {
      if (current === null) return { exception: "NB.2.1-2" };
      const parent = parentOf(current);
      if (parent === null) return { exception: "NB.2.1-6" };
      const mode = tree.activities[parent].controlMode;
      if (!mode.flow || mode.forwardOnly) return { exception: "NB.2.1-5" };
      return exitFirst({ type: "previous" });
    }
    case "choice": {
      const target = request.target;
      if (target === undefined || !tree.activities[target]) return { exception: "NB.2.1-11" };
      const parent = parentOf(target);
      if (parent !== null && !tree.activities[parent].controlMode.choice) return { exception: "NB.2.1-10" };
      if (current !== null && current !== target) {
        const path = pathToRoot(tree, current);
        const leaving = path.slice(0, path.indexOf(commonAncestor(tree, current, target)));
        if (leaving.some((id) => state.activities[id].isActive && !tree.activities[id].controlMode.choiceExit)) return { exception: "NB.2.1-8" };
      }
      return exitFirst({ type: "choice", target });
    }
    case "exit":
    case "abandon":
      if (current === null) return { exception: "NB.2.1-2" };
      if (!active) return { exception: "NB.2.1-12" };
      return { termination: request.type, sequencing: { type: "exit" } };
    case "exitAll":
    case "abandonAll":
    case "suspendAll":
      if (current === null) return { exception: "NB.2.1-2" };
      return { termination: request.type, sequencing: { type: "exit" } };
    default:
      return { exception: "NB.2.1-13" };
  }
}

/**
 * Termination Request Process (TB.2.3). For exit: End Attempt, the exit-action rules of the
 * ancestors (TB.2.1), then the post-condition rules (TB.2.2), whose exitParent repeats the
 * process one level up and whose exitAll, retry, retryAll, continue and previous replace the
 * sequencing request.
 */
function terminationRequestProcess(
  tree: ActivityTree,
  state: SequencingState,
  request: TerminationRequest,
): { sequencing: SequencingRequest | null } | Invalid {
  const current = state.currentActivity;
  if (current === null) return { exception: "TB.2.3-1" };
  switch (request) {
    case "exit": {
      endAttempt(tree, state, current);
      exitActionRules(tree, state);
      for (;;) {
        const post = postConditionRules(tree, state);
        if (post.termination === "exitAll") return exitAll(tree, state, post.sequencing);
        const activity = state.currentActivity as string;
        if (post.termination === "exitParent") {
          const parent = tree.activities[activity].parent;
          if (parent === null) return { exception: "TB.2.3-4" };
          state.currentActivity = parent;
          endAttempt(tree, state, parent);
          continue;
        }
        if (activity === tree.root && post.sequencing?.type !== "retry") return { sequencing: { type: "exit" } };
        return { sequencing: post.sequencing };
      }
    }
    case "exitAll":
      return exitAll(tree, state, null);
    case "suspendAll": {
      const activityState = state.activities[current];
      if (current === tree.root && !activityState.isActive) return { exception: "TB.2.3-3" };
      overallRollup(tree, state, current);
      state.suspendedActivity = current;
      for (const id of pathToRoot(tree, current)) Object.assign(state.activities[id], { isActive: false, isSuspended: true });
      state.currentActivity = tree.root;
      return { sequencing: { type: "exit" } };
    }
    case "abandon":
      state.activities[current].isActive = false;
      return { sequencing: null };
    case "abandonAll":
      for (const id of pathToRoot(tree, current)) state.activities[id].isActive = false;
      state.currentActivity = tree.root;
      return { sequencing: { type: "exit" } };
  }
}

function exitAll(tree: ActivityTree, state: SequencingState, sequencing: SequencingRequest | null): { sequencing: SequencingRequest } {
  const current = state.currentActivity as string;
  if (state.activities[current].isActive) endAttempt(tree, state, current);
  terminateDescendentAttempts(tree, state, tree.root);
  endAttempt(tree, state, tree.root);
  state.currentActivity = tree.root;
  return { sequencing: sequencing ?? { type: "exit" } };
}

/** Sequencing Exit Action Rules Subprocess (TB.2.1): the outermost ancestor whose exit rule fires ends its attempt and becomes current. */
function exitActionRules(tree: ActivityTree, state: SequencingState): void {
  const ancestors = pathToRoot(tree, state.currentActivity as string).slice(1).reverse();
  const exitTarget = ancestors.find((id) => sequencingRulesCheck(tree, state, id, tree.activities[id].sequencingRules.exitConditionRules, ["exit"]));
  if (exitTarget === undefined) return;
  terminateDescendentAttempts(tree, state, exitTarget);
  endAttempt(tree, state, exitTarget);
  state.currentActivity = exitTarget;
}

const POST_CONDITION_ACTIONS: readonly PostConditionAction[] = ["exitParent", "exitAll", "retry", "retryAll", "continue", "previous"];

/** Sequencing Post Condition Rules Subprocess (TB.2.2); a suspended activity's post-conditions are not evaluated. */
function postConditionRules(tree: ActivityTree, state: SequencingState): { termination: "exitParent" | "exitAll" | null; sequencing: SequencingRequest | null } {
  const current = state.currentActivity as string;
  if (state.activities[current].isSuspended) return { termination: null, sequencing: null };
  const action = sequencingRulesCheck(tree, state, current, tree.activities[current].sequencingRules.postConditionRules, POST_CONDITION_ACTIONS);
  switch (action) {
    case "retry":
    case "continue":
    case "previous":
      return { termination: null, sequencing: { type: action } };
    case "exitParent":
    case "exitAll":
      return { termination: action, sequencing: null };
    case "retryAll":
      return { termination: "exitAll", sequencing: { type: "retry" } };
    case null:
      return { termination: null, sequencing: null };
  }
}

type Sequenced = { delivery: DeliveryRequest | null; endSession: boolean } | Invalid;

const deliver = (activity: string): Sequenced => ({ delivery: { activity }, endSession: false });
const nothing: Sequenced = { delivery: null, endSession: false };

/** Sequencing Request Process (SB.2.12): dispatches to the start, resume all, continue, previous, choice, retry and exit processes. */
function sequencingRequestProcess(tree: ActivityTree, state: SequencingState, request: SequencingRequest, now: Date): Sequenced {
  const current = state.currentActivity;
  switch (request.type) {
    case "start":
      if (current !== null) return { exception: "SB.2.5-1" };
      selectAndRandomize(tree, state, tree.root, now);
      if (tree.activities[tree.root].isLeaf) return deliver(tree.root);
      return flow(tree, state, tree.root, "forward", true);
    case "resumeAll":
      if (current !== null) return { exception: "SB.2.6-1" };
      if (state.suspendedActivity === null) return { exception: "SB.2.6-2" };
      return deliver(state.suspendedActivity);
    case "continue":
    case "previous": {
      const forward = request.type === "continue";
      if (current === null) return { exception: forward ? "SB.2.7-1" : "SB.2.8-1" };
      const parent = tree.activities[current].parent;
      if (parent !== null && !tree.activities[parent].controlMode.flow) return { exception: forward ? "SB.2.7-2" : "SB.2.8-2" };
      return flow(tree, state, current, forward ? "forward" : "backward", false);
    }
    case "choice":
      return choice(tree, state, request.target as string);
    case "retry": {
      if (current === null) return { exception: "SB.2.10-1" };
      const activityState = state.activities[current];
      if (activityState.isActive || activityState.isSuspended) return { exception: "SB.2.10-2" };
      if (tree.activities[current].isLeaf) return deliver(current);
      selectAndRandomize(tree, state, current, now);
      resetDescendants(tree, state, current);
      const found = flowSubprocess(tree, state, current, "forward", true);
      return found.kind === "activity" ? deliver(found.id) : { exception: "SB.2.10-3" };
    }
    case "exit":
      if (current === null) return { exception: "SB.2.11-1" };
      return current === tree.root ? { delivery: null, endSession: true } : nothing;
  }
}

/**
 * Start, Continue and Previous Sequencing Request Processes (SB.2.5, SB.2.7, SB.2.8) through
 * the Flow Subprocess; walking forward off the end of the tree ends the root's attempt and the session.
 */
function flow(tree: ActivityTree, state: SequencingState, from: string, direction: Direction, considerChildren: boolean): Sequenced {
  const found = flowSubprocess(tree, state, from, direction, considerChildren);
  if (found.kind === "activity") return deliver(found.id);
  if (found.kind === "exception") return { exception: found.code };
  terminateDescendentAttempts(tree, state, tree.root);
  if (state.activities[tree.root].isActive) endAttempt(tree, state, tree.root);
  return { delivery: null, endSession: true };
}

/** Choice Sequencing Request Process (SB.2.9); a chosen cluster with nothing to deliver becomes the current activity. */
function choice(tree: ActivityTree, state: SequencingState, target: string): Sequenced {
  const checked = checkChoice(tree, state, target);
  if (checked.kind === "deliver") return deliver(checked.id);
  if (checked.kind === "exception") return { exception: checked.code };
  terminateDescendentAttempts(tree, state, checked.commonAncestor);
  endAttempt(tree, state, checked.commonAncestor);
  state.currentActivity = target;
  return { exception: "SB.2.9-9" };
}
