import type { Db } from "../../utils/db.server";
import { readRows, sql } from "../../utils/sql.server";
import { pickLanguage, type LangString } from "../i18n/lang-string";
import type { PackageModel } from "../packages/model";
import type { UnitOfLearning } from "../standards/learning-design/model";
import { COURSE_NODE, progressOf } from "../progress/progress.server";
import type { NodeProgress, ProgressStatus } from "../progress/status";
import { titleOf, type StoredPackage } from "./content.server";
import { findEnrolment } from "./enrolment.server";
import type { RunState } from "./learning-design/state";
import { activitiesFor } from "./learning-design/view";
import { nextStep } from "./next-step";
import { ldOutline, outlineRatio, scormOutline, type OutlineNode } from "./outline";
import { contentLanguages, languageNames } from "./package-paths";
import { packageModel, storedVersion, type StoredVersion } from "./package-store.server";

/** What the course page and "My learning" show of one course for one person. */

export interface CourseCompetence {
  code: string;
  name: string;
  level: number;
}

export interface CourseSummary {
  id: string;
  title: string;
  titleLanguage: string | null;
  description: string;
  descriptionLanguage: string | null;
  audience: string;
  learningTimeMinutes: number | null;
  difficulty: string | null;
  licence: string | null;
  languages: string[];
  languageNames: Record<string, string>;
  competences: CourseCompetence[];
  kind: "imsld" | "scorm" | "other";
}

export interface LearnerCourseState {
  enrolled: boolean;
  status: ProgressStatus;
  ratio: number;
  lastAccessAt: string | null;
  outline: OutlineNode[];
  next: { identifier: string; title: string } | null;
  /** Where Start/Continue goes. */
  continueHref: string;
}

export function text(value: LangString | null | undefined, language: string): { text: string; language: string | null } {
  const picked = pickLanguage(value ?? undefined, [language], ["en"]);
  return { text: picked?.text.trim() ?? "", language: picked && picked.language !== "x-none" ? picked.language : null };
}

function playerKind(model: PackageModel): CourseSummary["kind"] {
  if (model.learningDesign) return "imsld";
  return model.kind === "scorm12" || model.kind === "scorm2004" ? "scorm" : "other";
}

interface MetadataRow {
  title: string;
  description: string;
  language: string | null;
  learningTimeMinutes: number | null;
  difficulty: string | null;
  licence: string | null;
}

export async function courseSummary(
  db: Db,
  courseId: string,
  packageId: string,
  language: string,
): Promise<CourseSummary> {
  const [[course], [metadata], competences, model] = await Promise.all([
    readRows<{ id: string; title: string }>(db, sql`SELECT "id", "title" FROM "Course" WHERE "id" = ${courseId}`),
    readRows<MetadataRow>(
      db,
      sql`SELECT "title", "description", "language", "learningTimeMinutes", "difficulty", "licence"
          FROM "LearningObjectMetadata" WHERE "packageId" = ${packageId}`,
    ),
    readRows<{ targetLevel: number; code: string; name: string }>(
      db,
      sql`SELECT pc."targetLevel", c."code", c."name"
          FROM "PackageCompetence" pc JOIN "Competence" c ON c."id" = pc."competenceId"
          WHERE pc."packageId" = ${packageId}
          ORDER BY c."code"`,
    ),
    packageModel(db, packageId),
  ]);
  if (!course) throw new Response("Course not found.", { status: 404 });
  const title = text(model.lom?.general.title, language);
  const description = text(model.lom?.general.descriptions[0], language);
  const audience = text(model.lom?.educational[0]?.descriptions[0], language);
  const languages = contentLanguages(model);
  return {
    id: course.id,
    title: title.text || metadata?.title || course.title,
    titleLanguage: title.language,
    description: description.text || metadata?.description || "",
    descriptionLanguage: description.language,
    audience: audience.text,
    learningTimeMinutes: metadata?.learningTimeMinutes ?? null,
    difficulty: metadata?.difficulty ?? null,
    licence: metadata?.licence ?? null,
    languages: languages.length > 0 ? languages : metadata?.language ? [metadata.language] : [],
    languageNames: languageNames(languages.length > 0 ? languages : metadata?.language ? [metadata.language] : [], language),
    competences: competences.map((competence) => ({
      code: competence.code,
      name: text(JSON.parse(competence.name) as LangString, language).text,
      level: competence.targetLevel,
    })),
    kind: playerKind(model),
  };
}

/** The learner's next activity in a run, read without changing the run. */
export function ldNextStep(pack: StoredPackage, state: RunState, userId: string, now: string, language: string) {
  const leaf = nextStep(activitiesFor(pack.uol, state, userId, now));
  return leaf ? { identifier: leaf.identifier, title: titleOf(pack, leaf.description?.items, leaf.title, language) ?? leaf.identifier } : null;
}

const rememberedSteps = new Map<string, ReturnType<typeof ldNextStep>>();
const MAX_REMEMBERED_STEPS = 2_000;
const timeDependence = new WeakMap<UnitOfLearning, boolean>();

/** Whether a design has a rule or condition that reads the clock (a time limit, the date). */
export function dependsOnTime(uol: UnitOfLearning): boolean {
  let depends = timeDependence.get(uol);
  if (depends === undefined) {
    depends = /"(time-limit|current-datetime|time-unit-of-learning-started)"/.test(JSON.stringify(uol));
    timeDependence.set(uol, depends);
  }
  return depends;
}

/**
 * An IMS LD run's state as stored. Its revision (LdRun.revision) goes up with every write of the
 * state (ld-runs.server.ts), so a run and a revision name one state.
 */
export interface StoredRunState {
  runId: string;
  revision: number;
  json: string;
}

const parsedStates = new Map<string, RunState>();
const MAX_PARSED_STATES = 1_000;

/**
 * The run state, parsed once per revision: "My learning" and the course page read the same
 * states again and again. Callers only read it (the engine works on a copy).
 */
export function parsedRunState(run: StoredRunState): RunState {
  const key = `${run.runId}\n${run.revision}`;
  let state = parsedStates.get(key);
  if (!state) {
    state = JSON.parse(run.json) as RunState;
    if (parsedStates.size >= MAX_PARSED_STATES) parsedStates.delete(parsedStates.keys().next().value as string);
    parsedStates.set(key, state);
  }
  return state;
}

/**
 * ldNextStep, remembered while the run's stored state is unchanged. Settling a run to find the
 * next step is the costliest part of "My learning"; its answer depends only on the design,
 * the state, the person and the language, and on the clock only in designs that read it,
 * which are worked out again each time.
 */
export function rememberedNextStep(pack: StoredPackage, run: StoredRunState, userId: string, now: string, language: string) {
  const state = parsedRunState(run);
  if (dependsOnTime(pack.uol)) return ldNextStep(pack, state, userId, now, language);
  const key = `${pack.storageKey}\n${userId}\n${language}\n${run.runId}\n${run.revision}`;
  if (rememberedSteps.has(key)) return rememberedSteps.get(key) ?? null;
  const step = ldNextStep(pack, state, userId, now, language);
  if (rememberedSteps.size >= MAX_REMEMBERED_STEPS) rememberedSteps.delete(rememberedSteps.keys().next().value as string);
  rememberedSteps.set(key, step);
  return step;
}

/** What a learner's state in a course is computed from, once loaded. */
export interface LearnerCourseInput {
  courseId: string;
  userId: string;
  language: string;
  now: string;
  enrolled: boolean;
  version: StoredVersion;
  /** The status of every node the learner has a progress row for. */
  statuses: ReadonlyMap<string, ProgressStatus>;
  /** The progress of the course as a whole (its COURSE_NODE row). */
  course: NodeProgress | null;
  /** The learner's IMS LD run, when they are in one. */
  run: StoredRunState | null;
  /**
   * false when only the outline's progress is wanted (My learning): its activities then keep
   * their declared titles instead of the titles of their pages, which take a lookup each.
   */
  pageTitles?: boolean;
}

/** The outline, progress and next step of a course for a learner, from loaded data. */
export function courseStateOf(input: LearnerCourseInput): LearnerCourseState {
  const { courseId, userId, language, now, statuses, course, version } = input;
  const model = version.model;
  const statusOf = (identifier: string): ProgressStatus => statuses.get(identifier) ?? "not-started";
  let outline: OutlineNode[] = [];
  let next: LearnerCourseState["next"] = null;
  let continueHref = `/courses/${courseId}`;
  if (model.learningDesign) {
    const uol = model.learningDesign;
    const pack: StoredPackage = { storageKey: version.storageKey, model, uol };
    const run = input.run;
    const state = run ? parsedRunState(run) : null;
    const descriptions =
      input.pageTitles === false ? null : new Map(uol.learningActivities.map((activity) => [activity.identifier, activity]));
    outline = ldOutline(uol, {
      visible: (identifier, declared) => state?.visibility[userId]?.[identifier] ?? (declared || statuses.has(identifier)),
      statusOf,
      titleOf: (identifier) => {
        const activity = descriptions?.get(identifier);
        return activity ? titleOf(pack, activity.description?.items, activity.title, language) : null;
      },
    });
    next = run && state?.roles[userId] ? rememberedNextStep(pack, run, userId, now, language) : null;
    continueHref = next ? `/courses/${courseId}/ld/${encodeURIComponent(next.identifier)}` : `/courses/${courseId}/ld`;
  } else if (model.contentPackage) {
    outline = scormOutline(model.contentPackage, statusOf);
    continueHref = `/courses/${courseId}/scorm`;
  }
  const status = course?.status ?? "not-started";
  return {
    enrolled: input.enrolled,
    status,
    ratio: status === "completed" || status === "passed" ? 1 : outlineRatio(outline),
    lastAccessAt: course?.lastAccessAt ?? null,
    outline,
    next,
    continueHref,
  };
}

/** The outline, progress and next step of a course for a learner (enrolled or not). */
export async function learnerCourseState(
  db: Db,
  input: {
    courseId: string;
    userId: string;
    language: string;
    now: string;
    enrolment: { id: string; packageId: string; ldRunId: string | null } | null;
    packageId: string;
  },
): Promise<LearnerCourseState> {
  const { enrolment } = input;
  const packageId = enrolment?.packageId ?? input.packageId;
  const [version, progress, [run]] = await Promise.all([
    storedVersion(db, packageId),
    enrolment ? progressOf(db, enrolment.id) : Promise.resolve(new Map<string, NodeProgress>()),
    enrolment?.ldRunId
      ? readRows<StoredRunState>(db, sql`SELECT "id" AS "runId", "revision", "state" AS "json" FROM "LdRun" WHERE "id" = ${enrolment.ldRunId}`)
      : Promise.resolve([]),
  ]);
  if (!version) throw new Response("Course version not found.", { status: 404 });
  return courseStateOf({
    ...input,
    enrolled: Boolean(enrolment),
    version,
    statuses: new Map([...progress].map(([identifier, node]) => [identifier, node.status])),
    course: progress.get(COURSE_NODE) ?? null,
    run: run ?? null,
  });
}

/** The course page: the course as the learner's pinned version (or the newest) and their state in it. */
export async function coursePage(db: Db, userId: string, courseId: string, language: string, now: string) {
  const [enrolment, [newest]] = await Promise.all([
    findEnrolment(db, userId, courseId),
    readRows<{ id: string }>(db, sql`SELECT "id" FROM "CoursePackage" WHERE "courseId" = ${courseId} ORDER BY "version" DESC LIMIT 1`),
  ]);
  if (!newest) throw new Response("Course not found.", { status: 404 });
  const packageId = enrolment?.packageId ?? newest.id;
  const [summary, state, [assignment]] = await Promise.all([
    courseSummary(db, courseId, packageId, language),
    learnerCourseState(db, { courseId, userId, language, now, enrolment, packageId }),
    // Assigned to the learner or a team of theirs, by an organisation they are an active member of.
    readRows<{ dueAt: Date | null; organisationName: string }>(
      db,
      sql`SELECT a."dueAt", o."name" AS "organisationName"
          FROM "Assignment" a JOIN "Organisation" o ON o."id" = a."organisationId"
          WHERE a."courseId" = ${courseId}
            AND (a."userId" = ${userId} OR a."teamId" IN (SELECT t."teamId" FROM "TeamMember" t WHERE t."userId" = ${userId}))
            AND EXISTS (SELECT 1 FROM "Membership" m WHERE m."organisationId" = a."organisationId" AND m."userId" = ${userId} AND m."status" = 'active')
          ORDER BY a."dueAt"
          LIMIT 1`,
    ),
  ]);
  return {
    course: summary,
    learner: state,
    assignment: assignment ? { dueAt: assignment.dueAt?.toISOString() ?? null, organisationName: assignment.organisationName } : null,
  };
}
