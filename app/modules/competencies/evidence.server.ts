import type { Db } from "../../utils/db.server";

/**
 * Completing or passing a module is evidence, at the module's target level, for each competence
 * the module is linked to. Passed modules with a score record it, so the scoring rules
 * (docs/decisions/003-competence-scoring.md) can apply the mastery score. Idempotent: one record
 * per learner, competence, module version and kind.
 */
export async function recordModuleEvidence(db: Db, enrolmentId: string): Promise<number> {
  const enrolment = await db.enrolment.findUniqueOrThrow({
    where: { id: enrolmentId },
    select: {
      userId: true,
      packageId: true,
      package: { select: { competences: { select: { competenceId: true, targetLevel: true } } } },
      progress: { where: { nodeId: "" }, select: { status: true, score: true, completedAt: true } },
    },
  });
  const course = enrolment.progress[0];
  if (!course || (course.status !== "completed" && course.status !== "passed")) return 0;
  const source = course.status === "passed" ? "module-passed" : "module-completed";
  let created = 0;
  for (const { competenceId, targetLevel } of enrolment.package.competences) {
    const existing = await db.competenceEvidence.findFirst({
      where: { userId: enrolment.userId, competenceId, source, sourceRef: enrolment.packageId },
      select: { id: true },
    });
    if (existing) continue;
    await db.competenceEvidence.create({
      data: {
        userId: enrolment.userId,
        competenceId,
        source,
        level: targetLevel,
        sourceRef: enrolment.packageId,
        score: course.score,
        observedAt: course.completedAt ?? new Date(),
      },
    });
    created += 1;
  }
  return created;
}
