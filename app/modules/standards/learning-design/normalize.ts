import type { ProblemCollector } from "../report";
import type { Item, LdLevel, LearningDesignSummary, Method, UnitOfLearning } from "./model";
import type { DeclarationKind, RawLearningDesign } from "./read";

/**
 * Layer 2: checks a design as read and turns it into the stored UnitOfLearning: the level is
 * A, B or C and covers the features used; identifiers are unique; every reference points to an
 * element of the right kind; every item's identifierref resolves to a resource of the package.
 */

export interface ResolvedResource {
  href?: string;
  type?: string;
  scormType?: string;
}

export type ResourceResolver = (identifierref: string) => ResolvedResource | undefined;

const LEVELS: readonly LdLevel[] = ["A", "B", "C"];


export function toUnitOfLearning(
  raw: RawLearningDesign,
  file: string,
  resolveResource: ResourceResolver,
  problems: ProblemCollector,
): UnitOfLearning | undefined {
  const level = checkLevel(raw, file, problems);
  checkIdentifiers(raw, file, problems);
  resolveItems(raw, file, resolveResource, problems);
  checkShape(raw, file, problems);
  if (!raw.method || !level) return undefined;
  return {
    identifier: raw.identifier,
    uri: raw.uri,
    version: raw.version,
    level,
    title: raw.title,
    learningObjectives: raw.learningObjectives,
    prerequisites: raw.prerequisites,
    roles: raw.roles,
    learningActivities: raw.learningActivities,
    supportActivities: raw.supportActivities,
    activityStructures: raw.activityStructures,
    environments: raw.environments,
    properties: raw.properties,
    propertyGroups: raw.propertyGroups,
    method: raw.method,
    summary: summarize(raw, raw.method),
  };
}

function checkLevel(raw: RawLearningDesign, file: string, problems: ProblemCollector): LdLevel | undefined {
  const highestUsed = raw.features.some((feature) => feature.level === "C")
    ? "C"
    : raw.features.length > 0
      ? "B"
      : "A";
  if (raw.level === null) {
    problems.warning(
      "ld.level-missing",
      `learning-design "${raw.identifier}" has no level attribute; level ${highestUsed} is assumed from the features it uses.`,
      { file, line: raw.line, element: raw.element },
      { identifier: raw.identifier, level: highestUsed },
    );
    return highestUsed;
  }
  const level = raw.level.trim().toUpperCase() as LdLevel;
  if (!LEVELS.includes(level)) {
    problems.error(
      "ld.level-unknown",
      `learning-design "${raw.identifier}" has level "${raw.level}"; it must be A, B or C.`,
      { file, line: raw.line, element: raw.element },
      { identifier: raw.identifier, level: raw.level },
    );
    return undefined;
  }
  for (const feature of [...raw.features].sort((a, b) => a.line - b.line)) {
    if (feature.level > level) {
      problems.error(
        "ld.level-feature",
        `<${feature.element}> is a level ${feature.level} feature, but the learning design declares level ${level}.`,
        { file, line: feature.line, element: feature.element },
        { element: feature.element, featureLevel: feature.level, level },
      );
    }
  }
  return level;
}

function checkIdentifiers(raw: RawLearningDesign, file: string, problems: ProblemCollector): void {
  const declared = new Map<string, DeclarationKind>();
  for (const declaration of raw.declarations) {
    if (declared.has(declaration.identifier)) {
      problems.error(
        "ld.duplicate-identifier",
        `The identifier "${declaration.identifier}" is used by more than one element.`,
        { file, line: declaration.line, element: declaration.element },
        { identifier: declaration.identifier },
      );
    } else declared.set(declaration.identifier, declaration.kind);
  }
  for (const reference of raw.references) {
    const kind = declared.get(reference.ref);
    const wanted = reference.expected.join(" or ");
    // `wanted` joins the kinds with an English "or"; translations use `kinds`, joined with a slash.
    const params = { element: reference.element, ref: reference.ref, wanted, kinds: reference.expected.join(" / ") };
    if (kind === undefined) {
      problems.error(
        "ld.dangling-ref",
        `<${reference.element}> refers to "${reference.ref}", but no ${wanted} has that identifier.`,
        { file, line: reference.line, element: reference.element },
        params,
      );
    } else if (!reference.expected.includes(kind)) {
      problems.error(
        "ld.wrong-ref-kind",
        `<${reference.element}> refers to "${reference.ref}", which is a ${kind}, not a ${wanted}.`,
        { file, line: reference.line, element: reference.element },
        { ...params, kind },
      );
    }
  }
}

function resolveItems(
  raw: RawLearningDesign,
  file: string,
  resolveResource: ResourceResolver,
  problems: ProblemCollector,
): void {
  for (const { item, element, line } of raw.items) {
    if (item.identifierref === null) continue;
    const resource = resolveResource(item.identifierref);
    if (!resource) {
      problems.error(
        "ld.missing-resource",
        `Item "${item.identifier}" refers to the resource "${item.identifierref}", which the manifest does not declare.`,
        { file, line, element },
        { identifier: item.identifier, identifierref: item.identifierref },
      );
      continue;
    }
    setResource(item, resource);
  }
}

function setResource(item: Item, resource: ResolvedResource): void {
  item.href = resource.href ?? null;
  item.resourceType = resource.type ?? null;
  item.scormType = resource.scormType ?? null;
}

function checkShape(raw: RawLearningDesign, file: string, problems: ProblemCollector): void {
  const at = (line: number, element: string) => ({ file, line, element });
  if (raw.method && !raw.roles.some((role) => role.kind === "learner")) {
    problems.error("ld.no-learner", `learning-design "${raw.identifier}" declares no learner role.`, at(raw.line, raw.element), {
      identifier: raw.identifier,
    });
  }
  const declaredAt = (identifier: string) => {
    const declaration = raw.declarations.find((candidate) => candidate.identifier === identifier);
    return declaration ? at(declaration.line, declaration.element) : at(raw.line, raw.element);
  };
  for (const role of raw.roles) {
    if (role.minPersons !== null && role.maxPersons !== null && role.minPersons > role.maxPersons) {
      problems.error(
        "ld.role-persons",
        `Role "${role.identifier}" has min-persons ${role.minPersons} above max-persons ${role.maxPersons}.`,
        declaredAt(role.identifier),
        { identifier: role.identifier, minPersons: role.minPersons, maxPersons: role.maxPersons },
      );
    }
  }
  for (const structure of raw.activityStructures) {
    if (structure.numberToSelect !== null && structure.numberToSelect > structure.activities.length) {
      problems.error(
        "ld.number-to-select",
        `activity-structure "${structure.identifier}" asks to select ${structure.numberToSelect} of ${structure.activities.length} activities.`,
        declaredAt(structure.identifier),
        { identifier: structure.identifier, numberToSelect: structure.numberToSelect, activities: structure.activities.length },
      );
    }
  }
  for (const play of raw.method?.plays ?? []) {
    for (const act of play.acts) {
      for (const rolePart of act.roleParts) {
        if (rolePart.target === null) {
          problems.warning(
            "ld.empty-role-part",
            `role-part "${rolePart.identifier}" names no activity, structure, environment or unit of learning; its role has nothing to do in act "${act.identifier}".`,
            declaredAt(rolePart.identifier),
            { identifier: rolePart.identifier, act: act.identifier },
          );
        }
      }
    }
  }
}

function summarize(raw: RawLearningDesign, method: Method): LearningDesignSummary {
  const acts = method.plays.flatMap((play) => play.acts);
  let conditions = 0;
  let notifications = 0;
  const countNotifications = (list: { notifications: unknown[] } | null) => {
    notifications += list?.notifications.length ?? 0;
  };
  for (const activity of [...raw.learningActivities, ...raw.supportActivities]) countNotifications(activity.onCompletion);
  for (const play of method.plays) {
    countNotifications(play.onCompletion);
    for (const act of play.acts) countNotifications(act.onCompletion);
  }
  countNotifications(method.onCompletion);
  const visit = (condition: Method["conditions"][number]) => {
    conditions += 1;
    for (const action of [...condition.then, ...condition.else]) {
      if (action.kind === "notification") notifications += 1;
    }
    if (condition.elseIf) visit(condition.elseIf);
  };
  method.conditions.forEach(visit);
  return {
    roles: raw.roles.length,
    learningActivities: raw.learningActivities.length,
    supportActivities: raw.supportActivities.length,
    activityStructures: raw.activityStructures.length,
    environments: raw.environments.length,
    plays: method.plays.length,
    acts: acts.length,
    roleParts: acts.reduce((total, act) => total + act.roleParts.length, 0),
    properties: raw.properties.length,
    conditions,
    notifications,
  };
}
