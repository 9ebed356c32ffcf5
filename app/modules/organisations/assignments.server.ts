import type { PackageModel } from "../packages/model";
import type { Db } from "../../utils/db.server";
import { isDone, type AssignmentInput } from "./assignments";
import { notFound } from "./not-found.server";

/**
 * Training an organisation asks of its members. An assignment to a team applies to whoever is
 * in the team now: "the assignments of a learner" are always computed as their own plus those
 * of the teams they are currently in, so someone joining a team inherits its assignments and
 * someone leaving it is freed of them.
 */
export interface CourseChoice {
  courseId: string;
  title: string;
  activities: { id: string; title: string }[];
}

/** Every course of the catalogue with the learning activities of its newest version. */
export async function assignableCourses(db: Db): Promise<CourseChoice[]> {
  const courses = await db.course.findMany({
    select: {
      id: true,
      title: true,
      versions: { select: { model: true }, orderBy: { version: "desc" }, take: 1 },
    },
    orderBy: { title: "asc" },
  });
  return courses.map((course) => ({ courseId: course.id, title: course.title, activities: activitiesOf(course.versions[0]?.model) }));
}

function activitiesOf(modelJson: string | undefined): { id: string; title: string }[] {
  if (!modelJson) return [];
  const model = JSON.parse(modelJson) as PackageModel;
  return (model.learningDesign?.learningActivities ?? []).map((activity) => ({
    id: activity.identifier,
    title: activity.title ?? activity.identifier,
  }));
}

async function courseActivities(db: Db, courseIds: string[]): Promise<Map<string, Map<string, string>>> {
  const packages = await db.coursePackage.findMany({
    where: { courseId: { in: [...new Set(courseIds)] } },
    select: { courseId: true, version: true, model: true },
    orderBy: { version: "desc" },
  });
  const result = new Map<string, Map<string, string>>();
  for (const pkg of packages) {
    if (result.has(pkg.courseId)) continue;
    result.set(pkg.courseId, new Map(activitiesOf(pkg.model).map((activity) => [activity.id, activity.title])));
  }
  return result;
}

export type CreateAssignmentResult = { ok: true; assignmentId: string } | { ok: false; field: "what" | "who" };

export async function createAssignment(
  db: Db,
  organisationId: string,
  createdById: string,
  input: AssignmentInput,
): Promise<CreateAssignmentResult> {
  const course = await db.course.findUnique({ where: { id: input.what.courseId }, select: { id: true } });
  if (!course) return { ok: false, field: "what" };
  if (input.what.nodeId) {
    const activities = (await courseActivities(db, [course.id])).get(course.id);
    if (!activities?.has(input.what.nodeId)) return { ok: false, field: "what" };
  }
  let target: { teamId: string } | { userId: string };
  if (input.who.kind === "team") {
    const team = await db.team.findFirst({ where: { id: input.who.id, organisationId }, select: { id: true } });
    if (!team) return { ok: false, field: "who" };
    target = { teamId: team.id };
  } else {
    const membership = await db.membership.findFirst({
      where: { id: input.who.id, organisationId, status: "active" },
      select: { userId: true },
    });
    if (!membership) return { ok: false, field: "who" };
    target = { userId: membership.userId };
  }
  const assignment = await db.assignment.create({
    data: {
      organisationId,
      courseId: course.id,
      nodeId: input.what.nodeId,
      ...target,
      dueAt: input.dueAt,
      reason: input.reason || null,
      mandatory: input.mandatory,
      createdById,
    },
    select: { id: true },
  });
  return { ok: true, assignmentId: assignment.id };
}

export async function deleteAssignment(db: Db, organisationId: string, assignmentId: string) {
  const deleted = await db.assignment.deleteMany({ where: { id: assignmentId, organisationId } });
  if (deleted.count === 0) throw notFound();
}

interface AssignmentCore {
  id: string;
  organisationId: string;
  courseId: string;
  nodeId: string | null;
  teamId: string | null;
  userId: string | null;
}

/**
 * The learners each assignment applies to now: the member it names, or the current members of
 * its team, counting only active members of the assignment's organisation.
 */
export async function learnersOf(db: Db, assignments: AssignmentCore[]): Promise<Map<string, string[]>> {
  const organisationIds = [...new Set(assignments.map((a) => a.organisationId))];
  const teamIds = [...new Set(assignments.flatMap((a) => (a.teamId ? [a.teamId] : [])))];
  const [memberships, teamMembers] = await Promise.all([
    db.membership.findMany({
      where: { organisationId: { in: organisationIds }, status: "active", user: { anonymisedAt: null } },
      select: { organisationId: true, userId: true },
    }),
    db.teamMember.findMany({ where: { teamId: { in: teamIds } }, select: { teamId: true, userId: true } }),
  ]);
  const active = new Set(memberships.map((m) => `${m.organisationId}|${m.userId}`));
  const byTeam = new Map<string, string[]>();
  for (const member of teamMembers) byTeam.set(member.teamId, [...(byTeam.get(member.teamId) ?? []), member.userId]);
  return new Map(
    assignments.map((assignment) => {
      const candidates = assignment.teamId ? (byTeam.get(assignment.teamId) ?? []) : assignment.userId ? [assignment.userId] : [];
      return [assignment.id, candidates.filter((userId) => active.has(`${assignment.organisationId}|${userId}`))];
    }),
  );
}

/** Status of each (learner, course, node) asked about, keyed "userId|courseId|nodeId". */
export async function statusesOf(
  db: Db,
  pairs: { userId: string; courseId: string; nodeId: string | null }[],
): Promise<Map<string, string>> {
  if (pairs.length === 0) return new Map();
  const rows = await db.progress.findMany({
    where: {
      nodeId: { in: [...new Set(pairs.map((pair) => pair.nodeId ?? ""))] },
      enrolment: {
        userId: { in: [...new Set(pairs.map((pair) => pair.userId))] },
        courseId: { in: [...new Set(pairs.map((pair) => pair.courseId))] },
      },
    },
    select: { nodeId: true, status: true, enrolment: { select: { userId: true, courseId: true } } },
  });
  return new Map(rows.map((row) => [`${row.enrolment.userId}|${row.enrolment.courseId}|${row.nodeId}`, row.status]));
}

export const statusKey = (userId: string, courseId: string, nodeId: string | null) => `${userId}|${courseId}|${nodeId ?? ""}`;

export interface AssignmentRow {
  id: string;
  courseTitle: string;
  activityTitle: string | null;
  target: { kind: "team"; name: string } | { kind: "member"; name: string };
  dueAt: string | null;
  reason: string | null;
  mandatory: boolean;
  learners: number;
  done: number;
}

/** The organisation's assignments, soonest due first, with how many learners finished. */
export async function listAssignments(db: Db, organisationId: string): Promise<AssignmentRow[]> {
  const assignments = await db.assignment.findMany({
    where: { organisationId },
    select: {
      id: true,
      organisationId: true,
      courseId: true,
      nodeId: true,
      teamId: true,
      userId: true,
      dueAt: true,
      reason: true,
      mandatory: true,
      course: { select: { title: true } },
      team: { select: { name: true } },
      user: { select: { name: true } },
    },
    orderBy: [{ dueAt: "asc" }, { createdAt: "asc" }],
  });
  const learners = await learnersOf(db, assignments);
  const statuses = await statusesOf(
    db,
    assignments.flatMap((a) => (learners.get(a.id) ?? []).map((userId) => ({ userId, courseId: a.courseId, nodeId: a.nodeId }))),
  );
  const activities = await courseActivities(db, assignments.filter((a) => a.nodeId).map((a) => a.courseId));
  return assignments.map((assignment) => {
    const people = learners.get(assignment.id) ?? [];
    return {
      id: assignment.id,
      courseTitle: assignment.course.title,
      activityTitle: assignment.nodeId ? (activities.get(assignment.courseId)?.get(assignment.nodeId) ?? assignment.nodeId) : null,
      target: assignment.team
        ? { kind: "team", name: assignment.team.name }
        : { kind: "member", name: assignment.user?.name ?? "" },
      dueAt: assignment.dueAt?.toISOString() ?? null,
      reason: assignment.reason,
      mandatory: assignment.mandatory,
      learners: people.length,
      done: people.filter((userId) => isDone(statuses.get(statusKey(userId, assignment.courseId, assignment.nodeId)))).length,
    };
  });
}

export interface LearnerAssignment {
  id: string;
  courseId: string;
  title: string;
  /** The single activity assigned, when not the whole course. */
  nodeId: string | null;
  activityTitle: string | null;
  organisationName: string;
  /** The team through which it applies, or null for an assignment made to the learner. */
  teamName: string | null;
  dueAt: string | null;
  reason: string | null;
  mandatory: boolean;
  /** Progress of the course (or of the activity): not-started | in-progress | completed | passed | failed. */
  status: string;
}

/**
 * What the learner's organisations ask of them: assignments made to them and to the teams they
 * are in now, in organisations where their membership is active. Unfinished first, soonest due
 * first; no due date last.
 */
export async function assignmentsOf(db: Db, userId: string): Promise<LearnerAssignment[]> {
  const assignments = await db.assignment.findMany({
    where: {
      organisation: { memberships: { some: { userId, status: "active" } } },
      OR: [{ userId }, { team: { members: { some: { userId } } } }],
    },
    select: {
      id: true,
      courseId: true,
      nodeId: true,
      dueAt: true,
      reason: true,
      mandatory: true,
      course: { select: { title: true } },
      organisation: { select: { name: true } },
      team: { select: { name: true } },
    },
  });
  const statuses = await statusesOf(db, assignments.map((a) => ({ userId, courseId: a.courseId, nodeId: a.nodeId })));
  const activities = await courseActivities(db, assignments.filter((a) => a.nodeId).map((a) => a.courseId));
  return assignments
    .map(
      (assignment): LearnerAssignment => ({
        id: assignment.id,
        courseId: assignment.courseId,
        title: assignment.course.title,
        nodeId: assignment.nodeId,
        activityTitle: assignment.nodeId ? (activities.get(assignment.courseId)?.get(assignment.nodeId) ?? assignment.nodeId) : null,
        organisationName: assignment.organisation.name,
        teamName: assignment.team?.name ?? null,
        dueAt: assignment.dueAt?.toISOString() ?? null,
        reason: assignment.reason,
        mandatory: assignment.mandatory,
        status: statuses.get(statusKey(userId, assignment.courseId, assignment.nodeId)) ?? "not-started",
      }),
    )
    .sort(
      (a, b) =>
        Number(isDone(a.status)) - Number(isDone(b.status)) ||
        (a.dueAt ?? "9999").localeCompare(b.dueAt ?? "9999") ||
        a.title.localeCompare(b.title),
    );
}
