import type { Db } from "../../utils/db.server";
import { readRows, sql } from "../../utils/sql.server";
import { recordModuleEvidence } from "../competencies/evidence.server";
import { applyUpdate, isFinished, isProgressStatus, NOT_STARTED, type NodeProgress, type ProgressUpdate } from "./status";

/** The node id of the course itself in the Progress table. */
export const COURSE_NODE = "";

export function toNodeProgress(row: {
  status: string;
  score: number | null;
  timeSpentSeconds: number;
  lastAccessAt: Date | null;
  completedAt: Date | null;
}): NodeProgress {
  return {
    status: isProgressStatus(row.status) ? row.status : "not-started",
    score: row.score,
    timeSpentSeconds: row.timeSpentSeconds,
    lastAccessAt: row.lastAccessAt?.toISOString() ?? null,
    completedAt: row.completedAt?.toISOString() ?? null,
  };
}

/**
 * Records progress of one node of an enrolment (an activity, a SCO, an act, …, or the course
 * itself with COURSE_NODE) so that it never goes backwards (see applyUpdate). The read and the
 * write happen in one transaction; a writer in another process that got there first makes
 * SQLite refuse ours, and it is retried. When the course becomes completed or passed, the
 * module's competences receive evidence.
 */
export async function recordProgress(
  db: Db,
  enrolmentId: string,
  nodeId: string,
  update: ProgressUpdate,
): Promise<{ before: NodeProgress; after: NodeProgress }> {
  const result = await withRetry(() =>
    db.$transaction(async (tx) => {
      const row = await tx.progress.findUnique({ where: { enrolmentId_nodeId: { enrolmentId, nodeId } } });
      const before = row ? toNodeProgress(row) : NOT_STARTED;
      const after = applyUpdate(before, update);
      const data = {
        status: after.status,
        score: after.score,
        timeSpentSeconds: after.timeSpentSeconds,
        lastAccessAt: after.lastAccessAt ? new Date(after.lastAccessAt) : null,
        completedAt: after.completedAt ? new Date(after.completedAt) : null,
      };
      await tx.progress.upsert({
        where: { enrolmentId_nodeId: { enrolmentId, nodeId } },
        create: { enrolmentId, nodeId, ...data },
        update: data,
      });
      return { before, after };
    }),
  );
  if (nodeId === COURSE_NODE && result.after.status !== result.before.status && isFinished(result.after.status)) {
    await recordModuleEvidence(db, enrolmentId);
  }
  return result;
}

/**
 * SQLite refuses a write when another connection wrote first: busy or locked, or (in WAL mode)
 * a transaction whose snapshot is older than that write. Prisma reports the last one as a
 * timeout (P1008) whose driver error is SQLite's busy.
 */
export function isWriteConflict(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  const driverError = (error as { meta?: { driverAdapterError?: { cause?: { kind?: string } } } }).meta?.driverAdapterError;
  const message = error instanceof Error ? error.message : String(error);
  return code === "P2034" || driverError?.cause?.kind === "SocketTimeout" || /busy|locked|SocketTimeout|write conflict/i.test(message);
}

/** Runs `work` again (a few milliseconds later) while SQLite refuses it for a write conflict, or a racing insert of the same key. */
export async function withRetry<T>(work: () => Promise<T>, attempts = 20): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      const retryable = isWriteConflict(error) || (error as { code?: string }).code === "P2002";
      if (!retryable || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(200, 5 * 2 ** attempt) * Math.random()));
    }
  }
}

/** Every recorded node of an enrolment, by node id. */
export async function progressOf(db: Db, enrolmentId: string): Promise<Map<string, NodeProgress>> {
  const rows = await readRows<{ nodeId: string } & Parameters<typeof toNodeProgress>[0]>(
    db,
    sql`SELECT "nodeId", "status", "score", "timeSpentSeconds", "lastAccessAt", "completedAt" FROM "Progress" WHERE "enrolmentId" = ${enrolmentId}`,
  );
  return new Map(rows.map((row) => [row.nodeId, toNodeProgress(row)]));
}
