import type { Db } from "../../utils/db.server";
import { compareProfiles, type CompetenceChange, type CompetenceProfile } from "./profile";
import { requireFramework, snapshotProfile } from "./profile.server";
import { selfAssessmentEvidence, type SelfAssessmentBank } from "./self-assessment/bank";
import { emptyAnswers, parseStoredAnswers, type StoredAnswers } from "./self-assessment/steps";
import { reviveProfile } from "./stored-evidence";

export interface SelfAssessmentState {
  /** The unfinished self-assessment, if the learner started one. */
  ongoing: { id: string; answers: StoredAnswers } | null;
  /** The last finished one: when, and the answers, for the review of the knowledge items. */
  lastCompleted: { id: string; completedAt: Date; answers: StoredAnswers } | null;
}

/** The learner's unfinished and last finished self-assessment in the bank's framework. */
export async function selfAssessmentState(db: Db, userId: string, bank: SelfAssessmentBank): Promise<SelfAssessmentState> {
  const { id: frameworkId } = await requireFramework(db, bank.framework);
  const [ongoing, lastCompleted] = await Promise.all([
    db.selfAssessment.findFirst({
      where: { userId, frameworkId, completedAt: null },
      orderBy: { createdAt: "desc" },
      select: { id: true, answers: true },
    }),
    db.selfAssessment.findFirst({
      where: { userId, frameworkId, completedAt: { not: null } },
      orderBy: { completedAt: "desc" },
      select: { id: true, answers: true, completedAt: true },
    }),
  ]);
  return {
    ongoing: ongoing ? { id: ongoing.id, answers: parseStoredAnswers(ongoing.answers) } : null,
    lastCompleted:
      lastCompleted?.completedAt
        ? { id: lastCompleted.id, completedAt: lastCompleted.completedAt, answers: parseStoredAnswers(lastCompleted.answers) }
        : null,
  };
}

/**
 * Saves the answers given so far to the learner's unfinished self-assessment, starting one when
 * there is none. `update` receives what is stored and returns the new answers.
 */
export async function saveSelfAssessmentAnswers(
  db: Db,
  userId: string,
  bank: SelfAssessmentBank,
  update: (stored: StoredAnswers) => StoredAnswers,
): Promise<{ id: string; answers: StoredAnswers }> {
  const { id: frameworkId } = await requireFramework(db, bank.framework);
  return db.$transaction(async (tx) => {
    const ongoing = await tx.selfAssessment.findFirst({
      where: { userId, frameworkId, completedAt: null },
      orderBy: { createdAt: "desc" },
      select: { id: true, answers: true },
    });
    const answers = update(ongoing ? parseStoredAnswers(ongoing.answers) : emptyAnswers());
    const json = JSON.stringify(answers);
    const saved = ongoing
      ? await tx.selfAssessment.update({ where: { id: ongoing.id }, data: { answers: json }, select: { id: true } })
      : await tx.selfAssessment.create({ data: { userId, frameworkId, answers: json }, select: { id: true } });
    return { id: saved.id, answers };
  });
}

/**
 * Finishes the learner's unfinished self-assessment: its self-ratings and quiz results become
 * evidence records (sourceRef = the self-assessment), it is marked completed, and the profile is
 * kept as a snapshot. Returns what changed since the previous snapshot (empty the first time).
 */
export async function finishSelfAssessment(
  db: Db,
  userId: string,
  bank: SelfAssessmentBank,
  now: Date = new Date(),
): Promise<{ profile: CompetenceProfile; changes: CompetenceChange[] } | null> {
  const { id: frameworkId } = await requireFramework(db, bank.framework);
  const ongoing = await db.selfAssessment.findFirst({
    where: { userId, frameworkId, completedAt: null },
    orderBy: { createdAt: "desc" },
    select: { id: true, answers: true },
  });
  if (!ongoing) return null;
  const answers = parseStoredAnswers(ongoing.answers);
  const evidence = selfAssessmentEvidence(bank, answers, { at: now, sourceId: ongoing.id });
  const competences = await db.competence.findMany({ where: { frameworkId }, select: { id: true, code: true } });
  const competenceIds = new Map(competences.map((competence) => [competence.code, competence.id]));
  const previous = await db.competenceProfileSnapshot.findFirst({
    where: { userId, frameworkId },
    orderBy: { createdAt: "desc" },
    select: { profile: true },
  });
  await db.$transaction(async (tx) => {
    await tx.competenceEvidence.createMany({
      data: evidence.flatMap((record) => {
        const competenceId = competenceIds.get(record.competence);
        if (!competenceId || (record.kind !== "self-rating" && record.kind !== "quiz")) return [];
        return [{ userId, competenceId, source: record.kind, level: record.level, sourceRef: ongoing.id, observedAt: now }];
      }),
    });
    await tx.selfAssessment.update({ where: { id: ongoing.id }, data: { completedAt: now } });
  });
  const profile = await snapshotProfile(db, userId, bank.framework, now);
  return { profile, changes: previous ? compareProfiles(reviveProfile(previous.profile), profile) : [] };
}
