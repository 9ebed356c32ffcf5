import { randomUUID } from "node:crypto";
import type { Db } from "../../../utils/db.server";
import { sql, sqlWriterFor, whenWritable, type SqlWriter } from "../../../utils/sql.server";
import { recordScoreEvidence } from "../../competencies/evidence.server";
import type { PackageModel } from "../../packages/model";
import { COURSE_NODE, recordProgress } from "../../progress/progress.server";
import { rollUpStatus, type ProgressStatus, type ProgressUpdate } from "../../progress/status";
import { mergeCommit, parseCommit, progressOf, readStoredCmi, EMPTY_CMI, type CommitPayload, type ItemScoring, type StoredCmi } from "./commit";
import { commitScore, navRequestOf, runtimeReportOf, trackedStatus } from "./course-sequencing";
import { readLearnerState, recordSequencedProgress, reportToSequencing, sequencingTree, type SequencingOutcome } from "./course-sequencing.server";
import { findLaunchTarget, scoItemIds } from "./navigation";
import { findPackageModel as packageModel } from "../package-store.server";
import type { ActivityTree, SequencingState } from "./sequencing";
import type { LaunchClaims } from "./token.server";

export interface CommitProgress {
  itemId: string;
  status: ProgressStatus;
  /** The course's status when this commit changed it. */
  courseStatus: ProgressStatus | null;
}

export type CommitOutcome =
  | {
      ok: true;
      sequence: number;
      late: boolean;
      progress: CommitProgress;
      /** What the sequencer did with the navigation request a SCORM 2004 SCO left at Terminate. */
      navigation: SequencingOutcome | null;
    }
  | { ok: false; status: 400 | 404; error: { code: number; element: string | null; problem: string } };

export function itemScoring(model: PackageModel | null, itemId: string): ItemScoring {
  const target = model?.contentPackage ? findLaunchTarget(model.contentPackage, itemId) : null;
  const threshold = target?.item?.completionThreshold;
  return {
    masteryScore: target?.item?.masteryScore ?? null,
    completedByMeasure: threshold?.completedByMeasure ? threshold.minProgressMeasure : null,
  };
}

interface StoredCommit {
  before: StoredCmi;
  after: StoredCmi;
  sequence: number;
  late: boolean;
  repeated: boolean;
}

interface CommitToStore {
  claims: LaunchClaims;
  commit: CommitPayload;
  now: Date;
}

/**
 * Appends a commit to the attempt's log and merges it into the attempt (creating it on the
 * first commit). Every commit of a SCO passes here, so it runs as a few prepared statements of
 * plain SQL inside a short synchronous transaction (see SqlWriter).
 */
function storeCommit(writer: SqlWriter, { claims, commit, now }: CommitToStore): StoredCommit {
  const [touched] = writer.all<{ id: string; cmi: string; sequence: number }>(sql`
    UPDATE "ScormAttempt" SET "updatedAt" = ${now}
    WHERE "enrolmentId" = ${claims.e} AND "itemId" = ${claims.i}
    RETURNING "id", "cmi", "sequence"`);
  const attempt = touched ?? { id: randomUUID(), cmi: "{}", sequence: 0 };
  if (!touched) {
    writer.run(sql`
      INSERT INTO "ScormAttempt" ("id", "enrolmentId", "itemId", "cmi", "sequence", "createdAt", "updatedAt")
      VALUES (${attempt.id}, ${claims.e}, ${claims.i}, ${attempt.cmi}, ${attempt.sequence}, ${now}, ${now})`);
  }
  const before = attempt.cmi === "{}" ? EMPTY_CMI : readStoredCmi(attempt.cmi);
  const payload = JSON.stringify(commit.cmi);
  // The same commit again (a launcher re-sending what a closing page had already
  // delivered) changes nothing and is not logged twice.
  const repeated =
    commit.sequence <= attempt.sequence &&
    writer.all(sql`
      SELECT "id" FROM "ScormCommit"
      WHERE "attemptId" = ${attempt.id} AND "sequence" = ${commit.sequence} AND "kind" = ${commit.kind} AND "payload" = ${payload}
      LIMIT 1`).length > 0;
  if (repeated) return { before, after: before, sequence: attempt.sequence, late: true, repeated: true };
  const merged = mergeCommit(claims.v, before, attempt.sequence, commit);
  writer.run(sql`
    UPDATE "ScormAttempt" SET "cmi" = ${JSON.stringify(merged.cmi)}, "sequence" = ${merged.sequence}
    WHERE "id" = ${attempt.id}`);
  writer.run(sql`
    INSERT INTO "ScormCommit" ("id", "attemptId", "sequence", "kind", "payload", "createdAt", "updatedAt")
    VALUES (${randomUUID()}, ${attempt.id}, ${commit.sequence}, ${commit.kind}, ${payload}, ${now}, ${now})`);
  return { before, after: merged.cmi, sequence: merged.sequence, late: merged.late, repeated: false };
}

const MAX_BATCH = 100;
const waiting = new Map<SqlWriter, Array<CommitToStore & { resolve: (stored: StoredCommit) => void; reject: (error: unknown) => void }>>();

/**
 * Group commit: the commits that arrive while the previous batch waits for the lock are stored
 * together in one transaction, so that one fsync makes all of them durable; each is answered
 * only once its transaction has committed. When a batch fails (one commit's enrolment was
 * deleted, say), each of its commits is stored again on its own.
 */
function storeInBatch(writer: SqlWriter, item: CommitToStore): Promise<StoredCommit> {
  return new Promise((resolve, reject) => {
    const queue = waiting.get(writer);
    if (queue) {
      queue.push({ ...item, resolve, reject });
      return;
    }
    waiting.set(writer, [{ ...item, resolve, reject }]);
    setImmediate(() => void flush(writer));
  });
}

async function flush(writer: SqlWriter) {
  const queue = waiting.get(writer) ?? [];
  while (queue.length > 0) {
    const batch = queue.splice(0, MAX_BATCH);
    try {
      const stored = await whenWritable(writer, () => batch.map((item) => storeCommit(writer, item)));
      batch.forEach((item, index) => item.resolve(stored[index]));
    } catch {
      for (const item of batch) {
        try {
          item.resolve(await whenWritable(writer, () => storeCommit(writer, item)));
        } catch (error) {
          item.reject(error);
        }
      }
    }
  }
  waiting.delete(writer);
}

/**
 * Stores one Commit/Terminate of a SCO. The commit is checked as a whole (one bad element
 * rejects all of it, with the SCORM error code); a valid one is appended to the commit log and
 * merged into the attempt (storeCommit, in a batch with the commits arriving alongside it).
 * Progress follows when the
 * SCO's status or score changed, or when the session ends. In a sequenced SCORM 2004 course
 * the sequencer hears of the same changes (and of the SCO's navigation request at Terminate),
 * and the course's progress is its rollup. A Terminate with a score is competence evidence.
 */
export async function commitScorm(db: Db, claims: LaunchClaims, body: string, now = new Date()): Promise<CommitOutcome> {
  const parsed = parseCommit(claims.v, body);
  if (!parsed.ok) {
    return { ok: false, status: 400, error: { code: parsed.error.code, element: parsed.error.element, problem: parsed.error.problem } };
  }
  const commit = parsed.commit;
  const writer = sqlWriterFor(db);
  if (!writer) throw new Error("SCORM commits are stored through the SQLite writer of a client made by createDb.");
  let stored: StoredCommit;
  try {
    stored = await storeInBatch(writer, { claims, commit, now });
  } catch (error) {
    // The enrolment was deleted while its content was open.
    if ((error as { code?: string }).code === "SQLITE_CONSTRAINT_FOREIGNKEY") {
      return { ok: false, status: 404, error: { code: 0, element: null, problem: "no-enrolment" } };
    }
    throw error;
  }
  if (stored.late) {
    console.info(`SCORM commit ${commit.sequence} for ${claims.e}/${claims.i} arrived after ${stored.sequence}: kept, bookmark unchanged.`);
  }

  const model = await packageModel(db, claims.p);
  const scoring = itemScoring(model, claims.i);
  const before = progressOf(claims.v, stored.before, scoring);
  const after = progressOf(claims.v, stored.after, scoring);
  const ended = commit.kind === "terminate" && !stored.repeated;
  const tree = model ? sequencingTree(claims.p, model) : null;
  let sequencing: { tree: ActivityTree; state: SequencingState } | null = null;
  let navigation: SequencingOutcome | null = null;
  if (tree?.activities[claims.i]?.isLeaf) {
    const report = runtimeReportOf(stored.after.values, ended);
    const request = ended ? navRequestOf(commit.cmi) : null;
    const changed = JSON.stringify(runtimeReportOf(stored.before.values, false)) !== JSON.stringify(runtimeReportOf(stored.after.values, false));
    if (ended || changed) {
      const reported = await reportToSequencing(db, claims.e, tree, claims.i, report, request, now);
      sequencing = { tree, state: reported.state };
      navigation = reported.navigation;
    } else {
      sequencing = { tree, state: await readLearnerState(db, claims.e, tree) };
    }
  }
  let status = after.status;
  let courseStatus: ProgressStatus | null = null;
  if (commit.kind === "terminate" || before.status !== after.status || before.score !== after.score || navigation) {
    courseStatus = await recordScoProgress(db, claims.e, model, claims.i, { ...after, at: now.toISOString() }, sequencing);
  }
  if (sequencing) status = trackedStatus(sequencing.tree, sequencing.state, claims.i) ?? status;
  const score = ended ? commitScore(claims.v, commit.cmi) : null;
  if (score !== null) {
    const enrolment = await db.enrolment.findUnique({ where: { id: claims.e }, select: { userId: true } });
    if (enrolment) await recordScoreEvidence(db, { userId: enrolment.userId, packageId: claims.p, scoreScaled: score, at: now });
  }
  return {
    ok: true,
    sequence: stored.sequence,
    late: stored.late,
    progress: { itemId: claims.i, status, courseStatus },
    navigation,
  };
}

/**
 * Records a SCO's progress and rolls the course up. A sequenced SCORM 2004 course takes both
 * from the sequencing state; otherwise the course is completed (or passed) when every SCO of
 * the default organization is, in progress as soon as one was opened. A SCO used as a learning
 * object of an IMS LD unit leaves the course to the LD engine. Returns the course's status
 * when it was rolled up.
 */
export async function recordScoProgress(
  db: Db,
  enrolmentId: string,
  model: PackageModel | null,
  itemId: string,
  update: ProgressUpdate,
  sequencing: { tree: ActivityTree; state: SequencingState } | null,
): Promise<ProgressStatus | null> {
  if (sequencing) return recordSequencedProgress(db, enrolmentId, sequencing.tree, sequencing.state, itemId, update);
  await recordProgress(db, enrolmentId, itemId, update);
  const scos = model?.contentPackage && !model.learningDesign ? scoItemIds(model.contentPackage) : [];
  if (!scos.includes(itemId)) return null;
  const rows = await db.progress.findMany({
    where: { enrolmentId, nodeId: { in: scos } },
    select: { nodeId: true, status: true, score: true, timeSpentSeconds: true },
  });
  const byNode = new Map(rows.map((row) => [row.nodeId, row]));
  const statuses = scos.map((id) => (byNode.get(id)?.status ?? "not-started") as ProgressStatus);
  const rolled = rollUpStatus(statuses);
  const scores = scos.map((id) => byNode.get(id)?.score).filter((score): score is number => typeof score === "number");
  const { after } = await recordProgress(db, enrolmentId, COURSE_NODE, {
    status: rolled === "not-started" ? "in-progress" : rolled,
    score: scores.length === scos.length ? scores.reduce((sum, score) => sum + score, 0) / scores.length : undefined,
    timeSpentSeconds: rows.reduce((sum, row) => sum + row.timeSpentSeconds, 0),
    at: update.at,
  });
  return after.status;
}
