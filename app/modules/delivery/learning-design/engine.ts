import type { PropertyValue, UnitOfLearning } from "../../standards/learning-design/model";
import { parsePropertyValue, restrictionViolation } from "../../standards/learning-design/property-value";
import { activityKind, indexDesign, isMemberOf, membersOf, type DesignIndex } from "./design-index";
import { Run } from "./run";
import type { RunResult, RunState } from "./state";
import { activityStatuses } from "./view";

/**
 * The IMS LD run-time as pure functions: each takes the design, the stored RunState and the
 * clock, and returns a new state plus the events the caller acts on (feedback to show,
 * notifications to deliver, completions to record), or an error with a stable code.
 */

export function createRun(
  uol: UnitOfLearning,
  options: { now: string; roles: Record<string, string[]> },
): RunResult {
  const state: RunState = {
    startedAt: options.now,
    roles: {},
    activities: {},
    roleParts: {},
    acts: {},
    plays: {},
    unitCompletedAt: null,
    properties: { loc: {}, locpers: {}, locrole: {}, globpers: {}, glob: {} },
    visibility: {},
    conditionOutcomes: {},
    available: {},
    notifications: [],
  };
  let result: RunResult = { ok: true, state, events: [] };
  for (const [userId, roles] of Object.entries(options.roles)) {
    for (const roleId of roles) {
      if (!result.ok) return result;
      result = assignRole(uol, result.state, userId, roleId, options.now);
    }
  }
  return result.ok ? settled(uol, result.state, options.now, () => undefined) : result;
}

/** Gives a person a role, honouring max-persons and exclusively-in-roles among sibling sub-roles. */
export function assignRole(uol: UnitOfLearning, state: RunState, userId: string, roleId: string, now: string): RunResult {
  const index = indexDesign(uol);
  const role = index.roles.get(roleId);
  if (!role) return failure("run.unknown-role", `The design has no role "${roleId}".`);
  if ((state.roles[userId] ?? []).includes(roleId)) return { ok: true, state, events: [] };
  const members = membersOf(index, state, roleId);
  if (role.maxPersons !== null && members.length >= role.maxPersons) {
    return failure("run.role-full", `Role "${roleId}" already has its maximum of ${role.maxPersons} people.`);
  }
  if (role.parent !== null) {
    const siblings = uol.roles.filter((other) => other.parent === role.parent && other.identifier !== roleId);
    const exclusive = siblings.concat(role).some((other) => other.matchPersons === "exclusively-in-roles");
    const held = siblings.find((other) => isMemberOf(index, state, userId, other.identifier));
    if (exclusive && held) {
      return failure("run.role-exclusive", `A person in role "${held.identifier}" cannot also be in "${roleId}".`);
    }
  }
  return settled(uol, state, now, (run) => {
    (run.state.roles[userId] ??= []).push(roleId);
  });
}

/** Records that the person opened an activity: its time limit starts counting. */
export function openActivity(uol: UnitOfLearning, state: RunState, userId: string, activityId: string, now: string): RunResult {
  return settled(uol, state, now, (run) => {
    const problem = availability(run, userId, activityId);
    if (problem) return problem;
    run.markActivityStarted(userId, activityId);
  });
}

/** The person says they are done. Only allowed when the activity's complete-activity has user-choice. */
export function completeActivity(
  uol: UnitOfLearning,
  state: RunState,
  userId: string,
  activityId: string,
  now: string,
): RunResult {
  return settled(uol, state, now, (run) => {
    if (run.activityCompleted(userId, activityId)) {
      return failure("run.already-completed", `Activity "${activityId}" is already completed.`);
    }
    const problem = availability(run, userId, activityId);
    if (problem) return problem;
    const activity = run.index.learningActivities.get(activityId) ?? run.index.supportActivities.get(activityId);
    if (!activity || !activity.completion.some((rule) => rule.kind === "user-choice")) {
      return failure(
        "run.not-user-choice",
        `Activity "${activityId}" is completed by its own rule (time limit, property or structure), not by the person.`,
      );
    }
    run.completeActivityFor(userId, activityId);
  });
}

/**
 * Sets a property after checking its datatype and restrictions, then re-evaluates every
 * condition and completion rule. subjectId sets the value of a person the actor supports
 * (set-property with property-of="supported-person").
 */
export function setProperty(
  uol: UnitOfLearning,
  state: RunState,
  userId: string,
  propertyId: string,
  value: PropertyValue,
  now: string,
  options: { subjectId?: string } = {},
): RunResult {
  return settled(uol, state, now, (run) => {
    const property = run.index.properties.get(propertyId);
    if (!property) return failure("run.unknown-property", `The design has no property "${propertyId}".`);
    if (!run.state.roles[userId]) return failure("run.unknown-person", `Person "${userId}" has no role in this run.`);
    const subject = options.subjectId ?? userId;
    if (subject !== userId && !supports(run.index, run.state, userId, subject)) {
      return failure("run.not-supporting", `Person "${userId}" does not support "${subject}" and cannot set their properties.`);
    }
    const parsed = parsePropertyValue(property.datatype, value);
    if (!parsed.ok) {
      return failure("run.property-type", `"${String(value)}" is not a valid ${property.datatype} for property "${propertyId}".`);
    }
    const violation = restrictionViolation(parsed.value, property.restrictions);
    if (violation) return failure("run.property-restriction", `The value of property "${propertyId}" ${violation}.`);
    run.writeProperty(property, subject, parsed.value);
  });
}

/** Applies what the clock decides (time limits, time-based conditions). Call it before showing or storing a run. */
export function tick(uol: UnitOfLearning, state: RunState, now: string): RunResult {
  return settled(uol, state, now, () => undefined);
}

type Failure = Extract<RunResult, { ok: false }>;

function failure(code: string, message: string): Failure {
  return { ok: false, code, message };
}

function settled(uol: UnitOfLearning, state: RunState, now: string, change: (run: Run) => Failure | void): RunResult {
  const run = new Run(indexDesign(uol), structuredClone(state), now);
  run.settle();
  const problem = change(run);
  if (problem) return problem;
  run.settle();
  return { ok: true, state: run.state, events: run.events };
}

function availability(run: Run, userId: string, activityId: string): Failure | undefined {
  if (!activityKind(run.index, activityId)) return failure("run.unknown-activity", `The design has no activity "${activityId}".`);
  const status = activityStatuses(run, userId).get(activityId);
  if (status === undefined) {
    return failure("run.not-available", `Activity "${activityId}" is not among the activities person "${userId}" can do now.`);
  }
  if (status === "locked") {
    return failure("run.locked", `Activity "${activityId}" waits for the activities before it in its sequence.`);
  }
  return undefined;
}

/**
 * Whether the actor supports the subject: the actor's role-parts include a support activity for
 * one of the subject's roles. A support activity without role-ref supports every learner.
 */
export function supports(index: DesignIndex, state: RunState, actorId: string, subjectId: string): boolean {
  const subjectHolds = (roleRefs: string[]) =>
    roleRefs.length === 0
      ? (state.roles[subjectId] ?? []).some((roleId) => index.roles.get(roleId)?.kind === "learner")
      : roleRefs.some((roleId) => isMemberOf(index, state, subjectId, roleId));
  for (const { rolePart } of index.roleParts.values()) {
    if (!isMemberOf(index, state, actorId, rolePart.roleRef) || rolePart.target?.kind !== "support-activity") continue;
    const activity = index.supportActivities.get(rolePart.target.ref);
    if (activity && subjectHolds(activity.roleRefs)) return true;
  }
  return false;
}
