import type { Problem } from "../standards/report";
import type { ImportProgress } from "./import.server";
import type { ValidationResult } from "./validate.server";

/**
 * An upload on its way into the library, as its ImportJob row records it: validated on
 * arrival, then imported when the author confirms, or discarded.
 *   validating → ready (no errors) → importing → done | failed
 *   validating → failed (the report has errors; it can only be discarded)
 */
export const IMPORT_JOB_STATUSES = ["validating", "ready", "importing", "done", "failed"] as const;
export type ImportJobStatus = (typeof IMPORT_JOB_STATUSES)[number];

/** The largest package an author may upload. */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

/** How often an import writes its progress to the database. */
export const PROGRESS_INTERVAL_MS = 250;

/** How long an upload waits for its author to import or discard it. */
export const UPLOAD_KEPT_DAYS = 7;

/**
 * Why an import stopped after it had started: the server stopped during it, its upload
 * waited too long, or an error (whose message is not translated).
 */
export type ImportFailure = "interrupted" | "expired" | "error";

export interface ImportReport {
  validation: ValidationResult;
  /** Why the import stopped after it had started, in plain (English) words. */
  failure: string | null;
  /** The same reason as a code, for the reader's language; absent in reports made before it. */
  failureCode?: ImportFailure | null;
}

/** What the progress poll returns. */
export interface ImportJobState {
  status: ImportJobStatus;
  step: string;
  progress: number;
  packageId: string | null;
}

export function isImportJobStatus(value: string): value is ImportJobStatus {
  return (IMPORT_JOB_STATUSES as readonly string[]).includes(value);
}

export function problemsOf(report: ImportReport): Problem[] {
  return [...report.validation.errors, ...report.validation.warnings];
}

/**
 * Passes progress on at most once per interval, except that a new step always passes, so the
 * page never misses a step and the database sees a few writes a second at most.
 */
export function throttleProgress(
  write: (progress: ImportProgress) => void,
  intervalMs = PROGRESS_INTERVAL_MS,
  now: () => number = Date.now,
): (progress: ImportProgress) => void {
  let last: { step: string; at: number } | null = null;
  return (progress) => {
    const at = now();
    if (last && last.step === progress.step && at - last.at < intervalMs) return;
    last = { step: progress.step, at };
    write(progress);
  };
}

/** "12.3 MB" style sizes for upload messages. */
export function megabytes(bytes: number): number {
  return Math.round((bytes / (1024 * 1024)) * 10) / 10;
}
