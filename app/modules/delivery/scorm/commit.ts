import { z } from "zod";
import type { ProgressStatus, ProgressUpdate } from "../../progress/status";
import { checkElement, ERROR_CODES, formatDuration, NAV_REQUEST, parseDuration, type ElementError, type FlatCmi, type ScormVersion } from "./cmi";

/**
 * What a SCO's Commit/Terminate sends, how it is checked and how it is merged into the stored
 * attempt so that nothing is lost or regresses: late commits do not overwrite newer bookmarks,
 * statuses only move forward, and time is counted once per session. Pure functions.
 */

/** The body the launcher posts to /content/<token>/__commit (JSON, sent as text/plain by beacons). */
export const CommitPayloadSchema = z.object({
  /** The launcher's commit counter, continuing from the attempt's stored sequence. */
  sequence: z.number().int().min(0).max(2_000_000_000),
  /** A random id of the launcher page: one SCO session. */
  session: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  kind: z.enum(["commit", "terminate"]),
  cmi: z.record(z.string().max(255), z.string().max(64_000)).refine((cmi) => Object.keys(cmi).length <= 5_000, {
    message: "too many elements",
  }),
});

export type CommitPayload = z.infer<typeof CommitPayloadSchema>;

export type ParsedCommit = { ok: true; commit: CommitPayload } | { ok: false; error: ElementError | { element: null; problem: "payload"; code: number } };

/** Parses and checks a commit as a whole: one bad element rejects all of it. */
export function parseCommit(version: ScormVersion, body: string): ParsedCommit {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, error: { element: null, problem: "payload", code: ERROR_CODES[version].type } };
  }
  const parsed = CommitPayloadSchema.safeParse(json);
  if (!parsed.success) return { ok: false, error: { element: null, problem: "payload", code: ERROR_CODES[version].type } };
  for (const [element, value] of Object.entries(parsed.data.cmi)) {
    const error = checkElement(version, element, value);
    if (error) return { ok: false, error };
  }
  return { ok: true, commit: parsed.data };
}

// ---------------------------------------------------------------- the stored attempt

/** ScormAttempt.cmi: the learner's latest values plus the time of each session. */
export interface StoredCmi {
  values: FlatCmi;
  /** Seconds reported by each session (newest last); older sessions fold into `earlierSeconds`. */
  sessions: { id: string; seconds: number }[];
  earlierSeconds: number;
}

export const EMPTY_CMI: StoredCmi = { values: {}, sessions: [], earlierSeconds: 0 };
const KEPT_SESSIONS = 20;

export function readStoredCmi(json: string): StoredCmi {
  try {
    const parsed = JSON.parse(json) as Partial<StoredCmi>;
    return {
      values: parsed.values ?? {},
      sessions: Array.isArray(parsed.sessions) ? parsed.sessions : [],
      earlierSeconds: typeof parsed.earlierSeconds === "number" ? parsed.earlierSeconds : 0,
    };
  } catch {
    return EMPTY_CMI;
  }
}

export function totalSeconds(stored: StoredCmi): number {
  return stored.earlierSeconds + stored.sessions.reduce((sum, session) => sum + session.seconds, 0);
}

const STATUS_ELEMENTS: Record<ScormVersion, Record<string, readonly string[]>> = {
  "1.2": {
    "cmi.core.lesson_status": ["not attempted", "browsed", "incomplete", "failed", "completed", "passed"],
  },
  "2004": {
    "cmi.completion_status": ["unknown", "not attempted", "incomplete", "completed"],
    "cmi.success_status": ["unknown", "failed", "passed"],
  },
};

const SESSION_TIME: Record<ScormVersion, string> = { "1.2": "cmi.core.session_time", "2004": "cmi.session_time" };

/** The further of two statuses, so a completion or a pass is never undone. */
function furtherStatus(order: readonly string[], current: string | undefined, incoming: string): string {
  if (current === undefined) return incoming;
  return order.indexOf(incoming) > order.indexOf(current) ? incoming : current;
}

export interface MergeResult {
  cmi: StoredCmi;
  sequence: number;
  /** The commit was older than what is stored: only forward-only data (statuses, time) was taken. */
  late: boolean;
}

/**
 * Merges a valid commit into the stored attempt. A commit whose sequence is lower than the
 * stored one arrived late (a retry, a second tab): it cannot overwrite the bookmark, suspend
 * data or anything else, but its statuses and session time still count, since those only grow.
 * A SCO's navigation request (adl.nav.request) is acted on, not stored.
 */
export function mergeCommit(version: ScormVersion, stored: StoredCmi, storedSequence: number, commit: CommitPayload): MergeResult {
  const late = commit.sequence < storedSequence;
  const statusOrders = STATUS_ELEMENTS[version];
  const sessionTime = SESSION_TIME[version];
  const values: FlatCmi = { ...stored.values };
  for (const [element, value] of Object.entries(commit.cmi)) {
    if (element === sessionTime || element === NAV_REQUEST) continue;
    const order = statusOrders[element];
    if (order) values[element] = furtherStatus(order, stored.values[element], value);
    else if (!late) values[element] = value;
  }

  const seconds = parseDuration(version, commit.cmi[sessionTime] ?? "");
  let sessions = stored.sessions;
  let earlierSeconds = stored.earlierSeconds;
  const existing = sessions.find((session) => session.id === commit.session);
  if (existing) {
    sessions = sessions.map((session) => (session.id === commit.session ? { id: session.id, seconds: Math.max(session.seconds, seconds) } : session));
  } else if (seconds > 0) {
    sessions = [...sessions, { id: commit.session, seconds }];
    while (sessions.length > KEPT_SESSIONS) {
      earlierSeconds += sessions[0].seconds;
      sessions = sessions.slice(1);
    }
  }
  return { cmi: { values, sessions, earlierSeconds }, sequence: Math.max(storedSequence, commit.sequence), late };
}

// ---------------------------------------------------------------- progress

export interface ItemScoring {
  /** SCORM 1.2 adlcp:masteryscore (0–100). */
  masteryScore: number | null;
  /** SCORM 2004 adlcp:completionThreshold minProgressMeasure when completedByMeasure. */
  completedByMeasure: number | null;
}

function scaledScore(raw: string | undefined, min: string | undefined, max: string | undefined): number | null {
  if (!raw) return null;
  const value = Number(raw);
  const low = min ? Number(min) : 0;
  const high = max ? Number(max) : 100;
  if (!Number.isFinite(value) || !(high > low)) return null;
  return Math.min(1, Math.max(0, (value - low) / (high - low)));
}

/** The progress of a SCO as the platform shows it, from its stored CMI. */
export function progressOf(version: ScormVersion, stored: StoredCmi, scoring: ItemScoring): Omit<ProgressUpdate, "at"> & { status: ProgressStatus } {
  const v = stored.values;
  const timeSpentSeconds = Math.round(totalSeconds(stored));
  if (version === "1.2") {
    const score = scaledScore(v["cmi.core.score.raw"], v["cmi.core.score.min"], v["cmi.core.score.max"]);
    let lessonStatus = v["cmi.core.lesson_status"] ?? "not attempted";
    if (scoring.masteryScore !== null && v["cmi.core.score.raw"] && ["completed", "incomplete", "browsed"].includes(lessonStatus)) {
      lessonStatus = Number(v["cmi.core.score.raw"]) >= scoring.masteryScore ? "passed" : "failed";
    }
    const status: ProgressStatus =
      lessonStatus === "passed" ? "passed" : lessonStatus === "completed" ? "completed" : lessonStatus === "failed" ? "failed" : "in-progress";
    return { status, score, timeSpentSeconds };
  }
  const scaled = v["cmi.score.scaled"];
  const score = scaled ? Math.min(1, Math.max(0, Number(scaled))) : scaledScore(v["cmi.score.raw"], v["cmi.score.min"], v["cmi.score.max"]);
  const measure = v["cmi.progress_measure"] ? Number(v["cmi.progress_measure"]) : null;
  const completed =
    v["cmi.completion_status"] === "completed" ||
    (scoring.completedByMeasure !== null && measure !== null && measure >= scoring.completedByMeasure);
  const success = v["cmi.success_status"];
  const status: ProgressStatus = success === "passed" ? "passed" : success === "failed" ? "failed" : completed ? "completed" : "in-progress";
  return { status, score, timeSpentSeconds };
}

// ---------------------------------------------------------------- launching

export interface LaunchLearner {
  id: string;
  name: string;
}

export interface LaunchItem {
  masteryScore: number | null;
  maxTimeAllowed: string | null;
  timeLimitAction: string | null;
  dataFromLMS: string | null;
  completionThreshold: number | null;
}

/**
 * The CMI a SCO starts with. After a suspended session ("suspend" exit) everything is restored
 * with entry "resume"; after a normal exit a new attempt begins (entry ""), keeping only the
 * statuses and score, which never go back; the first launch is "ab-initio".
 */
export function initialCmi(version: ScormVersion, stored: StoredCmi | null, learner: LaunchLearner, item: LaunchItem): FlatCmi {
  const values = stored?.values ?? {};
  const exit = values[version === "1.2" ? "cmi.core.exit" : "cmi.exit"];
  const entry = stored === null ? "ab-initio" : exit === "suspend" ? "resume" : "";
  const keptWhenNew =
    version === "1.2"
      ? ["cmi.core.lesson_status", "cmi.core.score.raw", "cmi.core.score.min", "cmi.core.score.max"]
      : ["cmi.completion_status", "cmi.success_status", "cmi.score.scaled", "cmi.score.raw", "cmi.score.min", "cmi.score.max", "cmi.progress_measure"];
  const restored: FlatCmi = {};
  for (const [element, value] of Object.entries(values)) {
    if (element.endsWith("session_time") || element.endsWith(".exit")) continue;
    // A 1.2 status still "not attempted" is left for the run-time to set at LMSFinish.
    if (element === "cmi.core.lesson_status" && value === "not attempted") continue;
    if (entry === "resume" || keptWhenNew.includes(element)) restored[element] = value;
  }
  const total = formatDuration(version, stored ? totalSeconds(stored) : 0);
  if (version === "1.2") {
    return {
      ...restored,
      "cmi.core.student_id": learner.id,
      "cmi.core.student_name": learner.name,
      "cmi.core.credit": "credit",
      "cmi.core.lesson_mode": "normal",
      "cmi.core.entry": entry,
      "cmi.core.total_time": total,
      "cmi.launch_data": item.dataFromLMS ?? "",
      "cmi.student_data.mastery_score": item.masteryScore === null ? "" : String(item.masteryScore),
      "cmi.student_data.max_time_allowed": item.maxTimeAllowed ?? "",
      "cmi.student_data.time_limit_action": item.timeLimitAction ?? "",
    };
  }
  return {
    ...restored,
    "cmi.learner_id": learner.id,
    "cmi.learner_name": learner.name,
    "cmi.credit": "credit",
    "cmi.mode": "normal",
    "cmi.entry": entry,
    "cmi.total_time": total,
    "cmi.launch_data": item.dataFromLMS ?? "",
    ...(item.completionThreshold === null ? {} : { "cmi.completion_threshold": String(item.completionThreshold) }),
    ...(item.timeLimitAction ? { "cmi.time_limit_action": item.timeLimitAction } : {}),
  };
}
