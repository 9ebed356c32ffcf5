import { pathToRoot, type ActivityTree } from "./activity-tree";
import { navigationRequestProcess } from "./navigation";
import { preConditionFires } from "./rules";
import { primaryProgress, type SequencingState } from "./tracking";
import { checkChoice, deliveryRequestProcess, flowOrder, flowSubprocess, type Direction } from "./traversal";

/**
 * What the player shows around the content: the table of contents, the previous/continue
 * buttons and the course's overall status. Each answer is what the sequencer would do with the
 * request now (the termination of the current attempt, which can fire post-condition rules,
 * is not anticipated).
 */

export interface ChoiceEntry {
  id: string;
  title: string;
  parent: string | null;
  /** 0 for the root's children. */
  depth: number;
  /** A choice navigation request for this activity would be carried out. */
  enabled: boolean;
  /** isvisible="false" or a hiddenFromChoice pre-condition on the activity or an ancestor. */
  hidden: boolean;
}

/** The activities below the root in delivery order, for a table of contents. */
export function availableChoices(tree: ActivityTree, state: SequencingState): ChoiceEntry[] {
  return flowOrder(tree, state)
    .filter((id) => id !== tree.root)
    .map((id) => {
      const activity = tree.activities[id];
      const path = pathToRoot(tree, id);
      return {
        id,
        title: activity.title,
        parent: activity.parent,
        depth: path.length - 2,
        enabled: choiceAllowed(tree, state, id),
        hidden: !activity.isVisible || path.some((ancestor) => preConditionFires(tree, state, ancestor, "hiddenFromChoice")),
      };
    });
}

function choiceAllowed(tree: ActivityTree, state: SequencingState, id: string): boolean {
  if ("exception" in navigationRequestProcess(tree, state, { type: "choice", target: id })) return false;
  const checked = checkChoice(tree, state, id);
  return checked.kind === "deliver" && deliveryRequestProcess(tree, state, checked.id) === null;
}

export function navigationButtons(tree: ActivityTree, state: SequencingState): { previous: boolean; continue: boolean } {
  return { previous: flowAllowed(tree, state, "backward"), continue: flowAllowed(tree, state, "forward") };
}

/** Continue is also allowed from the last activity: it ends the course. */
function flowAllowed(tree: ActivityTree, state: SequencingState, direction: Direction): boolean {
  const current = state.currentActivity;
  const type = direction === "forward" ? "continue" : "previous";
  if (current === null || "exception" in navigationRequestProcess(tree, state, { type })) return false;
  const found = flowSubprocess(tree, state, current, direction, false);
  if (found.kind === "endSession") return true;
  return found.kind === "activity" && deliveryRequestProcess(tree, state, found.id) === null;
}

export interface RootStatus {
  completion: "completed" | "incomplete" | "unknown";
  success: "passed" | "failed" | "unknown";
  measure: number | null;
}

/** The course's rolled-up completion, success and scaled measure (the root activity's tracking). */
export function rootStatus(tree: ActivityTree, state: SequencingState): RootStatus {
  const tracking = state.activities[tree.root].tracking;
  const objective = primaryProgress(tree, state, tree.root);
  return {
    completion: !tracking.attemptProgressStatus ? "unknown" : tracking.attemptCompletionStatus ? "completed" : "incomplete",
    success: !objective.progressStatus ? "unknown" : objective.satisfiedStatus ? "passed" : "failed",
    measure: objective.measureStatus ? objective.normalizedMeasure : null,
  };
}
