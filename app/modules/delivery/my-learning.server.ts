import type { Db } from "../../utils/db.server";

export interface MyCourse {
  courseId: string;
  title: string;
  status: string;
  score: number | null;
  lastAccessAt: string | null;
}

export interface MyAssignment {
  id: string;
  courseId: string;
  title: string;
  organisationName: string;
  dueAt: string | null;
  reason: string | null;
  status: string;
}

/**
 * What a learner sees on "My learning": the training their organisations assigned (to them or
 * to a team they are in), soonest due first, then the courses they are enrolled in.
 */
export async function myLearning(db: Db, userId: string): Promise<{ assignments: MyAssignment[]; courses: MyCourse[] }> {
  const [enrolments, assignments] = await Promise.all([
    db.enrolment.findMany({
      where: { userId },
      select: {
        courseId: true,
        course: { select: { title: true } },
        progress: { where: { nodeId: "" }, select: { status: true, score: true, lastAccessAt: true } },
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
        course: { select: { title: true } },
        organisation: { select: { name: true } },
      },
    }),
  ]);
  const courses = enrolments.map((enrolment): MyCourse => {
    const progress = enrolment.progress[0];
    return {
      courseId: enrolment.courseId,
      title: enrolment.course.title,
      status: progress?.status ?? "not-started",
      score: progress?.score ?? null,
      lastAccessAt: progress?.lastAccessAt?.toISOString() ?? null,
    };
  });
  const statusByCourse = new Map(courses.map((course) => [course.courseId, course.status]));
  const mine = assignments
    .map(
      (assignment): MyAssignment => ({
        id: assignment.id,
        courseId: assignment.courseId,
        title: assignment.course.title,
        organisationName: assignment.organisation.name,
        dueAt: assignment.dueAt?.toISOString() ?? null,
        reason: assignment.reason,
        status: statusByCourse.get(assignment.courseId) ?? "not-started",
      }),
    )
    .sort((a, b) => (a.dueAt ?? "9999").localeCompare(b.dueAt ?? "9999"));
  return { assignments: mine, courses };
}
