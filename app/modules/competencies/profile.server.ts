import type { Db } from "../../utils/db.server";
import type { PackageModel } from "../packages/model";
import type { CompetenceEvidence } from "./evidence";
import type { CompetenceFramework } from "./framework";
import { loadFramework } from "./frameworks.server";
import { computeGaps, recommendModules, type ModuleOffer, type TargetProfile } from "./gaps";
import { compareProfiles, computeProfile, type CompetenceProfile } from "./profile";
import {
  changeViews,
  gapViews,
  localText,
  profileView,
  recommendationViews,
  type ChangeView,
  type GapView,
  type ModuleIndex,
  type ProfileView,
  type RecommendationView,
} from "./profile-view";
import { evidenceFromRow, masteryScoreOf, reviveProfile } from "./stored-evidence";

/** The framework the self-assessment and the learner's profile page use. */
export const PROFILE_FRAMEWORK = "DigComp 2.2";

const SCORE_KINDS = ["scorm-score", "assessment-score"];

export async function requireFramework(db: Db, key: string): Promise<{ id: string; framework: CompetenceFramework }> {
  const stored = await loadFramework(db, key);
  if (!stored) throw new Error(`The framework ${key} is not stored: run the set-up (npm run setup).`);
  return stored;
}

export interface LoadedProfile {
  frameworkId: string;
  framework: CompetenceFramework;
  profile: CompetenceProfile;
  modules: ModuleIndex;
}

/** The learner's evidence in one framework, scored as docs/decisions/003-competence-scoring.md says. */
export async function loadProfile(db: Db, userId: string, frameworkKey: string, now: Date): Promise<LoadedProfile> {
  const { id: frameworkId, framework } = await requireFramework(db, frameworkKey);
  const rows = await db.competenceEvidence.findMany({
    where: { userId, competence: { frameworkId } },
    select: {
      id: true,
      source: true,
      level: true,
      score: true,
      sourceRef: true,
      observedAt: true,
      competence: { select: { code: true } },
    },
    orderBy: { observedAt: "asc" },
  });
  const packageIds = [...new Set(rows.filter((row) => row.source !== "self-rating" && row.source !== "quiz").flatMap((row) => row.sourceRef ?? []))];
  const scoredIds = new Set(rows.filter((row) => SCORE_KINDS.includes(row.source)).flatMap((row) => row.sourceRef ?? []));
  const packages = await db.coursePackage.findMany({
    where: { id: { in: packageIds } },
    select: { id: true, courseId: true, course: { select: { title: true } }, metadata: { select: { title: true } } },
  });
  const scored = await db.coursePackage.findMany({ where: { id: { in: [...scoredIds] } }, select: { id: true, model: true } });
  const mastery = new Map(scored.map((row) => [row.id, masteryScoreOf(JSON.parse(row.model) as PackageModel)]));
  const modules = new Map(
    packages.map((row) => [row.id, { title: row.metadata?.title ?? row.course.title, courseId: row.courseId }]),
  );
  const context = {
    frameworkKey: framework.key,
    modules: new Map(
      packages.map((row) => {
        const masteryScore = mastery.get(row.id);
        return [row.id, { title: modules.get(row.id)!.title, ...(masteryScore !== undefined ? { masteryScore } : {}) }];
      }),
    ),
  };
  const evidence = rows.flatMap((row): CompetenceEvidence[] => {
    const record = evidenceFromRow({ ...row, competenceCode: row.competence.code }, context);
    return record ? [record] : [];
  });
  return { frameworkId, framework, profile: computeProfile(evidence, framework, now), modules };
}

/** Keeps the learner's profile as it is now, so later pages can show what changed. */
export async function snapshotProfile(db: Db, userId: string, frameworkKey: string, now: Date): Promise<CompetenceProfile> {
  const { frameworkId, profile } = await loadProfile(db, userId, frameworkKey, now);
  await db.competenceProfileSnapshot.create({
    data: { userId, frameworkId, profile: JSON.stringify(profile), createdAt: now },
  });
  return profile;
}

/** A snapshot in every framework the given competences belong to (after new evidence arrived). */
export async function snapshotAfterEvidence(db: Db, userId: string, competenceIds: readonly string[], now: Date): Promise<void> {
  const frameworks = await db.competenceFramework.findMany({
    where: { competences: { some: { id: { in: [...competenceIds] } } } },
    select: { name: true, version: true },
  });
  for (const framework of frameworks) await snapshotProfile(db, userId, `${framework.name} ${framework.version}`, now);
}

export interface TargetLevels {
  /** Combined target: the organisation's, raised where the learner chose a higher one. */
  target: TargetProfile | null;
  /** The learner's own targets by competence code. */
  own: Record<string, number>;
  /** The organisations' targets by competence code. */
  organisation: Record<string, number>;
}

/**
 * The levels a learner should reach: their organisations' targets for their job role (a
 * competence without a target for the role falls back to the organisation's general target,
 * jobRole ""), and the targets they set themselves, which add to the organisation's and never
 * lower them. With several organisations the highest target counts.
 */
export async function targetLevelsFor(db: Db, userId: string, frameworkId: string, frameworkKey: string): Promise<TargetLevels> {
  const [memberships, ownRows] = await Promise.all([
    db.membership.findMany({
      where: { userId, status: "active" },
      select: {
        jobRole: true,
        organisation: {
          select: {
            targetLevels: {
              where: { competence: { frameworkId } },
              select: { level: true, jobRole: true, competence: { select: { code: true } } },
            },
          },
        },
      },
    }),
    db.learnerTarget.findMany({
      where: { userId, competence: { frameworkId } },
      select: { level: true, competence: { select: { code: true } } },
    }),
  ]);
  const organisation: Record<string, number> = {};
  for (const membership of memberships) {
    const role = membership.jobRole ?? "";
    const general = new Map<string, number>();
    const forRole = new Map<string, number>();
    for (const row of membership.organisation.targetLevels) {
      if (row.jobRole === "") general.set(row.competence.code, row.level);
      if (role !== "" && row.jobRole === role) forRole.set(row.competence.code, row.level);
    }
    for (const [code, level] of new Map([...general, ...forRole])) {
      organisation[code] = Math.max(organisation[code] ?? 0, level);
    }
  }
  const own = Object.fromEntries(ownRows.map((row) => [row.competence.code, row.level]));
  const levels: Record<string, number> = { ...organisation };
  for (const [code, level] of Object.entries(own)) levels[code] = Math.max(levels[code] ?? 0, level);
  const target = Object.keys(levels).length > 0 ? { framework: frameworkKey, levels } : null;
  return { target, own, organisation };
}

/** The latest version of every course with competences in the framework, as recommendations see it. */
async function moduleOffers(db: Db, userId: string, frameworkId: string) {
  const [courses, finished] = await Promise.all([
    db.course.findMany({
      select: {
        id: true,
        title: true,
        versions: {
          orderBy: { version: "desc" },
          take: 1,
          select: {
            id: true,
            metadata: { select: { title: true, learningTimeMinutes: true } },
            competences: {
              where: { competence: { frameworkId } },
              select: { targetLevel: true, competence: { select: { code: true } } },
            },
          },
        },
      },
      orderBy: { title: "asc" },
    }),
    db.enrolment.findMany({
      where: { userId, progress: { some: { nodeId: "", status: { in: ["completed", "passed"] } } } },
      select: { courseId: true },
    }),
  ]);
  const done = new Set(finished.map((row) => row.courseId));
  const offers: ModuleOffer[] = [];
  const byModule = new Map<string, { courseId: string; title: string }>();
  for (const course of courses) {
    const latest = course.versions[0];
    if (!latest || latest.competences.length === 0) continue;
    offers.push({
      id: latest.id,
      competences: latest.competences.map((row) => ({ code: row.competence.code, targetLevel: row.targetLevel })),
      ...(latest.metadata?.learningTimeMinutes != null ? { learningTimeMinutes: latest.metadata.learningTimeMinutes } : {}),
      completed: done.has(course.id),
    });
    byModule.set(latest.id, { courseId: course.id, title: latest.metadata?.title ?? course.title });
  }
  return { offers, byModule };
}

export interface LearnerProfilePage {
  profile: ProfileView;
  hasEvidence: boolean;
  gaps: GapView[];
  hasTargets: boolean;
  recommendations: RecommendationView[];
  /** What changed since the previous profile, and when that one was taken. */
  changes: { since: string; items: ChangeView[] } | null;
  snapshots: number;
}

/** Everything the learner's competence page shows, for one learner and in one language. */
export async function learnerProfile(
  db: Db,
  userId: string,
  language: string,
  options: { frameworkKey?: string; now?: Date } = {},
): Promise<LearnerProfilePage> {
  const now = options.now ?? new Date();
  const { frameworkId, framework, profile, modules } = await loadProfile(db, userId, options.frameworkKey ?? PROFILE_FRAMEWORK, now);
  const [targets, snapshots, snapshotCount] = await Promise.all([
    targetLevelsFor(db, userId, frameworkId, framework.key),
    db.competenceProfileSnapshot.findMany({
      where: { userId, frameworkId },
      orderBy: { createdAt: "desc" },
      take: 2,
      select: { profile: true, createdAt: true },
    }),
    db.competenceProfileSnapshot.count({ where: { userId, frameworkId } }),
  ]);
  const gaps = targets.target ? computeGaps(profile, targets.target) : [];
  const { offers, byModule } = await moduleOffers(db, userId, frameworkId);
  const recommendations = recommendModules(gaps, offers);

  let changes: LearnerProfilePage["changes"] = null;
  const latest = snapshots[0];
  if (latest) {
    const sinceLatest = compareProfiles(reviveProfile(latest.profile), profile);
    const previous = sinceLatest.some((change) => change.direction !== "same" || change.newSources.length > 0)
      ? latest
      : snapshots[1];
    if (previous) {
      const items = compareProfiles(reviveProfile(previous.profile), profile);
      changes = { since: previous.createdAt.toISOString(), items: changeViews(items, framework, modules, language) };
    }
  }
  return {
    profile: profileView(framework, profile, targets.target, modules, language),
    hasEvidence: Object.values(profile.competences).some((standing) => standing.sources.length > 0),
    gaps: gapViews(gaps, framework, language),
    hasTargets: targets.target !== null,
    recommendations: recommendationViews(recommendations, byModule, framework, language),
    changes,
    snapshots: snapshotCount,
  };
}

/**
 * A member's profile for their organisation's managers. The membership is part of the query:
 * a user who is not a member of the organisation is answered with null, as if unknown.
 */
export async function memberProfile(
  db: Db,
  organisationId: string,
  userId: string,
  language = "en",
): Promise<(LearnerProfilePage & { name: string }) | null> {
  const membership = await db.membership.findFirst({
    where: { organisationId, userId, status: "active" },
    select: { user: { select: { name: true } } },
  });
  if (!membership) return null;
  return { name: membership.user.name, ...(await learnerProfile(db, userId, language)) };
}

/** The learner's whole profile for download: levels, sources, targets and every snapshot. */
export async function profileExport(db: Db, userId: string, options: { frameworkKey?: string; now?: Date } = {}) {
  const now = options.now ?? new Date();
  const { frameworkId, framework, profile, modules } = await loadProfile(db, userId, options.frameworkKey ?? PROFILE_FRAMEWORK, now);
  const [user, targets, snapshots] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true, email: true } }),
    targetLevelsFor(db, userId, frameworkId, framework.key),
    db.competenceProfileSnapshot.findMany({
      where: { userId, frameworkId },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true, profile: true },
    }),
  ]);
  const withModules = (value: CompetenceProfile) => ({
    ...value,
    competences: Object.fromEntries(
      Object.entries(value.competences).map(([code, standing]) => [
        code,
        {
          ...standing,
          sources: standing.sources.map((source) => {
            const module = modules.get(source.source.id);
            return module ? { ...source, source: { ...source.source, title: module.title, courseId: module.courseId } } : source;
          }),
        },
      ]),
    ),
  });
  return {
    format: "vademecum-competence-profile/1",
    exportedAt: now.toISOString(),
    learner: user,
    framework: framework.key,
    profile: withModules(profile),
    targets: { organisation: targets.organisation, own: targets.own },
    history: snapshots.map((snapshot) => ({ takenAt: snapshot.createdAt.toISOString(), profile: reviveProfile(snapshot.profile) })),
  };
}

/** The learner's own targets beside their organisations', for the targets form. */
export async function learnerTargetsPage(db: Db, userId: string, language: string, frameworkKey = PROFILE_FRAMEWORK) {
  const { id: frameworkId, framework } = await requireFramework(db, frameworkKey);
  const targets = await targetLevelsFor(db, userId, frameworkId, framework.key);
  return {
    levels: framework.levels.map((level) => ({ level: level.level, name: localText(level.name, language) })),
    areas: framework.areas.map((area) => ({
      code: area.code,
      name: localText(area.name, language),
      competences: framework.competences
        .filter((competence) => competence.areaCode === area.code)
        .map((competence) => ({
          code: competence.code,
          name: localText(competence.name, language),
          own: targets.own[competence.code] ?? 0,
          organisation: targets.organisation[competence.code] ?? null,
        })),
    })),
  };
}

/** The learner's own targets, level by competence code; 0 removes a target. */
export async function saveLearnerTargets(
  db: Db,
  userId: string,
  levels: Record<string, number>,
  frameworkKey = PROFILE_FRAMEWORK,
): Promise<void> {
  const { id: frameworkId } = await requireFramework(db, frameworkKey);
  const competences = await db.competence.findMany({ where: { frameworkId }, select: { id: true, code: true } });
  await db.$transaction(async (tx) => {
    for (const { id, code } of competences) {
      const level = levels[code];
      if (level === undefined) continue;
      if (level === 0) await tx.learnerTarget.deleteMany({ where: { userId, competenceId: id } });
      else {
        await tx.learnerTarget.upsert({
          where: { userId_competenceId: { userId, competenceId: id } },
          create: { userId, competenceId: id, level },
          update: { level },
        });
      }
    }
  });
}
