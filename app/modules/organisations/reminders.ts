/**
 * When a learner is reminded of an assignment, pure. Seven days and one day before the due
 * date the learner is reminded; after it, the learner and the organisation's managers hear
 * that it is overdue. Each reminder has a stable key, so a job that runs twice, or every hour,
 * sends each one once; a new due date gives new keys.
 */
export type ReminderKind = "due-in-7-days" | "due-in-1-day" | "overdue";

const DAY_MS = 24 * 60 * 60 * 1000;

export function reminderKind(dueAt: Date, now: Date): ReminderKind | null {
  const left = dueAt.getTime() - now.getTime();
  if (left < 0) return "overdue";
  if (left <= DAY_MS) return "due-in-1-day";
  if (left <= 7 * DAY_MS) return "due-in-7-days";
  return null;
}

export function reminderKey(input: {
  assignmentId: string;
  learnerId: string;
  kind: ReminderKind;
  dueAt: Date;
  /** The manager told about an overdue learner; absent for the learner's own reminder. */
  managerId?: string;
}): string {
  const parts = ["reminder", input.assignmentId, input.learnerId, input.kind, input.dueAt.toISOString()];
  if (input.managerId) parts.push(`manager:${input.managerId}`);
  return parts.join(":");
}
