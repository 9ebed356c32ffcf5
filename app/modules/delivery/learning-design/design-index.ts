import type {
  Act,
  ActivityStructure,
  Environment,
  LearningActivity,
  Play,
  Property,
  PropertyGroup,
  Role,
  RolePart,
  SupportActivity,
  UnitOfLearning,
} from "../../standards/learning-design/model";
import type { RunState } from "./state";

/** Lookups over a unit of learning, built once per design object. */
export interface DesignIndex {
  uol: UnitOfLearning;
  roles: Map<string, Role>;
  learningActivities: Map<string, LearningActivity>;
  supportActivities: Map<string, SupportActivity>;
  structures: Map<string, ActivityStructure>;
  environments: Map<string, Environment>;
  properties: Map<string, Property>;
  propertyGroups: Map<string, PropertyGroup>;
  plays: Map<string, Play>;
  acts: Map<string, { act: Act; play: Play; position: number }>;
  roleParts: Map<string, { rolePart: RolePart; act: Act; play: Play }>;
}

const cache = new WeakMap<UnitOfLearning, DesignIndex>();

export function indexDesign(uol: UnitOfLearning): DesignIndex {
  const cached = cache.get(uol);
  if (cached) return cached;
  const byId = <T extends { identifier: string }>(list: T[]) => new Map(list.map((entry) => [entry.identifier, entry]));
  const acts: DesignIndex["acts"] = new Map();
  const roleParts: DesignIndex["roleParts"] = new Map();
  for (const play of uol.method.plays) {
    play.acts.forEach((act, position) => {
      acts.set(act.identifier, { act, play, position });
      for (const rolePart of act.roleParts) roleParts.set(rolePart.identifier, { rolePart, act, play });
    });
  }
  const index: DesignIndex = {
    uol,
    roles: byId(uol.roles),
    learningActivities: byId(uol.learningActivities),
    supportActivities: byId(uol.supportActivities),
    structures: byId(uol.activityStructures),
    environments: byId(uol.environments),
    properties: byId(uol.properties),
    propertyGroups: byId(uol.propertyGroups),
    plays: byId(uol.method.plays),
    acts,
    roleParts,
  };
  cache.set(uol, index);
  return index;
}

/** Whether the person holds the role, directly or through one of its sub-roles. */
export function isMemberOf(index: DesignIndex, state: RunState, userId: string, roleId: string): boolean {
  for (const assigned of state.roles[userId] ?? []) {
    for (let role = index.roles.get(assigned); role; role = role.parent ? index.roles.get(role.parent) : undefined) {
      if (role.identifier === roleId) return true;
    }
  }
  return false;
}

export function membersOf(index: DesignIndex, state: RunState, roleId: string): string[] {
  return Object.keys(state.roles).filter((userId) => isMemberOf(index, state, userId, roleId));
}

export function activityKind(
  index: DesignIndex,
  identifier: string,
): "learning-activity" | "support-activity" | "activity-structure" | undefined {
  if (index.learningActivities.has(identifier)) return "learning-activity";
  if (index.supportActivities.has(identifier)) return "support-activity";
  if (index.structures.has(identifier)) return "activity-structure";
  return undefined;
}
