import type { Activity, ActivityTree, ObjectiveDefinition } from "./activity-tree";

/**
 * The SN book's tracking model and activity state information, as plain JSON data. A status
 * whose "…Status" flag is false is unknown; the value beside it is then meaningless.
 */

/** Objective progress information (local to an activity, or a global shared objective). */
export interface ObjectiveProgress {
  /** Objective Progress Status: whether satisfiedStatus is known. */
  progressStatus: boolean;
  satisfiedStatus: boolean;
  /** Objective Measure Status: whether normalizedMeasure is known. */
  measureStatus: boolean;
  normalizedMeasure: number;
}

/** Activity and attempt progress information plus the activity's objectives. */
export interface TrackingModel {
  /** Activity Progress Status: whether the activity has ever been attempted. */
  activityProgressStatus: boolean;
  activityAttemptCount: number;
  /** Attempt Progress Status: whether attemptCompletionStatus is known. */
  attemptProgressStatus: boolean;
  attemptCompletionStatus: boolean;
  /** The last cmi.progress_measure reported in this attempt. */
  attemptCompletionAmount: number | null;
  /** When the current attempt began (ISO 8601). */
  attemptStartedAt: string | null;
  /** Keyed by ObjectiveDefinition.id. */
  objectives: Record<string, ObjectiveProgress>;
}

export interface ActivityState {
  isActive: boolean;
  isSuspended: boolean;
  /** The children taking part in the current attempt, in delivery order (after selection and randomization). */
  availableChildren: string[];
  tracking: TrackingModel;
}

export interface SequencingState {
  currentActivity: string | null;
  suspendedActivity: string | null;
  activities: Record<string, ActivityState>;
  /** Global shared objectives keyed by targetObjectiveID. */
  globalObjectives: Record<string, ObjectiveProgress>;
}

const UNKNOWN_OBJECTIVE: ObjectiveProgress = { progressStatus: false, satisfiedStatus: false, measureStatus: false, normalizedMeasure: 0 };

export function initialState(tree: ActivityTree): SequencingState {
  const activities: Record<string, ActivityState> = {};
  const globalObjectives: Record<string, ObjectiveProgress> = {};
  for (const id of tree.preorder) {
    const activity = tree.activities[id];
    activities[id] = {
      isActive: false,
      isSuspended: false,
      availableChildren: [...activity.children],
      tracking: {
        activityProgressStatus: false,
        activityAttemptCount: 0,
        ...unknownAttempt(),
        objectives: unknownObjectives(activity),
      },
    };
    for (const objective of activity.objectives) {
      for (const map of objective.mapInfo) globalObjectives[map.targetObjectiveID] = { ...UNKNOWN_OBJECTIVE };
    }
  }
  return { currentActivity: null, suspendedActivity: null, activities, globalObjectives };
}

function unknownAttempt(): Omit<TrackingModel, "activityProgressStatus" | "activityAttemptCount" | "objectives"> {
  return { attemptProgressStatus: false, attemptCompletionStatus: false, attemptCompletionAmount: null, attemptStartedAt: null };
}

function unknownObjectives(activity: Activity): Record<string, ObjectiveProgress> {
  return Object.fromEntries(activity.objectives.map((objective) => [objective.id, { ...UNKNOWN_OBJECTIVE }]));
}

/**
 * Begins a new attempt on an activity (Content Delivery Environment Process, DB.2): the
 * attempt count rises and the attempt's progress and objective information start unknown, as
 * does the descendants' data from earlier attempts (see resetDescendants).
 */
export function beginNewAttempt(tree: ActivityTree, state: SequencingState, id: string, now: Date): void {
  const tracking = state.activities[id].tracking;
  tracking.activityAttemptCount += 1;
  tracking.activityProgressStatus = true;
  Object.assign(tracking, unknownAttempt(), { attemptStartedAt: now.toISOString() });
  tracking.objectives = unknownObjectives(tree.activities[id]);
  resetDescendants(tree, state, id);
}

/**
 * Clears the data of a cluster's descendants that are neither active nor suspended, so that
 * with useCurrentAttemptObjectiveInfo / useCurrentAttemptProgressInfo (the default) the
 * cluster's new attempt only sees data from that attempt.
 */
export function resetDescendants(tree: ActivityTree, state: SequencingState, id: string): void {
  const { useCurrentAttemptObjectiveInfo, useCurrentAttemptProgressInfo } = tree.activities[id].controlMode;
  const clear = (childId: string) => {
    const child = state.activities[childId];
    if (child.isActive || child.isSuspended) return;
    if (useCurrentAttemptProgressInfo) Object.assign(child.tracking, unknownAttempt());
    if (useCurrentAttemptObjectiveInfo) child.tracking.objectives = unknownObjectives(tree.activities[childId]);
    tree.activities[childId].children.forEach(clear);
  };
  if (useCurrentAttemptObjectiveInfo || useCurrentAttemptProgressInfo) tree.activities[id].children.forEach(clear);
}

/**
 * The objective as sequencing sees it: the local record, overlaid by the global objectives it
 * reads (readSatisfiedStatus / readNormalizedMeasure, when the global value is known), then,
 * for satisfiedByMeasure, the satisfied status the measure implies (Objective Rollup Using
 * Measure, RB.1.2.a, including measureSatisfactionIfActive).
 */
export function objectiveProgress(tree: ActivityTree, state: SequencingState, id: string, objective: ObjectiveDefinition): ObjectiveProgress {
  const progress = { ...(state.activities[id].tracking.objectives[objective.id] ?? UNKNOWN_OBJECTIVE) };
  for (const map of objective.mapInfo) {
    const global = state.globalObjectives[map.targetObjectiveID];
    if (!global) continue;
    if (map.readSatisfiedStatus && global.progressStatus) {
      progress.progressStatus = true;
      progress.satisfiedStatus = global.satisfiedStatus;
    }
    if (map.readNormalizedMeasure && global.measureStatus) {
      progress.measureStatus = true;
      progress.normalizedMeasure = global.normalizedMeasure;
    }
  }
  if (objective.satisfiedByMeasure) {
    const activity = tree.activities[id];
    const ignoreWhileActive = state.activities[id].isActive && !activity.rollupConsiderations.measureSatisfactionIfActive;
    progress.progressStatus = progress.measureStatus && !ignoreWhileActive;
    progress.satisfiedStatus = progress.progressStatus && progress.normalizedMeasure >= objective.minNormalizedMeasure;
  }
  return progress;
}

/** The primary objective as sequencing sees it. */
export function primaryProgress(tree: ActivityTree, state: SequencingState, id: string): ObjectiveProgress {
  return objectiveProgress(tree, state, id, tree.activities[id].objectives[0]);
}

/** Finds an objective by objectiveID; null or absent means the primary objective. */
export function findObjective(activity: Activity, objectiveID: string | null): ObjectiveDefinition | undefined {
  if (objectiveID === null) return activity.objectives[0];
  return activity.objectives.find((objective) => objective.id === objectiveID);
}

/** Writes an activity's known objective values to the global objectives it maps with write permission. */
export function writeGlobalObjectives(tree: ActivityTree, state: SequencingState, id: string): void {
  for (const objective of tree.activities[id].objectives) {
    const progress = objectiveProgress(tree, state, id, objective);
    for (const map of objective.mapInfo) {
      const global = (state.globalObjectives[map.targetObjectiveID] ??= { ...UNKNOWN_OBJECTIVE });
      if (map.writeSatisfiedStatus && progress.progressStatus) {
        global.progressStatus = true;
        global.satisfiedStatus = progress.satisfiedStatus;
      }
      if (map.writeNormalizedMeasure && progress.measureStatus) {
        global.measureStatus = true;
        global.normalizedMeasure = progress.normalizedMeasure;
      }
    }
  }
}
