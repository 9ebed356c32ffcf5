import { z } from "zod";
import { NO_LANGUAGE, type LangString } from "../i18n/lang-string";
import { digComp22 } from "./digcomp";
import {
  checkFramework,
  zodIssues,
  type Competence,
  type CompetenceArea,
  type CompetenceFramework,
  type ParseResult,
  type ProficiencyBand,
  type ProficiencyLevel,
  type ValidationIssue,
} from "./framework";

/**
 * Imports an IMS CASE 1.0 package (the JSON of a CFPackage: CFDocument, CFItems,
 * CFAssociations) into a CompetenceFramework.
 *
 * The tree comes from the `isChildOf` associations (origin = child, destination = parent), in
 * `sequenceNumber` order: items directly under the CFDocument become areas, their children
 * become competences. Deeper items are reported and left out, because the product's model has
 * two tiers. CASE has no proficiency levels, so the caller passes them; DigComp's eight levels
 * in four bands are the default. docs/frameworks.md describes the mapping field by field.
 */

const nodeUri = z.object({
  identifier: z.string().min(1),
  title: z.string().optional(),
  uri: z.string().optional(),
});

const cfDocument = z.object({
  identifier: z.string().min(1),
  title: z.string().trim().min(1, "a CFDocument needs a title"),
  version: z.string().optional(),
  language: z.string().optional(),
  description: z.string().optional(),
  creator: z.string().optional(),
  publisher: z.string().optional(),
  officialSourceURL: z.string().optional(),
  uri: z.string().optional(),
});

const cfItem = z.object({
  identifier: z.string().min(1),
  fullStatement: z.string().trim().min(1, "a CFItem needs a fullStatement"),
  abbreviatedStatement: z.string().optional(),
  humanCodingScheme: z.string().optional(),
  listEnumeration: z.string().optional(),
  CFItemType: z.string().optional(),
  language: z.string().optional(),
});

const cfAssociation = z.object({
  identifier: z.string().optional(),
  associationType: z.string(),
  sequenceNumber: z.number().optional(),
  originNodeURI: nodeUri,
  destinationNodeURI: nodeUri,
});

const cfPackage = z.object({
  CFDocument: cfDocument,
  CFItems: z.array(cfItem).default([]),
  CFAssociations: z.array(cfAssociation).default([]),
});

type CfItem = z.infer<typeof cfItem>;

export interface CaseImportOptions {
  /** The framework's name when the CFDocument title should not be used, e.g. "DigComp". */
  name?: string;
  /** The version when the CFDocument has none. */
  version?: string;
  /** The proficiency scale; DigComp's eight levels in four bands when left out. */
  scale?: { bands: ProficiencyBand[]; levels: ProficiencyLevel[] };
}

export function importCasePackage(
  input: unknown,
  options: CaseImportOptions = {},
): ParseResult<CompetenceFramework> {
  const unwrapped =
    input && typeof input === "object" && "CFPackage" in input
      ? (input as { CFPackage: unknown }).CFPackage
      : input;
  const prefix = unwrapped === input ? "" : ".CFPackage";
  const parsed = cfPackage.safeParse(unwrapped);
  if (!parsed.success) {
    return {
      ok: false,
      errors: zodIssues(parsed.error).map((issue) => ({ ...issue, path: issue.path.replace(/^\$/, `$${prefix}`) })),
    };
  }
  const { CFDocument: document, CFItems: items, CFAssociations: associations } = parsed.data;
  const at = (path: string) => `$${prefix}${path}`;
  const errors: ValidationIssue[] = [];
  const warnings: ValidationIssue[] = [];

  const itemIndex = new Map<string, number>();
  items.forEach((item, index) => {
    if (itemIndex.has(item.identifier) || item.identifier === document.identifier) {
      errors.push({
        path: at(`.CFItems[${index}].identifier`),
        message: `identifier "${item.identifier}" is used twice in the package`,
      });
    } else {
      itemIndex.set(item.identifier, index);
    }
  });

  const children = new Map<string, { index: number; sequence: number; order: number }[]>();
  const parentOf = new Map<number, string>();
  associations.forEach((association, order) => {
    if (association.associationType !== "isChildOf") return;
    const path = at(`.CFAssociations[${order}]`);
    const child = itemIndex.get(association.originNodeURI.identifier);
    const parent = association.destinationNodeURI.identifier;
    if (child === undefined) {
      errors.push({
        path: `${path}.originNodeURI.identifier`,
        message: `"${association.originNodeURI.identifier}" is not a CFItem of this package`,
      });
      return;
    }
    if (parent !== document.identifier && !itemIndex.has(parent)) {
      errors.push({
        path: `${path}.destinationNodeURI.identifier`,
        message: `"${parent}" is neither the CFDocument nor a CFItem of this package`,
      });
      return;
    }
    if (parentOf.has(child)) {
      warnings.push({
        path,
        message: `"${association.originNodeURI.identifier}" already has a parent; this second isChildOf is ignored`,
      });
      return;
    }
    parentOf.set(child, parent);
    const siblings = children.get(parent) ?? [];
    siblings.push({ index: child, sequence: association.sequenceNumber ?? Number.MAX_SAFE_INTEGER, order });
    children.set(parent, siblings);
  });
  if (errors.length > 0) return { ok: false, errors };

  const childrenOf = (identifier: string) =>
    (children.get(identifier) ?? [])
      .slice()
      .sort((a, b) => a.sequence - b.sequence || a.order - b.order)
      .map((entry) => entry.index);

  const language = (item?: CfItem) => item?.language ?? document.language ?? NO_LANGUAGE;
  const text = (value: string, item?: CfItem): LangString => ({ [language(item)]: value.trim() });
  const nameOf = (item: CfItem) => text(item.abbreviatedStatement?.trim() || item.fullStatement, item);
  const descriptionOf = (item: CfItem) =>
    item.abbreviatedStatement?.trim() ? { description: text(item.fullStatement, item) } : {};

  const areas: CompetenceArea[] = [];
  const competences: Competence[] = [];
  const areaItems: number[] = [];
  const competenceItems: number[] = [];
  const placed = new Set<number>();
  for (const areaItemIndex of childrenOf(document.identifier)) {
    const areaItem = items[areaItemIndex];
    placed.add(areaItemIndex);
    const competenceIndexes = childrenOf(areaItem.identifier);
    if (competenceIndexes.length === 0) {
      warnings.push({
        path: at(`.CFItems[${areaItemIndex}]`),
        message: `"${areaItem.fullStatement}" sits directly under the CFDocument but has no children; it becomes no area and is left out`,
      });
      continue;
    }
    const areaCode = areaItem.humanCodingScheme?.trim() || String(areas.length + 1);
    areas.push({ code: areaCode, name: nameOf(areaItem), ...descriptionOf(areaItem) });
    areaItems.push(areaItemIndex);
    competenceIndexes.forEach((competenceItemIndex, position) => {
      const competenceItem = items[competenceItemIndex];
      placed.add(competenceItemIndex);
      competences.push({
        code: competenceItem.humanCodingScheme?.trim() || `${areaCode}.${position + 1}`,
        areaCode,
        name: nameOf(competenceItem),
        ...descriptionOf(competenceItem),
      });
      competenceItems.push(competenceItemIndex);
      for (const deeper of childrenOf(competenceItem.identifier)) {
        placed.add(deeper);
        warnings.push({
          path: at(`.CFItems[${deeper}]`),
          message: `"${items[deeper].fullStatement}" is a third tier under competence ${competences.at(-1)?.code}; it is left out`,
        });
      }
    });
  }
  items.forEach((item, index) => {
    if (!placed.has(index) && !isBelowPlaced(index, parentOf, itemIndex, placed)) {
      warnings.push({
        path: at(`.CFItems[${index}]`),
        message: `"${item.fullStatement}" is not connected to the CFDocument by isChildOf associations; it is left out`,
      });
    }
  });
  if (competences.length === 0) {
    return {
      ok: false,
      errors: [
        {
          path: at(".CFAssociations"),
          message:
            "no competences found: the package needs items under the CFDocument (areas) with items under them (competences), linked by isChildOf",
        },
      ],
    };
  }

  const version = document.version?.trim() || options.version;
  if (!version) {
    return {
      ok: false,
      errors: [
        {
          path: at(".CFDocument.version"),
          message: "the framework needs a version (every competence reference stores it); pass one when the CFDocument has none",
        },
      ],
    };
  }
  const title = document.title.trim();
  const name =
    options.name ?? (title.endsWith(` ${version}`) ? title.slice(0, -version.length - 1).trim() : title);
  const scale = options.scale ?? { bands: digComp22().bands, levels: digComp22().levels };
  const framework: CompetenceFramework = {
    name,
    version,
    key: `${name} ${version}`,
    title: text(title),
    ...(document.description ? { description: text(document.description) } : {}),
    ...(document.publisher || document.creator || document.officialSourceURL
      ? {
          source: {
            ...(document.publisher || document.creator
              ? { publisher: document.publisher ?? document.creator }
              : {}),
            ...(document.officialSourceURL ? { url: document.officialSourceURL } : {}),
          },
        }
      : {}),
    bands: scale.bands,
    levels: scale.levels,
    areas,
    competences,
  };
  const checked = checkFramework(framework, {
    area: (index) => at(`.CFItems[${areaItems[index]}]`),
    competence: (index) => at(`.CFItems[${competenceItems[index]}]`),
  });
  return checked.ok ? { ...checked, warnings: [...warnings, ...checked.warnings] } : checked;
}

/** True when an item hangs (at any depth) below an item already reported or placed. */
function isBelowPlaced(
  index: number,
  parentOf: Map<number, string>,
  itemIndex: Map<string, number>,
  placed: Set<number>,
): boolean {
  const seen = new Set<number>();
  let current: number | undefined = index;
  while (current !== undefined && !seen.has(current)) {
    seen.add(current);
    const parent = parentOf.get(current);
    if (parent === undefined) return false;
    const parentIndex = itemIndex.get(parent);
    if (parentIndex !== undefined && placed.has(parentIndex)) return true;
    current = parentIndex;
  }
  return false;
}
