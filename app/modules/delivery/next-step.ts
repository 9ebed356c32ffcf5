import type { ActivityLeaf, ActivityNode, LearnerView } from "./learning-design/view";

/**
 * The activities of a learner view in the order a person meets them: plays in order, the
 * role-parts of each play's current act, depth first through structures, then the activities
 * notifications made available.
 */
export function leavesInOrder(view: LearnerView): { leaf: ActivityLeaf; open: boolean }[] {
  const leaves: { leaf: ActivityLeaf; open: boolean }[] = [];
  const seen = new Set<string>();
  const visit = (node: ActivityNode | null, open: boolean) => {
    if (!node || node.kind === "unit-of-learning") return;
    if (node.kind === "activity-structure") {
      const stillOpen = open && node.status !== "completed" && node.status !== "locked";
      node.children.forEach((child) => visit(child, stillOpen));
      return;
    }
    if (seen.has(node.identifier)) return;
    seen.add(node.identifier);
    leaves.push({ leaf: node, open });
  };
  for (const play of view.plays) {
    if (play.completed) continue;
    for (const rolePart of play.act?.roleParts ?? []) visit(rolePart.activity, !rolePart.completed);
  }
  view.available.forEach((node) => visit(node, true));
  return leaves;
}

/**
 * The next thing to do: the first activity that is neither done nor locked, skipping those of
 * structures already completed (a selection with enough chosen) and of completed role-parts.
 */
export function nextStep(view: LearnerView): ActivityLeaf | null {
  return (
    leavesInOrder(view).find(({ leaf, open }) => open && (leaf.status === "current" || leaf.status === "available"))?.leaf ??
    null
  );
}

/** Finds an activity or structure of the view by identifier. */
export function findNode(view: LearnerView, identifier: string): ActivityNode | null {
  let found: ActivityNode | null = null;
  const visit = (node: ActivityNode | null) => {
    if (found || !node || node.kind === "unit-of-learning") return;
    if (node.identifier === identifier) {
      found = node;
      return;
    }
    if (node.kind === "activity-structure") node.children.forEach(visit);
  };
  for (const play of view.plays) play.act?.roleParts.forEach((rolePart) => visit(rolePart.activity));
  view.available.forEach(visit);
  return found;
}

export interface Blocker {
  identifier: string;
  title: string | null;
}

/** The activities (or structures) before a locked one in its sequence that are not done yet: what it waits for. */
export function waitingFor(view: LearnerView, identifier: string): Blocker[] {
  const blockers: Blocker[] = [];
  const search = (node: ActivityNode | null): boolean => {
    if (!node || node.kind !== "activity-structure") return false;
    const position = node.children.findIndex((child) => child.kind !== "unit-of-learning" && child.identifier === identifier);
    if (position >= 0) {
      if (node.structureType === "selection") return true;
      for (const child of node.children.slice(0, position)) {
        if (child.kind !== "unit-of-learning" && child.status !== "completed") {
          blockers.push({ identifier: child.identifier, title: child.title });
        }
      }
      return true;
    }
    return node.children.some(search);
  };
  for (const play of view.plays) {
    for (const rolePart of play.act?.roleParts ?? []) if (search(rolePart.activity)) return blockers;
  }
  return blockers;
}
