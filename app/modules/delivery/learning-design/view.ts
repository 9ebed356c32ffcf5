import type {
  ActivityRef,
  CompletionRule,
  Environment,
  Item,
  ItemGroup,
  RolePartTarget,
  Service,
  UnitOfLearning,
} from "../../standards/learning-design/model";
import { durationToMilliseconds } from "../../standards/learning-design/duration";
import { indexDesign, isMemberOf } from "./design-index";
import { Run } from "./run";
import type { RunState } from "./state";

/**
 * What one person sees of a run: per play the current act and, in it, the role-parts of the
 * person's roles with their activity trees and environments. Hidden elements are left out.
 */

/**
 * completed: done. current: the next thing to do (a sequence's first open activity, or an open
 * activity outside a sequence). available: may be chosen (in a selection). locked: waits for
 * earlier activities of a sequence.
 */
export type NodeStatus = "completed" | "current" | "available" | "locked";

export interface ServiceView {
  identifier: string;
  kind: Service["kind"];
  title: string | null;
  items: Item[];
}

export interface EnvironmentView {
  identifier: string;
  title: string | null;
  learningObjects: { identifier: string; title: string | null; type: string | null; items: Item[] }[];
  services: ServiceView[];
  environments: EnvironmentView[];
}

export interface ActivityLeaf {
  kind: "learning-activity" | "support-activity";
  identifier: string;
  title: string | null;
  status: NodeStatus;
  /** The person may mark it done themselves (its complete-activity has user-choice). */
  canComplete: boolean;
  description: ItemGroup | null;
  learningObjectives: ItemGroup | null;
  prerequisites: ItemGroup | null;
  environments: EnvironmentView[];
  /** The on-completion feedback, once the activity is completed. */
  feedback: ItemGroup | null;
  /** When the activity's time limit runs out, once the person has opened it. */
  deadline: string | null;
}

export interface ActivityStructureNode {
  kind: "activity-structure";
  identifier: string;
  title: string | null;
  structureType: "sequence" | "selection";
  numberToSelect: number | null;
  status: NodeStatus;
  completedCount: number;
  information: ItemGroup | null;
  environments: EnvironmentView[];
  children: ActivityNode[];
}

export interface UnitOfLearningNode {
  kind: "unit-of-learning";
  href: string;
  status: NodeStatus;
}

export type ActivityNode = ActivityLeaf | ActivityStructureNode | UnitOfLearningNode;

export interface RolePartView {
  identifier: string;
  title: string | null;
  roleRef: string;
  completed: boolean;
  activity: ActivityNode | null;
  environment: EnvironmentView | null;
}

export interface PlayView {
  identifier: string;
  title: string | null;
  completed: boolean;
  /** The current act, or the last one when the play is completed. */
  act: { identifier: string; title: string | null; completed: boolean; roleParts: RolePartView[] } | null;
}

export interface LearnerView {
  unitCompleted: boolean;
  plays: PlayView[];
  /** Activities notifications made available to the person's roles. */
  available: ActivityNode[];
  /** Class visibility decided by conditions, for hiding or showing elements with that class in XHTML. */
  classes: Record<string, boolean>;
}

export function activitiesFor(uol: UnitOfLearning, state: RunState, userId: string, now: string): LearnerView {
  const run = new Run(indexDesign(uol), structuredClone(state), now);
  run.settle();
  return buildView(run, userId);
}

export function buildView(run: Run, userId: string): LearnerView {
  const builder = new ViewBuilder(run, userId);
  const classes: Record<string, boolean> = {};
  for (const [key, visible] of Object.entries(run.state.visibility[userId] ?? {})) {
    if (key.startsWith("class:")) classes[key.slice("class:".length)] = visible;
  }
  return {
    unitCompleted: run.state.unitCompletedAt !== null,
    plays: uolPlays(run, userId, builder),
    available: builder.notified(),
    classes,
  };
}

function uolPlays(run: Run, userId: string, builder: ViewBuilder): PlayView[] {
  const plays: PlayView[] = [];
  for (const play of run.index.uol.method.plays) {
    if (!run.isVisible(userId, play.identifier, play.isVisible)) continue;
    const completed = Boolean(run.state.plays[play.identifier]?.completedAt);
    const act = play.acts.find((candidate) => !run.state.acts[candidate.identifier]?.completedAt) ?? play.acts[play.acts.length - 1];
    const started = act && run.state.acts[act.identifier];
    plays.push({
      identifier: play.identifier,
      title: play.title,
      completed,
      act:
        act && started
          ? {
              identifier: act.identifier,
              title: act.title,
              completed: Boolean(started.completedAt),
              roleParts: act.roleParts
                .filter((rolePart) => isMemberOf(run.index, run.state, userId, rolePart.roleRef))
                .map((rolePart) => ({
                  identifier: rolePart.identifier,
                  title: rolePart.title,
                  roleRef: rolePart.roleRef,
                  completed: Boolean(run.state.roleParts[userId]?.[rolePart.identifier]),
                  activity: builder.target(rolePart.target),
                  environment:
                    rolePart.target?.kind === "environment" ? builder.environment(rolePart.target.ref, new Set()) : null,
                })),
            }
          : null,
    });
  }
  return plays;
}

/** The status of every activity the person can see, for checks such as "may this be completed now". */
export function activityStatuses(run: Run, userId: string): Map<string, NodeStatus> {
  const statuses = new Map<string, NodeStatus>();
  const visit = (node: ActivityNode | null) => {
    if (!node || node.kind === "unit-of-learning") return;
    const known = statuses.get(node.identifier);
    if (known === undefined || rank(node.status) > rank(known)) statuses.set(node.identifier, node.status);
    if (node.kind === "activity-structure") node.children.forEach(visit);
  };
  const view = buildView(run, userId);
  for (const play of view.plays) play.act?.roleParts.forEach((rolePart) => visit(rolePart.activity));
  view.available.forEach(visit);
  return statuses;
}

function rank(status: NodeStatus): number {
  return { locked: 0, completed: 1, available: 2, current: 3 }[status];
}

class ViewBuilder {
  constructor(
    private readonly run: Run,
    private readonly userId: string,
  ) {}

  target(target: RolePartTarget | null): ActivityNode | null {
    if (!target || target.kind === "environment") return null;
    if (target.kind === "unit-of-learning") return { kind: "unit-of-learning", href: target.href, status: "current" };
    return this.node({ kind: target.kind, ref: target.ref }, "current", new Set());
  }

  notified(): ActivityNode[] {
    const nodes: ActivityNode[] = [];
    for (const [roleId, activities] of Object.entries(this.run.state.available)) {
      if (!isMemberOf(this.run.index, this.run.state, this.userId, roleId)) continue;
      for (const identifier of activities) {
        if (nodes.some((node) => node.kind !== "unit-of-learning" && node.identifier === identifier)) continue;
        const kind = this.run.index.supportActivities.has(identifier) ? "support-activity" : "learning-activity";
        const node = this.node({ kind, ref: identifier }, "current", new Set());
        if (node) nodes.push(node);
      }
    }
    return nodes;
  }

  /** Builds the node for ref; open is the status an unfinished activity gets at this place. */
  private node(ref: ActivityRef, open: NodeStatus, path: Set<string>): ActivityNode | null {
    if (ref.kind === "unit-of-learning") return { kind: "unit-of-learning", href: ref.href, status: open };
    if (path.has(ref.ref)) return null;
    const completed = this.run.activityCompleted(this.userId, ref.ref);
    const status: NodeStatus = completed ? "completed" : open;
    if (ref.kind === "activity-structure") {
      const structure = this.run.index.structures.get(ref.ref);
      if (!structure || !this.run.isVisible(this.userId, structure.identifier, true)) return null;
      const inner = new Set(path).add(structure.identifier);
      const children: ActivityNode[] = [];
      let seenOpen = false;
      for (const child of structure.activities) {
        if (child.kind !== "unit-of-learning" && !this.visible(child.ref)) continue;
        let childOpen: NodeStatus = open === "locked" ? "locked" : "available";
        if (structure.structureType === "sequence" && open !== "locked") {
          const childDone = child.kind !== "unit-of-learning" && this.run.activityCompleted(this.userId, child.ref);
          childOpen = seenOpen ? "locked" : "current";
          if (!childDone) seenOpen = true;
        }
        const node = this.node(child, childOpen, inner);
        if (node) children.push(node);
      }
      return {
        kind: "activity-structure",
        identifier: structure.identifier,
        title: structure.title,
        structureType: structure.structureType,
        numberToSelect: structure.numberToSelect,
        status,
        completedCount: children.filter((child) => child.status === "completed").length,
        information: this.visibleItems(structure.information),
        environments: this.environments(structure.environmentRefs),
        children,
      };
    }
    const activity =
      ref.kind === "learning-activity"
        ? this.run.index.learningActivities.get(ref.ref)
        : this.run.index.supportActivities.get(ref.ref);
    if (!activity || !this.visible(activity.identifier)) return null;
    const record = this.run.state.activities[this.userId]?.[activity.identifier];
    return {
      kind: ref.kind,
      identifier: activity.identifier,
      title: activity.title,
      status,
      canComplete: !completed && status !== "locked" && activity.completion.some((rule) => rule.kind === "user-choice"),
      description: this.visibleItems(activity.description),
      learningObjectives: "learningObjectives" in activity ? this.visibleItems(activity.learningObjectives) : null,
      prerequisites: "prerequisites" in activity ? this.visibleItems(activity.prerequisites) : null,
      environments: this.environments(activity.environmentRefs),
      feedback: completed ? this.visibleItems(activity.onCompletion?.feedback ?? null) : null,
      deadline: deadline(activity.completion, record?.startedAt),
    };
  }

  private visible(identifier: string): boolean {
    if (this.run.index.structures.has(identifier)) return this.run.isVisible(this.userId, identifier, true);
    return this.run.activityVisible(this.userId, identifier);
  }

  private visibleItems(group: ItemGroup | null): ItemGroup | null {
    if (!group) return null;
    const keep = (items: Item[]): Item[] =>
      items
        .filter((item) => this.run.isVisible(this.userId, item.identifier, item.isVisible))
        .map((item) => ({ ...item, items: keep(item.items) }));
    return { title: group.title, items: keep(group.items) };
  }

  private environments(refs: string[]): EnvironmentView[] {
    return refs.flatMap((ref) => this.environment(ref, new Set()) ?? []);
  }

  environment(identifier: string, seen: Set<string>): EnvironmentView | null {
    const environment: Environment | undefined = this.run.index.environments.get(identifier);
    if (!environment || seen.has(identifier) || !this.run.isVisible(this.userId, identifier, true)) return null;
    seen.add(identifier);
    const items = (list: Item[]) => this.visibleItems({ title: null, items: list })!.items;
    return {
      identifier,
      title: environment.title,
      learningObjects: environment.learningObjects
        .filter((object) => this.run.isVisible(this.userId, object.identifier, object.isVisible, object.class))
        .map((object) => ({ identifier: object.identifier, title: object.title, type: object.type, items: items(object.items) })),
      services: environment.services
        .filter((service) => this.run.isVisible(this.userId, service.identifier, service.isVisible, service.class))
        .map((service) => ({ identifier: service.identifier, kind: service.kind, title: service.title, items: items(service.items) })),
      environments: environment.environmentRefs.flatMap((ref) => this.environment(ref, seen) ?? []),
    };
  }
}

function deadline(rules: CompletionRule[], startedAt: string | undefined): string | null {
  if (!startedAt) return null;
  for (const rule of rules) {
    if (rule.kind !== "time-limit" || rule.propertyRef) continue;
    const milliseconds = durationToMilliseconds(rule.duration);
    if (milliseconds !== undefined) return new Date(Date.parse(startedAt) + milliseconds).toISOString();
  }
  return null;
}
