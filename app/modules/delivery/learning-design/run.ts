import { durationToMilliseconds } from "../../standards/learning-design/duration";
import type {
  Action,
  ChangePropertyValue,
  CompletionRule,
  Condition,
  Expression,
  Notification,
  OnCompletion,
  Property,
  PropertyValue,
} from "../../standards/learning-design/model";
import { parsePropertyValue } from "../../standards/learning-design/property-value";
import { activityKind, isMemberOf, membersOf, type DesignIndex } from "./design-index";
import type { CompletableElement, RunEvent, RunState } from "./state";

/** How many rounds of rules and conditions may run before the engine gives up on a loop. */
export const MAX_ROUNDS = 50;

type Value = PropertyValue | undefined;

/**
 * One change to a run: a mutable copy of the state, the clock, and the events produced. After
 * the caller's own change, settle() applies everything that follows from it until nothing
 * changes: conditions (show/hide, change-property-value, notifications), completion rules of
 * activities, structures, role-parts, acts, plays and the unit, and their on-completion effects.
 */
export class Run {
  readonly events: RunEvent[] = [];
  private changed = false;

  constructor(
    readonly index: DesignIndex,
    readonly state: RunState,
    readonly now: string,
  ) {}

  get users(): string[] {
    return Object.keys(this.state.roles);
  }

  // ---- properties

  readProperty(property: Property, userId: string | null): Value {
    const store = this.state.properties;
    let value: Value;
    switch (property.scope) {
      case "loc":
        value = store.loc[property.identifier];
        break;
      case "glob":
        value = store.glob[property.identifier];
        break;
      case "locpers":
        value = userId === null ? undefined : store.locpers[userId]?.[property.identifier];
        break;
      case "globpers":
        value = userId === null ? undefined : store.globpers[userId]?.[property.identifier];
        break;
      case "locrole":
        for (const role of userId === null ? [] : (this.state.roles[userId] ?? [])) {
          value ??= store.locrole[role]?.[property.identifier];
        }
        break;
    }
    return value ?? property.initialValue ?? undefined;
  }

  /** Stores a value already typed and checked. locrole values go to every role the person holds. */
  writeProperty(property: Property, userId: string | null, value: PropertyValue): void {
    const store = this.state.properties;
    const put = (record: Record<string, PropertyValue>) => {
      if (record[property.identifier] !== value) {
        record[property.identifier] = value;
        this.changed = true;
      }
    };
    switch (property.scope) {
      case "loc":
        put(store.loc);
        break;
      case "glob":
        put(store.glob);
        break;
      case "locpers":
      case "globpers":
        if (userId !== null) put((store[property.scope][userId] ??= {}));
        break;
      case "locrole":
        for (const role of userId === null ? [] : (this.state.roles[userId] ?? [])) put((store.locrole[role] ??= {}));
        break;
    }
  }

  /** Runs a change for one person, or, for run-wide effects on personal properties, for everyone. */
  private forContext(userId: string | null, property: Property, apply: (userId: string | null) => void): void {
    const personal = property.scope === "locpers" || property.scope === "globpers" || property.scope === "locrole";
    if (userId === null && personal) this.users.forEach(apply);
    else apply(userId);
  }

  // ---- expressions

  evaluate(expression: Expression, userId: string | null): Value {
    switch (expression.op) {
      case "literal":
        return expression.value;
      case "property-ref": {
        const property = this.index.properties.get(expression.ref);
        return property ? this.readProperty(property, userId) : undefined;
      }
      case "is":
        return looseEqual(this.evaluate(expression.left, userId), this.evaluate(expression.right, userId));
      case "is-not":
        return !looseEqual(this.evaluate(expression.left, userId), this.evaluate(expression.right, userId));
      case "greater-than":
      case "less-than": {
        const order = compareValues(this.evaluate(expression.left, userId), this.evaluate(expression.right, userId));
        if (order === undefined) return false;
        return expression.op === "greater-than" ? order > 0 : order < 0;
      }
      case "subtract":
      case "divide": {
        const left = toNumber(this.evaluate(expression.left, userId));
        const right = toNumber(this.evaluate(expression.right, userId));
        if (left === undefined || right === undefined) return undefined;
        if (expression.op === "subtract") return left - right;
        return right === 0 ? undefined : left / right;
      }
      case "sum":
      case "multiply": {
        const numbers = expression.operands.map((operand) => toNumber(this.evaluate(operand, userId)));
        if (numbers.some((number) => number === undefined)) return undefined;
        return expression.op === "sum"
          ? (numbers as number[]).reduce((total, number) => total + number, 0)
          : (numbers as number[]).reduce((total, number) => total * number, 1);
      }
      case "and":
        return expression.operands.every((operand) => isTrue(this.evaluate(operand, userId)));
      case "or":
        return expression.operands.some((operand) => isTrue(this.evaluate(operand, userId)));
      case "not":
        return !isTrue(this.evaluate(expression.operand, userId));
      case "users-in-role":
        return membersOf(this.index, this.state, expression.roleRef).length;
      case "is-member-of-role":
        return userId !== null && isMemberOf(this.index, this.state, userId, expression.roleRef);
      case "no-value": {
        const property = this.index.properties.get(expression.propertyRef);
        const value = property ? this.readProperty(property, userId) : undefined;
        return value === undefined || value === "";
      }
      case "complete":
        return this.isComplete(expression.target, userId);
      case "time-unit-of-learning-started":
        return (Date.parse(this.now) - Date.parse(this.state.startedAt)) / 1000;
      case "datetime-activity-started":
        return userId === null ? undefined : this.state.activities[userId]?.[expression.ref]?.startedAt;
      case "current-datetime":
        return this.now;
    }
  }

  private isComplete(target: Extract<Expression, { op: "complete" }>["target"], userId: string | null): boolean {
    switch (target.kind) {
      case "learning-activity":
      case "support-activity":
      case "activity-structure":
        return userId !== null && this.activityCompleted(userId, target.ref);
      case "role-part":
        return userId !== null ? Boolean(this.state.roleParts[userId]?.[target.ref]) : this.rolePartCompletedByAll(target.ref);
      case "act":
        return Boolean(this.state.acts[target.ref]?.completedAt);
      case "play":
        return Boolean(this.state.plays[target.ref]?.completedAt);
      case "unit-of-learning":
        return false;
    }
  }

  // ---- visibility

  setVisibility(userId: string, key: string, visible: boolean): void {
    const record = (this.state.visibility[userId] ??= {});
    if (record[key] !== visible) {
      record[key] = visible;
      this.changed = true;
    }
  }

  /** Conditions' decision wins over the element's isvisible; for classes, the class decision. */
  isVisible(userId: string, identifier: string, isVisible: boolean, className: string | null = null): boolean {
    const record = this.state.visibility[userId] ?? {};
    return record[identifier] ?? (className !== null ? record[`class:${className}`] : undefined) ?? isVisible;
  }

  /** Activities made available to the person by a notification are visible whatever isvisible says. */
  isAvailableByNotification(userId: string, activityId: string): boolean {
    return Object.entries(this.state.available).some(
      ([roleId, activities]) => activities.includes(activityId) && isMemberOf(this.index, this.state, userId, roleId),
    );
  }

  activityVisible(userId: string, identifier: string): boolean {
    const activity =
      this.index.learningActivities.get(identifier) ?? this.index.supportActivities.get(identifier);
    const declared = activity ? activity.isVisible : true;
    return this.isVisible(userId, identifier, declared) || this.isAvailableByNotification(userId, identifier);
  }

  // ---- completion records

  activityCompleted(userId: string, identifier: string): boolean {
    return Boolean(this.state.activities[userId]?.[identifier]?.completedAt);
  }

  markActivityStarted(userId: string, identifier: string): void {
    const record = ((this.state.activities[userId] ??= {})[identifier] ??= {});
    if (!record.startedAt) {
      record.startedAt = this.now;
      this.changed = true;
    }
  }

  /** Records a person's completion of an activity or structure and applies its on-completion. */
  completeActivityFor(userId: string, identifier: string): void {
    const record = ((this.state.activities[userId] ??= {})[identifier] ??= {});
    if (record.completedAt) return;
    record.startedAt ??= this.now;
    record.completedAt = this.now;
    this.changed = true;
    const kind = activityKind(this.index, identifier) ?? "learning-activity";
    this.events.push({ kind: "completed", element: kind, identifier, userId, at: this.now });
    const activity = this.index.learningActivities.get(identifier) ?? this.index.supportActivities.get(identifier);
    if (activity) this.onCompletion(activity.onCompletion, kind, identifier, userId);
  }

  private onCompletion(
    onCompletion: OnCompletion | null,
    element: CompletableElement,
    identifier: string,
    userId: string | null,
  ): void {
    if (!onCompletion) return;
    if (onCompletion.feedback) {
      this.events.push({ kind: "feedback", element, identifier, userId, feedback: onCompletion.feedback });
    }
    for (const change of onCompletion.changePropertyValues) this.changePropertyValue(change, userId);
    for (const notification of onCompletion.notifications) {
      this.notify(notification, { kind: element, identifier, userId });
    }
  }

  private changePropertyValue(change: ChangePropertyValue, userId: string | null): void {
    const property = this.index.properties.get(change.propertyRef);
    if (!property) return;
    this.forContext(userId, property, (contextUser) => {
      const value = this.evaluate(change.value, contextUser);
      if (value === undefined) return;
      const parsed = parsePropertyValue(property.datatype, value);
      if (parsed.ok) this.writeProperty(property, contextUser, parsed.value);
      else {
        this.warn(
          "run.change-property-type",
          `change-property-value gives "${String(value)}" to property "${property.identifier}", which is not a valid ${property.datatype}; the value is kept.`,
        );
      }
    });
  }

  // ---- notifications (level C)

  notify(notification: Notification, trigger: { kind: CompletableElement | "condition"; identifier: string; userId: string | null }): void {
    const roleRefs = [...new Set(notification.emailData.map((data) => data.roleRef))];
    const recipients = roleRefs.flatMap((roleRef) =>
      membersOf(this.index, this.state, roleRef).map((userId) => ({ userId, roleRef })),
    );
    if (notification.activity) {
      for (const roleRef of roleRefs) {
        const list = (this.state.available[roleRef] ??= []);
        if (!list.includes(notification.activity.ref)) list.push(notification.activity.ref);
      }
    }
    const delivered = {
      id: `notification-${this.state.notifications.length + 1}`,
      at: this.now,
      subject: notification.subject,
      recipients,
      roleRefs,
      activity: notification.activity,
      emailPropertyRefs: notification.emailData.flatMap((data) => data.emailPropertyRef ?? []),
      trigger,
    };
    this.state.notifications.push(delivered);
    this.changed = true;
    this.events.push({ kind: "notification", notification: delivered });
  }

  warn(code: string, message: string): void {
    if (!this.events.some((event) => event.kind === "warning" && event.code === code && event.message === message)) {
      this.events.push({ kind: "warning", code, message });
    }
  }

  // ---- settling

  /** Applies conditions and completion rules until nothing changes (at most MAX_ROUNDS rounds). */
  settle(): void {
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      this.changed = false;
      this.startActs();
      this.evaluateConditions();
      this.completeActivitiesByRule();
      this.completeStructures();
      this.completeRoleParts();
      this.completeActs();
      this.completePlays();
      this.completeUnit();
      if (!this.changed) return;
    }
    this.warn(
      "run.condition-loop",
      `Conditions and completion rules were still changing the run after ${MAX_ROUNDS} rounds; the engine stopped there. The design's conditions probably feed each other.`,
    );
  }

  private startActs(): void {
    for (const play of this.index.uol.method.plays) {
      this.state.plays[play.identifier] ??= { startedAt: this.state.startedAt };
      if (this.state.plays[play.identifier].completedAt) continue;
      const current = play.acts.find((act) => !this.state.acts[act.identifier]?.completedAt);
      if (current && !this.state.acts[current.identifier]) {
        this.state.acts[current.identifier] = { startedAt: this.now };
        this.changed = true;
      }
    }
  }

  private evaluateConditions(): void {
    const conditions = this.index.uol.method.conditions;
    if (conditions.length === 0) return;
    for (const userId of this.users) {
      conditions.forEach((condition, position) => {
        const outcomes = (this.state.conditionOutcomes[userId] ??= {});
        const previous = outcomes[position];
        const { branch, actions } = this.chooseBranch(condition, userId, "");
        if (previous !== branch) {
          outcomes[position] = branch;
          this.changed = true;
        }
        for (const action of actions) this.applyAction(action, userId, previous !== branch, String(position));
      });
    }
  }

  private chooseBranch(condition: Condition, userId: string, prefix: string): { branch: string; actions: Action[] } {
    if (isTrue(this.evaluate(condition.if, userId))) return { branch: `${prefix}then`, actions: condition.then };
    if (condition.elseIf) return this.chooseBranch(condition.elseIf, userId, `${prefix}else-if:`);
    return { branch: `${prefix}else`, actions: condition.else };
  }

  /** Show, hide and change-property-value hold on every evaluation; a notification goes out only when the branch is newly taken. */
  private applyAction(action: Action, userId: string, newlyTaken: boolean, conditionId: string): void {
    switch (action.kind) {
      case "show":
      case "hide":
        for (const target of action.targets) {
          const key =
            target.kind === "class" ? `class:${target.class}` : target.kind === "unit-of-learning" ? `uol:${target.href}` : target.ref;
          this.setVisibility(userId, key, action.kind === "show");
        }
        break;
      case "change-property-value":
        this.changePropertyValue(action.change, userId);
        break;
      case "notification":
        if (newlyTaken) this.notify(action.notification, { kind: "condition", identifier: conditionId, userId });
        break;
    }
  }

  /** Activities the person can be doing now: in role-parts of started acts for their roles, or made available to them. */
  activitiesInReach(userId: string): Set<string> {
    const reach = new Set<string>();
    const add = (identifier: string) => {
      if (reach.has(identifier)) return;
      reach.add(identifier);
      for (const child of this.index.structures.get(identifier)?.activities ?? []) {
        if (child.kind !== "unit-of-learning") add(child.ref);
      }
    };
    for (const { rolePart } of this.index.roleParts.values()) {
      const actId = this.index.roleParts.get(rolePart.identifier)!.act.identifier;
      if (!this.state.acts[actId]) continue;
      if (!isMemberOf(this.index, this.state, userId, rolePart.roleRef)) continue;
      const target = rolePart.target;
      if (target && target.kind !== "environment" && target.kind !== "unit-of-learning") add(target.ref);
    }
    for (const [roleId, activities] of Object.entries(this.state.available)) {
      if (isMemberOf(this.index, this.state, userId, roleId)) activities.forEach(add);
    }
    return reach;
  }

  private completeActivitiesByRule(): void {
    for (const userId of this.users) {
      for (const identifier of this.activitiesInReach(userId)) {
        const activity = this.index.learningActivities.get(identifier) ?? this.index.supportActivities.get(identifier);
        if (!activity || this.activityCompleted(userId, identifier)) continue;
        const startedAt = this.state.activities[userId]?.[identifier]?.startedAt;
        if (activity.completion.some((rule) => this.ruleHolds(rule, userId, startedAt))) {
          this.completeActivityFor(userId, identifier);
        }
      }
    }
  }

  /**
   * Activity-level rules are judged for one person. For run-wide elements (userId null) a rule on
   * a personal property holds when it holds for every person in the run who has a learner role.
   */
  ruleHolds(rule: CompletionRule, userId: string | null, startedAt: string | undefined): boolean {
    switch (rule.kind) {
      case "user-choice":
        return false;
      case "time-limit": {
        if (!startedAt) return false;
        let duration = rule.duration;
        if (rule.propertyRef) {
          const property = this.index.properties.get(rule.propertyRef);
          const value = property ? this.readProperty(property, userId) : undefined;
          if (value === undefined) return false;
          duration = String(value);
        }
        const milliseconds = durationToMilliseconds(duration);
        return milliseconds !== undefined && Date.parse(this.now) >= Date.parse(startedAt) + milliseconds;
      }
      case "when-property-value-is-set": {
        const property = this.index.properties.get(rule.propertyRef);
        if (!property) return false;
        const holdsFor = (contextUser: string | null) => {
          const value = this.readProperty(property, contextUser);
          return value !== undefined && value !== "" && (rule.value === null || looseEqual(value, rule.value));
        };
        const personal = property.scope === "locpers" || property.scope === "globpers" || property.scope === "locrole";
        if (userId !== null || !personal) return holdsFor(userId);
        const learners = this.learners();
        return learners.length > 0 && learners.every(holdsFor);
      }
      case "when-role-part-completed":
        return rule.rolePartRefs.every((ref) => this.rolePartCompletedByAll(ref));
      case "when-condition-true": {
        const members = membersOf(this.index, this.state, rule.roleRef);
        return members.length > 0 && members.every((member) => isTrue(this.evaluate(rule.expression, member)));
      }
      case "when-last-act-completed":
        return false;
      case "when-play-completed":
        return rule.playRefs.every((ref) => Boolean(this.state.plays[ref]?.completedAt));
    }
  }

  private learners(): string[] {
    return this.users.filter((userId) =>
      (this.state.roles[userId] ?? []).some((roleId) => this.rootKind(roleId) === "learner"),
    );
  }

  private rootKind(roleId: string): string | undefined {
    return this.index.roles.get(roleId)?.kind;
  }

  /**
   * A sequence is completed when each of its activities is completed or hidden from the person;
   * a selection when number-to-select of them are completed (all, when it has no number).
   * Nested units of learning run elsewhere and are not counted.
   */
  structureCompleted(userId: string, identifier: string): boolean {
    const structure = this.index.structures.get(identifier);
    if (!structure) return false;
    const children = structure.activities.filter((child) => child.kind !== "unit-of-learning") as { ref: string }[];
    const done = children.filter((child) => this.activityCompleted(userId, child.ref)).length;
    if (structure.structureType === "selection") {
      const needed = structure.numberToSelect ?? children.length;
      return done >= needed && needed > 0;
    }
    return (
      children.length > 0 &&
      children.every((child) => this.activityCompleted(userId, child.ref) || !this.activityVisible(userId, child.ref))
    );
  }

  private completeStructures(): void {
    for (const userId of this.users) {
      for (const identifier of this.activitiesInReach(userId)) {
        if (!this.index.structures.has(identifier) || this.activityCompleted(userId, identifier)) continue;
        if (this.structureCompleted(userId, identifier)) this.completeActivityFor(userId, identifier);
      }
    }
  }

  private completeRoleParts(): void {
    for (const { rolePart, act } of this.index.roleParts.values()) {
      if (!this.state.acts[act.identifier]) continue;
      const target = rolePart.target;
      if (!target || target.kind === "environment" || target.kind === "unit-of-learning") continue;
      for (const userId of membersOf(this.index, this.state, rolePart.roleRef)) {
        const record = (this.state.roleParts[userId] ??= {});
        if (record[rolePart.identifier] || !this.activityCompleted(userId, target.ref)) continue;
        record[rolePart.identifier] = this.now;
        this.changed = true;
        this.events.push({ kind: "completed", element: "role-part", identifier: rolePart.identifier, userId, at: this.now });
      }
    }
  }

  /** A role-part is done for the run when every member of its role (at least one) has done it. */
  rolePartCompletedByAll(rolePartId: string): boolean {
    const entry = this.index.roleParts.get(rolePartId);
    if (!entry) return false;
    const members = membersOf(this.index, this.state, entry.rolePart.roleRef);
    return members.length > 0 && members.every((userId) => Boolean(this.state.roleParts[userId]?.[rolePartId]));
  }

  private completeActs(): void {
    for (const play of this.index.uol.method.plays) {
      for (const act of play.acts) {
        const record = this.state.acts[act.identifier];
        if (!record || record.completedAt) continue;
        const rules: CompletionRule[] =
          act.completion.length > 0
            ? act.completion
            : [
                {
                  kind: "when-role-part-completed",
                  rolePartRefs: act.roleParts
                    .filter((rolePart) => rolePart.target && rolePart.target.kind !== "environment" && rolePart.target.kind !== "unit-of-learning")
                    .map((rolePart) => rolePart.identifier),
                },
              ];
        const applicable = rules.filter((rule) => rule.kind !== "when-role-part-completed" || rule.rolePartRefs.length > 0);
        if (!applicable.some((rule) => this.ruleHolds(rule, null, record.startedAt))) continue;
        record.completedAt = this.now;
        this.changed = true;
        this.events.push({ kind: "completed", element: "act", identifier: act.identifier, userId: null, at: this.now });
        this.onCompletion(act.onCompletion, "act", act.identifier, null);
      }
    }
  }

  private completePlays(): void {
    for (const play of this.index.uol.method.plays) {
      const record = this.state.plays[play.identifier];
      if (!record || record.completedAt) continue;
      const lastAct = play.acts[play.acts.length - 1];
      const lastDone = lastAct !== undefined && Boolean(this.state.acts[lastAct.identifier]?.completedAt);
      const rules = play.completion.length > 0 ? play.completion : [{ kind: "when-last-act-completed" } as const];
      const holds = rules.some((rule) =>
        rule.kind === "when-last-act-completed" ? lastDone : this.ruleHolds(rule, null, record.startedAt),
      );
      if (!holds) continue;
      record.completedAt = this.now;
      this.changed = true;
      this.events.push({ kind: "completed", element: "play", identifier: play.identifier, userId: null, at: this.now });
      this.onCompletion(play.onCompletion, "play", play.identifier, null);
    }
  }

  private completeUnit(): void {
    if (this.state.unitCompletedAt) return;
    const method = this.index.uol.method;
    const rules: CompletionRule[] =
      method.completion.length > 0
        ? method.completion
        : [{ kind: "when-play-completed", playRefs: method.plays.map((play) => play.identifier) }];
    if (!rules.some((rule) => this.ruleHolds(rule, null, this.state.startedAt))) return;
    this.state.unitCompletedAt = this.now;
    this.changed = true;
    this.events.push({ kind: "completed", element: "unit-of-learning", identifier: this.index.uol.identifier, userId: null, at: this.now });
    this.onCompletion(method.onCompletion, "unit-of-learning", this.index.uol.identifier, null);
  }
}

// ---- value semantics shared by expressions and rules

export function isTrue(value: Value): boolean {
  return value === true || value === "true";
}

/**
 * Numbers, booleans, ISO 8601 durations (as seconds) and date-times (as seconds since 1970)
 * compare as numbers; other texts do not convert.
 */
export function toNumber(value: Value): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value === undefined) return undefined;
  const text = value.trim();
  if (text !== "" && Number.isFinite(Number(text))) return Number(text);
  const duration = durationToMilliseconds(text);
  if (duration !== undefined) return duration / 1000;
  if (/^\d{4}-\d{2}-\d{2}/.test(text) && !Number.isNaN(Date.parse(text))) return Date.parse(text) / 1000;
  return undefined;
}

function looseEqual(left: Value, right: Value): boolean {
  if (left === undefined || right === undefined) return false;
  if (typeof left === "boolean" || typeof right === "boolean") return String(left) === String(right);
  if (typeof left === "number" || typeof right === "number") {
    const a = toNumber(left);
    const b = toNumber(right);
    return a !== undefined && a === b;
  }
  return left === right;
}

function compareValues(left: Value, right: Value): number | undefined {
  if (left === undefined || right === undefined) return undefined;
  const a = toNumber(left);
  const b = toNumber(right);
  if (a !== undefined && b !== undefined) return a - b;
  const x = String(left);
  const y = String(right);
  return x < y ? -1 : x > y ? 1 : 0;
}
