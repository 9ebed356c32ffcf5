import type { ProblemCollector } from "../report";
import { attribute, type XmlElement } from "../xml";

/**
 * SCORM 2004 sequencing definitions (IMS Simple Sequencing 1.0 as profiled by SCORM 2004
 * 3rd/4th edition, plus the ADL `adlseq` extensions), read into plain JSON-serializable data
 * for a sequencing engine.
 *
 * Each category element that is present is returned with the spec's defaults filled in for
 * its attributes (e.g. `controlMode` without `flow` has `flow: false`). Categories that are
 * absent are left undefined: the engine applies the defaults of the SCORM 2004 Sequencing and
 * Navigation book for them. That distinction is what `IDRef` needs: an activity's own
 * categories replace those of the referenced `sequencingCollection` entry, category by category.
 */

export const IMSSS_NAMESPACE = "http://www.imsglobal.org/xsd/imsss";
export const ADLSEQ_NAMESPACE = "http://www.adlnet.org/xsd/adlseq_v1p3";

export interface ControlMode {
  choice: boolean;
  choiceExit: boolean;
  flow: boolean;
  forwardOnly: boolean;
  useCurrentAttemptObjectiveInfo: boolean;
  useCurrentAttemptProgressInfo: boolean;
}

export type RuleConditionOperator = "noOp" | "not";

export interface RuleCondition {
  /** One of satisfied, objectiveStatusKnown, objectiveMeasureKnown, objectiveMeasureGreaterThan, … */
  condition: string;
  operator: RuleConditionOperator;
  referencedObjective: string | null;
  measureThreshold: number | null;
}

export interface SequencingRule {
  conditionCombination: "all" | "any";
  conditions: RuleCondition[];
  /** Pre: skip, disabled, hiddenFromChoice, stopForwardTraversal; exit: exit; post: exitParent, exitAll, retry, retryAll, continue, previous. */
  action: string;
}

export interface SequencingRules {
  preConditionRules: SequencingRule[];
  exitConditionRules: SequencingRule[];
  postConditionRules: SequencingRule[];
}

export interface LimitConditions {
  attemptLimit: number | null;
  /** ISO 8601 duration. */
  attemptAbsoluteDurationLimit: string | null;
}

export interface AuxiliaryResource {
  auxiliaryResourceID: string;
  purpose: string;
}

export interface RollupCondition {
  condition: string;
  operator: RuleConditionOperator;
}

export interface RollupRule {
  childActivitySet: "all" | "any" | "none" | "atLeastCount" | "atLeastPercent";
  minimumCount: number;
  minimumPercent: number;
  conditionCombination: "all" | "any";
  conditions: RollupCondition[];
  action: "satisfied" | "notSatisfied" | "completed" | "incomplete";
}

export interface RollupRules {
  rollupObjectiveSatisfied: boolean;
  rollupProgressCompletion: boolean;
  objectiveMeasureWeight: number;
  rules: RollupRule[];
}

export interface ObjectiveMapInfo {
  targetObjectiveID: string;
  readSatisfiedStatus: boolean;
  readNormalizedMeasure: boolean;
  writeSatisfiedStatus: boolean;
  writeNormalizedMeasure: boolean;
}

/** adlseq:mapInfo (4th edition): the extra global-objective fields. */
export interface AdlObjectiveMapInfo {
  targetObjectiveID: string;
  readRawScore: boolean;
  readMinScore: boolean;
  readMaxScore: boolean;
  readCompletionStatus: boolean;
  readProgressMeasure: boolean;
  writeRawScore: boolean;
  writeMinScore: boolean;
  writeMaxScore: boolean;
  writeCompletionStatus: boolean;
  writeProgressMeasure: boolean;
}

export interface Objective {
  objectiveID: string | null;
  satisfiedByMeasure: boolean;
  minNormalizedMeasure: number;
  mapInfo: ObjectiveMapInfo[];
  adlMapInfo: AdlObjectiveMapInfo[];
}

export interface Objectives {
  primaryObjective: Objective | null;
  objectives: Objective[];
}

export interface RandomizationControls {
  randomizationTiming: "never" | "once" | "onEachNewAttempt";
  selectCount: number | null;
  reorderChildren: boolean;
  selectionTiming: "never" | "once" | "onEachNewAttempt";
}

export interface DeliveryControls {
  tracked: boolean;
  completionSetByContent: boolean;
  objectiveSetByContent: boolean;
}

export interface ConstrainedChoiceConsiderations {
  preventActivation: boolean;
  constrainChoice: boolean;
}

export type RollupRequirement = "always" | "ifAttempted" | "ifNotSkipped" | "ifNotSuspended";

export interface RollupConsiderations {
  requiredForSatisfied: RollupRequirement;
  requiredForNotSatisfied: RollupRequirement;
  requiredForCompleted: RollupRequirement;
  requiredForIncomplete: RollupRequirement;
  measureSatisfactionIfActive: boolean;
}

export interface SequencingDefinition {
  /** ID of a definition inside `sequencingCollection`. */
  id?: string;
  /** The collection entry this definition builds on (already merged in by `resolveSequencing`). */
  idRef?: string;
  controlMode?: ControlMode;
  sequencingRules?: SequencingRules;
  limitConditions?: LimitConditions;
  auxiliaryResources?: AuxiliaryResource[];
  rollupRules?: RollupRules;
  objectives?: Objectives;
  randomizationControls?: RandomizationControls;
  deliveryControls?: DeliveryControls;
  constrainedChoiceConsiderations?: ConstrainedChoiceConsiderations;
  rollupConsiderations?: RollupConsiderations;
}

interface Context {
  file: string;
  problems: ProblemCollector;
}

/** Reads an `imsss:sequencing` element. */
export function readSequencing(element: XmlElement, context: Context): SequencingDefinition {
  const definition: SequencingDefinition = {};
  // xs:ID / xs:IDREF: surrounding white space is not part of the value.
  const id = attribute(element, "ID")?.trim();
  const idRef = attribute(element, "IDRef")?.trim();
  if (id) definition.id = id;
  if (idRef) definition.idRef = idRef;
  const bool = (el: XmlElement, name: string, fallback: boolean) => readBoolean(el, name, fallback, context);
  const num = (el: XmlElement, name: string, fallback: number) => readNumber(el, name, fallback, context);

  for (const child of elementChildren(element)) {
    switch (child.local) {
      case "controlMode":
        definition.controlMode = {
          choice: bool(child, "choice", true),
          choiceExit: bool(child, "choiceExit", true),
          flow: bool(child, "flow", false),
          forwardOnly: bool(child, "forwardOnly", false),
          useCurrentAttemptObjectiveInfo: bool(child, "useCurrentAttemptObjectiveInfo", true),
          useCurrentAttemptProgressInfo: bool(child, "useCurrentAttemptProgressInfo", true),
        };
        break;
      case "sequencingRules": {
        const rules: SequencingRules = { preConditionRules: [], exitConditionRules: [], postConditionRules: [] };
        for (const rule of elementChildren(child)) {
          const read = readSequencingRule(rule, context);
          if (rule.local === "preConditionRule") rules.preConditionRules.push(read);
          else if (rule.local === "exitConditionRule") rules.exitConditionRules.push(read);
          else if (rule.local === "postConditionRule") rules.postConditionRules.push(read);
        }
        definition.sequencingRules = rules;
        break;
      }
      case "limitConditions": {
        const limit = attribute(child, "attemptLimit");
        definition.limitConditions = {
          attemptLimit: limit === undefined ? null : num(child, "attemptLimit", 0),
          attemptAbsoluteDurationLimit: attribute(child, "attemptAbsoluteDurationLimit") ?? null,
        };
        break;
      }
      case "auxiliaryResources":
        definition.auxiliaryResources = elementChildren(child)
          .filter((resource) => resource.local === "auxiliaryResource")
          .map((resource) => ({
            auxiliaryResourceID: attribute(resource, "auxiliaryResourceID") ?? "",
            purpose: attribute(resource, "purpose") ?? "",
          }));
        break;
      case "rollupRules":
        definition.rollupRules = {
          rollupObjectiveSatisfied: bool(child, "rollupObjectiveSatisfied", true),
          rollupProgressCompletion: bool(child, "rollupProgressCompletion", true),
          objectiveMeasureWeight: num(child, "objectiveMeasureWeight", 1),
          rules: elementChildren(child)
            .filter((rule) => rule.local === "rollupRule")
            .map((rule) => readRollupRule(rule, context)),
        };
        break;
      case "objectives":
        definition.objectives = mergeAdlObjectives(definition.objectives, readObjectives(child, context));
        break;
      case "randomizationControls": {
        const count = attribute(child, "selectCount");
        definition.randomizationControls = {
          randomizationTiming: timing(attribute(child, "randomizationTiming")),
          selectCount: count === undefined ? null : num(child, "selectCount", 0),
          reorderChildren: bool(child, "reorderChildren", false),
          selectionTiming: timing(attribute(child, "selectionTiming")),
        };
        break;
      }
      case "deliveryControls":
        definition.deliveryControls = {
          tracked: bool(child, "tracked", true),
          completionSetByContent: bool(child, "completionSetByContent", false),
          objectiveSetByContent: bool(child, "objectiveSetByContent", false),
        };
        break;
      case "constrainedChoiceConsiderations":
        definition.constrainedChoiceConsiderations = {
          preventActivation: bool(child, "preventActivation", false),
          constrainChoice: bool(child, "constrainChoice", false),
        };
        break;
      case "rollupConsiderations":
        definition.rollupConsiderations = {
          requiredForSatisfied: requirement(attribute(child, "requiredForSatisfied")),
          requiredForNotSatisfied: requirement(attribute(child, "requiredForNotSatisfied")),
          requiredForCompleted: requirement(attribute(child, "requiredForCompleted")),
          requiredForIncomplete: requirement(attribute(child, "requiredForIncomplete")),
          measureSatisfactionIfActive: bool(child, "measureSatisfactionIfActive", true),
        };
        break;
    }
  }
  return definition;
}

/**
 * Applies `IDRef`: the referenced collection entry's categories, replaced by the activity's
 * own categories where it has them. A dangling IDRef is an error and the activity keeps only
 * its own definition.
 */
export function resolveSequencing(
  definition: SequencingDefinition,
  collection: ReadonlyMap<string, SequencingDefinition>,
  report: (idRef: string) => void,
): SequencingDefinition {
  if (!definition.idRef) return definition;
  const shared = collection.get(definition.idRef);
  if (!shared) {
    report(definition.idRef);
    return definition;
  }
  const merged: SequencingDefinition = { ...shared, ...definition };
  delete merged.id;
  for (const key of Object.keys(merged) as (keyof SequencingDefinition)[]) {
    if (merged[key] === undefined) delete merged[key];
  }
  return merged;
}

function readSequencingRule(element: XmlElement, context: Context): SequencingRule {
  const conditionsElement = elementChildren(element).find((child) => child.local === "ruleConditions");
  const actionElement = elementChildren(element).find((child) => child.local === "ruleAction");
  return {
    conditionCombination: attribute(conditionsElement ?? element, "conditionCombination") === "any" ? "any" : "all",
    conditions: conditionsElement
      ? elementChildren(conditionsElement)
          .filter((child) => child.local === "ruleCondition")
          .map((condition) => {
            const threshold = attribute(condition, "measureThreshold");
            return {
              condition: attribute(condition, "condition") ?? "",
              operator: attribute(condition, "operator") === "not" ? "not" : "noOp",
              referencedObjective: attribute(condition, "referencedObjective") ?? null,
              measureThreshold: threshold === undefined ? null : readNumber(condition, "measureThreshold", 0, context),
            } satisfies RuleCondition;
          })
      : [],
    action: actionElement ? (attribute(actionElement, "action") ?? "") : "",
  };
}

function readRollupRule(element: XmlElement, context: Context): RollupRule {
  const conditionsElement = elementChildren(element).find((child) => child.local === "rollupConditions");
  const actionElement = elementChildren(element).find((child) => child.local === "rollupAction");
  const set = attribute(element, "childActivitySet");
  const action = actionElement ? attribute(actionElement, "action") : undefined;
  return {
    childActivitySet:
      set === "any" || set === "none" || set === "atLeastCount" || set === "atLeastPercent" ? set : "all",
    minimumCount: readNumber(element, "minimumCount", 0, context),
    minimumPercent: readNumber(element, "minimumPercent", 0, context),
    // For rollup conditions the spec's default combination is "any".
    conditionCombination:
      conditionsElement && attribute(conditionsElement, "conditionCombination") === "all" ? "all" : "any",
    conditions: conditionsElement
      ? elementChildren(conditionsElement)
          .filter((child) => child.local === "rollupCondition")
          .map((condition) => ({
            condition: attribute(condition, "condition") ?? "",
            operator: attribute(condition, "operator") === "not" ? "not" : "noOp",
          }))
      : [],
    action:
      action === "notSatisfied" || action === "completed" || action === "incomplete" ? action : "satisfied",
  };
}

/** imsss:objectives, or the adlseq:objectives extension that adds adlseq:mapInfo per objectiveID. */
function readObjectives(element: XmlElement, context: Context): Objectives {
  const objectives: Objectives = { primaryObjective: null, objectives: [] };
  const adl = element.ns === ADLSEQ_NAMESPACE;
  for (const child of elementChildren(element)) {
    if (child.local !== "primaryObjective" && child.local !== "objective") continue;
    const mapInfo: ObjectiveMapInfo[] = [];
    const adlMapInfo: AdlObjectiveMapInfo[] = [];
    for (const info of elementChildren(child)) {
      if (info.local !== "mapInfo") continue;
      const targetObjectiveID = attribute(info, "targetObjectiveID") ?? "";
      const b = (name: string, fallback: boolean) => readBoolean(info, name, fallback, context);
      if (info.ns === ADLSEQ_NAMESPACE) {
        adlMapInfo.push({
          targetObjectiveID,
          readRawScore: b("readRawScore", true),
          readMinScore: b("readMinScore", true),
          readMaxScore: b("readMaxScore", true),
          readCompletionStatus: b("readCompletionStatus", true),
          readProgressMeasure: b("readProgressMeasure", true),
          writeRawScore: b("writeRawScore", false),
          writeMinScore: b("writeMinScore", false),
          writeMaxScore: b("writeMaxScore", false),
          writeCompletionStatus: b("writeCompletionStatus", false),
          writeProgressMeasure: b("writeProgressMeasure", false),
        });
      } else {
        mapInfo.push({
          targetObjectiveID,
          readSatisfiedStatus: b("readSatisfiedStatus", true),
          readNormalizedMeasure: b("readNormalizedMeasure", true),
          writeSatisfiedStatus: b("writeSatisfiedStatus", false),
          writeNormalizedMeasure: b("writeNormalizedMeasure", false),
        });
      }
    }
    const minimum = elementChildren(child).find((info) => info.local === "minNormalizedMeasure");
    const minNormalizedMeasure = minimum ? Number(textOf(minimum)) : 1;
    const objective: Objective = {
      objectiveID: attribute(child, "objectiveID") ?? null,
      satisfiedByMeasure: adl ? false : readBoolean(child, "satisfiedByMeasure", false, context),
      minNormalizedMeasure: Number.isFinite(minNormalizedMeasure) ? minNormalizedMeasure : 1,
      mapInfo,
      adlMapInfo,
    };
    if (child.local === "primaryObjective") objectives.primaryObjective = objective;
    else objectives.objectives.push(objective);
  }
  return objectives;
}

/** Folds adlseq:objectives (which only add adlMapInfo) into the imsss:objectives read so far. */
function mergeAdlObjectives(current: Objectives | undefined, next: Objectives): Objectives {
  if (!current) return next;
  const isAdl = next.objectives.every((objective) => objective.mapInfo.length === 0) && !next.primaryObjective;
  if (!isAdl) return { ...next, objectives: [...next.objectives] };
  const merged: Objectives = {
    primaryObjective: current.primaryObjective ? { ...current.primaryObjective } : null,
    objectives: current.objectives.map((objective) => ({ ...objective })),
  };
  for (const extension of next.objectives) {
    const all = [merged.primaryObjective, ...merged.objectives];
    const target = all.find((objective) => objective && objective.objectiveID === extension.objectiveID);
    if (target) target.adlMapInfo = [...target.adlMapInfo, ...extension.adlMapInfo];
  }
  return merged;
}

function timing(value: string | undefined): "never" | "once" | "onEachNewAttempt" {
  return value === "once" || value === "onEachNewAttempt" ? value : "never";
}

function requirement(value: string | undefined): RollupRequirement {
  return value === "ifAttempted" || value === "ifNotSkipped" || value === "ifNotSuspended" ? value : "always";
}

function readBoolean(element: XmlElement, name: string, fallback: boolean, context: Context): boolean {
  const value = attribute(element, name);
  if (value === undefined) return fallback;
  const trimmed = value.trim();
  if (trimmed === "true" || trimmed === "1") return true;
  if (trimmed === "false" || trimmed === "0") return false;
  context.problems.warning(
    "cp.sequencing.invalid-boolean",
    `${element.name}@${name} is "${value}", which is not true or false; the default (${fallback}) is used`,
    { file: context.file, line: element.line, element: element.name },
    { element: element.name, attribute: name, value, fallback: String(fallback) },
  );
  return fallback;
}

function readNumber(element: XmlElement, name: string, fallback: number, context: Context): number {
  const value = attribute(element, name);
  if (value === undefined) return fallback;
  const parsed = Number(value.trim());
  if (value.trim() !== "" && Number.isFinite(parsed)) return parsed;
  context.problems.warning(
    "cp.sequencing.invalid-number",
    `${element.name}@${name} is "${value}", which is not a number; the default (${fallback}) is used`,
    { file: context.file, line: element.line, element: element.name },
    { element: element.name, attribute: name, value, fallback },
  );
  return fallback;
}

function elementChildren(element: XmlElement): XmlElement[] {
  const result: XmlElement[] = [];
  for (const child of element.children) if (child.kind === "element") result.push(child);
  return result;
}

function textOf(element: XmlElement): string {
  let text = "";
  for (const child of element.children) text += child.kind === "text" ? child.value : textOf(child);
  return text.trim();
}
