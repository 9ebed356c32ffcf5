import { redirect } from "@remix-run/node";
import type { Db } from "../../utils/db.server";
import type { UserSummary } from "../auth/roles";
import type { PropertyValue } from "../standards/learning-design/model";
import {
  placeholderViews,
  questionFor,
  readItems,
  readPage,
  titleOf,
  type PageContent,
  type PlaceholderView,
  type QuestionView,
  type StoredPackage,
} from "./content.server";
import { ensureEnrolment } from "./enrolment.server";
import { indexDesign } from "./learning-design/design-index";
import { completeActivity, openActivity, setProperty, supports, tick } from "./learning-design/engine";
import { monitoredProperties } from "./learning-design/monitor";
import { progressFor, type LearningDesignProgress } from "./learning-design/progress";
import { Run } from "./learning-design/run";
import type { RunResult, RunState } from "./learning-design/state";
import { activitiesFor, type ActivityLeaf, type ActivityNode, type EnvironmentView, type LearnerView } from "./learning-design/view";
import { changeRun, joinRun, organisationRun, personalRun, type RunContext } from "./ld-runs.server";
import { findNode, nextStep, waitingFor } from "./next-step";
import { localizedPath } from "./package-paths";
import { packageHasFile, packageModel, storageKeyOf } from "./package-store.server";
import { runOrganisationFor, staffOrganisations } from "./runs";

/**
 * The IMS LD player: opens a person's run of a unit, and builds what its pages show (the
 * activities of their roles in the current acts, an activity with its content and property
 * forms, the monitor service) from the engine's pure functions.
 */

export interface UnitSession extends RunContext {
  userId: string;
  organisationId: string | null;
  enrolmentId: string | null;
  pack: StoredPackage;
  state: RunState;
  now: string;
}

export type OpenedUnit = { ok: true; session: UnitSession } | { ok: false; reason: "not-found" | "not-unit" | "not-enrolled" };

function assignedWhere(userId: string, courseId: string) {
  return {
    courseId,
    organisation: { memberships: { some: { userId, status: "active" } } },
    OR: [{ userId }, { team: { members: { some: { userId } } } }],
  };
}

/**
 * Opens the unit for a person: a learner's run (an assigned course counts as enrolled on first
 * open), or for staff the run of their organisation (runId picks one of several), joining it
 * in the roles the rules give them, and applies the clock (tick).
 */
export async function openUnit(
  db: Db,
  user: UserSummary,
  courseId: string,
  options: { now: string; runId?: string | null },
): Promise<OpenedUnit> {
  const course = await db.course.findUnique({ where: { id: courseId }, select: { id: true, title: true } });
  if (!course) return { ok: false, reason: "not-found" };
  let enrolment = await db.enrolment.findUnique({
    where: { userId_courseId: { userId: user.id, courseId } },
    select: { id: true, packageId: true, ldRunId: true },
  });
  if (!enrolment && (await db.assignment.count({ where: assignedWhere(user.id, courseId) })) > 0) {
    enrolment = await ensureEnrolment(db, user.id, courseId);
  }
  let run: { id: string; packageId: string; organisationId: string | null } | null = null;
  if (enrolment) {
    const model = await packageModel(db, enrolment.packageId);
    if (!model.learningDesign) return { ok: false, reason: "not-unit" };
    if (enrolment.ldRunId) {
      run = await db.ldRun.findUnique({ where: { id: enrolment.ldRunId }, select: { id: true, packageId: true, organisationId: true } });
    }
    if (!run) {
      const assigning = await db.assignment.findMany({ where: assignedWhere(user.id, courseId), select: { organisationId: true } });
      const organisationId = runOrganisationFor(user.memberships, assigning.map((a) => a.organisationId));
      const input = { packageId: enrolment.packageId, uol: model.learningDesign, now: options.now };
      const runId = organisationId ? await organisationRun(db, { ...input, organisationId }) : await personalRun(db, input);
      await db.enrolment.update({ where: { id: enrolment.id }, data: { ldRunId: runId } });
      run = { id: runId, packageId: enrolment.packageId, organisationId };
    }
  } else {
    const organisations = staffOrganisations(user.memberships);
    if (organisations.length === 0) return { ok: false, reason: "not-enrolled" };
    const runs = await db.ldRun.findMany({
      where: { organisationId: { in: organisations }, package: { courseId } },
      orderBy: [{ package: { version: "desc" } }, { createdAt: "asc" }],
      select: { id: true, packageId: true, organisationId: true },
    });
    run = (options.runId ? runs.find((candidate) => candidate.id === options.runId) : runs[0]) ?? null;
    if (!run && runs.length === 0) {
      const newest = await db.coursePackage.findFirst({ where: { courseId }, orderBy: { version: "desc" }, select: { id: true } });
      if (!newest) return { ok: false, reason: "not-found" };
      const model = await packageModel(db, newest.id);
      if (!model.learningDesign) return { ok: false, reason: "not-unit" };
      const runId = await organisationRun(db, {
        packageId: newest.id,
        organisationId: organisations[0],
        uol: model.learningDesign,
        now: options.now,
      });
      run = { id: runId, packageId: newest.id, organisationId: organisations[0] };
    }
    if (!run) return { ok: false, reason: "not-found" };
  }
  const storageKey = await storageKeyOf(db, run.packageId);
  const model = await packageModel(db, run.packageId);
  const uol = model.learningDesign;
  if (!uol) return { ok: false, reason: "not-unit" };
  const context = { runId: run.id, uol, course, organisationId: run.organisationId };
  await joinRun(db, context, { userId: user.id, enrolled: Boolean(enrolment), memberships: user.memberships }, options.now);
  const ticked = await changeRun(db, context, user.id, options.now, (state) => tick(uol, state, options.now));
  if (!ticked.ok) throw new Error(ticked.message);
  return {
    ok: true,
    session: {
      ...context,
      userId: user.id,
      enrolmentId: enrolment?.id ?? null,
      pack: { storageKey, model, uol },
      state: ticked.state,
      now: options.now,
    },
  };
}

/** The runs a staff member can switch between for a course. */
export async function staffRuns(db: Db, user: UserSummary, courseId: string) {
  const runs = await db.ldRun.findMany({
    where: { package: { courseId }, participants: { some: { userId: user.id } } },
    orderBy: [{ package: { version: "desc" } }, { createdAt: "asc" }],
    select: { id: true, package: { select: { version: true } }, _count: { select: { enrolments: true } } },
  });
  return runs.map((run) => ({ id: run.id, version: run.package.version, learners: run._count.enrolments }));
}

// ---------------------------------------------------------------- overview

export interface OverviewNode {
  kind: "activity" | "support" | "structure";
  identifier: string;
  title: string;
  status: ActivityLeaf["status"];
  structureType: "sequence" | "selection" | null;
  numberToSelect: number | null;
  completedCount: number;
  children: OverviewNode[];
}

export interface UnitOverview {
  title: string;
  plays: { identifier: string; title: string | null; completed: boolean; act: { title: string | null; completed: boolean } | null; nodes: OverviewNode[] }[];
  available: OverviewNode[];
  next: { identifier: string; title: string } | null;
  unitCompleted: boolean;
  progress: LearningDesignProgress;
  roles: string[];
  hasMonitor: boolean;
}

function leafTitle(session: UnitSession, leaf: ActivityLeaf, language: string): string {
  return titleOf(session.pack, leaf.description?.items, leaf.title, language) ?? leaf.identifier;
}

function overviewNode(session: UnitSession, node: ActivityNode, language: string): OverviewNode | null {
  if (node.kind === "unit-of-learning") return null;
  if (node.kind === "activity-structure") {
    return {
      kind: "structure",
      identifier: node.identifier,
      title: node.title ?? node.identifier,
      status: node.status,
      structureType: node.structureType,
      numberToSelect: node.numberToSelect,
      completedCount: node.completedCount,
      children: node.children.flatMap((child) => overviewNode(session, child, language) ?? []),
    };
  }
  return {
    kind: node.kind === "support-activity" ? "support" : "activity",
    identifier: node.identifier,
    title: leafTitle(session, node, language),
    status: node.status,
    structureType: null,
    numberToSelect: null,
    completedCount: 0,
    children: [],
  };
}

export function viewOf(session: UnitSession): LearnerView {
  return activitiesFor(session.uol, session.state, session.userId, session.now);
}

export function unitOverview(session: UnitSession, language: string): UnitOverview {
  const view = viewOf(session);
  const next = nextStep(view);
  const shown = new Set<string>();
  const plays = view.plays.map((play) => ({
    identifier: play.identifier,
    title: play.title,
    completed: play.completed,
    act: play.act ? { title: play.act.title, completed: play.act.completed } : null,
    nodes: (play.act?.roleParts ?? []).flatMap((rolePart) => {
      const node = rolePart.activity ? overviewNode(session, rolePart.activity, language) : null;
      if (node) shown.add(node.identifier);
      return node ? [node] : [];
    }),
  }));
  const roles = session.state.roles[session.userId] ?? [];
  return {
    title: session.course.title,
    plays,
    available: view.available.flatMap((node) => {
      if (node.kind === "unit-of-learning" || shown.has(node.identifier)) return [];
      return overviewNode(session, node, language) ?? [];
    }),
    next: next ? { identifier: next.identifier, title: leafTitle(session, next, language) } : null,
    unitCompleted: view.unitCompleted,
    progress: progressFor(session.uol, session.state, session.userId, session.now),
    roles: roles.map((roleId) => session.uol.roles.find((role) => role.identifier === roleId)?.title ?? roleId),
    hasMonitor: monitoredProperties(session.uol, session.state, session.userId, session.now).length > 0,
  };
}

// ---------------------------------------------------------------- activity

export interface RenderedPage extends PageContent {
  views: PlaceholderView[];
}

export type LearningObjectView =
  | { kind: "page"; identifier: string; title: string | null; page: RenderedPage }
  | { kind: "question"; identifier: string; title: string | null; question: QuestionView }
  | { kind: "sco"; identifier: string; title: string | null; href: string }
  | { kind: "vademecum"; identifier: string; title: string | null }
  | { kind: "file"; identifier: string; title: string | null; href: string; fileName: string };

export interface EnvironmentSection {
  identifier: string;
  title: string | null;
  objects: LearningObjectView[];
  services: { identifier: string; kind: string; title: string | null }[];
}

export type ActivityPage =
  | { locked: true; identifier: string; title: string; waitingFor: { identifier: string; title: string }[] }
  | {
      locked: false;
      identifier: string;
      kind: "learning-activity" | "support-activity";
      title: string;
      status: ActivityLeaf["status"];
      canComplete: boolean;
      /** The kinds of its complete-activity rules, to say how it gets done. */
      completesBy: string[];
      deadline: string | null;
      pages: RenderedPage[];
      feedback: RenderedPage[];
      environments: EnvironmentSection[];
      people: { userId: string; name: string }[];
      personId: string | null;
      next: { identifier: string; title: string } | null;
    };

function leafOf(view: LearnerView, activityId: string): ActivityLeaf | null {
  const node = findNode(view, activityId);
  return node && (node.kind === "learning-activity" || node.kind === "support-activity") ? node : null;
}

/**
 * An activity the person completed in an act that is over: no longer in the view of the
 * current acts, but its page (content and feedback) stays readable.
 */
function completedEarlier(session: UnitSession, activityId: string): ActivityLeaf | null {
  if (!session.state.activities[session.userId]?.[activityId]?.completedAt) return null;
  const index = indexDesign(session.uol);
  const learning = index.learningActivities.get(activityId);
  const activity = learning ?? index.supportActivities.get(activityId);
  if (!activity) return null;
  return {
    kind: learning ? "learning-activity" : "support-activity",
    identifier: activity.identifier,
    title: activity.title,
    status: "completed",
    canComplete: false,
    description: activity.description,
    learningObjectives: learning?.learningObjectives ?? null,
    prerequisites: learning?.prerequisites ?? null,
    environments: [],
    feedback: activity.onCompletion?.feedback ?? null,
    deadline: null,
  };
}

/** Records that the person opened the activity (its time limit starts). */
export async function openActivityFor(db: Db, session: UnitSession, activityId: string): Promise<UnitSession> {
  const leaf = leafOf(viewOf(session), activityId);
  if (!leaf || leaf.status === "locked" || leaf.status === "completed") return session;
  const result = await changeRun(db, session, session.userId, session.now, (state) =>
    openActivity(session.uol, state, session.userId, activityId, session.now),
  );
  return result.ok ? { ...session, state: result.state } : session;
}

/** The people a support activity's viewer supports, with their names. */
async function supportedPeople(db: Db, session: UnitSession): Promise<{ userId: string; name: string }[]> {
  const index = indexDesign(session.uol);
  const ids = Object.keys(session.state.roles).filter(
    (userId) => userId !== session.userId && supports(index, session.state, session.userId, userId),
  );
  const users = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true }, orderBy: { name: "asc" } });
  return users.map((user) => ({ userId: user.id, name: user.name }));
}

function render(session: UnitSession, page: PageContent, supportedId: string | null): RenderedPage {
  const run = new Run(indexDesign(session.uol), session.state, session.now);
  return {
    ...page,
    views: placeholderViews(page.placeholders, session.uol, session.userId, supportedId, (property, userId) =>
      run.readProperty(property, userId),
    ),
  };
}

function environmentSections(session: UnitSession, environments: EnvironmentView[], language: string, supportedId: string | null) {
  const sections: EnvironmentSection[] = [];
  const visit = (environment: EnvironmentView) => {
    const objects = environment.learningObjects.flatMap((object) =>
      object.items.flatMap((item): LearningObjectView[] => {
        if (!item.href) return [];
        const base = { identifier: `${object.identifier}:${item.identifier}`, title: object.title ?? item.title };
        if (item.scormType === "sco") {
          return [{ ...base, kind: "sco", href: `/courses/${session.course.id}/scorm?item=${encodeURIComponent(item.identifierref ?? "")}` }];
        }
        if (item.resourceType === "imsqti_item_xmlv2p1") {
          const question = questionFor(session.pack.model, item.identifierref, language);
          return question ? [{ ...base, kind: "question", question }] : [];
        }
        if (item.resourceType === "x-vademecum-entries") return [{ ...base, kind: "vademecum" }];
        const page = readPage(session.pack, item.href, language);
        if (page) return [{ ...base, kind: "page", page: render(session, page, supportedId) }];
        const file = localizedPath(item.href, language, session.pack.model, (path) => packageHasFile(session.pack.storageKey, path));
        return [
          {
            ...base,
            kind: "file",
            href: `/courses/${session.course.id}/files/${file.path.split("/").map(encodeURIComponent).join("/")}`,
            fileName: file.path.split("/").pop() ?? file.path,
          },
        ];
      }),
    );
    sections.push({
      identifier: environment.identifier,
      title: environment.title,
      objects,
      services: environment.services.map((service) => ({ identifier: service.identifier, kind: service.kind, title: service.title })),
    });
    environment.environments.forEach(visit);
  };
  environments.forEach(visit);
  return sections;
}

export async function activityPage(
  db: Db,
  session: UnitSession,
  activityId: string,
  language: string,
  personId: string | null,
): Promise<ActivityPage | null> {
  const view = viewOf(session);
  const leaf = leafOf(view, activityId) ?? completedEarlier(session, activityId);
  if (!leaf) return null;
  const title = leafTitle(session, leaf, language);
  if (leaf.status === "locked") {
    return {
      locked: true,
      identifier: leaf.identifier,
      title,
      waitingFor: waitingFor(view, activityId).map((blocker) => {
        const node = findNode(view, blocker.identifier);
        const blockerTitle =
          node && (node.kind === "learning-activity" || node.kind === "support-activity")
            ? leafTitle(session, node, language)
            : (blocker.title ?? blocker.identifier);
        return { identifier: blocker.identifier, title: blockerTitle };
      }),
    };
  }
  const people = leaf.kind === "support-activity" ? await supportedPeople(db, session) : [];
  const supportedId = people.find((person) => person.userId === personId)?.userId ?? people[0]?.userId ?? null;
  const next = nextStep(view);
  return {
    locked: false,
    identifier: leaf.identifier,
    kind: leaf.kind,
    title,
    status: leaf.status,
    canComplete: leaf.canComplete,
    completesBy: (
      indexDesign(session.uol).learningActivities.get(leaf.identifier) ?? indexDesign(session.uol).supportActivities.get(leaf.identifier)
    )?.completion.map((rule) => rule.kind) ?? [],
    deadline: leaf.deadline,
    pages: readItems(session.pack, leaf.description?.items ?? [], language).map((page) => render(session, page, supportedId)),
    feedback: readItems(session.pack, leaf.feedback?.items ?? [], language).map((page) => render(session, page, supportedId)),
    environments: environmentSections(session, leaf.environments, language, supportedId),
    people,
    personId: supportedId,
    next: next && next.identifier !== leaf.identifier ? { identifier: next.identifier, title: leafTitle(session, next, language) } : null,
  };
}

// ---------------------------------------------------------------- changes

export type ChangeOutcome = { ok: true } | { ok: false; code: string; propertyRef?: string };

export async function markActivityDone(db: Db, session: UnitSession, activityId: string): Promise<ChangeOutcome> {
  const result = await changeRun(db, session, session.userId, session.now, (state) =>
    completeActivity(session.uol, state, session.userId, activityId, session.now),
  );
  return result.ok ? { ok: true } : { ok: false, code: result.code };
}

/**
 * Sets properties from an activity's form. Only properties that the activity's pages offer as
 * form fields (for that person: self, or a supported person) may be set here.
 */
export async function setActivityProperties(
  db: Db,
  session: UnitSession,
  activityId: string,
  values: { propertyRef: string; value: PropertyValue }[],
  subjectId: string | null,
  language: string,
): Promise<ChangeOutcome> {
  const page = await activityPage(db, session, activityId, language, subjectId);
  if (!page || page.locked) return { ok: false, code: "run.not-available" };
  const offered = [...page.pages, ...page.environments.flatMap((environment) => environment.objects.flatMap((object) => (object.kind === "page" ? [object.page] : [])))]
    .flatMap((rendered) => rendered.views)
    .flatMap((view) => (view.kind === "form" ? view.fields.map((field) => ({ ref: field.field.propertyRef, subjectId: view.subjectId })) : []));
  const subject = subjectId && subjectId === page.personId ? subjectId : null;
  for (const { propertyRef } of values) {
    if (!offered.some((field) => field.ref === propertyRef && field.subjectId === subject)) {
      return { ok: false, code: "run.not-offered", propertyRef };
    }
  }
  let failedRef: string | undefined;
  const result = await changeRun(db, session, session.userId, session.now, (state) => {
    let current: RunResult = { ok: true, state, events: [] };
    for (const { propertyRef, value } of values) {
      const next = setProperty(session.uol, current.state, session.userId, propertyRef, value, session.now, subject ? { subjectId: subject } : {});
      if (!next.ok) {
        failedRef = propertyRef;
        return next;
      }
      current = { ok: true, state: next.state, events: [...current.events, ...next.events] };
    }
    return current;
  });
  return result.ok ? { ok: true } : { ok: false, code: result.code, propertyRef: failedRef };
}

// ---------------------------------------------------------------- monitor

export interface MonitorSection {
  serviceId: string;
  title: string | null;
  subjects: { userId: string; name: string; pages: RenderedPage[] }[];
}

/** The monitor services the person can reach, with each watched person's allowed properties. */
export async function monitorSections(db: Db, session: UnitSession, language: string): Promise<MonitorSection[]> {
  const grants = monitoredProperties(session.uol, session.state, session.userId, session.now);
  const ids = [...new Set(grants.flatMap((grant) => grant.subjects.map((subject) => subject.userId)))];
  const names = new Map(
    (await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((user) => [user.id, user.name]),
  );
  const services = session.uol.environments.flatMap((environment) => environment.services);
  return grants.map((grant) => {
    const pages = readItems(session.pack, services.find((service) => service.identifier === grant.serviceId)?.items ?? [], language);
    return {
      serviceId: grant.serviceId,
      title: grant.title,
      subjects: grant.subjects
        .map((subject) => ({
          userId: subject.userId,
          name: names.get(subject.userId) ?? "",
          pages: pages.map((page) => ({
            ...page,
            views: placeholderViews(page.placeholders, session.uol, subject.userId, subject.userId, (property, userId) =>
              userId === subject.userId ? (subject.values[property.identifier] ?? undefined) : undefined,
            ).map((view): PlaceholderView =>
              view.kind === "values"
                ? view
                : {
                    kind: "values",
                    values: view.fields.map((field) => ({
                      propertyRef: field.field.propertyRef,
                      title: field.field.label,
                      value: field.value,
                      showTitle: true,
                    })),
                  },
            ),
          })),
        }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    };
  });
}

/** openUnit for a page: a missing course is 404; someone not enrolled (or not a unit) goes to the course page. */
export async function requireUnit(
  db: Db,
  user: UserSummary,
  courseId: string,
  options: { now: string; runId?: string | null },
): Promise<UnitSession> {
  const opened = await openUnit(db, user, courseId, options);
  if (opened.ok) return opened.session;
  if (opened.reason === "not-found") throw new Response("Course not found.", { status: 404 });
  throw redirect(`/courses/${courseId}`);
}

/** The run query parameter to keep in links: staff may switch between runs, learners have one. */
export function runParameter(session: UnitSession): string {
  return session.enrolmentId ? "" : `?run=${encodeURIComponent(session.runId)}`;
}
