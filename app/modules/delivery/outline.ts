import type { ContentPackage, Item as CpItem } from "../standards/content-packaging/package";
import type { ActivityRef, RolePartTarget, UnitOfLearning } from "../standards/learning-design/model";
import { isFinished, type ProgressStatus } from "../progress/status";
import { firstLearnerRole } from "./runs";

/**
 * The outline of a course for its page and for "My learning": for a unit of learning, plays →
 * acts → the learner role's activities (structures nested); for SCORM, the organization's items.
 * Statuses come from the learner's Progress rows, so the outline is the same wherever it is read.
 */
export interface OutlineNode {
  id: string;
  kind: "play" | "act" | "structure" | "activity" | "sco";
  title: string;
  status: ProgressStatus;
  /** Selections: how many children must be done. */
  numberToSelect: number | null;
  children: OutlineNode[];
}

export interface LdOutlineInput {
  /** Whether the learner sees the element (design's isvisible, or a condition's decision). */
  visible: (identifier: string, declared: boolean) => boolean;
  statusOf: (identifier: string) => ProgressStatus;
  titleOf: (identifier: string) => string | null;
}

export function ldOutline(uol: UnitOfLearning, input: LdOutlineInput): OutlineNode[] {
  const learner = firstLearnerRole(uol);
  const structures = new Map(uol.activityStructures.map((structure) => [structure.identifier, structure]));
  const activities = new Map(uol.learningActivities.map((activity) => [activity.identifier, activity]));
  const node = (ref: ActivityRef | RolePartTarget | null, path: Set<string>): OutlineNode | null => {
    if (!ref || ref.kind === "unit-of-learning" || ref.kind === "environment" || path.has(ref.ref)) return null;
    const structure = structures.get(ref.ref);
    if (structure) {
      const inner = new Set(path).add(ref.ref);
      return {
        id: structure.identifier,
        kind: "structure",
        title: structure.title ?? structure.identifier,
        status: input.statusOf(structure.identifier),
        numberToSelect: structure.structureType === "selection" ? (structure.numberToSelect ?? structure.activities.length) : null,
        children: structure.activities.flatMap((child) => node(child, inner) ?? []),
      };
    }
    const activity = activities.get(ref.ref);
    if (!activity || !input.visible(activity.identifier, activity.isVisible)) return null;
    return {
      id: activity.identifier,
      kind: "activity",
      title: input.titleOf(activity.identifier) ?? activity.title ?? activity.identifier,
      status: input.statusOf(activity.identifier),
      numberToSelect: null,
      children: [],
    };
  };
  return uol.method.plays
    .filter((play) => input.visible(play.identifier, play.isVisible))
    .map((play) => ({
      id: play.identifier,
      kind: "play" as const,
      title: play.title ?? play.identifier,
      status: input.statusOf(play.identifier),
      numberToSelect: null,
      children: play.acts.map((act) => ({
        id: act.identifier,
        kind: "act" as const,
        title: act.title ?? act.identifier,
        status: input.statusOf(act.identifier),
        numberToSelect: null,
        children: act.roleParts
          .filter((rolePart) => rolePart.roleRef === learner)
          .flatMap((rolePart) => node(rolePart.target, new Set()) ?? []),
      })),
    }));
}

export function scormOutline(contentPackage: ContentPackage, statusOf: (identifier: string) => ProgressStatus): OutlineNode[] {
  const organization =
    contentPackage.organizations.find((candidate) => candidate.identifier === contentPackage.defaultOrganization) ??
    contentPackage.organizations[0];
  const node = (item: CpItem): OutlineNode | null => {
    if (!item.isVisible) return null;
    const children = item.items.flatMap((child) => node(child) ?? []);
    return {
      id: item.identifier,
      kind: item.identifierref ? "sco" : "structure",
      title: item.title ?? item.identifier,
      status: statusOf(item.identifier),
      numberToSelect: null,
      children,
    };
  };
  return (organization?.items ?? []).flatMap((item) => node(item) ?? []);
}

/**
 * Share of the work done, 0..1: each activity counts once; a selection counts only the number
 * to select. Activities hidden from the learner are not in the outline, so they do not count.
 */
export function outlineRatio(nodes: readonly OutlineNode[]): number {
  const tally = (node: OutlineNode): { done: number; total: number } => {
    if (node.kind === "activity" || (node.kind === "sco" && node.children.length === 0)) {
      return { done: isFinished(node.status) ? 1 : 0, total: 1 };
    }
    const parts = node.children.map(tally);
    if (node.numberToSelect !== null) {
      const needed = Math.min(node.numberToSelect, parts.length);
      const done = parts.filter((part) => part.total > 0 && part.done === part.total).length;
      return { done: Math.min(done, needed), total: needed };
    }
    return parts.reduce((sum, part) => ({ done: sum.done + part.done, total: sum.total + part.total }), { done: 0, total: 0 });
  };
  const sum = nodes.map(tally).reduce((acc, part) => ({ done: acc.done + part.done, total: acc.total + part.total }), { done: 0, total: 0 });
  return sum.total === 0 ? 0 : sum.done / sum.total;
}
