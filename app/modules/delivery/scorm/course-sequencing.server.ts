import type { Db } from "../../../utils/db.server";
import { readRows, sql } from "../../../utils/sql.server";
import type { PackageModel } from "../../packages/model";
import { COURSE_NODE, recordProgress, withRetry } from "../../progress/progress.server";
import type { ProgressStatus, ProgressUpdate } from "../../progress/status";
import {
  courseScore,
  readSequencingState,
  refusalReason,
  sequencingTreeOf,
  trackedStatus,
  type RefusalReason,
} from "./course-sequencing";
import { availableChoices, navigate, reportAttempt, type ActivityTree, type NavigationRequest, type RuntimeReport, type SequencingState } from "./sequencing";

/**
 * Keeps each learner's SCORM 2004 sequencing state (Enrolment.sequencingState) and runs the
 * engine's requests against it: launching the course, the learner's navigation requests, and
 * each SCO's run-time data with the navigation request it left at Terminate.
 */

const MAX_CACHED = 64;
const trees = new Map<string, ActivityTree | null>();

/** The activity tree of a package version (cached: a stored version never changes); null when sequencing does not drive it. */
export function sequencingTree(packageId: string, model: PackageModel): ActivityTree | null {
  if (trees.has(packageId)) return trees.get(packageId)!;
  const tree = model.contentPackage && !model.learningDesign ? sequencingTreeOf(model.contentPackage) : null;
  trees.set(packageId, tree);
  if (trees.size > MAX_CACHED) trees.delete(trees.keys().next().value as string);
  return tree;
}

export async function readLearnerState(db: Db, enrolmentId: string, tree: ActivityTree): Promise<SequencingState> {
  const [row] = await readRows<{ sequencingState: string }>(db, sql`SELECT "sequencingState" FROM "Enrolment" WHERE "id" = ${enrolmentId}`);
  if (!row) throw new Error(`No enrolment ${enrolmentId}`);
  return readSequencingState(tree, row.sequencingState);
}

/**
 * Computes the learner's next state from the stored one and stores it, in one transaction
 * whose first statement is a write: a second tab or a concurrent commit waits on the lock and
 * then computes from what this one stored, so neither loses the other's changes.
 */
async function updateState<T>(
  db: Db,
  enrolmentId: string,
  tree: ActivityTree,
  step: (state: SequencingState) => { state: SequencingState; result: T },
): Promise<{ state: SequencingState; result: T }> {
  return withRetry(() =>
    db.$transaction(async (tx) => {
      const row = await tx.enrolment.update({ where: { id: enrolmentId }, data: { updatedAt: new Date() }, select: { sequencingState: true } });
      const before = readSequencingState(tree, row.sequencingState);
      const next = step(before);
      if (next.state !== before) {
        await tx.enrolment.update({ where: { id: enrolmentId }, data: { sequencingState: JSON.stringify(next.state) }, select: { id: true } });
      }
      return next;
    }),
  );
}

export interface SequencingOutcome {
  /** The leaf activity now delivered. */
  deliver: string | null;
  /** The session ended: the course was left, suspended or finished. */
  endSession: boolean;
  /** Why the request was refused. */
  refusal: RefusalReason | null;
}

function outcomeOf(result: ReturnType<typeof navigate>): SequencingOutcome {
  return { deliver: result.deliver, endSession: result.endSession, refusal: result.exception ? refusalReason(result.exception) : null };
}

/**
 * Opening the player: when no session is under way, start one (resumeAll after a suspendAll).
 * A course whose root does not allow flow cannot be started by flow: the learner would have to
 * choose, and the player chooses the first part they may choose for them.
 */
export async function launchSequencing(db: Db, enrolmentId: string, tree: ActivityTree, now: Date): Promise<{ state: SequencingState; refusal: RefusalReason | null }> {
  // Usually a session is under way: nothing to change, so nothing to write (or wait for).
  const current = await readLearnerState(db, enrolmentId, tree);
  if (current.currentActivity !== null) return { state: current, refusal: null };
  const { state, result } = await updateState(db, enrolmentId, tree, (current) => {
    if (current.currentActivity !== null) return { state: current, result: null };
    const started = navigate(tree, current, { type: current.suspendedActivity === null ? "start" : "resumeAll" }, now);
    if (started.deliver || !started.exception) return { state: started.state, result: started.exception };
    const first = availableChoices(tree, started.state).find((entry) => entry.enabled && !entry.hidden && tree.activities[entry.id].isLeaf);
    if (!first) return { state: started.state, result: started.exception };
    const chosen = navigate(tree, started.state, { type: "choice", target: first.id }, now);
    return { state: chosen.state, result: chosen.exception };
  });
  return { state, refusal: result ? refusalReason(result) : null };
}

/** A navigation request of the learner (Previous, Next, a part of the table of contents). */
export async function navigateSequencing(
  db: Db,
  enrolmentId: string,
  tree: ActivityTree,
  request: NavigationRequest,
  now: Date,
): Promise<{ state: SequencingState; outcome: SequencingOutcome }> {
  const { state, result } = await updateState(db, enrolmentId, tree, (current) => {
    const navigated = navigate(tree, current, request, now);
    return { state: navigated.state, result: outcomeOf(navigated) };
  });
  return { state, outcome: result };
}

/**
 * A SCO's run-time data (reportAttempt, then rollup), and at Terminate the navigation request
 * it left, carried out when the SCO is still the current activity. Data that arrives after the
 * learner moved on still counts, but cannot suspend an activity that is no longer current.
 */
export async function reportToSequencing(
  db: Db,
  enrolmentId: string,
  tree: ActivityTree,
  activityId: string,
  runtime: RuntimeReport,
  request: NavigationRequest | null,
  now: Date,
): Promise<{ state: SequencingState; navigation: SequencingOutcome | null }> {
  const { state, result } = await updateState(db, enrolmentId, tree, (current) => {
    const isCurrent = current.currentActivity === activityId;
    const reported = reportAttempt(tree, current, activityId, isCurrent ? runtime : { ...runtime, exit: undefined });
    if (!request || !isCurrent) return { state: reported, result: null };
    const navigated = navigate(tree, reported, request, now);
    return { state: navigated.state, result: outcomeOf(navigated) };
  });
  return { state, navigation: result };
}

/**
 * Progress of a sequenced course from the tracking state: the SCO (its tracked status, or what
 * its CMI says when sequencing does not track it), the clusters above it and the course, from
 * the root's rolled-up completion and success. Returns the course's status.
 */
export async function recordSequencedProgress(
  db: Db,
  enrolmentId: string,
  tree: ActivityTree,
  state: SequencingState,
  itemId: string | null,
  update: ProgressUpdate,
): Promise<ProgressStatus> {
  if (itemId !== null && tree.activities[itemId]) {
    await recordProgress(db, enrolmentId, itemId, { ...update, status: trackedStatus(tree, state, itemId) ?? update.status });
  }
  for (const id of tree.preorder) {
    const activity = tree.activities[id];
    const status = id === tree.root || activity.isLeaf ? null : trackedStatus(tree, state, id);
    if (status) await recordProgress(db, enrolmentId, id, { status, at: update.at });
  }
  const leaves = tree.preorder.filter((id) => tree.activities[id].isLeaf);
  const rows = await db.progress.findMany({ where: { enrolmentId, nodeId: { in: leaves } }, select: { timeSpentSeconds: true } });
  const { after } = await recordProgress(db, enrolmentId, COURSE_NODE, {
    status: trackedStatus(tree, state, tree.root) ?? "in-progress",
    score: courseScore(tree, state),
    timeSpentSeconds: rows.reduce((sum, row) => sum + row.timeSpentSeconds, 0),
    at: update.at,
  });
  return after.status;
}
