import { Prisma } from "../../generated/prisma/client";
import type { Db } from "../../utils/db.server";
import type { CompetenceEvidence } from "../competencies/evidence";
import type { CompetenceFramework } from "../competencies/framework";
import { loadFramework } from "../competencies/frameworks.server";
import { masteryScoreOf } from "../competencies/stored-evidence";
import type { PackageModel } from "../packages/model";
import { compareText } from "./reports";
import { evidenceFromPacked, type TargetRow } from "./reports-competences";
import { epochMs, unpackRecords, type PackedRows } from "./reports-packed.server";

export const REPORT_FRAMEWORK = "DigComp 2.2";

export async function requireReportFramework(db: Db): Promise<{ id: string; framework: CompetenceFramework }> {
  const stored = await loadFramework(db, REPORT_FRAMEWORK);
  if (!stored) throw new Response(`${REPORT_FRAMEWORK} is not installed.`, { status: 404 });
  return stored;
}

/**
 * The evidence of the organisation's active members in one framework, by user, in one packed query.
 * For the whole organisation self-ratings are left out: the heat map and the indicators count
 * evidence levels only, which self-ratings never enter. For one member (userId) they are read
 * too, to show beside the levels. Scores are held against the mastery score of their module.
 */
export async function loadMemberEvidence(
  db: Db,
  organisationId: string,
  stored: { id: string; framework: CompetenceFramework },
  userId?: string,
): Promise<Map<string, CompetenceEvidence[]>> {
  const members = Prisma.sql`JOIN Membership m ON m.userId = ce.userId AND m.organisationId = ${organisationId} AND m.status = 'active'`;
  const which = userId === undefined ? Prisma.sql`ce.source <> 'self-rating'` : Prisma.sql`ce.userId = ${userId}`;
  const [packed, scored] = await Promise.all([
    db.$queryRaw<PackedRows>`
      SELECT ce.userId AS userId, group_concat(
        ce.rowid || char(31) || c.code || char(31) || ce.source || char(31) || ce.level || char(31) ||
        ifnull(ce.sourceRef, '') || char(31) || ifnull(ce.score, '') || char(31) || ${epochMs("ce.observedAt")},
        char(30)) AS records
      FROM CompetenceEvidence ce
      JOIN Competence c ON c.id = ce.competenceId
      ${members}
      WHERE c.frameworkId = ${stored.id} AND ${which}
      GROUP BY ce.userId`,
    db.$queryRaw<{ packageId: string }[]>`
      SELECT DISTINCT ce.sourceRef AS packageId FROM CompetenceEvidence ce ${members}
      WHERE ce.source IN ('scorm-score', 'assessment-score') AND ce.sourceRef IS NOT NULL AND ${which}`,
  ]);
  const packages = scored.length
    ? await db.coursePackage.findMany({ where: { id: { in: scored.map((row) => row.packageId) } }, select: { id: true, model: true } })
    : [];
  const masteryScores = new Map<string, number>();
  for (const row of packages) {
    const masteryScore = masteryScoreOf(JSON.parse(row.model) as PackageModel);
    if (masteryScore !== undefined) masteryScores.set(row.id, masteryScore);
  }
  const byUser = new Map<string, CompetenceEvidence[]>();
  for (const { userId: owner, records } of packed) {
    const list: CompetenceEvidence[] = [];
    for (const fields of unpackRecords(records)) {
      const evidence = evidenceFromPacked(fields, stored.framework.key, masteryScores);
      if (evidence) list.push(evidence);
    }
    byUser.set(owner, list);
  }
  return byUser;
}

export async function loadTargetRows(db: Db, organisationId: string, frameworkId: string): Promise<TargetRow[]> {
  const rows = await db.targetLevel.findMany({
    where: { organisationId, competence: { frameworkId } },
    select: { jobRole: true, level: true, competence: { select: { code: true } } },
  });
  return rows.map((row) => ({ code: row.competence.code, jobRole: row.jobRole, level: row.level }));
}

/** Job roles to set targets for: those the members have and those that already have targets. */
export async function jobRolesOf(db: Db, organisationId: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ jobRole: string }[]>`
    SELECT jobRole FROM Membership WHERE organisationId = ${organisationId} AND jobRole IS NOT NULL AND jobRole <> ''
    UNION
    SELECT jobRole FROM TargetLevel WHERE organisationId = ${organisationId} AND jobRole <> ''`;
  return rows.map((row) => row.jobRole).sort(compareText);
}

/**
 * Stores the target profile of one job role ("" for the whole organisation) in one transaction:
 * a level per competence code; 0 removes the target.
 */
export async function saveTargetLevels(
  db: Db,
  organisationId: string,
  frameworkId: string,
  jobRole: string,
  levels: Record<string, number>,
): Promise<void> {
  const competences = await db.competence.findMany({ where: { frameworkId }, select: { id: true, code: true } });
  await db.$transaction(async (tx) => {
    for (const competence of competences) {
      const level = levels[competence.code] ?? 0;
      const where = { organisationId_competenceId_jobRole: { organisationId, competenceId: competence.id, jobRole } };
      if (level === 0) {
        await tx.targetLevel.deleteMany({ where: { organisationId, competenceId: competence.id, jobRole } });
      } else {
        await tx.targetLevel.upsert({ where, create: { organisationId, competenceId: competence.id, jobRole, level }, update: { level } });
      }
    }
  });
}
