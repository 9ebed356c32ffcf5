import type { Db } from "../../utils/db.server";

/**
 * A learner's rights over their data (GDPR articles 15, 17 and 20): a copy of everything the
 * platform holds about them, and erasure. Erasure anonymises the account instead of deleting
 * it: name, e-mail address, password, sessions, notifications, e-mail and invitations to the
 * address, and the SCORM run-time data (which holds the learner's name and comments) go; the
 * memberships, enrolments, progress and evidence stay attached to the anonymous row, so
 * organisations' reports keep their counts without saying whose they were.
 */
const json = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

export async function exportPersonalData(db: Db, userId: string, now: Date) {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      locale: true,
      createdAt: true,
      memberships: {
        select: { role: true, status: true, jobRole: true, createdAt: true, organisation: { select: { name: true, slug: true } } },
      },
      teamMembers: { select: { createdAt: true, team: { select: { name: true, organisation: { select: { name: true } } } } } },
      assignments: { select: { dueAt: true, reason: true, mandatory: true, nodeId: true, course: { select: { title: true } } } },
      enrolments: {
        select: {
          createdAt: true,
          course: { select: { identifier: true, title: true } },
          package: { select: { version: true } },
          progress: {
            select: { nodeId: true, status: true, score: true, timeSpentSeconds: true, lastAccessAt: true, completedAt: true },
          },
          attempts: { select: { itemId: true, cmi: true, updatedAt: true } },
        },
      },
      evidence: {
        select: {
          source: true,
          level: true,
          score: true,
          sourceRef: true,
          observedAt: true,
          competence: { select: { code: true } },
        },
      },
      selfAssessments: { select: { answers: true, completedAt: true, createdAt: true } },
      learnerTargets: { select: { level: true, competence: { select: { code: true } } } },
      notifications: { select: { kind: true, subject: true, body: true, readAt: true, createdAt: true } },
    },
  });
  return {
    exportedAt: now.toISOString(),
    profile: { id: user.id, email: user.email, name: user.name, language: user.locale, createdAt: user.createdAt },
    memberships: user.memberships.map((m) => ({
      organisation: m.organisation.name,
      role: m.role,
      status: m.status,
      jobRole: m.jobRole,
      since: m.createdAt,
    })),
    teams: user.teamMembers.map((t) => ({ organisation: t.team.organisation.name, team: t.team.name, since: t.createdAt })),
    personalAssignments: user.assignments.map((a) => ({
      course: a.course.title,
      activity: a.nodeId,
      dueAt: a.dueAt,
      reason: a.reason,
      mandatory: a.mandatory,
    })),
    enrolments: user.enrolments.map((e) => ({
      course: e.course.title,
      courseIdentifier: e.course.identifier,
      version: e.package.version,
      since: e.createdAt,
      progress: e.progress.map((p) => ({ ...p, nodeId: p.nodeId || "(course)" })),
      scormData: e.attempts.map((a) => ({ item: a.itemId, cmi: json(a.cmi), updatedAt: a.updatedAt })),
    })),
    competenceEvidence: user.evidence.map((e) => ({
      competence: e.competence.code,
      source: e.source,
      level: e.level,
      score: e.score,
      reference: e.sourceRef,
      observedAt: e.observedAt,
    })),
    selfAssessments: user.selfAssessments.map((s) => ({ answers: json(s.answers), startedAt: s.createdAt, completedAt: s.completedAt })),
    ownTargets: user.learnerTargets.map((t) => ({ competence: t.competence.code, level: t.level })),
    notifications: user.notifications,
  };
}

export type ErasureResult = { ok: true } | { ok: false; reason: "last-manager"; organisations: string[] };

export async function erasePersonalData(db: Db, userId: string, now: Date): Promise<ErasureResult> {
  const managed = await db.membership.findMany({
    where: { userId, role: "manager", status: "active" },
    select: { organisationId: true, organisation: { select: { name: true } } },
  });
  const alone: string[] = [];
  for (const membership of managed) {
    const others = await db.membership.count({
      where: { organisationId: membership.organisationId, role: "manager", status: "active", userId: { not: userId } },
    });
    if (others === 0) alone.push(membership.organisation.name);
  }
  if (alone.length > 0) return { ok: false, reason: "last-manager", organisations: alone };

  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
  await db.$transaction([
    db.session.deleteMany({ where: { userId } }),
    db.notification.deleteMany({ where: { userId } }),
    db.outboxEmail.deleteMany({ where: { to: user.email } }),
    db.invitation.deleteMany({ where: { email: user.email } }),
    db.scormCommit.deleteMany({ where: { attempt: { enrolment: { userId } } } }),
    db.scormAttempt.updateMany({ where: { enrolment: { userId } }, data: { cmi: "{}" } }),
    db.user.update({
      where: { id: userId },
      data: {
        name: "Deleted user",
        email: `deleted-${userId}@deleted.invalid`,
        passwordHash: "",
        locale: null,
        isAdmin: false,
        deletionRequestedAt: now,
        anonymisedAt: now,
      },
    }),
  ]);
  return { ok: true };
}
