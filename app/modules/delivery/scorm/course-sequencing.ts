import { z } from "zod";
import { scaledFromRaw } from "../../competencies/evidence";
import type { ContentPackage } from "../../standards/content-packaging/package";
import type { ProgressStatus } from "../../progress/status";
import { NAV_REQUEST, type FlatCmi, type ScormVersion } from "./cmi";
import { defaultOrganization } from "./navigation";
import {
  availableChoices,
  buildActivityTree,
  initialState,
  navigate,
  rootStatus,
  type ActivityTree,
  type NavigationRequest,
  type RuntimeReport,
  type SequencingExceptionCode,
  type SequencingState,
} from "./sequencing";

/**
 * The player's side of SCORM 2004 sequencing: which courses the sequencing engine drives, how a
 * SCO's run-time data and navigation requests reach it, and how its answers become progress
 * and words for the learner. Pure; the state itself is kept by course-sequencing.server.ts.
 */

/** The activity tree of a SCORM 2004 course's default organization; null for SCORM 1.2 and resource-only packages. */
export function sequencingTreeOf(contentPackage: ContentPackage): ActivityTree | null {
  if (contentPackage.kind !== "scorm2004") return null;
  const organization = defaultOrganization(contentPackage);
  return organization && organization.items.length > 0 ? buildActivityTree(organization) : null;
}

/** Enrolment.sequencingState as the engine needs it: a new state when none is stored or it belongs to another tree. */
export function readSequencingState(tree: ActivityTree, json: string): SequencingState {
  try {
    const parsed = JSON.parse(json) as Partial<SequencingState>;
    const activities = parsed.activities;
    if (activities && parsed.globalObjectives && tree.preorder.every((id) => activities[id]?.tracking)) {
      return parsed as SequencingState;
    }
  } catch {
    // Not JSON: start over below.
  }
  return initialState(tree);
}

// ---------------------------------------------------------------- navigation requests

/** What the player's buttons and table of contents send (a form, with or without JavaScript). */
export const NavigationFormSchema = z
  .object({
    request: z.enum(["continue", "previous", "choice"]),
    target: z.string().min(1).max(4000).optional(),
  })
  .refine((form) => form.request !== "choice" || form.target !== undefined, { message: "a choice names its target", path: ["target"] });

export type NavigationForm = z.infer<typeof NavigationFormSchema>;

const SCO_REQUESTS = new Set(["continue", "previous", "exit", "exitAll", "suspendAll", "abandon", "abandonAll"]);

/**
 * adl.nav.request as a SCO leaves it at Terminate: "continue", "previous", "exit", "exitAll",
 * "suspendAll", "abandon", "abandonAll" or "{target=ID}choice". "_none_", jump requests (which
 * the engine does not implement) and anything else mean no request.
 */
export function parseNavRequest(value: string | undefined): NavigationRequest | null {
  if (!value) return null;
  const choice = /^\{target=([^}]+)\}choice$/.exec(value);
  if (choice) return { type: "choice", target: choice[1] };
  return SCO_REQUESTS.has(value) ? { type: value as NavigationRequest["type"] } : null;
}

// ---------------------------------------------------------------- run-time data

const COMPLETION = ["completed", "incomplete", "not attempted", "unknown"] as const;
const SUCCESS = ["passed", "failed", "unknown"] as const;
const EXIT = ["suspend", "normal", "logout", "time-out", ""] as const;

function oneOf<T extends string>(values: readonly T[], value: string | undefined, fallback: T): T {
  return values.includes(value as T) ? (value as T) : fallback;
}

function numberOrNull(value: string | undefined): number | null {
  if (value === undefined || value === "") return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}

/**
 * A SCORM 2004 SCO's stored CMI as the engine's run-time record: completion and success
 * status, scaled score, progress measure, the objectives it reported by id, and (at the end
 * of a session) cmi.exit.
 */
export function runtimeReportOf(values: FlatCmi, ended: boolean): RuntimeReport {
  const objectives: NonNullable<RuntimeReport["objectives"]> = [];
  for (let index = 0; values[`cmi.objectives.${index}.id`] !== undefined; index += 1) {
    const prefix = `cmi.objectives.${index}`;
    objectives.push({
      id: values[`${prefix}.id`],
      successStatus: oneOf(SUCCESS, values[`${prefix}.success_status`], "unknown"),
      scoreScaled: numberOrNull(values[`${prefix}.score.scaled`]),
    });
  }
  return {
    completionStatus: oneOf(COMPLETION, values["cmi.completion_status"], "unknown"),
    successStatus: oneOf(SUCCESS, values["cmi.success_status"], "unknown"),
    scoreScaled: numberOrNull(values["cmi.score.scaled"]),
    progressMeasure: numberOrNull(values["cmi.progress_measure"]),
    objectives,
    ...(ended ? { exit: oneOf(EXIT, values["cmi.exit"], "") } : {}),
  };
}

/** The navigation request a 2004 SCO left in a Terminate commit. */
export function navRequestOf(cmi: FlatCmi): NavigationRequest | null {
  return parseNavRequest(cmi[NAV_REQUEST]);
}

/**
 * The score a commit carries, scaled 0–1, for competence evidence: SCORM 2004 cmi.score.scaled
 * (a negative score counts as 0), SCORM 1.2 cmi.core.score.raw between min and max.
 */
export function commitScore(version: ScormVersion, cmi: FlatCmi): number | null {
  if (version === "2004") {
    const scaled = numberOrNull(cmi["cmi.score.scaled"]);
    return scaled === null ? null : Math.min(1, Math.max(0, scaled));
  }
  const raw = numberOrNull(cmi["cmi.core.score.raw"]);
  if (raw === null) return null;
  return scaledFromRaw(raw, numberOrNull(cmi["cmi.core.score.min"]) ?? 0, numberOrNull(cmi["cmi.core.score.max"]) ?? 100) ?? null;
}

// ---------------------------------------------------------------- progress

/**
 * The status of an activity (a SCO, a cluster, or the course at the root) from the tracking
 * state: passed or failed when its primary objective is known, else completed when its attempt
 * is, else in progress once attempted; null when it was never attempted.
 */
export function trackedStatus(tree: ActivityTree, state: SequencingState, id: string): ProgressStatus | null {
  // rootStatus reads the tracking of its tree's root: asking with `id` as the root gives that activity's status.
  const status = rootStatus({ ...tree, root: id }, state);
  if (status.success === "passed") return "passed";
  if (status.success === "failed") return "failed";
  if (status.completion === "completed") return "completed";
  return state.activities[id].tracking.activityProgressStatus ? "in-progress" : null;
}

/** The course's scaled score from the root's measure, for Progress (0–1). */
export function courseScore(tree: ActivityTree, state: SequencingState): number | undefined {
  const measure = rootStatus(tree, state).measure;
  return measure === null ? undefined : Math.min(1, Math.max(0, measure));
}

// ---------------------------------------------------------------- words for the learner

/** Why the sequencer refused a request, grouped into what a learner can understand (keys of player.refusal.*). */
export type RefusalReason =
  | "notOpen"
  | "alreadyOpen"
  | "nothingToResume"
  | "noFlow"
  | "noBackward"
  | "atBeginning"
  | "finishSectionFirst"
  | "notByChoice"
  | "unknownPart"
  | "notAvailable"
  | "locked"
  | "notYet"
  | "onlyNeighbours"
  | "emptySection"
  | "stuck";

const REFUSALS: Record<SequencingExceptionCode, RefusalReason> = {
  "NB.2.1-1": "alreadyOpen",
  "NB.2.1-2": "notOpen",
  "NB.2.1-3": "nothingToResume",
  "NB.2.1-4": "noFlow",
  "NB.2.1-5": "noBackward",
  "NB.2.1-6": "atBeginning",
  "NB.2.1-8": "finishSectionFirst",
  "NB.2.1-10": "notByChoice",
  "NB.2.1-11": "unknownPart",
  "NB.2.1-12": "notOpen",
  "NB.2.1-13": "unknownPart",
  "TB.2.3-1": "notOpen",
  "TB.2.3-3": "nothingToResume",
  "TB.2.3-4": "stuck",
  "SB.2.1-2": "emptySection",
  "SB.2.1-3": "atBeginning",
  "SB.2.1-4": "noBackward",
  "SB.2.2-1": "noFlow",
  "SB.2.2-2": "locked",
  "SB.2.4-1": "notYet",
  "SB.2.4-2": "noBackward",
  "SB.2.4-3": "atBeginning",
  "SB.2.5-1": "alreadyOpen",
  "SB.2.6-1": "alreadyOpen",
  "SB.2.6-2": "nothingToResume",
  "SB.2.7-1": "notOpen",
  "SB.2.7-2": "noFlow",
  "SB.2.8-1": "notOpen",
  "SB.2.8-2": "noFlow",
  "SB.2.9-1": "unknownPart",
  "SB.2.9-2": "notAvailable",
  "SB.2.9-3": "notAvailable",
  "SB.2.9-4": "notByChoice",
  "SB.2.9-6": "notYet",
  "SB.2.9-7": "finishSectionFirst",
  "SB.2.9-8": "onlyNeighbours",
  "SB.2.9-9": "emptySection",
  "SB.2.10-1": "notOpen",
  "SB.2.10-2": "stuck",
  "SB.2.10-3": "emptySection",
  "SB.2.11-1": "notOpen",
  "DB.1.1-1": "emptySection",
  "DB.1.1-3": "locked",
};

export function refusalReason(code: SequencingExceptionCode): RefusalReason {
  return REFUSALS[code];
}

// ---------------------------------------------------------------- the table of contents

export interface SequencedEntry {
  id: string;
  title: string;
  depth: number;
  /** A leaf: it launches content. */
  launchable: boolean;
  /** A choice request for it would be carried out now. */
  enabled: boolean;
  /** Why it cannot be chosen now (null when it can, or for a cluster). */
  refusal: RefusalReason | null;
}

/**
 * The table of contents the sequencer allows: its activities in delivery order without the
 * hidden ones, each enabled or not, with the reason a disabled leaf would be refused.
 */
export function sequencedContents(tree: ActivityTree, state: SequencingState, now: Date): SequencedEntry[] {
  return availableChoices(tree, state)
    .filter((entry) => !entry.hidden)
    .map((entry) => {
      const launchable = tree.activities[entry.id].isLeaf;
      let refusal: RefusalReason | null = null;
      if (launchable && !entry.enabled) {
        const tried = navigate(tree, state, { type: "choice", target: entry.id }, now);
        refusal = tried.exception ? refusalReason(tried.exception) : "notAvailable";
      }
      return { id: entry.id, title: entry.title, depth: entry.depth, launchable, enabled: entry.enabled, refusal };
    });
}
