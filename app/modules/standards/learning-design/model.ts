/**
 * The normalized IMS Learning Design 1.0 unit of learning: what the importer stores (as JSON) and
 * what the run-time engine and the player work with. Names follow the spec's elements; every
 * reference is the identifier of the element it points to, and every item carries the resource
 * it was resolved to in the content package.
 */

export const LD_NAMESPACE = "http://www.imsglobal.org/xsd/imsld_v1p0";

export type LdLevel = "A" | "B" | "C";

/** `item`: a pointer to a resource of the package (XHTML page, SCO, file). */
export interface Item {
  identifier: string;
  identifierref: string | null;
  /** Package-relative href of the referenced resource, when it has one. */
  href: string | null;
  /** The resource's `type` attribute (e.g. "webcontent", "imsqti_item_xmlv2p1"). */
  resourceType: string | null;
  /** SCORM 2004 `adlcp:scormType` of the resource ("sco" or "asset"). */
  scormType: string | null;
  title: string | null;
  isVisible: boolean;
  parameters: string | null;
  items: Item[];
}

/** Elements that are a title plus items: learning-objectives, prerequisites, activity-description, information, feedback-description. */
export interface ItemGroup {
  title: string | null;
  items: Item[];
}

export type RoleKind = "learner" | "staff";

/** `learner` / `staff`. Nested roles are sub-roles: a member of a sub-role is a member of its parent. */
export interface Role {
  identifier: string;
  kind: RoleKind;
  title: string | null;
  /** Identifier of the enclosing role, or null for a top-level role. */
  parent: string | null;
  /** Whether new instances (groups) of the role may be created during a run. */
  createNew: "allowed" | "not-allowed";
  /** Whether a person may be in only one of the sibling sub-roles. */
  matchPersons: "exclusively-in-roles" | "not-exclusively";
  minPersons: number | null;
  maxPersons: number | null;
  information: ItemGroup | null;
}

export type PropertyDatatype =
  | "string"
  | "boolean"
  | "integer"
  | "real"
  | "text"
  | "uri"
  | "datetime"
  | "duration"
  | "file"
  | "other";

/** Where a property's value lives: per run, per person per run, per role per run, per person, global. */
export type PropertyScope = "loc" | "locpers" | "locrole" | "globpers" | "glob";

export type RestrictionType =
  | "length"
  | "minLength"
  | "maxLength"
  | "enumeration"
  | "minInclusive"
  | "maxInclusive"
  | "minExclusive"
  | "maxExclusive"
  | "totalDigits"
  | "fractionDigits"
  | "pattern"
  | "whiteSpace";

export interface Restriction {
  type: RestrictionType;
  value: string;
}

/** A property value as stored: booleans and numbers typed, everything else its lexical form. */
export type PropertyValue = string | number | boolean;

export interface Property {
  identifier: string;
  scope: PropertyScope;
  title: string | null;
  datatype: PropertyDatatype;
  initialValue: PropertyValue | null;
  restrictions: Restriction[];
  /** globpers/glob: `global-definition/@uri` (or `existing/@href`), which identifies the property across units. */
  uri: string | null;
}

export interface PropertyGroup {
  identifier: string;
  title: string | null;
  propertyRefs: string[];
  propertyGroupRefs: string[];
}

/**
 * A completion rule. An element with several rules is completed when any one of them holds;
 * rules that list several references hold when all of them are completed.
 */
export type CompletionRule =
  | { kind: "user-choice" }
  /** ISO 8601 duration counted from when the element started; propertyRef, if set, holds the duration instead. */
  | { kind: "time-limit"; duration: string; propertyRef: string | null }
  /** Holds when the property has a value (any value when value is null). */
  | { kind: "when-property-value-is-set"; propertyRef: string; value: string | null }
  | { kind: "when-role-part-completed"; rolePartRefs: string[] }
  /** Holds when the expression is true for every member of the role. */
  | { kind: "when-condition-true"; roleRef: string; expression: Expression }
  | { kind: "when-last-act-completed" }
  | { kind: "when-play-completed"; playRefs: string[] };

export interface EmailData {
  roleRef: string;
  emailPropertyRef: string | null;
  usernamePropertyRef: string | null;
}

/** Level C `notification`: a message to the members of roles, optionally making an activity available to them. */
export interface Notification {
  emailData: EmailData[];
  activity: { kind: "learning-activity" | "support-activity"; ref: string } | null;
  subject: string | null;
}

export interface ChangePropertyValue {
  propertyRef: string;
  value: Expression;
}

export interface OnCompletion {
  feedback: ItemGroup | null;
  changePropertyValues: ChangePropertyValue[];
  notifications: Notification[];
}

export interface LearningActivity {
  identifier: string;
  title: string | null;
  isVisible: boolean;
  parameters: string | null;
  learningObjectives: ItemGroup | null;
  prerequisites: ItemGroup | null;
  environmentRefs: string[];
  description: ItemGroup | null;
  /** Empty when the design has no complete-activity: the activity is then never completed. */
  completion: CompletionRule[];
  onCompletion: OnCompletion | null;
}

export interface SupportActivity {
  identifier: string;
  title: string | null;
  isVisible: boolean;
  parameters: string | null;
  /** The roles supported; empty means every learner. */
  roleRefs: string[];
  environmentRefs: string[];
  description: ItemGroup | null;
  completion: CompletionRule[];
  onCompletion: OnCompletion | null;
}

export type ActivityRef =
  | { kind: "learning-activity" | "support-activity" | "activity-structure"; ref: string }
  | { kind: "unit-of-learning"; href: string };

/**
 * `activity-structure`. A sequence is done in order and is completed when all its visible
 * activities are; a selection lets the person choose and is completed when numberToSelect of
 * them are (all of them when numberToSelect is null).
 */
export interface ActivityStructure {
  identifier: string;
  title: string | null;
  structureType: "sequence" | "selection";
  numberToSelect: number | null;
  sort: "as-is" | "visibility-order";
  information: ItemGroup | null;
  environmentRefs: string[];
  activities: ActivityRef[];
}

export interface LearningObject {
  identifier: string;
  title: string | null;
  type: string | null;
  isVisible: boolean;
  class: string | null;
  items: Item[];
}

export type ServiceKind = "send-mail" | "conference" | "monitor" | "index-search";

export interface Service {
  identifier: string;
  kind: ServiceKind;
  title: string | null;
  isVisible: boolean;
  class: string | null;
  /** send-mail: recipients; conference: participants. */
  roleRefs: string[];
  /** send-mail `select`: all-persons-in-role | persons-in-role. */
  select: string | null;
  /** conference `conference-type`: synchronous | asynchronous | announcement. */
  conferenceType: string | null;
  /** conference: observers, moderator and manager roles. */
  observerRoleRefs: string[];
  moderatorRoleRefs: string[];
  /** monitor: whose properties are shown — the members of roleRef, or the viewer when self. */
  monitorRoleRef: string | null;
  monitorSelf: boolean;
  items: Item[];
}

export interface Environment {
  identifier: string;
  title: string | null;
  learningObjects: LearningObject[];
  services: Service[];
  environmentRefs: string[];
}

export type RolePartTarget =
  | { kind: "learning-activity" | "support-activity" | "activity-structure" | "environment"; ref: string }
  | { kind: "unit-of-learning"; href: string };

/** `role-part`: one role does one thing in an act. */
export interface RolePart {
  identifier: string;
  title: string | null;
  roleRef: string;
  target: RolePartTarget | null;
}

export interface Act {
  identifier: string;
  title: string | null;
  roleParts: RolePart[];
  /** Empty: the act is completed when all its role-parts are. */
  completion: CompletionRule[];
  onCompletion: OnCompletion | null;
}

/** Plays run concurrently; the acts of a play run one after another. */
export interface Play {
  identifier: string;
  title: string | null;
  isVisible: boolean;
  acts: Act[];
  /** Empty: the play is completed when its last act is. */
  completion: CompletionRule[];
  onCompletion: OnCompletion | null;
}

/** What `show` / `hide` act on. A class target acts on every element with that class. */
export type VisibilityTarget =
  | {
      kind: "item" | "learning-activity" | "support-activity" | "activity-structure" | "environment" | "play";
      ref: string;
    }
  | { kind: "unit-of-learning"; href: string }
  | { kind: "class"; class: string };

export type Action =
  | { kind: "show" | "hide"; targets: VisibilityTarget[] }
  | { kind: "change-property-value"; change: ChangePropertyValue }
  | { kind: "notification"; notification: Notification };

/** `conditions/if-then-else`. else holds actions, or a nested condition. */
export interface Condition {
  if: Expression;
  then: Action[];
  else: Action[];
  elseIf: Condition | null;
}

export type CompletableRef =
  | {
      kind: "learning-activity" | "support-activity" | "activity-structure" | "role-part" | "act" | "play";
      ref: string;
    }
  | { kind: "unit-of-learning"; href: string };

export type Expression =
  | { op: "property-ref"; ref: string }
  | { op: "literal"; value: string }
  | { op: "is" | "is-not" | "greater-than" | "less-than" | "subtract" | "divide"; left: Expression; right: Expression }
  | { op: "and" | "or" | "sum" | "multiply"; operands: Expression[] }
  | { op: "not"; operand: Expression }
  | { op: "users-in-role" | "is-member-of-role"; roleRef: string }
  | { op: "no-value"; propertyRef: string }
  | { op: "complete"; target: CompletableRef }
  /** The number of seconds since the run started. */
  | { op: "time-unit-of-learning-started" }
  | { op: "datetime-activity-started"; ref: string }
  | { op: "current-datetime" };

export interface Method {
  plays: Play[];
  completion: CompletionRule[];
  onCompletion: OnCompletion | null;
  conditions: Condition[];
}

export interface LearningDesignSummary {
  roles: number;
  learningActivities: number;
  supportActivities: number;
  activityStructures: number;
  environments: number;
  plays: number;
  acts: number;
  roleParts: number;
  properties: number;
  conditions: number;
  notifications: number;
}

export interface UnitOfLearning {
  identifier: string;
  uri: string | null;
  version: string | null;
  level: LdLevel;
  title: string | null;
  learningObjectives: ItemGroup | null;
  prerequisites: ItemGroup | null;
  roles: Role[];
  learningActivities: LearningActivity[];
  supportActivities: SupportActivity[];
  activityStructures: ActivityStructure[];
  environments: Environment[];
  properties: Property[];
  propertyGroups: PropertyGroup[];
  method: Method;
  summary: LearningDesignSummary;
}
