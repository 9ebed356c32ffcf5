import { z } from "zod";

/**
 * The SCORM run-time data models (1.2 and 2004) as far as a learning platform stores them:
 * which elements a SCO may write, their types, vocabularies, ranges and lengths, and the
 * error codes each edition gives when a value breaks them. Values travel flattened:
 * `{ "cmi.core.lesson_status": "completed", "cmi.interactions.0.id": "q1" }`.
 */

export type ScormVersion = "1.2" | "2004";

/** Flattened CMI element → value, as SetValue/GetValue see them. */
export type FlatCmi = Record<string, string>;

/**
 * SCORM 2004 adl.nav.request: the navigation request a SCO leaves for when it terminates.
 * scorm-again does not put it in its commit data, so the launcher adds it to a Terminate's
 * CMI; it is a request for that moment and is never stored with the attempt.
 */
export const NAV_REQUEST = "adl.nav.request";

export type CmiProblem = "undefined" | "read-only" | "type" | "range";

/** The error codes of each edition's run-time (1.2 RTE 3.4.4; 2004 RTE 3.1.7). */
export const ERROR_CODES: Record<ScormVersion, Record<CmiProblem, number>> = {
  // SCORM 1.2 has no "out of range": a value outside the range is an "incorrect data type".
  "1.2": { undefined: 401, "read-only": 403, type: 405, range: 405 },
  "2004": { undefined: 401, "read-only": 404, type: 406, range: 407 },
};

interface ElementRule {
  /** Type and length: a value that fails is a type mismatch. */
  type: z.ZodType<string>;
  /** Range of a valid number: a value that fails is out of range. */
  range?: (value: number) => boolean;
}

const str = (max: number) => z.string().max(max);
const oneOf = (...values: string[]) => z.enum(values as [string, ...string[]]);
const DECIMAL = /^-?\d+(\.\d+)?$/;
const decimal = z.string().regex(DECIMAL);
const timespan12 = z.string().regex(/^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/);
const time12 = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,2})?$/);
const ISO_DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?)?$/;
const duration2004 = z.string().regex(ISO_DURATION);
const timestamp2004 = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2}(T\d{2}(:\d{2}(:\d{2}(\.\d{1,2})?)?)?(Z|[+-]\d{2}(:\d{2})?)?)?)?)?$/);

const between = (min: number, max: number) => (value: number) => value >= min && value <= max;

/** A rule that accepts "" (not set) besides the values of `rule`. */
function optional(rule: ElementRule): ElementRule {
  return { ...rule, type: z.union([z.literal(""), rule.type]) };
}

const RULES_12: Record<string, ElementRule> = {
  "cmi.core.lesson_location": { type: str(255) },
  "cmi.core.lesson_status": { type: oneOf("passed", "completed", "failed", "incomplete", "browsed", "not attempted") },
  "cmi.core.score.raw": optional({ type: decimal, range: between(0, 100) }),
  "cmi.core.score.min": optional({ type: decimal, range: between(0, 100) }),
  "cmi.core.score.max": optional({ type: decimal, range: between(0, 100) }),
  "cmi.core.session_time": optional({ type: timespan12 }),
  "cmi.core.exit": { type: oneOf("", "time-out", "suspend", "logout") },
  "cmi.suspend_data": { type: str(4096) },
  "cmi.comments": { type: str(4096) },
  "cmi.student_preference.audio": optional({ type: decimal, range: between(-1, 100) }),
  "cmi.student_preference.language": { type: str(255) },
  "cmi.student_preference.speed": optional({ type: decimal, range: between(-100, 100) }),
  "cmi.student_preference.text": optional({ type: decimal, range: between(-1, 1) }),
  "cmi.objectives.n.id": { type: str(255) },
  "cmi.objectives.n.score.raw": optional({ type: decimal, range: between(0, 100) }),
  "cmi.objectives.n.score.min": optional({ type: decimal, range: between(0, 100) }),
  "cmi.objectives.n.score.max": optional({ type: decimal, range: between(0, 100) }),
  "cmi.objectives.n.status": {
    type: z.union([z.literal(""), oneOf("passed", "completed", "failed", "incomplete", "browsed", "not attempted")]),
  },
  "cmi.interactions.n.id": { type: str(255) },
  "cmi.interactions.n.objectives.n.id": { type: str(255) },
  "cmi.interactions.n.time": optional({ type: time12 }),
  "cmi.interactions.n.type": {
    type: oneOf("", "true-false", "choice", "fill-in", "matching", "performance", "sequencing", "likert", "numeric"),
  },
  "cmi.interactions.n.correct_responses.n.pattern": { type: str(255) },
  "cmi.interactions.n.weighting": optional({ type: decimal }),
  "cmi.interactions.n.student_response": { type: str(255) },
  "cmi.interactions.n.result": { type: z.union([oneOf("", "correct", "wrong", "unanticipated", "neutral"), decimal]) },
  "cmi.interactions.n.latency": optional({ type: timespan12 }),
};

const READ_ONLY_12 = new Set([
  "cmi.core.student_id",
  "cmi.core.student_name",
  "cmi.core.credit",
  "cmi.core.entry",
  "cmi.core.lesson_mode",
  "cmi.core.total_time",
  "cmi.launch_data",
  "cmi.comments_from_lms",
  "cmi.student_data.mastery_score",
  "cmi.student_data.max_time_allowed",
  "cmi.student_data.time_limit_action",
]);

const real = decimal;
const RULES_2004: Record<string, ElementRule> = {
  "cmi.location": { type: str(1000) },
  "cmi.completion_status": { type: oneOf("completed", "incomplete", "not attempted", "unknown") },
  "cmi.success_status": { type: oneOf("passed", "failed", "unknown") },
  "cmi.score.scaled": optional({ type: real, range: between(-1, 1) }),
  "cmi.score.raw": optional({ type: real }),
  "cmi.score.min": optional({ type: real }),
  "cmi.score.max": optional({ type: real }),
  "cmi.progress_measure": optional({ type: real, range: between(0, 1) }),
  "cmi.session_time": optional({ type: duration2004 }),
  "cmi.exit": { type: oneOf("", "time-out", "suspend", "logout", "normal") },
  "cmi.suspend_data": { type: str(64000) },
  "cmi.learner_preference.audio_level": optional({ type: real, range: (value) => value >= 0 }),
  "cmi.learner_preference.language": { type: str(250) },
  "cmi.learner_preference.delivery_speed": optional({ type: real, range: (value) => value >= 0 }),
  "cmi.learner_preference.audio_captioning": { type: oneOf("", "-1", "0", "1") },
  "cmi.comments_from_learner.n.comment": { type: str(4000) },
  "cmi.comments_from_learner.n.location": { type: str(250) },
  "cmi.comments_from_learner.n.timestamp": optional({ type: timestamp2004 }),
  "cmi.objectives.n.id": { type: str(4000) },
  "cmi.objectives.n.score.scaled": optional({ type: real, range: between(-1, 1) }),
  "cmi.objectives.n.score.raw": optional({ type: real }),
  "cmi.objectives.n.score.min": optional({ type: real }),
  "cmi.objectives.n.score.max": optional({ type: real }),
  "cmi.objectives.n.success_status": { type: oneOf("", "passed", "failed", "unknown") },
  "cmi.objectives.n.completion_status": { type: oneOf("", "completed", "incomplete", "not attempted", "unknown") },
  "cmi.objectives.n.progress_measure": optional({ type: real, range: between(0, 1) }),
  "cmi.objectives.n.description": { type: str(250) },
  "cmi.interactions.n.id": { type: str(4000) },
  "cmi.interactions.n.type": {
    type: oneOf("", "true-false", "choice", "fill-in", "long-fill-in", "matching", "performance", "sequencing", "likert", "numeric", "other"),
  },
  "cmi.interactions.n.objectives.n.id": { type: str(4000) },
  "cmi.interactions.n.timestamp": optional({ type: timestamp2004 }),
  "cmi.interactions.n.correct_responses.n.pattern": { type: str(4000) },
  "cmi.interactions.n.weighting": optional({ type: real }),
  "cmi.interactions.n.learner_response": { type: str(4000) },
  "cmi.interactions.n.result": { type: z.union([oneOf("", "correct", "incorrect", "unanticipated", "neutral"), real]) },
  "cmi.interactions.n.latency": optional({ type: duration2004 }),
  "cmi.interactions.n.description": { type: str(250) },
  [NAV_REQUEST]: {
    type: z.string().regex(/^(_none_|continue|previous|exit|exitAll|abandon|abandonAll|suspendAll|\{target=[^{}]{1,4000}\}(choice|jump))$/),
  },
};

const READ_ONLY_2004 = new Set([
  "cmi.learner_id",
  "cmi.learner_name",
  "cmi.credit",
  "cmi.entry",
  "cmi.mode",
  "cmi.total_time",
  "cmi.launch_data",
  "cmi.completion_threshold",
  "cmi.scaled_passing_score",
  "cmi.max_time_allowed",
  "cmi.time_limit_action",
  "cmi.comments_from_lms.n.comment",
  "cmi.comments_from_lms.n.location",
  "cmi.comments_from_lms.n.timestamp",
]);

const RULES: Record<ScormVersion, { rules: Record<string, ElementRule>; readOnly: Set<string> }> = {
  "1.2": { rules: RULES_12, readOnly: READ_ONLY_12 },
  "2004": { rules: RULES_2004, readOnly: READ_ONLY_2004 },
};

/** Collections accept at most this many entries (the SPMs of both editions are far lower). */
const MAX_INDEX = 999;

/** "cmi.interactions.12.objectives.0.id" → "cmi.interactions.n.objectives.n.id", or null for a bad index. */
function ruleName(element: string): string | null {
  let valid = true;
  const name = element.replace(/\.(\d+)(?=\.)/g, (_, index: string) => {
    if (Number(index) > MAX_INDEX || (index.length > 1 && index.startsWith("0"))) valid = false;
    return ".n";
  });
  return valid ? name : null;
}

export interface ElementError {
  element: string;
  problem: CmiProblem;
  code: number;
}

/** Checks one element a SCO wants stored; null when it may be stored as it is. */
export function checkElement(version: ScormVersion, element: string, value: string): ElementError | null {
  const { rules, readOnly } = RULES[version];
  const fail = (problem: CmiProblem): ElementError => ({ element, problem, code: ERROR_CODES[version][problem] });
  const name = ruleName(element);
  if (name === null) return fail("undefined");
  const rule = rules[name];
  if (!rule) return fail(readOnly.has(name) ? "read-only" : "undefined");
  if (!rule.type.safeParse(value).success) return fail("type");
  if (rule.range && value !== "" && DECIMAL.test(value) && !rule.range(Number(value))) return fail("range");
  return null;
}

// ---------------------------------------------------------------- times

/** Seconds of a SCORM 1.2 CMITimespan (HHHH:MM:SS.SS) or a SCORM 2004 ISO 8601 duration. */
export function parseDuration(version: ScormVersion, value: string): number {
  if (!value) return 0;
  if (version === "1.2") {
    const match = /^(\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(value);
    return match ? Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]) : 0;
  }
  const match = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(value);
  if (!match) return 0;
  const [, years, months, days, hours, minutes, seconds] = match.map((part) => Number(part ?? 0));
  return ((years * 365 + months * 30 + days) * 24 + hours) * 3600 + minutes * 60 + seconds;
}

/** Seconds as the edition writes cmi.core.total_time / cmi.total_time. */
export function formatDuration(version: ScormVersion, totalSeconds: number): string {
  const hundredths = Math.round(totalSeconds * 100);
  const hours = Math.floor(hundredths / 360000);
  const minutes = Math.floor((hundredths % 360000) / 6000);
  const seconds = (hundredths % 6000) / 100;
  if (version === "1.2") {
    const whole = Math.floor(seconds);
    const fraction = Math.round((seconds - whole) * 100);
    return `${String(Math.min(hours, 9999)).padStart(4, "0")}:${String(minutes).padStart(2, "0")}:${String(whole).padStart(2, "0")}.${String(fraction).padStart(2, "0")}`;
  }
  return `PT${hours}H${minutes}M${Number(seconds.toFixed(2))}S`;
}

/** The writable element names of an edition, with "n" for indices (the launcher sends only these). */
export function writableElements(version: ScormVersion): string[] {
  return Object.keys(RULES[version].rules);
}
