import type { CompletionThreshold, Item, Organization } from "../../../standards/content-packaging/package";
import type {
  ConstrainedChoiceConsiderations,
  ControlMode,
  DeliveryControls,
  LimitConditions,
  ObjectiveMapInfo,
  RandomizationControls,
  RollupConsiderations,
  RollupRules,
  SequencingDefinition,
  SequencingRules,
} from "../../../standards/content-packaging/sequencing";

/**
 * The activity tree of the SN book: one activity per organization/item, each with its
 * effective sequencing definition model (the manifest's categories, or the SN book's defaults
 * for the categories the manifest leaves out). Plain data, so it can be cached as JSON.
 */

/** An objective of an activity; `id` is the objectiveID, or PRIMARY_OBJECTIVE for an unnamed primary objective. */
export interface ObjectiveDefinition {
  id: string;
  primary: boolean;
  satisfiedByMeasure: boolean;
  minNormalizedMeasure: number;
  mapInfo: ObjectiveMapInfo[];
}

export interface Activity {
  id: string;
  title: string;
  parent: string | null;
  /** All children in manifest order; the state's availableChildren holds the selected/randomized ones. */
  children: string[];
  /** A leaf launches content (its item has an identifierref). */
  isLeaf: boolean;
  resourceId: string | null;
  parameters: string | null;
  isVisible: boolean;
  controlMode: ControlMode;
  sequencingRules: SequencingRules;
  limitConditions: LimitConditions;
  rollupRules: RollupRules;
  /** The primary objective first, then the others. */
  objectives: ObjectiveDefinition[];
  randomizationControls: RandomizationControls;
  deliveryControls: DeliveryControls;
  constrainedChoiceConsiderations: ConstrainedChoiceConsiderations;
  rollupConsiderations: RollupConsiderations;
  completionThreshold: CompletionThreshold | null;
}

export interface ActivityTree {
  root: string;
  activities: Record<string, Activity>;
  /** Activity ids in preorder (the order flow navigation follows before randomization). */
  preorder: string[];
  /** organization@adlseq:objectivesGlobalToSystem: whether global objectives are shared beyond this course. */
  objectivesGlobalToSystem: boolean;
}

export const PRIMARY_OBJECTIVE = "#primary";

const DEFAULT_CONTROL_MODE: ControlMode = {
  choice: true,
  choiceExit: true,
  flow: false,
  forwardOnly: false,
  useCurrentAttemptObjectiveInfo: true,
  useCurrentAttemptProgressInfo: true,
};

/** Builds the activity tree of an organization; the organization itself is the root activity. */
export function buildActivityTree(organization: Organization): ActivityTree {
  const activities: Record<string, Activity> = {};
  const preorder: string[] = [];
  const add = (id: string, title: string | null, parent: string | null, item: Item | null, sequencing: SequencingDefinition | null, items: Item[]) => {
    const activity = toActivity(id, title, parent, item, sequencing ?? {});
    activities[id] = activity;
    preorder.push(id);
    for (const child of items) {
      activity.children.push(child.identifier);
      add(child.identifier, child.title, id, child, child.sequencing, child.items);
    }
  };
  add(organization.identifier, organization.title, null, null, organization.sequencing, organization.items);
  return { root: organization.identifier, activities, preorder, objectivesGlobalToSystem: organization.objectivesGlobalToSystem };
}

function toActivity(id: string, title: string | null, parent: string | null, item: Item | null, definition: SequencingDefinition): Activity {
  return {
    id,
    title: title ?? id,
    parent,
    children: [],
    isLeaf: !!item?.identifierref,
    resourceId: item?.identifierref ?? null,
    parameters: item?.parameters ?? null,
    isVisible: item?.isVisible ?? true,
    controlMode: definition.controlMode ?? DEFAULT_CONTROL_MODE,
    sequencingRules: definition.sequencingRules ?? { preConditionRules: [], exitConditionRules: [], postConditionRules: [] },
    limitConditions: definition.limitConditions ?? { attemptLimit: null, attemptAbsoluteDurationLimit: null },
    rollupRules: definition.rollupRules ?? { rollupObjectiveSatisfied: true, rollupProgressCompletion: true, objectiveMeasureWeight: 1, rules: [] },
    objectives: objectivesOf(definition),
    randomizationControls: definition.randomizationControls ?? {
      randomizationTiming: "never",
      selectCount: null,
      reorderChildren: false,
      selectionTiming: "never",
    },
    deliveryControls: definition.deliveryControls ?? { tracked: true, completionSetByContent: false, objectiveSetByContent: false },
    constrainedChoiceConsiderations: definition.constrainedChoiceConsiderations ?? { preventActivation: false, constrainChoice: false },
    rollupConsiderations: definition.rollupConsiderations ?? {
      requiredForSatisfied: "always",
      requiredForNotSatisfied: "always",
      requiredForCompleted: "always",
      requiredForIncomplete: "always",
      measureSatisfactionIfActive: true,
    },
    completionThreshold: item?.completionThreshold ?? null,
  };
}

/** Every activity has a primary objective, even when the manifest declares none (SN book, objective description). */
function objectivesOf(definition: SequencingDefinition): ObjectiveDefinition[] {
  const primary = definition.objectives?.primaryObjective;
  const result: ObjectiveDefinition[] = [
    {
      id: primary?.objectiveID ?? PRIMARY_OBJECTIVE,
      primary: true,
      satisfiedByMeasure: primary?.satisfiedByMeasure ?? false,
      minNormalizedMeasure: primary?.minNormalizedMeasure ?? 1,
      mapInfo: primary?.mapInfo ?? [],
    },
  ];
  for (const [index, objective] of (definition.objectives?.objectives ?? []).entries()) {
    result.push({
      id: objective.objectiveID ?? `#objective-${index + 1}`,
      primary: false,
      satisfiedByMeasure: objective.satisfiedByMeasure,
      minNormalizedMeasure: objective.minNormalizedMeasure,
      mapInfo: objective.mapInfo,
    });
  }
  return result;
}

export function getActivity(tree: ActivityTree, id: string): Activity {
  const activity = tree.activities[id];
  if (!activity) throw new RangeError(`the activity tree has no activity "${id}"`);
  return activity;
}

/** The activity and its ancestors, from the activity up to the root. */
export function pathToRoot(tree: ActivityTree, id: string): string[] {
  const path: string[] = [];
  for (let current: string | null = id; current !== null; current = tree.activities[current].parent) path.push(current);
  return path;
}

export function isAncestorOf(tree: ActivityTree, ancestor: string, id: string): boolean {
  return pathToRoot(tree, id).slice(1).includes(ancestor);
}

/** The deepest activity that is (or is an ancestor of) both activities. */
export function commonAncestor(tree: ActivityTree, a: string, b: string): string {
  const ancestorsOfB = new Set(pathToRoot(tree, b));
  return pathToRoot(tree, a).find((id) => ancestorsOfB.has(id)) ?? tree.root;
}
