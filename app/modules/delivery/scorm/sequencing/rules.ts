import type { RuleConditionOperator, SequencingRule } from "../../../standards/content-packaging/sequencing";
import type { ActivityTree } from "./activity-tree";
import { findObjective, objectiveProgress, type SequencingState } from "./tracking";

/** Kleene's three-valued logic, as the SN book evaluates rule conditions: undefined is "unknown". */
export type Truth = boolean | undefined;

export type PreConditionAction = "skip" | "disabled" | "hiddenFromChoice" | "stopForwardTraversal";
export type PostConditionAction = "exitParent" | "exitAll" | "retry" | "retryAll" | "continue" | "previous";

/**
 * Evaluates one condition of a sequencing or rollup rule for an activity. Conditions about
 * time (timeLimitExceeded, outsideAvailableTimeRange) are never true: durations are not
 * tracked by this engine.
 */
export function evaluateCondition(
  tree: ActivityTree,
  state: SequencingState,
  id: string,
  condition: { condition: string; operator: RuleConditionOperator; referencedObjective?: string | null; measureThreshold?: number | null },
): Truth {
  const activity = tree.activities[id];
  const tracking = state.activities[id].tracking;
  const definition = findObjective(activity, condition.referencedObjective ?? null);
  const objective = definition ? objectiveProgress(tree, state, id, definition) : undefined;
  const threshold = condition.measureThreshold ?? 0;
  let value: Truth;
  switch (condition.condition) {
    case "satisfied":
      value = objective?.progressStatus ? objective.satisfiedStatus : undefined;
      break;
    case "objectiveStatusKnown":
      value = !!objective?.progressStatus;
      break;
    case "objectiveMeasureKnown":
      value = !!objective?.measureStatus;
      break;
    case "objectiveMeasureGreaterThan":
      value = objective?.measureStatus ? objective.normalizedMeasure > threshold : undefined;
      break;
    case "objectiveMeasureLessThan":
      value = objective?.measureStatus ? objective.normalizedMeasure < threshold : undefined;
      break;
    case "completed":
      value = tracking.attemptProgressStatus ? tracking.attemptCompletionStatus : undefined;
      break;
    case "activityProgressKnown":
      value = tracking.activityProgressStatus && tracking.attemptProgressStatus;
      break;
    case "attempted":
      value = tracking.activityProgressStatus && tracking.activityAttemptCount > 0;
      break;
    case "attemptLimitExceeded":
      value = attemptLimitReached(tree, state, id);
      break;
    case "always":
      value = true;
      break;
    default:
      value = false;
  }
  return condition.operator === "not" && value !== undefined ? !value : value;
}

export function combine(values: Truth[], combination: "all" | "any"): Truth {
  if (combination === "all") {
    if (values.some((value) => value === false)) return false;
    return values.every((value) => value === true) ? true : undefined;
  }
  if (values.some((value) => value === true)) return true;
  return values.every((value) => value === false) ? false : undefined;
}

/** Sequencing Rules Check Process (UP.2): the action of the first rule, among those with the given actions, whose conditions are true. */
export function sequencingRulesCheck<Action extends string>(
  tree: ActivityTree,
  state: SequencingState,
  id: string,
  rules: SequencingRule[],
  actions: readonly Action[],
): Action | null {
  for (const rule of rules) {
    if (!(actions as readonly string[]).includes(rule.action)) continue;
    const values = rule.conditions.map((condition) => evaluateCondition(tree, state, id, condition));
    if (combine(values, rule.conditionCombination) === true) return rule.action as Action;
  }
  return null;
}

export function preConditionFires(tree: ActivityTree, state: SequencingState, id: string, action: PreConditionAction): boolean {
  return sequencingRulesCheck(tree, state, id, tree.activities[id].sequencingRules.preConditionRules, [action]) !== null;
}

/** attemptLimit reached: the attempt count has reached a non-zero limit (0 or absent means no limit). */
function attemptLimitReached(tree: ActivityTree, state: SequencingState, id: string): boolean {
  const limit = tree.activities[id].limitConditions.attemptLimit;
  const tracking = state.activities[id].tracking;
  return !!limit && tracking.activityProgressStatus && tracking.activityAttemptCount >= limit;
}

/** Limit Conditions Check Process (UP.1): an active or suspended activity never violates its limits. */
function limitConditionsViolated(tree: ActivityTree, state: SequencingState, id: string): boolean {
  if (!tree.activities[id].deliveryControls.tracked) return false;
  const activityState = state.activities[id];
  if (activityState.isActive || activityState.isSuspended) return false;
  return attemptLimitReached(tree, state, id);
}

/** Check Activity Process (UP.5): true when the activity may not be delivered (disabled or over its limits). */
export function activityBlocked(tree: ActivityTree, state: SequencingState, id: string): boolean {
  return preConditionFires(tree, state, id, "disabled") || limitConditionsViolated(tree, state, id);
}
