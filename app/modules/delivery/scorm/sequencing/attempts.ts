import { commonAncestor, pathToRoot, type ActivityTree } from "./activity-tree";
import { overallRollup } from "./rollup";
import { beginNewAttempt, type SequencingState } from "./tracking";

/**
 * The utility processes that open and close attempts: End Attempt (UP.4), Terminate
 * Descendent Attempts (UP.3), Clear Suspended Activity (DB.2.1), the Content Delivery
 * Environment Process (DB.2), and the Select Children / Randomize Children processes (SR.1, SR.2).
 */

/**
 * End Attempt Process (UP.4). A tracked leaf that is not suspended gets the defaults the SN book
 * gives content that does not report: completed unless completionSetByContent, satisfied unless
 * objectiveSetByContent. A cluster is suspended when one of its children is.
 */
export function endAttempt(tree: ActivityTree, state: SequencingState, id: string): void {
  const activity = tree.activities[id];
  const activityState = state.activities[id];
  if (activity.isLeaf) {
    if (activity.deliveryControls.tracked && !activityState.isSuspended) {
      const tracking = activityState.tracking;
      if (!activity.deliveryControls.completionSetByContent && !tracking.attemptProgressStatus) {
        tracking.attemptProgressStatus = true;
        tracking.attemptCompletionStatus = true;
      }
      const primary = tracking.objectives[activity.objectives[0].id];
      if (!activity.deliveryControls.objectiveSetByContent && !primary.progressStatus) {
        primary.progressStatus = true;
        primary.satisfiedStatus = true;
      }
    }
  } else {
    activityState.isSuspended = activityState.availableChildren.some((child) => state.activities[child].isSuspended);
  }
  activityState.isActive = false;
  overallRollup(tree, state, id);
}

/** Terminate Descendent Attempts Process (UP.3): ends the attempts between the current activity and its common ancestor with `id`. */
export function terminateDescendentAttempts(tree: ActivityTree, state: SequencingState, id: string): void {
  const current = state.currentActivity;
  if (current === null) return;
  const path = pathToRoot(tree, current);
  const common = commonAncestor(tree, current, id);
  for (const activity of path.slice(1, path.indexOf(common))) endAttempt(tree, state, activity);
}

/** Clear Suspended Activity Subprocess (DB.2.1): delivering something else than the suspended activity forgets the suspension up to the common ancestor. */
function clearSuspendedActivity(tree: ActivityTree, state: SequencingState, id: string): void {
  const suspended = state.suspendedActivity;
  if (suspended === null) return;
  const path = pathToRoot(tree, suspended);
  const common = commonAncestor(tree, suspended, id);
  for (const activity of path.slice(0, path.indexOf(common) + 1)) {
    const activityState = state.activities[activity];
    if (tree.activities[activity].isLeaf) activityState.isSuspended = false;
    else if (!activityState.availableChildren.some((child) => state.activities[child].isSuspended)) activityState.isSuspended = false;
  }
  state.suspendedActivity = null;
}

/**
 * Content Delivery Environment Process (DB.2): ends the attempts the delivery leaves, then on
 * every activity from the root to the delivered one that is not active either resumes its
 * suspended attempt or begins a new one (tracked activities only count attempts).
 */
export function contentDelivery(tree: ActivityTree, state: SequencingState, id: string, now: Date): void {
  if (state.suspendedActivity !== id) clearSuspendedActivity(tree, state, id);
  terminateDescendentAttempts(tree, state, id);
  for (const activity of pathToRoot(tree, id).reverse()) {
    const activityState = state.activities[activity];
    if (activityState.isActive) continue;
    if (activityState.isSuspended) activityState.isSuspended = false;
    else if (tree.activities[activity].deliveryControls.tracked) beginNewAttempt(tree, state, activity, now);
    activityState.isActive = true;
  }
  state.currentActivity = id;
  state.suspendedActivity = null;
}

/**
 * Select Children (SR.1) and Randomize Children (SR.2) for the clusters of a subtree that begin
 * a new attempt: selectCount children kept in manifest order, then reorderChildren shuffles
 * them. "once" applies before the first attempt only, "onEachNewAttempt" every time. The
 * random numbers come from `now` and the activity id, so the processes stay deterministic.
 */
export function selectAndRandomize(tree: ActivityTree, state: SequencingState, id: string, now: Date): void {
  const activity = tree.activities[id];
  const activityState = state.activities[id];
  const controls = activity.randomizationControls;
  const applies = (timing: "never" | "once" | "onEachNewAttempt") =>
    timing === "onEachNewAttempt" || (timing === "once" && activityState.tracking.activityAttemptCount === 0);
  const random = seededRandom(`${id}@${now.getTime()}`);
  if (applies(controls.selectionTiming) && controls.selectCount !== null && controls.selectCount < activity.children.length) {
    const chosen = new Set<string>();
    while (chosen.size < controls.selectCount) chosen.add(activity.children[Math.floor(random() * activity.children.length)]);
    activityState.availableChildren = activity.children.filter((child) => chosen.has(child));
  }
  if (applies(controls.randomizationTiming) && controls.reorderChildren) {
    const order = [...activityState.availableChildren];
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    activityState.availableChildren = order;
  }
  for (const child of activity.children) selectAndRandomize(tree, state, child, now);
}

/** mulberry32 seeded with a string hash: a small, well-distributed deterministic generator. */
function seededRandom(seed: string): () => number {
  let a = 0;
  for (const char of seed) a = Math.imul(a ^ char.charCodeAt(0), 2654435761) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
