import type { Db } from "../../../utils/db.server";
import { env } from "../../../utils/env.server";
import { readRows, sql } from "../../../utils/sql.server";
import { progressOf } from "../../progress/progress.server";
import type { ProgressStatus } from "../../progress/status";
import { ensureEnrolment } from "../enrolment.server";
import { writableElements, type ScormVersion } from "./cmi";
import { initialCmi, readStoredCmi } from "./commit";
import { recordScoProgress } from "./commit.server";
import { sequencedContents, type NavigationForm, type RefusalReason } from "./course-sequencing";
import {
  launchSequencing,
  navigateSequencing,
  readLearnerState,
  recordSequencedProgress,
  reportToSequencing,
  sequencingTree,
  type SequencingOutcome,
} from "./course-sequencing.server";
import type { LauncherView } from "./launcher-page";
import { findLaunchTarget, flowNeighbours, launchPath, scoItemIds, scormVersionOf, tableOfContents, type TocEntry } from "./navigation";
import { findPackageModel as packageModel, storedVersion } from "../package-store.server";
import { navigationButtons, type ActivityTree, type RuntimeReport, type SequencingState } from "./sequencing";
import { signLaunchToken, type LaunchClaims } from "./token.server";

/** The origin that serves imported content for a request to the app. */
export function contentOriginFor(request: Request): string {
  const configured = env().CONTENT_ORIGIN;
  if (configured) return new URL(configured).origin;
  const url = new URL(request.url);
  return `${url.protocol}//${url.hostname}:${env().CONTENT_PORT ?? env().PORT + 1}`;
}

export interface PlayerEntry extends TocEntry {
  status: ProgressStatus;
  /** It can be opened now (always, with flow navigation). */
  enabled: boolean;
  /** Why the sequencer would refuse it now. */
  refusal: RefusalReason | null;
}

export interface PlayerView {
  courseId: string;
  courseTitle: string;
  version: ScormVersion;
  courseStatus: ProgressStatus;
  /** Empty for a single SCO of an IMS LD unit. */
  toc: PlayerEntry[];
  /** Null when the sequencer has nothing to deliver (the learner chooses what comes next). */
  current: { id: string; title: string; status: ProgressStatus } | null;
  /** Flow navigation (SCORM 1.2, a SCO outside any organization): the parts before and after. */
  previous: { id: string; title: string } | null;
  next: { id: string; title: string } | null;
  /** SCORM 2004 sequencing: which requests the sequencer would carry out, and why nothing is delivered when it could not start. */
  sequencing: { previous: boolean; continue: boolean; refusal: RefusalReason | null } | null;
  contentOrigin: string;
  launchUrl: string | null;
}

/**
 * The player of a SCORM course for a learner: enrols them on first visit (pinned to the newest
 * version), picks the item and signs the launch URL of the content origin. A SCORM 2004 course
 * with an organization is driven by its sequencing: the sequencer's current activity is shown
 * (a session is started or resumed when none is under way). Otherwise `?item=` is shown, else
 * where the learner was last, else the first item. Null when the course or the item does not
 * exist or has nothing to play.
 */
export async function openPlayer(
  db: Db,
  options: { userId: string; courseId: string; item: string | null; appOrigin: string; contentOrigin: string },
  now = new Date(),
): Promise<PlayerView | null> {
  const enrolment = await ensureEnrolment(db, options.userId, options.courseId);
  if (!enrolment) return null;
  const [model, [course], progress] = await Promise.all([
    packageModel(db, enrolment.packageId),
    readRows<{ title: string }>(db, sql`SELECT "title" FROM "Course" WHERE "id" = ${options.courseId}`),
    progressOf(db, enrolment.id),
  ]);
  const contentPackage = model?.contentPackage;
  if (!model || !course || !contentPackage) return null;
  const statusOf = (id: string): ProgressStatus => progress.get(id)?.status ?? "not-started";
  const version = scormVersionOf(contentPackage);
  const launch = async (itemId: string) => {
    const token = signLaunchToken({
      e: enrolment.id,
      i: itemId,
      k: (await storedVersion(db, enrolment.packageId))?.storageKey ?? "",
      p: enrolment.packageId,
      v: version,
      o: options.appOrigin,
    });
    return `${options.contentOrigin}/content/${token}/__launch`;
  };
  const base = { courseId: options.courseId, courseTitle: course.title, version, courseStatus: statusOf(""), contentOrigin: options.contentOrigin };

  const tree = sequencingTree(enrolment.packageId, model);
  if (tree) {
    const { state, refusal } = await launchSequencing(db, enrolment.id, tree, now);
    const currentId = state.currentActivity;
    const delivered = currentId !== null && tree.activities[currentId].isLeaf && state.activities[currentId].isActive ? currentId : null;
    const target = delivered ? findLaunchTarget(contentPackage, delivered) : null;
    const scos = new Set(scoItemIds(contentPackage));
    return {
      ...base,
      toc: sequencedContents(tree, state, now).map((entry) => ({ ...entry, isSco: scos.has(entry.id), status: statusOf(entry.id) })),
      current: target && { id: target.itemId, title: target.title, status: statusOf(target.itemId) },
      previous: null,
      next: null,
      sequencing: { ...navigationButtons(tree, state), refusal },
      launchUrl: target && (await launch(target.itemId)),
    };
  }

  const toc = model.learningDesign ? [] : tableOfContents(contentPackage);
  let itemId = options.item;
  if (!itemId) {
    const launchable = new Set(toc.filter((entry) => entry.launchable).map((entry) => entry.id));
    // ISO 8601 times in UTC: their text order is their time order.
    const [lastVisited] = [...progress]
      .filter(([nodeId, node]) => launchable.has(nodeId) && node.lastAccessAt)
      .sort(([, a], [, b]) => b.lastAccessAt!.localeCompare(a.lastAccessAt!));
    itemId = lastVisited?.[0] ?? toc.find((entry) => entry.launchable)?.id ?? null;
  }
  const target = itemId ? findLaunchTarget(contentPackage, itemId) : null;
  if (!target) return null;
  const { previous, next } = flowNeighbours(toc, target.itemId);
  return {
    ...base,
    toc: toc.map((entry) => ({ ...entry, status: statusOf(entry.id), enabled: true, refusal: null })),
    current: { id: target.itemId, title: target.title, status: statusOf(target.itemId) },
    previous: previous && { id: previous.id, title: previous.title },
    next: next && { id: next.id, title: next.title },
    sequencing: null,
    launchUrl: await launch(target.itemId),
  };
}

/**
 * A navigation request of the learner in a sequenced course (Previous, Next, a part of the
 * table of contents); the course's progress follows the attempts it ended. Null when the
 * learner is not enrolled or the course is not sequenced.
 */
export async function requestNavigation(
  db: Db,
  options: { userId: string; courseId: string; form: NavigationForm },
  now = new Date(),
): Promise<SequencingOutcome | null> {
  const enrolment = await db.enrolment.findUnique({
    where: { userId_courseId: { userId: options.userId, courseId: options.courseId } },
    select: { id: true, packageId: true },
  });
  const model = enrolment ? await packageModel(db, enrolment.packageId) : null;
  const tree = enrolment && model ? sequencingTree(enrolment.packageId, model) : null;
  if (!enrolment || !tree) return null;
  const { state, outcome } = await navigateSequencing(db, enrolment.id, tree, { type: options.form.request, target: options.form.target }, now);
  await recordSequencedProgress(db, enrolment.id, tree, state, null, { at: now.toISOString() });
  return outcome;
}

const ASSET_SEEN: RuntimeReport = { completionStatus: "completed", successStatus: "unknown", scoreScaled: null, progressMeasure: null };

/**
 * What the launcher page needs: the SCO's path and the CMI it starts with (see initialCmi).
 * Opening it counts as visiting the item (in progress; an asset is completed by being seen).
 */
export async function openLauncher(db: Db, claims: LaunchClaims, token: string, now = new Date()): Promise<LauncherView | null> {
  const [model, attempt, enrolment] = await Promise.all([
    packageModel(db, claims.p),
    db.scormAttempt.findUnique({ where: { enrolmentId_itemId: { enrolmentId: claims.e, itemId: claims.i } }, select: { cmi: true, sequence: true } }),
    db.enrolment.findUnique({ where: { id: claims.e }, select: { packageId: true, user: { select: { id: true, name: true, locale: true } } } }),
  ]);
  const target = model?.contentPackage ? findLaunchTarget(model.contentPackage, claims.i) : null;
  if (!model || !target || !enrolment || enrolment.packageId !== claims.p) return null;
  const item = target.item;
  const threshold = item?.completionThreshold;
  const cmi = initialCmi(claims.v, attempt ? readStoredCmi(attempt.cmi) : null, enrolment.user, {
    masteryScore: item?.masteryScore ?? null,
    maxTimeAllowed: item?.maxTimeAllowed ?? null,
    timeLimitAction: item?.timeLimitAction ?? null,
    dataFromLMS: item?.dataFromLMS ?? null,
    completionThreshold: threshold?.completedByMeasure ? threshold.minProgressMeasure : null,
  });
  const isAsset = target.resource.scormType === "asset";
  const tree = sequencingTree(claims.p, model);
  let sequencing: { tree: ActivityTree; state: SequencingState } | null = null;
  if (tree?.activities[claims.i]?.isLeaf) {
    // An asset cannot report anything: being seen completes it, for sequencing too.
    const state = isAsset
      ? (await reportToSequencing(db, claims.e, tree, claims.i, ASSET_SEEN, null, now)).state
      : await readLearnerState(db, claims.e, tree);
    sequencing = { tree, state };
  }
  await recordScoProgress(db, claims.e, model, claims.i, { status: isAsset ? "completed" : "in-progress", at: now.toISOString() }, sequencing);

  const language = enrolment.user.locale ?? model.defaultLanguage ?? "en";
  let scoPath = launchPath(target.resource, item)
    .split(/(?=[?#])/)
    .map((part, index) => (index === 0 ? part.split("/").map(encodeURIComponent).join("/") : part))
    .join("");
  // The platform's own modules pick their language from the launch URL.
  if (model.learningDesign && !scoPath.includes("?")) scoPath = scoPath.replace(/(#|$)/, `?lang=${encodeURIComponent(language)}$1`);
  return {
    title: target.title,
    language,
    scoPath,
    config: {
      version: claims.v,
      attempt: `${claims.e}:${claims.i}`,
      sequence: attempt?.sequence ?? 0,
      cmi,
      writable: writableElements(claims.v),
      commitUrl: `/content/${token}/__commit`,
      appOrigin: claims.o,
    },
  };
}
