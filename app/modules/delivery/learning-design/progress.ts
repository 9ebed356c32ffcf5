import type { ActivityRef, RolePartTarget, UnitOfLearning } from "../../standards/learning-design/model";
import { indexDesign, isMemberOf } from "./design-index";
import { Run } from "./run";
import type { RunState } from "./state";

export type ProgressStatus = "not-started" | "in-progress" | "completed";

/** One person's progress, rolled up activity → act → play → unit of learning. */
export interface LearningDesignProgress {
  unit: ProgressStatus;
  plays: Record<string, ProgressStatus>;
  acts: Record<string, ProgressStatus>;
  /** Activities and structures of the person's role-parts. */
  activities: Record<string, ProgressStatus>;
}

/**
 * An activity is in progress once opened; a structure once any of its activities is. An act is
 * completed by its rule (for everyone) and in progress once the person has progress in one of
 * its role-parts; a play and the unit follow their acts and plays.
 */
export function progressFor(uol: UnitOfLearning, state: RunState, userId: string, now: string): LearningDesignProgress {
  const index = indexDesign(uol);
  const run = new Run(index, structuredClone(state), now);
  run.settle();
  const activities: Record<string, ProgressStatus> = {};

  const activityStatus = (ref: ActivityRef | RolePartTarget | null, path: Set<string>): ProgressStatus => {
    if (!ref || ref.kind === "unit-of-learning" || ref.kind === "environment" || path.has(ref.ref)) return "not-started";
    const record = run.state.activities[userId]?.[ref.ref];
    let status: ProgressStatus = record?.completedAt ? "completed" : record?.startedAt ? "in-progress" : "not-started";
    const structure = index.structures.get(ref.ref);
    if (structure) {
      const inner = new Set(path).add(ref.ref);
      const children = structure.activities.map((child) => activityStatus(child, inner));
      if (status === "not-started" && children.some((child) => child !== "not-started")) status = "in-progress";
    }
    activities[ref.ref] = status;
    return status;
  };

  const acts: Record<string, ProgressStatus> = {};
  const plays: Record<string, ProgressStatus> = {};
  for (const play of uol.method.plays) {
    for (const act of play.acts) {
      const mine = act.roleParts.filter((rolePart) => isMemberOf(index, run.state, userId, rolePart.roleRef));
      const statuses = mine.map((rolePart) => activityStatus(rolePart.target, new Set()));
      acts[act.identifier] = run.state.acts[act.identifier]?.completedAt
        ? "completed"
        : statuses.some((status) => status !== "not-started")
          ? "in-progress"
          : "not-started";
    }
    const actStatuses = play.acts.map((act) => acts[act.identifier]);
    plays[play.identifier] = run.state.plays[play.identifier]?.completedAt
      ? "completed"
      : actStatuses.some((status) => status !== "not-started")
        ? "in-progress"
        : "not-started";
  }
  const unit: ProgressStatus = run.state.unitCompletedAt
    ? "completed"
    : Object.values(plays).some((status) => status !== "not-started")
      ? "in-progress"
      : "not-started";
  return { unit, plays, acts, activities };
}
