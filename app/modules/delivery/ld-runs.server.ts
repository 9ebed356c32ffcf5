import type { Db } from "../../utils/db.server";
import { COURSE_NODE, progressOf, recordProgress, withRetry } from "../progress/progress.server";
import type { ProgressStatus } from "../progress/status";
import type { UnitOfLearning } from "../standards/learning-design/model";
import { assignRole, createRun } from "./learning-design/engine";
import { progressFor } from "./learning-design/progress";
import type { RunEvent, RunResult, RunState } from "./learning-design/state";
import { inboxMessages, type InboxMessage } from "./notifications";
import { rolesFor, staffRoles, STAFF_MEMBERSHIP_ROLES, type MembershipLike } from "./runs";

/**
 * IMS LD runs in the database. The engine is pure; this stores its RunState in LdRun.state with
 * optimistic concurrency on LdRun.revision (a writer that read an older revision recomputes its
 * change on the newer state), then acts on the events: inbox messages for notifications and
 * Progress rows for the learners whose progress changed.
 */

export class RunConflictError extends Error {}

const MAX_ATTEMPTS = 25;

export interface RunContext {
  runId: string;
  uol: UnitOfLearning;
  course: { id: string; title: string };
}

/**
 * Applies a change to the stored run. change gets the newest state and returns the engine's
 * result; when another request changed the run in between, the change is computed again on
 * the newer state, so neither is lost. Returns the engine's result (with the saved state).
 */
export async function changeRun(
  db: Db,
  context: RunContext,
  actorId: string,
  now: string,
  change: (state: RunState) => RunResult,
): Promise<RunResult> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    const row = await db.ldRun.findUnique({ where: { id: context.runId }, select: { state: true, revision: true } });
    if (!row) throw new Response("Run not found.", { status: 404 });
    const result = change(JSON.parse(row.state) as RunState);
    if (!result.ok) return result;
    const serialized = JSON.stringify(result.state);
    if (serialized === row.state) return result;
    const { count } = await withRetry(() =>
      db.ldRun.updateMany({
        where: { id: context.runId, revision: row.revision },
        data: { state: serialized, revision: { increment: 1 } },
      }),
    );
    if (count === 1) {
      await afterChange(db, context, result.state, result.events, actorId, now);
      return result;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
  }
  throw new RunConflictError(`Run ${context.runId} kept changing under ${MAX_ATTEMPTS} attempts.`);
}

async function afterChange(
  db: Db,
  context: RunContext,
  state: RunState,
  events: RunEvent[],
  actorId: string,
  now: string,
): Promise<void> {
  const notifications = events.flatMap((event) => (event.kind === "notification" ? [event.notification] : []));
  await deliverMessages(db, inboxMessages(context.runId, notifications, context.course));
  const learners = new Set([actorId]);
  for (const event of events) {
    if (event.kind !== "completed") continue;
    if (event.userId === null) Object.keys(state.roles).forEach((userId) => learners.add(userId));
    else learners.add(event.userId);
  }
  const enrolments = await db.enrolment.findMany({
    where: { ldRunId: context.runId, userId: { in: [...learners] } },
    select: { id: true, userId: true },
  });
  for (const enrolment of enrolments) {
    await writeProgress(db, enrolment.id, context.uol, state, enrolment.userId, now, enrolment.userId === actorId);
  }
}

/** Inbox messages, each at most once (its dedupe key is unique). */
export async function deliverMessages(db: Db, messages: readonly InboxMessage[]): Promise<void> {
  for (const message of messages) {
    await withRetry(() =>
      db.notification.upsert({ where: { dedupeKey: message.dedupeKey }, create: message, update: {} }),
    );
  }
}

/**
 * Writes a learner's progress from the run: each activity and structure, act, play, the unit and
 * the course (COURSE_NODE, with the unit's status). Only nodes whose status changed are written,
 * plus the course row when the learner acted (it carries the last access).
 */
export async function writeProgress(
  db: Db,
  enrolmentId: string,
  uol: UnitOfLearning,
  state: RunState,
  userId: string,
  now: string,
  accessed: boolean,
): Promise<void> {
  const progress = progressFor(uol, state, userId, now);
  const stored = await progressOf(db, enrolmentId);
  const records = state.activities[userId] ?? {};
  const seconds = (identifier: string) => {
    const record = records[identifier];
    if (!record?.startedAt || !record.completedAt) return 0;
    return Math.max(0, Math.round((Date.parse(record.completedAt) - Date.parse(record.startedAt)) / 1000));
  };
  const nodes: [string, ProgressStatus, number][] = [
    ...Object.entries(progress.activities).map(([id, status]): [string, ProgressStatus, number] => [id, status, seconds(id)]),
    ...Object.entries(progress.acts).map(([id, status]): [string, ProgressStatus, number] => [id, status, 0]),
    ...Object.entries(progress.plays).map(([id, status]): [string, ProgressStatus, number] => [id, status, 0]),
    [uol.identifier, progress.unit, 0],
  ];
  for (const [nodeId, status, timeSpentSeconds] of nodes) {
    if (status === "not-started" || stored.get(nodeId)?.status === status) continue;
    await recordProgress(db, enrolmentId, nodeId, { status, timeSpentSeconds, at: now });
  }
  const total = Object.keys(progress.activities)
    .filter((id) => !uol.activityStructures.some((structure) => structure.identifier === id))
    .reduce((sum, id) => sum + seconds(id), 0);
  if (accessed || stored.get(COURSE_NODE)?.status !== progress.unit) {
    await recordProgress(db, enrolmentId, COURSE_NODE, { status: progress.unit, timeSpentSeconds: total, at: now });
  }
}

/**
 * The run of a package for an organisation, created when it does not exist yet. A new run
 * starts with the organisation's managers and authors in the unit's staff roles. Two requests
 * creating the same run at once keep the older one.
 */
export async function organisationRun(
  db: Db,
  input: { packageId: string; organisationId: string; uol: UnitOfLearning; now: string },
): Promise<string> {
  const where = { packageId: input.packageId, organisationId: input.organisationId };
  const oldest = () => db.ldRun.findFirst({ where, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true } });
  const existing = await oldest();
  if (existing) return existing.id;
  const staff = await db.membership.findMany({
    where: { organisationId: input.organisationId, status: "active", role: { in: [...STAFF_MEMBERSHIP_ROLES] } },
    select: { userId: true },
  });
  const roles = staffRoles(input.uol);
  const created = await newRun(db, input, Object.fromEntries(roles.length ? staff.map(({ userId }) => [userId, roles]) : []));
  const winner = await oldest();
  if (winner && winner.id !== created) {
    await db.ldRun.delete({ where: { id: created } });
    return winner.id;
  }
  return created;
}

/** A run of its own for a learner in no organisation. */
export function personalRun(db: Db, input: { packageId: string; uol: UnitOfLearning; now: string }): Promise<string> {
  return newRun(db, { ...input, organisationId: null }, {});
}

async function newRun(
  db: Db,
  input: { packageId: string; organisationId: string | null; uol: UnitOfLearning; now: string },
  roles: Record<string, string[]>,
): Promise<string> {
  let result = createRun(input.uol, { now: input.now, roles: {} });
  const granted: Record<string, string[]> = {};
  for (const [userId, wanted] of Object.entries(roles)) {
    for (const roleId of wanted) {
      if (!result.ok) break;
      const next = assignRole(input.uol, result.state, userId, roleId, input.now);
      if (next.ok) {
        result = next;
        (granted[userId] ??= []).push(roleId);
      }
    }
  }
  if (!result.ok) throw new Error(`The unit cannot start a run: ${result.message}`);
  const run = await withRetry(() =>
    db.ldRun.create({
      data: {
        packageId: input.packageId,
        organisationId: input.organisationId,
        state: JSON.stringify(result.state),
        participants: {
          create: Object.entries(granted).map(([userId, held]) => ({ userId, roles: JSON.stringify(held) })),
        },
      },
      select: { id: true },
    }),
  );
  return run.id;
}

/**
 * Gives a person the roles the rules give them (see runs.ts) that they do not hold yet, records
 * them as a participant and delivers the notifications sent earlier to those roles.
 */
export async function joinRun(
  db: Db,
  context: RunContext & { organisationId: string | null },
  person: { userId: string; enrolled: boolean; memberships: readonly MembershipLike[] },
  now: string,
): Promise<RunState> {
  const wanted = rolesFor(context.uol, person, context.organisationId);
  let added: string[] = [];
  const result = await changeRun(db, context, person.userId, now, (state) => {
    added = [];
    let current: RunResult = { ok: true, state, events: [] };
    for (const roleId of wanted) {
      if ((current.state.roles[person.userId] ?? []).includes(roleId)) continue;
      const next = assignRole(context.uol, current.state, person.userId, roleId, now);
      if (!next.ok) continue;
      current = { ok: true, state: next.state, events: [...current.events, ...next.events] };
      added.push(roleId);
    }
    return current;
  });
  if (!result.ok) throw new Error(result.message);
  const held = result.state.roles[person.userId] ?? [];
  if (held.length > 0) {
    await withRetry(() =>
      db.ldRunParticipant.upsert({
        where: { runId_userId: { runId: context.runId, userId: person.userId } },
        create: { runId: context.runId, userId: person.userId, roles: JSON.stringify(held) },
        update: { roles: JSON.stringify(held) },
      }),
    );
  }
  if (added.length > 0) {
    await deliverMessages(
      db,
      inboxMessages(context.runId, result.state.notifications, context.course, { only: { userId: person.userId, roles: added } }),
    );
  }
  return result.state;
}
