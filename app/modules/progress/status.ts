/**
 * One progress model for every kind of content (IMS LD activities, SCORM SCOs, acts, plays,
 * units, courses). Pure functions; the rules that keep progress from ever going backwards.
 */
export const PROGRESS_STATUSES = ["not-started", "in-progress", "failed", "completed", "passed"] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];

const RANK: Record<ProgressStatus, number> = {
  "not-started": 0,
  "in-progress": 1,
  failed: 2,
  completed: 3,
  passed: 4,
};

export function isProgressStatus(value: string): value is ProgressStatus {
  return value in RANK;
}

export function isFinished(status: ProgressStatus): boolean {
  return status === "completed" || status === "passed";
}

/**
 * The status after an update: never lower than before, so a late or repeated report (an old
 * commit, a second tab) cannot undo a completion. A pass stays a pass; a failure can still
 * become a pass.
 */
export function mergeStatus(current: ProgressStatus, incoming: ProgressStatus): ProgressStatus {
  return RANK[incoming] > RANK[current] ? incoming : current;
}

export interface NodeProgress {
  status: ProgressStatus;
  /** Scaled 0..1. */
  score: number | null;
  timeSpentSeconds: number;
  lastAccessAt: string | null;
  completedAt: string | null;
}

export const NOT_STARTED: NodeProgress = {
  status: "not-started",
  score: null,
  timeSpentSeconds: 0,
  lastAccessAt: null,
  completedAt: null,
};

export interface ProgressUpdate {
  status?: ProgressStatus;
  score?: number | null;
  /** The total time spent so far (not an increment): repeating an update changes nothing. */
  timeSpentSeconds?: number;
  at: string;
}

/** Applies an update without ever losing or regressing what was recorded. */
export function applyUpdate(current: NodeProgress, update: ProgressUpdate): NodeProgress {
  const status = update.status ? mergeStatus(current.status, update.status) : current.status;
  const score =
    update.score === undefined || update.score === null
      ? current.score
      : current.score === null
        ? update.score
        : Math.max(current.score, update.score);
  const lastAccessAt = !current.lastAccessAt || update.at > current.lastAccessAt ? update.at : current.lastAccessAt;
  const completedAt = current.completedAt ?? (isFinished(status) ? update.at : null);
  return {
    status,
    score,
    timeSpentSeconds: Math.max(current.timeSpentSeconds, update.timeSpentSeconds ?? 0),
    lastAccessAt,
    completedAt,
  };
}

/**
 * The status of a parent from its children: finished when every required child is finished
 * (passed when all of those passed), not started when none has started, otherwise in progress.
 */
export function rollUpStatus(children: readonly ProgressStatus[]): ProgressStatus {
  if (children.length === 0) return "not-started";
  if (children.every(isFinished)) return children.every((status) => status === "passed") ? "passed" : "completed";
  if (children.every((status) => status === "not-started")) return "not-started";
  return "in-progress";
}

/** Share of children finished, 0..1, for progress bars. */
export function completionRatio(children: readonly ProgressStatus[]): number {
  if (children.length === 0) return 0;
  return children.filter(isFinished).length / children.length;
}
