import type { Db } from "../../utils/db.server";
import { readRows, sql } from "../../utils/sql.server";
import { withRetry } from "../progress/progress.server";

export interface EnrolmentRef {
  id: string;
  packageId: string;
  /** The IMS LD run of the enrolment (units of learning only). */
  ldRunId: string | null;
}

/** The learner's enrolment in a course, or null when they are not enrolled. */
export async function findEnrolment(db: Db, userId: string, courseId: string): Promise<EnrolmentRef | null> {
  const [enrolment] = await readRows<EnrolmentRef>(
    db,
    sql`SELECT "id", "packageId", "ldRunId" FROM "Enrolment" WHERE "userId" = ${userId} AND "courseId" = ${courseId}`,
  );
  return enrolment ?? null;
}

/**
 * The learner's enrolment in a course, created on first use pinned to the newest version of
 * the course (later versions do not move a learner who has started). Null when the course does
 * not exist or has no version. Safe when two requests create it at once.
 */
export async function ensureEnrolment(db: Db, userId: string, courseId: string): Promise<EnrolmentRef | null> {
  const existing = await findEnrolment(db, userId, courseId);
  if (existing) return existing;
  const newest = await db.coursePackage.findFirst({ where: { courseId }, orderBy: { version: "desc" }, select: { id: true } });
  if (!newest) return null;
  return withRetry(() =>
    db.enrolment.upsert({
      where: { userId_courseId: { userId, courseId } },
      create: { userId, courseId, packageId: newest.id },
      update: {},
      select: { id: true, packageId: true, ldRunId: true },
    }),
  );
}
