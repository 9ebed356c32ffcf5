import type { PropertyValue, UnitOfLearning } from "../../standards/learning-design/model";
import { indexDesign, membersOf } from "./design-index";
import { Run } from "./run";
import type { RunState } from "./state";
import { buildView, type ActivityNode, type EnvironmentView } from "./view";

/**
 * The monitor service (level B): a person who can reach a monitor service in one of their
 * environments may view the personal properties (locpers, globpers) and role properties of the
 * people it watches — the members of its role-ref, or only themselves when it says self. The
 * service's own page decides which of these it shows.
 */
export interface MonitorGrant {
  serviceId: string;
  title: string | null;
  subjects: { userId: string; values: Record<string, PropertyValue | null> }[];
}

export function monitoredProperties(uol: UnitOfLearning, state: RunState, viewerId: string, now: string): MonitorGrant[] {
  const index = indexDesign(uol);
  const run = new Run(index, structuredClone(state), now);
  run.settle();
  const view = buildView(run, viewerId);
  const serviceIds = new Set<string>();
  const visitEnvironment = (environment: EnvironmentView) => {
    for (const service of environment.services) if (service.kind === "monitor") serviceIds.add(service.identifier);
    environment.environments.forEach(visitEnvironment);
  };
  const visitNode = (node: ActivityNode | null) => {
    if (!node || node.kind === "unit-of-learning") return;
    node.environments.forEach(visitEnvironment);
    if (node.kind === "activity-structure") node.children.forEach(visitNode);
  };
  for (const play of view.plays) {
    for (const rolePart of play.act?.roleParts ?? []) {
      visitNode(rolePart.activity);
      if (rolePart.environment) visitEnvironment(rolePart.environment);
    }
  }
  view.available.forEach(visitNode);

  const watched = uol.properties.filter((property) => property.scope !== "loc" && property.scope !== "glob");
  const grants: MonitorGrant[] = [];
  for (const environment of uol.environments) {
    for (const service of environment.services) {
      if (!serviceIds.has(service.identifier)) continue;
      const subjects = service.monitorSelf || !service.monitorRoleRef ? [viewerId] : membersOf(index, run.state, service.monitorRoleRef);
      grants.push({
        serviceId: service.identifier,
        title: service.title,
        subjects: subjects.map((userId) => ({
          userId,
          values: Object.fromEntries(watched.map((property) => [property.identifier, run.readProperty(property, userId) ?? null])),
        })),
      });
    }
  }
  return grants;
}
