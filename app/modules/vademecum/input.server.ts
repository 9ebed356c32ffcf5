import type { Db } from "../../utils/db.server";
import { loadFramework } from "../competencies/frameworks.server";
import { loadProfile } from "../competencies/profile.server";
import type { PackageModel } from "../packages/model";
import { COURSE_NODE } from "../progress/progress.server";
import { isFinished, isProgressStatus } from "../progress/status";
import type { CompetenceFrameworkInput, VademecumInput, VademecumModule } from "./compile";
import type { VademecumEntry } from "./entry";
import { frameworkInput, moduleFields, profileSummary } from "./sources";

/** The framework vademecum sections follow. */
export const VADEMECUM_FRAMEWORK = "DigComp 2.2";

export interface LearnerInputOptions {
  /** Whether modules the learner started but has not finished are loaded too. */
  includeInProgress: boolean;
  /** The reader's languages, most preferred first. */
  languages: string[];
  /** The pinned date ("YYYY-MM-DD"): the competence profile is computed as of that day. */
  date: string;
}

export interface OrganisationInputOptions {
  languages: string[];
}

/** What a package version contributes, as loaded with every module query below. */
const packageSelect = {
  model: true,
  competences: {
    select: {
      targetLevel: true,
      competence: { select: { code: true, framework: { select: { name: true, version: true } } } },
    },
  },
  vademecum: { select: { body: true }, orderBy: { key: "asc" } },
} as const;

interface StoredPackage {
  model: string;
  competences: Array<{ targetLevel: number; competence: { code: string; framework: { name: string; version: string } } }>;
  vademecum: Array<{ body: string }>;
}

function moduleOf(
  course: { identifier: string; title: string },
  stored: StoredPackage,
  progress: Pick<VademecumModule, "status" | "completedAt">,
): VademecumModule {
  const model = JSON.parse(stored.model) as PackageModel;
  return {
    id: course.identifier,
    ...moduleFields(model, course.title),
    competences: stored.competences.map(({ targetLevel, competence }) => ({
      framework: `${competence.framework.name} ${competence.framework.version}`,
      code: competence.code,
      level: targetLevel,
    })),
    ...progress,
    entries: stored.vademecum.map((row) => JSON.parse(row.body) as VademecumEntry),
  };
}

async function framework(db: Db) {
  const loaded = await loadFramework(db, VADEMECUM_FRAMEWORK);
  const input: CompetenceFrameworkInput = loaded ? frameworkInput(loaded.framework) : { name: VADEMECUM_FRAMEWORK, areas: [] };
  return { loaded, input };
}

/**
 * A learner's vademecum input: the modules they completed (the course node of their enrolment
 * completed or passed), and with includeInProgress the ones they started, each with the entries
 * of the package version they are enrolled in; their competence profile; the name of the
 * organisation they are an active member of. Null when there is no such user.
 */
export async function learnerVademecumInput(
  db: Db,
  userId: string,
  options: LearnerInputOptions,
): Promise<VademecumInput | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      name: true,
      memberships: {
        where: { status: "active" },
        select: { organisation: { select: { name: true } } },
        orderBy: { createdAt: "asc" },
        take: 1,
      },
    },
  });
  if (!user) return null;
  const finished = { nodeId: COURSE_NODE, status: { in: ["completed", "passed"] } };
  const started = { status: { not: "not-started" } };
  const [enrolments, stored] = await Promise.all([
    db.enrolment.findMany({
      where: { userId, progress: { some: options.includeInProgress ? started : finished } },
      select: {
        course: { select: { identifier: true, title: true } },
        package: { select: packageSelect },
        progress: { where: { nodeId: COURSE_NODE }, select: { status: true, completedAt: true } },
      },
    }),
    framework(db),
  ]);
  const modules = enrolments.map((enrolment) => {
    const course = enrolment.progress[0];
    const done = course !== undefined && isProgressStatus(course.status) && isFinished(course.status);
    return moduleOf(
      enrolment.course,
      enrolment.package,
      done
        ? { status: "completed", ...(course.completedAt ? { completedAt: course.completedAt.toISOString() } : {}) }
        : { status: "in-progress" },
    );
  });

  const profile = stored.loaded
    ? profileSummary((await loadProfile(db, userId, VADEMECUM_FRAMEWORK, new Date(`${options.date}T00:00:00Z`))).profile)
    : undefined;

  const organisation = user.memberships[0]?.organisation.name;
  return {
    reader: { kind: "person", name: user.name, ...(organisation ? { organisation } : {}), languages: options.languages },
    modules,
    framework: stored.input,
    ...(profile ? { profile } : {}),
  };
}

/**
 * An organisation's vademecum input: every course it assigned to a member or a team, in its
 * newest version, all included as if completed. Null when there is no such organisation.
 */
export async function organisationVademecumInput(
  db: Db,
  organisationId: string,
  options: OrganisationInputOptions,
): Promise<VademecumInput | null> {
  const organisation = await db.organisation.findUnique({ where: { id: organisationId }, select: { name: true } });
  if (!organisation) return null;
  const [courses, stored] = await Promise.all([
    db.course.findMany({
      where: { assignments: { some: { organisationId } } },
      select: {
        identifier: true,
        title: true,
        versions: { orderBy: { version: "desc" }, take: 1, select: packageSelect },
      },
    }),
    framework(db),
  ]);
  const modules = courses
    .filter((course) => course.versions.length > 0)
    .map((course) => moduleOf(course, course.versions[0], { status: "completed" }));
  return {
    reader: { kind: "organisation", name: organisation.name, languages: options.languages },
    modules,
    framework: stored.input,
  };
}
