import type { Db } from "../../utils/db.server";
import { readRows, sql } from "../../utils/sql.server";
import { COURSE_NODE, toNodeProgress } from "../progress/progress.server";
import { isProgressStatus, type ProgressStatus } from "../progress/status";
import { courseStateOf, text } from "./course.server";
import { storedVersion } from "./package-store.server";

export interface MyCourse {
  courseId: string;
  title: string;
  titleLanguage: string | null;
  status: string;
  score: number | null;
  ratio: number;
  lastAccessAt: string | null;
  next: { identifier: string; title: string } | null;
  continueHref: string;
}

export interface MyAssignment {
  id: string;
  courseId: string;
  title: string;
  organisationName: string;
  dueAt: string | null;
  reason: string | null;
  mandatory: boolean;
  status: string;
}

interface EnrolmentRow {
  id: string;
  courseId: string;
  packageId: string;
  ldRunId: string | null;
  courseTitle: string;
  runState: string | null;
  runRevision: number | null;
  /** The course-level progress row's columns, null when there is none yet. */
  status: string | null;
  score: number | null;
  timeSpentSeconds: number | null;
  lastAccessAt: Date | null;
  completedAt: Date | null;
}

interface StatusRow {
  enrolmentId: string;
  nodeId: string;
  status: string;
}

interface AssignmentRow {
  id: string;
  courseId: string;
  dueAt: Date | null;
  reason: string | null;
  mandatory: boolean | number;
  courseTitle: string;
  organisationName: string;
}

/**
 * What a learner sees on "My learning": the training their organisations assigned (to them or
 * to a team they are in), soonest due first, then the courses they are enrolled in, most
 * recently used first, each with its progress and next step.
 *
 * This is the learner's home page, the most requested page of the platform: it reads
 * everything in three queries whatever the number of courses, in plain SQL that SQLite and
 * PostgreSQL both understand, as hot reads (utils/sql.server.ts). Of the nodes below the
 * course, only their status is read: it is all that the progress bar and the next step need.
 */
export async function myLearning(
  db: Db,
  userId: string,
  options: { language: string; now: string } = { language: "en", now: new Date().toISOString() },
): Promise<{ assignments: MyAssignment[]; courses: MyCourse[] }> {
  const [enrolments, statusRows, assignments] = await Promise.all([
    readRows<EnrolmentRow>(
      db,
      sql`
      SELECT e."id", e."courseId", e."packageId", e."ldRunId", c."title" AS "courseTitle", r."state" AS "runState", r."revision" AS "runRevision",
        p."status", p."score", p."timeSpentSeconds", p."lastAccessAt", p."completedAt"
      FROM "Enrolment" e
        JOIN "Course" c ON c."id" = e."courseId"
        LEFT JOIN "LdRun" r ON r."id" = e."ldRunId"
        LEFT JOIN "Progress" p ON p."enrolmentId" = e."id" AND p."nodeId" = ${COURSE_NODE}
      WHERE e."userId" = ${userId}
      ORDER BY e."updatedAt" DESC`,
    ),
    readRows<StatusRow>(
      db,
      sql`
      SELECT p."enrolmentId", p."nodeId", p."status"
      FROM "Progress" p JOIN "Enrolment" e ON e."id" = p."enrolmentId"
      WHERE e."userId" = ${userId}`,
    ),
    readRows<AssignmentRow>(
      db,
      sql`
      SELECT a."id", a."courseId", a."dueAt", a."reason", a."mandatory", c."title" AS "courseTitle", o."name" AS "organisationName"
      FROM "Assignment" a
        JOIN "Course" c ON c."id" = a."courseId"
        JOIN "Organisation" o ON o."id" = a."organisationId"
      WHERE (a."userId" = ${userId} OR a."teamId" IN (SELECT t."teamId" FROM "TeamMember" t WHERE t."userId" = ${userId}))
        AND EXISTS (SELECT 1 FROM "Membership" m WHERE m."organisationId" = a."organisationId" AND m."userId" = ${userId} AND m."status" = 'active')`,
    ),
  ]);
  const versions = await Promise.all(enrolments.map((enrolment) => storedVersion(db, enrolment.packageId)));
  const statusesByEnrolment = new Map<string, Map<string, ProgressStatus>>();
  for (const row of statusRows) {
    const statuses = statusesByEnrolment.get(row.enrolmentId) ?? new Map<string, ProgressStatus>();
    statuses.set(row.nodeId, isProgressStatus(row.status) ? row.status : "not-started");
    statusesByEnrolment.set(row.enrolmentId, statuses);
  }

  const courses = enrolments.flatMap((enrolment, index): MyCourse[] => {
    const version = versions[index];
    if (!version) return [];
    const { status, score, timeSpentSeconds, lastAccessAt, completedAt } = enrolment;
    const course = status === null ? null : toNodeProgress({ status, score, timeSpentSeconds: timeSpentSeconds ?? 0, lastAccessAt, completedAt });
    const state = courseStateOf({
      courseId: enrolment.courseId,
      userId,
      language: options.language,
      now: options.now,
      enrolled: true,
      version,
      statuses: statusesByEnrolment.get(enrolment.id) ?? new Map<string, ProgressStatus>(),
      course,
      run:
        enrolment.ldRunId && enrolment.runState !== null && enrolment.runRevision !== null
          ? { runId: enrolment.ldRunId, revision: enrolment.runRevision, json: enrolment.runState }
          : null,
      pageTitles: false,
    });
    const title = text(version.model.lom?.general.title, options.language);
    return [
      {
        courseId: enrolment.courseId,
        title: title.text || enrolment.courseTitle,
        titleLanguage: title.language,
        status: state.status,
        score: course?.score ?? null,
        ratio: state.ratio,
        lastAccessAt: state.lastAccessAt,
        next: state.next,
        continueHref: state.continueHref,
      },
    ];
  });
  courses.sort((a, b) => (b.lastAccessAt ?? "").localeCompare(a.lastAccessAt ?? ""));
  const statusByCourse = new Map(courses.map((course) => [course.courseId, course.status]));
  const titleByCourse = new Map(courses.map((course) => [course.courseId, course.title]));
  const mine = assignments
    .map(
      (assignment): MyAssignment => ({
        id: assignment.id,
        courseId: assignment.courseId,
        title: titleByCourse.get(assignment.courseId) ?? assignment.courseTitle,
        organisationName: assignment.organisationName,
        dueAt: assignment.dueAt ? new Date(assignment.dueAt).toISOString() : null,
        reason: assignment.reason,
        mandatory: Boolean(assignment.mandatory),
        status: statusByCourse.get(assignment.courseId) ?? "not-started",
      }),
    )
    .sort((a, b) => (a.dueAt ?? "9999").localeCompare(b.dueAt ?? "9999"));
  return { assignments: mine, courses };
}
