import type { Db } from "../../utils/db.server";
import { learnerCourseState, text } from "./course.server";
import { packageModel } from "./package-store.server";

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

/**
 * What a learner sees on "My learning": the training their organisations assigned (to them or
 * to a team they are in), soonest due first, then the courses they are enrolled in, most
 * recently used first, each with its progress and next step.
 */
export async function myLearning(
  db: Db,
  userId: string,
  options: { language: string; now: string } = { language: "en", now: new Date().toISOString() },
): Promise<{ assignments: MyAssignment[]; courses: MyCourse[] }> {
  const [enrolments, assignments] = await Promise.all([
    db.enrolment.findMany({
      where: { userId },
      select: {
        id: true,
        courseId: true,
        packageId: true,
        ldRunId: true,
        course: { select: { title: true } },
        progress: { where: { nodeId: "" }, select: { score: true } },
      },
      orderBy: { updatedAt: "desc" },
    }),
    db.assignment.findMany({
      where: {
        organisation: { memberships: { some: { userId, status: "active" } } },
        OR: [{ userId }, { team: { members: { some: { userId } } } }],
      },
      select: {
        id: true,
        courseId: true,
        dueAt: true,
        reason: true,
        mandatory: true,
        course: { select: { title: true } },
        organisation: { select: { name: true } },
      },
    }),
  ]);
  const courses = await Promise.all(
    enrolments.map(async (enrolment): Promise<MyCourse> => {
      const [state, model] = await Promise.all([
        learnerCourseState(db, {
          courseId: enrolment.courseId,
          userId,
          language: options.language,
          now: options.now,
          enrolment,
          packageId: enrolment.packageId,
        }),
        packageModel(db, enrolment.packageId),
      ]);
      const title = text(model.lom?.general.title, options.language);
      return {
        courseId: enrolment.courseId,
        title: title.text || enrolment.course.title,
        titleLanguage: title.language,
        status: state.status,
        score: enrolment.progress[0]?.score ?? null,
        ratio: state.ratio,
        lastAccessAt: state.lastAccessAt,
        next: state.next,
        continueHref: state.continueHref,
      };
    }),
  );
  courses.sort((a, b) => (b.lastAccessAt ?? "").localeCompare(a.lastAccessAt ?? ""));
  const statusByCourse = new Map(courses.map((course) => [course.courseId, course.status]));
  const titleByCourse = new Map(courses.map((course) => [course.courseId, course.title]));
  const mine = assignments
    .map(
      (assignment): MyAssignment => ({
        id: assignment.id,
        courseId: assignment.courseId,
        title: titleByCourse.get(assignment.courseId) ?? assignment.course.title,
        organisationName: assignment.organisation.name,
        dueAt: assignment.dueAt?.toISOString() ?? null,
        reason: assignment.reason,
        mandatory: assignment.mandatory,
        status: statusByCourse.get(assignment.courseId) ?? "not-started",
      }),
    )
    .sort((a, b) => (a.dueAt ?? "9999").localeCompare(b.dueAt ?? "9999"));
  return { assignments: mine, courses };
}
