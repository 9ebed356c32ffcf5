import type { RollupRule } from "../../../standards/content-packaging/sequencing";
import { getActivity, pathToRoot, type ActivityTree } from "./activity-tree";
import { combine, evaluateCondition, preConditionFires, type Truth } from "./rules";
import { primaryProgress, writeGlobalObjectives, type ObjectiveProgress, type SequencingState } from "./tracking";

/** What a SCO left in its run-time data model when its attempt ends or commits. */
export interface RuntimeReport {
  /** cmi.completion_status */
  completionStatus: "completed" | "incomplete" | "not attempted" | "unknown";
  /** cmi.success_status */
  successStatus: "passed" | "failed" | "unknown";
  /** cmi.score.scaled */
  scoreScaled: number | null;
  /** cmi.progress_measure */
  progressMeasure: number | null;
  /** cmi.objectives.n: id, success_status, score.scaled */
  objectives?: { id: string; successStatus: "passed" | "failed" | "unknown"; scoreScaled: number | null }[];
  /** cmi.exit: "suspend" leaves the activity suspended, to be resumed on its next delivery. */
  exit?: "suspend" | "normal" | "logout" | "time-out" | "";
}

type RollupAction = RollupRule["action"];

const DEFAULT_OBJECTIVE_RULES: RollupRule[] = [
  defaultRule("objectiveStatusKnown", "notSatisfied"),
  defaultRule("satisfied", "satisfied"),
];
const DEFAULT_PROGRESS_RULES: RollupRule[] = [
  defaultRule("activityProgressKnown", "incomplete"),
  defaultRule("completed", "completed"),
];

function defaultRule(condition: string, action: RollupAction): RollupRule {
  return { childActivitySet: "all", minimumCount: 0, minimumPercent: 0, conditionCombination: "any", conditions: [{ condition, operator: "noOp" }], action };
}

/**
 * Records a SCO's run-time data in the tracking model of its activity (cmi.completion_status,
 * or cmi.progress_measure against adlcp:completionThreshold when completedByMeasure; success
 * status and scaled score into the primary objective; cmi.objectives into the objectives with
 * the same objectiveID), then runs the Overall Rollup Process, which also writes the global
 * objectives. Untracked activities (deliveryControls tracked="false") record nothing.
 */
export function reportAttempt(tree: ActivityTree, state: SequencingState, activityId: string, runtime: RuntimeReport): SequencingState {
  const activity = getActivity(tree, activityId);
  if (!activity.isLeaf) throw new RangeError(`activity "${activityId}" is a cluster; only a leaf activity has run-time data`);
  const next = structuredClone(state);
  if (!activity.deliveryControls.tracked) return next;
  const activityState = next.activities[activityId];
  const tracking = activityState.tracking;
  const threshold = activity.completionThreshold;
  let completion: RuntimeReport["completionStatus"] = runtime.completionStatus;
  if (threshold?.completedByMeasure) {
    if (runtime.progressMeasure === null) completion = "unknown";
    else completion = runtime.progressMeasure >= threshold.minProgressMeasure ? "completed" : "incomplete";
  }
  tracking.attemptProgressStatus = completion !== "unknown";
  tracking.attemptCompletionStatus = completion === "completed";
  tracking.attemptCompletionAmount = runtime.progressMeasure;
  record(tracking.objectives[activity.objectives[0].id], runtime.successStatus, runtime.scoreScaled);
  for (const reported of runtime.objectives ?? []) {
    const objective = activity.objectives.find((candidate) => candidate.id === reported.id);
    if (objective) record(tracking.objectives[objective.id], reported.successStatus, reported.scoreScaled);
  }
  if (runtime.exit === "suspend") activityState.isSuspended = true;
  overallRollup(tree, next, activityId);
  return next;
}

function record(progress: ObjectiveProgress, successStatus: RuntimeReport["successStatus"], scoreScaled: number | null): void {
  progress.progressStatus = successStatus !== "unknown";
  progress.satisfiedStatus = successStatus === "passed";
  progress.measureStatus = scoreScaled !== null;
  progress.normalizedMeasure = scoreScaled ?? 0;
}

/**
 * Overall Rollup Process (RB.1.5): from the activity up to the root, each cluster's measure,
 * objective and progress are rolled up from its children; every activity on the way writes
 * the global objectives it maps with write permission.
 */
export function overallRollup(tree: ActivityTree, state: SequencingState, id: string): void {
  for (const activityId of pathToRoot(tree, id)) {
    if (!tree.activities[activityId].isLeaf) {
      measureRollup(tree, state, activityId);
      objectiveRollup(tree, state, activityId);
      activityProgressRollup(tree, state, activityId);
    }
    writeGlobalObjectives(tree, state, activityId);
  }
}

/** Measure Rollup Process (RB.1.1): the weighted mean (objectiveMeasureWeight) of the tracked children's measures. */
function measureRollup(tree: ActivityTree, state: SequencingState, id: string): void {
  let totalWeight = 0;
  let weightedMeasure = 0;
  let valid = false;
  for (const childId of state.activities[id].availableChildren) {
    const child = tree.activities[childId];
    if (!child.deliveryControls.tracked) continue;
    const weight = child.rollupRules.objectiveMeasureWeight;
    totalWeight += weight;
    const progress = primaryProgress(tree, state, childId);
    if (progress.measureStatus) {
      valid = true;
      weightedMeasure += progress.normalizedMeasure * weight;
    }
  }
  const primary = state.activities[id].tracking.objectives[tree.activities[id].objectives[0].id];
  primary.measureStatus = valid && totalWeight > 0;
  primary.normalizedMeasure = primary.measureStatus ? weightedMeasure / totalWeight : 0;
}

/**
 * Objective Rollup Process (RB.1.2): by measure when the primary objective is satisfiedByMeasure
 * (applied when the objective is read, see objectiveProgress), else by the rollup rules with a
 * satisfied/notSatisfied action, else by the default rules. The status is recomputed from the
 * children each time: when no rule applies it is unknown, rather than what an earlier rollup left.
 */
function objectiveRollup(tree: ActivityTree, state: SequencingState, id: string): void {
  const activity = tree.activities[id];
  if (activity.objectives[0].satisfiedByMeasure) return;
  const defined = activity.rollupRules.rules.filter((rule) => rule.action === "satisfied" || rule.action === "notSatisfied");
  const rules = defined.length > 0 ? defined : DEFAULT_OBJECTIVE_RULES;
  const primary = state.activities[id].tracking.objectives[activity.objectives[0].id];
  Object.assign(primary, { progressStatus: false, satisfiedStatus: false });
  if (rollupRuleCheck(tree, state, id, rules, "notSatisfied")) Object.assign(primary, { progressStatus: true, satisfiedStatus: false });
  if (rollupRuleCheck(tree, state, id, rules, "satisfied")) Object.assign(primary, { progressStatus: true, satisfiedStatus: true });
}

/** Activity Progress Rollup Process (RB.1.3): by the rules with a completed/incomplete action, else by the default rules; unknown when none applies. */
function activityProgressRollup(tree: ActivityTree, state: SequencingState, id: string): void {
  const defined = tree.activities[id].rollupRules.rules.filter((rule) => rule.action === "completed" || rule.action === "incomplete");
  const rules = defined.length > 0 ? defined : DEFAULT_PROGRESS_RULES;
  const tracking = state.activities[id].tracking;
  Object.assign(tracking, { attemptProgressStatus: false, attemptCompletionStatus: false });
  if (rollupRuleCheck(tree, state, id, rules, "incomplete")) Object.assign(tracking, { attemptProgressStatus: true, attemptCompletionStatus: false });
  if (rollupRuleCheck(tree, state, id, rules, "completed")) Object.assign(tracking, { attemptProgressStatus: true, attemptCompletionStatus: true });
}

/** Rollup Rule Check Subprocess (RB.1.4): whether any rule with the action applies to the children. */
function rollupRuleCheck(tree: ActivityTree, state: SequencingState, id: string, rules: RollupRule[], action: RollupAction): boolean {
  return rules
    .filter((rule) => rule.action === action)
    .some((rule) => {
      const contributions: Truth[] = state.activities[id].availableChildren
        .filter((childId) => contributesToRollup(tree, state, childId, action))
        .map((childId) => combine(rule.conditions.map((condition) => evaluateCondition(tree, state, childId, condition)), rule.conditionCombination));
      return childActivitySetApplies(rule, contributions);
    });
}

/** Evaluate Rollup Rule's child activity set; an empty set of contributing children never applies. */
function childActivitySetApplies(rule: RollupRule, contributions: Truth[]): boolean {
  if (contributions.length === 0) return false;
  const trueCount = contributions.filter((value) => value === true).length;
  switch (rule.childActivitySet) {
    case "all":
      return trueCount === contributions.length;
    case "any":
      return trueCount > 0;
    case "none":
      return contributions.every((value) => value === false);
    case "atLeastCount":
      return trueCount >= rule.minimumCount;
    case "atLeastPercent":
      return trueCount / contributions.length >= rule.minimumPercent;
  }
}

/**
 * Check Child for Rollup Subprocess (RB.1.4.2): tracked, rollupObjectiveSatisfied /
 * rollupProgressCompletion, and the adlseq requiredFor… consideration for this action.
 */
function contributesToRollup(tree: ActivityTree, state: SequencingState, id: string, action: RollupAction): boolean {
  const child = tree.activities[id];
  if (!child.deliveryControls.tracked) return false;
  const objective = action === "satisfied" || action === "notSatisfied";
  if (objective ? !child.rollupRules.rollupObjectiveSatisfied : !child.rollupRules.rollupProgressCompletion) return false;
  const considerations = child.rollupConsiderations;
  const requirement = {
    satisfied: considerations.requiredForSatisfied,
    notSatisfied: considerations.requiredForNotSatisfied,
    completed: considerations.requiredForCompleted,
    incomplete: considerations.requiredForIncomplete,
  }[action];
  const { tracking, isSuspended } = state.activities[id];
  const attempted = tracking.activityProgressStatus && tracking.activityAttemptCount > 0;
  switch (requirement) {
    case "always":
      return true;
    case "ifAttempted":
      return attempted;
    case "ifNotSkipped":
      return !preConditionFires(tree, state, id, "skip");
    case "ifNotSuspended":
      return tracking.activityProgressStatus && !(tracking.activityAttemptCount > 0 && isSuspended);
  }
}
