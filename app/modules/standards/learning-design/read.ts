import type { ProblemCollector } from "../report";
import { attribute, textContent, type XmlElement } from "../xml";
import { isDuration } from "./duration";
import {
  LD_NAMESPACE,
  type Act,
  type Action,
  type ActivityRef,
  type ActivityStructure,
  type ChangePropertyValue,
  type CompletableRef,
  type CompletionRule,
  type Condition,
  type EmailData,
  type Environment,
  type Expression,
  type Item,
  type ItemGroup,
  type LearningActivity,
  type LearningObject,
  type Method,
  type Notification,
  type OnCompletion,
  type Play,
  type Property,
  type PropertyDatatype,
  type PropertyGroup,
  type PropertyScope,
  type Restriction,
  type RestrictionType,
  type Role,
  type RolePart,
  type RolePartTarget,
  type Service,
  type ServiceKind,
  type SupportActivity,
  type VisibilityTarget,
} from "./model";
import { parsePropertyValue } from "./property-value";

/**
 * Layer 1: reads the `learning-design` element into the spec's structure, keeping what the
 * checks of layer 2 need and the stored model does not: where every identifier is declared,
 * where every reference points, which items need a resource, and which level B/C features are
 * used (all with their lines). Only elements in the IMS LD namespace are read; metadata in other
 * namespaces is left to the LOM reader.
 */

export type DeclarationKind =
  | "role"
  | "learning-activity"
  | "support-activity"
  | "activity-structure"
  | "environment"
  | "learning-object"
  | "service"
  | "play"
  | "act"
  | "role-part"
  | "property"
  | "property-group"
  | "item";

export interface SourceDeclaration {
  identifier: string;
  kind: DeclarationKind;
  element: string;
  line: number;
}

export interface SourceReference {
  ref: string;
  /** The kinds of element the reference may point to. */
  expected: DeclarationKind[];
  element: string;
  line: number;
}

export interface SourceItem {
  item: Item;
  element: string;
  line: number;
}

export interface LevelFeature {
  level: "B" | "C";
  element: string;
  line: number;
}

/** The design as read, before references are checked and items resolved. */
export interface RawLearningDesign {
  identifier: string;
  uri: string | null;
  version: string | null;
  /** `@level` as written, or null when absent. */
  level: string | null;
  /** The learning-design element as written (e.g. "imsld:learning-design") and its line. */
  element: string;
  line: number;
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
  method: Method | null;
  declarations: SourceDeclaration[];
  references: SourceReference[];
  items: SourceItem[];
  features: LevelFeature[];
}

const DATATYPES: readonly PropertyDatatype[] = [
  "string", "boolean", "integer", "real", "text", "uri", "datetime", "duration", "file", "other",
];

const RESTRICTION_TYPES: readonly RestrictionType[] = [
  "length", "minLength", "maxLength", "enumeration", "minInclusive", "maxInclusive",
  "minExclusive", "maxExclusive", "totalDigits", "fractionDigits", "pattern", "whiteSpace",
];

const PROPERTY_ELEMENTS: Record<string, PropertyScope> = {
  "loc-property": "loc",
  "locpers-property": "locpers",
  "locrole-property": "locrole",
  "globpers-property": "globpers",
  "glob-property": "glob",
};

const SERVICE_KINDS: readonly ServiceKind[] = ["send-mail", "conference", "monitor", "index-search"];

const BINARY_OPERATORS = new Set(["is", "is-not", "greater-than", "less-than", "subtract", "divide"]);
const LIST_OPERATORS = new Set(["and", "or", "sum", "multiply"]);

export function readLearningDesign(
  element: XmlElement,
  file: string,
  problems: ProblemCollector,
): RawLearningDesign | undefined {
  if (element.local !== "learning-design" || element.ns !== LD_NAMESPACE) {
    problems.error(
      "ld.not-learning-design",
      `Expected an IMS LD 1.0 learning-design element (namespace ${LD_NAMESPACE}), found <${element.name}>${element.ns ? ` in namespace ${element.ns}` : ""}.`,
      { file, line: element.line, element: element.name },
      element.ns
        ? { namespace: LD_NAMESPACE, element: element.name, found: element.ns, context: "namespace" }
        : { namespace: LD_NAMESPACE, element: element.name },
    );
    return undefined;
  }
  return new Reader(file, problems).learningDesign(element);
}

class Reader {
  private readonly declarations: SourceDeclaration[] = [];
  private readonly references: SourceReference[] = [];
  private readonly items: SourceItem[] = [];
  private readonly features: LevelFeature[] = [];

  constructor(
    private readonly file: string,
    private readonly problems: ProblemCollector,
  ) {}

  learningDesign(element: XmlElement): RawLearningDesign {
    const components = this.child(element, "components");
    const methodElement = this.child(element, "method");
    if (!components) this.missingChild(element, "components");
    if (!methodElement) this.missingChild(element, "method");
    const activities = components && this.child(components, "activities");
    const properties = components && this.child(components, "properties");
    return {
      identifier: this.identifier(element, null),
      uri: attribute(element, "uri") ?? null,
      version: attribute(element, "version") ?? null,
      level: attribute(element, "level") ?? null,
      element: element.name,
      line: element.line,
      title: this.title(element),
      learningObjectives: this.itemGroup(this.child(element, "learning-objectives")),
      prerequisites: this.itemGroup(this.child(element, "prerequisites")),
      roles: this.roles(components && this.child(components, "roles")),
      learningActivities: this.children(activities, "learning-activity").map((el) => this.learningActivity(el)),
      supportActivities: this.children(activities, "support-activity").map((el) => this.supportActivity(el)),
      activityStructures: this.children(activities, "activity-structure").map((el) => this.activityStructure(el)),
      environments: this.children(components && this.child(components, "environments"), "environment").map((el) =>
        this.environment(el),
      ),
      properties: this.properties(properties),
      propertyGroups: this.children(properties, "property-group").map((el) => this.propertyGroup(el)),
      method: methodElement ? this.method(methodElement) : null,
      declarations: this.declarations,
      references: this.references,
      items: this.items,
      features: this.features,
    };
  }

  // ---- components: roles

  private roles(element: XmlElement | undefined): Role[] {
    const roles: Role[] = [];
    const visit = (el: XmlElement, parent: string | null) => {
      const kind = el.local as Role["kind"];
      const identifier = this.identifier(el, "role");
      roles.push({
        identifier,
        kind,
        title: this.title(el),
        parent,
        createNew: attribute(el, "create-new") === "not-allowed" ? "not-allowed" : "allowed",
        matchPersons:
          attribute(el, "match-persons") === "exclusively-in-roles" ? "exclusively-in-roles" : "not-exclusively",
        minPersons: this.count(el, "min-persons"),
        maxPersons: this.count(el, "max-persons"),
        information: this.itemGroup(this.child(el, "information")),
      });
      for (const child of this.children(el)) {
        if (child.local === "learner" || child.local === "staff") visit(child, identifier);
      }
    };
    for (const child of this.children(element)) {
      if (child.local === "learner" || child.local === "staff") visit(child, null);
    }
    return roles;
  }

  // ---- components: activities

  private learningActivity(element: XmlElement): LearningActivity {
    return {
      identifier: this.identifier(element, "learning-activity"),
      title: this.title(element),
      isVisible: this.isVisible(element),
      parameters: attribute(element, "parameters") ?? null,
      learningObjectives: this.itemGroup(this.child(element, "learning-objectives")),
      prerequisites: this.itemGroup(this.child(element, "prerequisites")),
      environmentRefs: this.refs(element, "environment-ref", "environment"),
      description: this.itemGroup(this.child(element, "activity-description")),
      completion: this.completion(this.child(element, "complete-activity"), ACTIVITY_RULES),
      onCompletion: this.onCompletion(this.child(element, "on-completion")),
    };
  }

  private supportActivity(element: XmlElement): SupportActivity {
    return {
      identifier: this.identifier(element, "support-activity"),
      title: this.title(element),
      isVisible: this.isVisible(element),
      parameters: attribute(element, "parameters") ?? null,
      roleRefs: this.refs(element, "role-ref", "role"),
      environmentRefs: this.refs(element, "environment-ref", "environment"),
      description: this.itemGroup(this.child(element, "activity-description")),
      completion: this.completion(this.child(element, "complete-activity"), ACTIVITY_RULES),
      onCompletion: this.onCompletion(this.child(element, "on-completion")),
    };
  }

  private activityStructure(element: XmlElement): ActivityStructure {
    const identifier = this.identifier(element, "activity-structure");
    const structureType = attribute(element, "structure-type") ?? "sequence";
    if (structureType !== "sequence" && structureType !== "selection") {
      this.problems.error(
        "ld.structure-type",
        `activity-structure "${identifier}" has structure-type "${structureType}"; it must be "sequence" or "selection".`,
        this.at(element),
        { identifier, structureType },
      );
    }
    const activities: ActivityRef[] = [];
    for (const child of this.children(element)) {
      if (child.local === "unit-of-learning-href") {
        const href = this.requiredAttribute(child, "href");
        if (href) activities.push({ kind: "unit-of-learning", href });
      } else if (
        child.local === "learning-activity-ref" ||
        child.local === "support-activity-ref" ||
        child.local === "activity-structure-ref"
      ) {
        const kind = child.local.slice(0, -"-ref".length) as "learning-activity";
        const ref = this.ref(child, kind);
        if (ref) activities.push({ kind, ref });
      }
    }
    return {
      identifier,
      title: this.title(element),
      structureType: structureType === "selection" ? "selection" : "sequence",
      numberToSelect: this.count(element, "number-to-select"),
      sort: attribute(element, "sort") === "visibility-order" ? "visibility-order" : "as-is",
      information: this.itemGroup(this.child(element, "information")),
      environmentRefs: this.refs(element, "environment-ref", "environment"),
      activities,
    };
  }

  // ---- components: environments

  private environment(element: XmlElement): Environment {
    return {
      identifier: this.identifier(element, "environment"),
      title: this.title(element),
      learningObjects: this.children(element, "learning-object").map((el) => this.learningObject(el)),
      services: this.children(element, "service").map((el) => this.service(el)),
      environmentRefs: this.refs(element, "environment-ref", "environment"),
    };
  }

  private learningObject(element: XmlElement): LearningObject {
    return {
      identifier: this.identifier(element, "learning-object"),
      title: this.title(element),
      type: attribute(element, "type") ?? null,
      isVisible: this.isVisible(element),
      class: attribute(element, "class") ?? null,
      items: this.itemList(element),
    };
  }

  private service(element: XmlElement): Service {
    const identifier = this.identifier(element, "service");
    const body = this.children(element).find((child) => SERVICE_KINDS.includes(child.local as ServiceKind));
    const service: Service = {
      identifier,
      kind: (body?.local as ServiceKind | undefined) ?? "send-mail",
      title: body ? this.title(body) : this.title(element),
      isVisible: this.isVisible(element),
      class: attribute(element, "class") ?? null,
      roleRefs: [],
      select: null,
      conferenceType: null,
      observerRoleRefs: [],
      moderatorRoleRefs: [],
      monitorRoleRef: null,
      monitorSelf: false,
      items: [],
    };
    if (!body) {
      this.problems.error(
        "ld.service-kind",
        `service "${identifier}" has none of send-mail, conference, monitor or index-search.`,
        this.at(element),
        { identifier },
      );
      return service;
    }
    service.items = this.itemList(body);
    if (body.local === "send-mail") {
      service.select = attribute(body, "select") ?? null;
      service.roleRefs = this.children(body, "email-data").flatMap((el) => this.emailData(el)?.roleRef ?? []);
    } else if (body.local === "conference") {
      service.conferenceType = attribute(body, "conference-type") ?? null;
      service.roleRefs = this.roleAttributes(body, "participant");
      service.observerRoleRefs = this.roleAttributes(body, "observer");
      service.moderatorRoleRefs = [
        ...this.roleAttributes(body, "moderator"),
        ...this.roleAttributes(body, "conference-manager"),
      ];
    } else if (body.local === "monitor") {
      this.feature("B", body);
      service.monitorRoleRef = this.refs(body, "role-ref", "role")[0] ?? null;
      service.monitorSelf = this.child(body, "self") !== undefined;
    }
    return service;
  }

  private roleAttributes(element: XmlElement, local: string): string[] {
    const refs: string[] = [];
    for (const child of this.children(element, local)) {
      const ref = this.requiredAttribute(child, "role-ref");
      if (ref) {
        this.reference(ref, "role", child);
        refs.push(ref);
      }
    }
    return refs;
  }

  // ---- components: properties (level B)

  private properties(element: XmlElement | undefined): Property[] {
    const result: Property[] = [];
    for (const child of this.children(element)) {
      const scope = PROPERTY_ELEMENTS[child.local];
      if (scope) {
        this.feature("B", child);
        result.push(this.property(child, scope));
      }
    }
    return result;
  }

  private property(element: XmlElement, scope: PropertyScope): Property {
    const identifier = this.identifier(element, "property");
    const definition = this.child(element, "global-definition");
    const existing = this.child(element, "existing");
    const body = definition ?? element;
    const datatypeElement = this.child(body, "datatype");
    const written = datatypeElement ? attribute(datatypeElement, "datatype") : undefined;
    let datatype: PropertyDatatype = "string";
    if (written === undefined) {
      if (!existing) {
        this.problems.error(
          "ld.property-datatype",
          `Property "${identifier}" has no datatype.`,
          this.at(datatypeElement ?? element),
          { identifier, context: "missing" },
        );
      }
    } else if (DATATYPES.includes(written as PropertyDatatype)) {
      datatype = written as PropertyDatatype;
    } else {
      this.problems.error(
        "ld.property-datatype",
        `Property "${identifier}" has datatype "${written}"; expected one of ${DATATYPES.join(", ")}.`,
        this.at(datatypeElement ?? element),
        { identifier, datatype: written, expected: DATATYPES.join(", ") },
      );
    }
    const restrictions: Restriction[] = [];
    for (const el of this.children(body, "restriction")) {
      const type = attribute(el, "restriction-type");
      if (type && RESTRICTION_TYPES.includes(type as RestrictionType)) {
        restrictions.push({ type: type as RestrictionType, value: textContent(el).trim() });
      } else {
        this.problems.error(
          "ld.property-restriction",
          `Property "${identifier}" has a restriction with restriction-type "${type ?? ""}"; expected one of ${RESTRICTION_TYPES.join(", ")}.`,
          this.at(el),
          { identifier, type: type ?? "", expected: RESTRICTION_TYPES.join(", ") },
        );
      }
    }
    const initialElement = this.child(body, "initial-value");
    let initialValue: Property["initialValue"] = null;
    if (initialElement) {
      const parsed = parsePropertyValue(datatype, textContent(initialElement).trim());
      if (parsed.ok) initialValue = parsed.value;
      else {
        this.problems.error(
          "ld.property-initial-value",
          `Property "${identifier}" has initial-value "${textContent(initialElement).trim()}", which is not a valid ${datatype}.`,
          this.at(initialElement),
          { identifier, value: textContent(initialElement).trim(), datatype },
        );
      }
    }
    return {
      identifier,
      scope,
      title: this.title(body),
      datatype,
      initialValue,
      restrictions,
      uri: (definition && attribute(definition, "uri")) ?? (existing && attribute(existing, "href")) ?? null,
    };
  }

  private propertyGroup(element: XmlElement): PropertyGroup {
    this.feature("B", element);
    return {
      identifier: this.identifier(element, "property-group"),
      title: this.title(element),
      propertyRefs: this.refs(element, "property-ref", "property"),
      propertyGroupRefs: this.refs(element, "property-group-ref", "property-group"),
    };
  }

  // ---- method

  private method(element: XmlElement): Method {
    const plays = this.children(element, "play").map((el) => this.play(el));
    if (plays.length === 0) this.missingChild(element, "play");
    const conditions: Condition[] = [];
    for (const el of this.children(element, "conditions")) {
      this.feature("B", el);
      conditions.push(...this.conditions(el));
    }
    return {
      plays,
      completion: this.completion(this.child(element, "complete-unit-of-learning"), UNIT_RULES),
      onCompletion: this.onCompletion(this.child(element, "on-completion")),
      conditions,
    };
  }

  private play(element: XmlElement): Play {
    const acts = this.children(element, "act").map((el) => this.act(el));
    if (acts.length === 0) this.missingChild(element, "act");
    return {
      identifier: this.identifier(element, "play"),
      title: this.title(element),
      isVisible: this.isVisible(element),
      acts,
      completion: this.completion(this.child(element, "complete-play"), PLAY_RULES),
      onCompletion: this.onCompletion(this.child(element, "on-completion")),
    };
  }

  private act(element: XmlElement): Act {
    const roleParts = this.children(element, "role-part").map((el) => this.rolePart(el));
    if (roleParts.length === 0) this.missingChild(element, "role-part");
    return {
      identifier: this.identifier(element, "act"),
      title: this.title(element),
      roleParts,
      completion: this.completion(this.child(element, "complete-act"), ACT_RULES),
      onCompletion: this.onCompletion(this.child(element, "on-completion")),
    };
  }

  private rolePart(element: XmlElement): RolePart {
    const identifier = this.identifier(element, "role-part");
    const roleRefs = this.refs(element, "role-ref", "role");
    if (roleRefs.length === 0) this.missingChild(element, "role-ref");
    let target: RolePartTarget | null = null;
    for (const child of this.children(element)) {
      if (child.local === "unit-of-learning-href") {
        const href = this.requiredAttribute(child, "href");
        if (href) target = { kind: "unit-of-learning", href };
      } else if (ROLE_PART_TARGETS.has(child.local)) {
        const kind = child.local.slice(0, -"-ref".length) as "learning-activity";
        const ref = this.ref(child, kind);
        if (ref) target = { kind, ref };
      }
    }
    return { identifier, title: this.title(element), roleRef: roleRefs[0] ?? "", target };
  }

  // ---- completion and on-completion

  private completion(element: XmlElement | undefined, allowed: ReadonlySet<string>): CompletionRule[] {
    const rules: CompletionRule[] = [];
    const rolePartRefs: string[] = [];
    const playRefs: string[] = [];
    for (const child of this.children(element)) {
      if (!allowed.has(child.local)) {
        this.problems.error(
          "ld.completion-rule",
          `<${element!.name}> cannot contain <${child.name}>.`,
          this.at(child),
          { element: element!.name, child: child.name },
        );
        continue;
      }
      switch (child.local) {
        case "user-choice":
          rules.push({ kind: "user-choice" });
          break;
        case "time-limit":
          rules.push(this.timeLimit(child));
          break;
        case "when-property-value-is-set": {
          const rule = this.whenPropertyValueIsSet(child);
          if (rule) rules.push(rule);
          break;
        }
        case "when-role-part-completed": {
          const ref = this.ref(child, "role-part");
          if (ref) rolePartRefs.push(ref);
          break;
        }
        case "when-play-completed": {
          const ref = this.ref(child, "play");
          if (ref) playRefs.push(ref);
          break;
        }
        case "when-last-act-completed":
          rules.push({ kind: "when-last-act-completed" });
          break;
        case "when-condition-true": {
          this.feature("B", child);
          const roleRef = this.refs(child, "role-ref", "role")[0];
          const expression = this.children(child).find((el) => el.local !== "role-ref");
          if (!roleRef) this.missingChild(child, "role-ref");
          if (!expression) this.missingChild(child, "expression");
          else if (roleRef) {
            const parsed = this.expression(expression);
            if (parsed) rules.push({ kind: "when-condition-true", roleRef, expression: parsed });
          }
          break;
        }
      }
    }
    if (rolePartRefs.length > 0) rules.push({ kind: "when-role-part-completed", rolePartRefs });
    if (playRefs.length > 0) rules.push({ kind: "when-play-completed", playRefs });
    return rules;
  }

  private timeLimit(element: XmlElement): CompletionRule {
    const duration = textContent(element).trim();
    const propertyRef = attribute(element, "property-ref") ?? null;
    if (propertyRef) {
      this.feature("B", element);
      this.reference(propertyRef, "property", element);
    }
    if (!propertyRef && !isDuration(duration)) {
      this.problems.error(
        "ld.time-limit",
        `time-limit "${duration}" is not an ISO 8601 duration such as "PT30M" or "P2D".`,
        this.at(element),
        { duration },
      );
    }
    return { kind: "time-limit", duration, propertyRef };
  }

  private whenPropertyValueIsSet(element: XmlElement): CompletionRule | undefined {
    this.feature("B", element);
    const propertyRef = this.refs(element, "property-ref", "property")[0];
    if (!propertyRef) {
      this.missingChild(element, "property-ref");
      return undefined;
    }
    const valueElement = this.child(element, "property-value");
    return {
      kind: "when-property-value-is-set",
      propertyRef,
      value: valueElement ? textContent(valueElement).trim() : null,
    };
  }

  private onCompletion(element: XmlElement | undefined): OnCompletion | null {
    if (!element) return null;
    return {
      feedback: this.itemGroup(this.child(element, "feedback-description")),
      changePropertyValues: this.children(element, "change-property-value").flatMap(
        (el) => this.changePropertyValue(el) ?? [],
      ),
      notifications: this.children(element, "notification").flatMap((el) => this.notification(el) ?? []),
    };
  }

  private changePropertyValue(element: XmlElement): ChangePropertyValue | undefined {
    this.feature("B", element);
    const propertyRef = this.refs(element, "property-ref", "property")[0];
    const valueElement = this.child(element, "property-value");
    if (!propertyRef) this.missingChild(element, "property-ref");
    if (!valueElement) this.missingChild(element, "property-value");
    if (!propertyRef || !valueElement) return undefined;
    const value = this.propertyValue(valueElement);
    return value ? { propertyRef, value } : undefined;
  }

  private notification(element: XmlElement): Notification | undefined {
    this.feature("C", element);
    const emailData = this.children(element, "email-data").flatMap((el) => this.emailData(el) ?? []);
    if (emailData.length === 0) {
      this.missingChild(element, "email-data");
      return undefined;
    }
    let activity: Notification["activity"] = null;
    for (const child of this.children(element)) {
      if (child.local === "learning-activity-ref" || child.local === "support-activity-ref") {
        const kind = child.local === "learning-activity-ref" ? "learning-activity" : "support-activity";
        const ref = this.ref(child, kind);
        if (ref) activity = { kind, ref };
      }
    }
    const subject = this.child(element, "subject");
    return { emailData, activity, subject: subject ? textContent(subject).trim() : null };
  }

  private emailData(element: XmlElement): EmailData | undefined {
    const roleRef = this.refs(element, "role-ref", "role")[0];
    if (!roleRef) {
      this.missingChild(element, "role-ref");
      return undefined;
    }
    const emailPropertyRef = attribute(element, "email-property-ref") ?? null;
    const usernamePropertyRef = attribute(element, "username-property-ref") ?? null;
    if (emailPropertyRef) this.reference(emailPropertyRef, "property", element);
    if (usernamePropertyRef) this.reference(usernamePropertyRef, "property", element);
    return { roleRef, emailPropertyRef, usernamePropertyRef };
  }

  // ---- conditions and expressions (level B)

  private conditions(element: XmlElement): Condition[] {
    const result: Condition[] = [];
    // null after an <if> whose expression could not be read: its then and else are skipped.
    let current: Condition | null | undefined;
    for (const child of this.children(element)) {
      if (child.local === "if") current = this.ifThenElse(child, result) ?? null;
      else if (child.local === "then" || child.local === "else") {
        if (current === null) continue;
        if (!current) {
          this.problems.error("ld.condition-order", `<${child.name}> must follow an <if>.`, this.at(child), { element: child.name });
        } else if (child.local === "then") current.then = this.actions(child);
        else this.elseBranch(child, current);
      }
    }
    return result;
  }

  private ifThenElse(element: XmlElement, into: Condition[]): Condition | undefined {
    const expressionElement = this.children(element)[0];
    if (!expressionElement) {
      this.missingChild(element, "expression");
      return undefined;
    }
    const expression = this.expression(expressionElement);
    if (!expression) return undefined;
    const condition: Condition = { if: expression, then: [], else: [], elseIf: null };
    into.push(condition);
    return condition;
  }

  private elseBranch(element: XmlElement, condition: Condition): void {
    if (!this.child(element, "if")) {
      condition.else = this.actions(element);
      return;
    }
    const nested = this.conditions(element);
    condition.elseIf = nested[0] ?? null;
  }

  private actions(element: XmlElement): Action[] {
    const actions: Action[] = [];
    for (const child of this.children(element)) {
      if (child.local === "show" || child.local === "hide") {
        actions.push({ kind: child.local, targets: this.visibilityTargets(child) });
      } else if (child.local === "change-property-value") {
        const change = this.changePropertyValue(child);
        if (change) actions.push({ kind: "change-property-value", change });
      } else if (child.local === "notification") {
        const notification = this.notification(child);
        if (notification) actions.push({ kind: "notification", notification });
      } else {
        this.problems.error(
          "ld.unknown-action",
          `<${child.name}> is not an action; expected show, hide, change-property-value or notification.`,
          this.at(child),
          { element: child.name },
        );
      }
    }
    return actions;
  }

  private visibilityTargets(element: XmlElement): VisibilityTarget[] {
    const targets: VisibilityTarget[] = [];
    for (const child of this.children(element)) {
      if (child.local === "class") {
        const name = this.requiredAttribute(child, "class");
        if (name) targets.push({ kind: "class", class: name });
      } else if (child.local === "unit-of-learning-href") {
        const href = this.requiredAttribute(child, "href");
        if (href) targets.push({ kind: "unit-of-learning", href });
      } else if (VISIBILITY_REFS.has(child.local)) {
        const kind = child.local.slice(0, -"-ref".length) as "item";
        const ref = this.ref(child, kind);
        if (ref) targets.push({ kind, ref });
      } else {
        this.problems.error("ld.unknown-visibility-target", `<${element.name}> cannot act on <${child.name}>.`, this.at(child), {
          element: element.name,
          child: child.name,
        });
      }
    }
    return targets;
  }

  private expression(element: XmlElement): Expression | undefined {
    const local = element.local;
    const operands = () => this.children(element).flatMap((el) => this.expression(el) ?? []);
    if (local === "calculate" || local === "expression") {
      const inner = this.children(element)[0];
      if (!inner) this.missingChild(element, "expression");
      return inner ? this.expression(inner) : undefined;
    }
    if (local === "property-ref") {
      const ref = this.ref(element, "property");
      return ref ? { op: "property-ref", ref } : undefined;
    }
    if (local === "property-value") return this.propertyValue(element);
    if (BINARY_OPERATORS.has(local)) {
      const list = operands();
      if (list.length !== 2) {
        this.problems.error(
          "ld.expression-operands",
          `<${element.name}> needs exactly two operands, found ${list.length}.`,
          this.at(element),
          { element: element.name, operands: list.length },
        );
        return undefined;
      }
      return { op: local as "is", left: list[0], right: list[1] };
    }
    if (LIST_OPERATORS.has(local)) {
      const list = operands();
      if (list.length === 0) {
        this.problems.error("ld.expression-operands", `<${element.name}> has no operands.`, this.at(element), {
          element: element.name,
          context: "none",
        });
        return undefined;
      }
      return { op: local as "and", operands: list };
    }
    switch (local) {
      case "not": {
        const list = operands();
        if (list.length !== 1) {
          this.problems.error("ld.expression-operands", `<not> needs exactly one operand, found ${list.length}.`, this.at(element), {
            operands: list.length,
            context: "not",
          });
          return undefined;
        }
        return { op: "not", operand: list[0] };
      }
      case "users-in-role": {
        const roleRef = this.refs(element, "role-ref", "role")[0];
        if (!roleRef) this.missingChild(element, "role-ref");
        return roleRef ? { op: "users-in-role", roleRef } : undefined;
      }
      case "is-member-of-role": {
        const roleRef = this.ref(element, "role");
        return roleRef ? { op: "is-member-of-role", roleRef } : undefined;
      }
      case "no-value": {
        const propertyRef = this.refs(element, "property-ref", "property")[0];
        if (!propertyRef) this.missingChild(element, "property-ref");
        return propertyRef ? { op: "no-value", propertyRef } : undefined;
      }
      case "complete": {
        const target = this.completable(element);
        return target ? { op: "complete", target } : undefined;
      }
      case "time-unit-of-learning-started":
      case "current-datetime":
        return { op: local };
      case "datetime-activity-started": {
        const ref = this.requiredAttribute(element, "ref");
        if (!ref) return undefined;
        this.reference(ref, ["learning-activity", "support-activity", "activity-structure"], element);
        return { op: "datetime-activity-started", ref };
      }
    }
    this.problems.error("ld.unknown-expression", `<${element.name}> is not an IMS LD expression.`, this.at(element), { element: element.name });
    return undefined;
  }

  private completable(element: XmlElement): CompletableRef | undefined {
    for (const child of this.children(element)) {
      if (child.local === "unit-of-learning-href") {
        const href = this.requiredAttribute(child, "href");
        return href ? { kind: "unit-of-learning", href } : undefined;
      }
      if (COMPLETABLE_REFS.has(child.local)) {
        const kind = child.local.slice(0, -"-ref".length) as "act";
        const ref = this.ref(child, kind);
        return ref ? { kind, ref } : undefined;
      }
    }
    this.missingChild(element, "learning-activity-ref");
    return undefined;
  }

  /** `property-value`: a literal, a langstring, another property's value, or a calculation. */
  private propertyValue(element: XmlElement): Expression | undefined {
    const inner = this.children(element)[0];
    if (!inner) return { op: "literal", value: textContent(element).trim() };
    if (inner.local === "langstring") return { op: "literal", value: textContent(inner).trim() };
    return this.expression(inner);
  }

  // ---- items

  private itemGroup(element: XmlElement | undefined): ItemGroup | null {
    if (!element) return null;
    return { title: this.title(element), items: this.itemList(element) };
  }

  private itemList(element: XmlElement): Item[] {
    return this.children(element, "item").map((el) => this.item(el));
  }

  private item(element: XmlElement): Item {
    const item: Item = {
      identifier: this.identifier(element, "item"),
      identifierref: attribute(element, "identifierref") ?? null,
      href: null,
      resourceType: null,
      scormType: null,
      title: this.title(element),
      isVisible: this.isVisible(element),
      parameters: attribute(element, "parameters") ?? null,
      items: this.itemList(element),
    };
    this.items.push({ item, element: element.name, line: element.line });
    return item;
  }

  // ---- small readers

  private children(element: XmlElement | undefined, local?: string): XmlElement[] {
    if (!element) return [];
    const result: XmlElement[] = [];
    for (const child of element.children) {
      if (child.kind === "element" && child.ns === LD_NAMESPACE && (local === undefined || child.local === local)) {
        result.push(child);
      }
    }
    return result;
  }

  private child(element: XmlElement, local: string): XmlElement | undefined {
    return this.children(element, local)[0];
  }

  private title(element: XmlElement): string | null {
    const title = this.child(element, "title");
    const text = title ? textContent(title).replace(/\s+/g, " ").trim() : "";
    return text === "" ? null : text;
  }

  private isVisible(element: XmlElement): boolean {
    return attribute(element, "isvisible") !== "false";
  }

  private count(element: XmlElement, name: string): number | null {
    const value = attribute(element, name);
    if (value === undefined) return null;
    if (!/^\d+$/.test(value.trim())) {
      this.problems.error(
        "ld.not-a-count",
        `${name}="${value}" on <${element.name}> is not a whole number.`,
        this.at(element),
        { attribute: name, value, element: element.name },
      );
      return null;
    }
    return Number(value.trim());
  }

  private identifier(element: XmlElement, kind: DeclarationKind | null): string {
    const identifier = this.requiredAttribute(element, "identifier") ?? "";
    if (identifier && kind) {
      this.declarations.push({ identifier, kind, element: element.name, line: element.line });
    }
    return identifier;
  }

  private requiredAttribute(element: XmlElement, name: string): string | undefined {
    const value = attribute(element, name)?.trim();
    if (!value) {
      this.problems.error(
        "ld.missing-attribute",
        `<${element.name}> has no ${name} attribute.`,
        this.at(element),
        { element: element.name, attribute: name },
      );
      return undefined;
    }
    return value;
  }

  private ref(element: XmlElement, expected: DeclarationKind): string | undefined {
    const ref = this.requiredAttribute(element, "ref");
    if (ref) this.reference(ref, expected, element);
    return ref;
  }

  private refs(element: XmlElement, local: string, expected: DeclarationKind): string[] {
    return this.children(element, local).flatMap((el) => this.ref(el, expected) ?? []);
  }

  private reference(ref: string, expected: DeclarationKind | DeclarationKind[], element: XmlElement): void {
    const kinds = Array.isArray(expected) ? expected : [expected];
    this.references.push({ ref, expected: kinds, element: element.name, line: element.line });
  }

  private feature(level: "B" | "C", element: XmlElement): void {
    this.features.push({ level, element: element.name, line: element.line });
  }

  private missingChild(element: XmlElement, local: string): void {
    this.problems.error(
      local === "method" ? "ld.missing-method" : "ld.missing-element",
      `<${element.name}> has no <${local}>${local === "method" ? ": a learning design needs a method with at least one play" : ""}.`,
      this.at(element),
      local === "method" ? { element: element.name } : { element: element.name, child: local },
    );
  }

  private at(element: XmlElement) {
    return { file: this.file, line: element.line, element: element.name };
  }
}

const ACTIVITY_RULES = new Set(["user-choice", "time-limit", "when-property-value-is-set"]);
const ACT_RULES = new Set(["when-role-part-completed", "time-limit", "when-property-value-is-set", "when-condition-true"]);
const PLAY_RULES = new Set(["when-last-act-completed", "time-limit", "when-property-value-is-set"]);
const UNIT_RULES = new Set(["when-play-completed", "time-limit", "when-property-value-is-set"]);
const ROLE_PART_TARGETS = new Set([
  "learning-activity-ref",
  "support-activity-ref",
  "activity-structure-ref",
  "environment-ref",
]);
const VISIBILITY_REFS = new Set([
  "item-ref",
  "learning-activity-ref",
  "support-activity-ref",
  "activity-structure-ref",
  "environment-ref",
  "play-ref",
]);
const COMPLETABLE_REFS = new Set([
  "learning-activity-ref",
  "support-activity-ref",
  "activity-structure-ref",
  "role-part-ref",
  "act-ref",
  "play-ref",
]);
