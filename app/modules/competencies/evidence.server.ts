import type { Db } from "../../utils/db.server";
import { snapshotAfterEvidence } from "./profile.server";

/**
 * Completing or passing a module is evidence, at the module's target level, for each competence
 * the module is linked to. Passed modules with a score record it, so the scoring rules
 * (docs/decisions/003-competence-scoring.md) can apply the mastery score. Idempotent: one record
 * per learner, competence, module version and kind. New evidence keeps a profile snapshot.
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
  if (created > 0) {
    const competenceIds = enrolment.package.competences.map((competence) => competence.competenceId);
    await snapshotAfterEvidence(db, enrolment.userId, competenceIds, new Date());
  }
  return created;
}

/**
 * A score for a module (SCORM cmi.score.scaled, or an assessment's result), 0–1, as evidence
 * for each competence the module is linked to. Whether it passes is decided when the profile is
 * computed, against the package's mastery score (0.8 when it sets none): a score below it is kept
 * and shown as not passed, and it sets aside a completion of the same module
 * (docs/decisions/003-competence-scoring.md). One record per learner, competence, module version
 * and kind: a better score replaces a worse one, a worse one changes nothing.
 * Returns the number of records created or raised.
 */
export async function recordScoreEvidence(
  db: Db,
  input: { userId: string; packageId: string; scoreScaled: number; kind?: "scorm-score" | "assessment-score"; at?: Date },
): Promise<number> {
  const { userId, packageId, scoreScaled } = input;
  if (!Number.isFinite(scoreScaled) || scoreScaled < 0 || scoreScaled > 1) {
    throw new RangeError(`A scaled score lies between 0 and 1, not ${scoreScaled}`);
  }
  const source = input.kind ?? "scorm-score";
  const observedAt = input.at ?? new Date();
  const competences = await db.packageCompetence.findMany({
    where: { packageId },
    select: { competenceId: true, targetLevel: true },
  });
  let changed = 0;
  for (const { competenceId, targetLevel } of competences) {
    const existing = await db.competenceEvidence.findFirst({
      where: { userId, competenceId, source, sourceRef: packageId },
      select: { id: true, score: true },
    });
    if (existing && (existing.score ?? -1) >= scoreScaled) continue;
    const data = { level: targetLevel, score: scoreScaled, observedAt };
    if (existing) await db.competenceEvidence.update({ where: { id: existing.id }, data });
    else await db.competenceEvidence.create({ data: { userId, competenceId, source, sourceRef: packageId, ...data } });
    changed += 1;
  }
  if (changed > 0) {
    await snapshotAfterEvidence(db, userId, competences.map((competence) => competence.competenceId), observedAt);
  }
  return changed;
}
