import type { LangString } from "../../i18n/lang-string";
import { detectManifestKind, type ManifestKind, type ScormEdition } from "../detect";
import { readLom } from "../lom/read";
import type { LomRecord } from "../lom/model";
import type { ProblemCollector } from "../report";
import { childElement, parseXml, textContent, type XmlElement } from "../xml";
import { resolveHref } from "./href";
import {
  readManifest,
  type RawItem,
  type RawManifest,
  type RawMetadata,
  type RawOrganization,
  type RawResource,
} from "./raw";
import { readSequencing, resolveSequencing, type SequencingDefinition } from "./sequencing";

/**
 * Layer 2: raw manifest → the normalized ContentPackage an importer and a player use, with
 * every problem found on the way (file, line, element, stable code).
 *
 * Tolerances, chosen so that what other LMSs import still imports here:
 * - `organizations@default` naming no organization: warning, the first organization is used
 *   (the spec's rule when there is no default at all).
 * - An empty `<organizations/>`: a resource package, not a course; a warning says so.
 * - A referenced file or external metadata file missing from the package: warning (the ADL
 *   test-suite manifests reference files that its build adds later).
 * Everything that makes a course unplayable or ambiguous is an error: an item pointing to a
 * resource that does not exist, a dependency on a missing resource, duplicate identifiers, a
 * href that leaves the package.
 */

export interface PackageMetadata {
  schema: string | null;
  schemaVersion: string | null;
  lom: LomRecord[];
  /** Package paths of external metadata files (adlcp:location), resolved. */
  locations: string[];
}

export interface CompletionThreshold {
  completedByMeasure: boolean;
  minProgressMeasure: number;
  progressWeight: number;
}

export interface Item {
  identifier: string;
  identifierref: string | null;
  isVisible: boolean;
  /** Query string or fragment appended to the resource href when launching. */
  parameters: string | null;
  title: string | null;
  items: Item[];
  metadata: PackageMetadata | null;
  /** SCORM 1.2 adlcp:masteryscore (0–100). */
  masteryScore: number | null;
  /** SCORM 1.2 adlcp:maxtimeallowed (HHHH:MM:SS.SS as written). */
  maxTimeAllowed: string | null;
  /** adlcp:timelimitaction (1.2) or adlcp:timeLimitAction (2004). */
  timeLimitAction: string | null;
  /** adlcp:datafromlms (1.2) or adlcp:dataFromLMS (2004): launch data for cmi.launch_data. */
  dataFromLMS: string | null;
  /** SCORM 1.2 adlcp:prerequisites, e.g. type "aicc_script". */
  prerequisites: { type: string | null; value: string } | null;
  /** SCORM 2004 adlcp:completionThreshold. */
  completionThreshold: CompletionThreshold | null;
  /** SCORM 2004 4th edition adlcp:data shared data maps. */
  data: { targetID: string; readSharedData: boolean; writeSharedData: boolean }[];
  /** adlnav:presentation: LMS navigation controls to hide. */
  presentation: { hideLMSUI: string[] } | null;
  /** imsss:sequencing with any IDRef already resolved. */
  sequencing: SequencingDefinition | null;
}

export interface Organization {
  identifier: string;
  title: string | null;
  structure: string;
  items: Item[];
  metadata: PackageMetadata | null;
  sequencing: SequencingDefinition | null;
  objectivesGlobalToSystem: boolean;
  sharedDataGlobalToSystem: boolean;
}

export interface Resource {
  identifier: string;
  type: string | null;
  scormType: "sco" | "asset" | null;
  /** Package path of the launch file (xml:base applied, percent-decoded), or null. */
  href: string | null;
  /** Query or fragment written after the href, kept for launching. */
  hrefSuffix: string;
  /** A web address when the resource lives outside the package. */
  url: string | null;
  /** Package paths of the resource's files. */
  files: string[];
  dependencies: string[];
  metadata: PackageMetadata | null;
}

export interface ContentPackage {
  kind: ManifestKind["kind"];
  scormEdition: ScormEdition | null;
  identifier: string | null;
  version: string | null;
  title: string | null;
  metadata: PackageMetadata | null;
  /** The organization a learner gets, after the fallback for a missing default. */
  defaultOrganization: string | null;
  organizations: Organization[];
  resources: Resource[];
  subManifests: ContentPackage[];
  /** imsld:learning-design elements in organizations (read by the IMS LD module). */
  learningDesigns: XmlElement[];
  /** True when organizations is empty: a collection of resources, not a course. */
  isResourcePackage: boolean;
}

export interface NormalizeOptions {
  /** Package path of the manifest file, for problem locations. */
  file: string;
  problems: ProblemCollector;
  /** When given, referenced files are checked against the package's contents. */
  fileExists?: (path: string) => boolean;
  /** LOM records of external metadata files by package path; absent key = not loaded. */
  externalMetadata?: ReadonlyMap<string, LomRecord[]>;
}

/** Parses and normalizes a manifest's text. Throws XmlError when it is not well-formed XML. */
export function parseManifest(text: string, options: NormalizeOptions): ContentPackage {
  const root = parseXml(text, { file: options.file });
  if (root.local !== "manifest") {
    options.problems.error(
      "cp.manifest.wrong-root",
      `the root element is <${root.name}>, not <manifest>: this is not an IMS content package manifest`,
      { file: options.file, line: root.line, element: root.name },
      { element: root.name },
    );
  }
  return normalizeManifest(readManifest(root), options);
}

/** The package paths of every external metadata file a manifest references (adlcp:location). */
export function externalMetadataPaths(manifest: RawManifest): string[] {
  const paths = new Set<string>();
  const visit = (raw: RawManifest, bases: (string | null)[]) => {
    const manifestBases = [...bases, raw.base];
    const add = (metadata: RawMetadata | null, extra: (string | null)[] = []) => {
      for (const location of metadata?.locations ?? []) {
        const resolved = resolveHref([...manifestBases, ...extra], location.href);
        if (resolved.kind === "file") paths.add(resolved.path);
      }
    };
    add(raw.metadata);
    const walkItems = (items: RawItem[]) => {
      for (const item of items) {
        add(item.metadata);
        walkItems(item.items);
      }
    };
    for (const organization of raw.organizations?.organizations ?? []) {
      add(organization.metadata);
      walkItems(organization.items);
    }
    for (const resource of raw.resources?.resources ?? []) {
      const resourceBases = [raw.resources?.base ?? null, resource.base];
      add(resource.metadata, resourceBases);
      for (const file of resource.files) add(file.metadata, resourceBases);
    }
    for (const sub of raw.manifests) visit(sub, manifestBases);
  };
  visit(manifest, []);
  return [...paths];
}

export function normalizeManifest(raw: RawManifest, options: NormalizeOptions): ContentPackage {
  return new Normalizer(options).manifest(raw, [], true);
}

class Normalizer {
  private readonly file: string;
  private readonly problems: ProblemCollector;
  private readonly reportedMissing = new Set<string>();

  constructor(private readonly options: NormalizeOptions) {
    this.file = options.file;
    this.problems = options.problems;
  }

  private at(line: number, element: string) {
    return { file: this.file, line, element };
  }

  manifest(raw: RawManifest, outerBases: (string | null)[], isRoot: boolean): ContentPackage {
    const bases = [...outerBases, raw.base];
    const detected = detectManifestKind(raw);
    if (!raw.identifier) {
      this.problems.warning("cp.manifest.no-identifier", "the manifest has no identifier attribute", this.at(raw.line, "manifest"));
    }

    const subManifests = raw.manifests.map((sub) => this.manifest(sub, bases, false));
    const resources = this.resources(raw, bases, subManifests);
    const resourceIds = new Set(resources.map((resource) => resource.identifier));
    const subManifestIds = new Set(subManifests.map((sub) => sub.identifier).filter((id): id is string => !!id));

    const collection = new Map<string, SequencingDefinition>();
    for (const element of raw.sequencingCollection) {
      const definition = readSequencing(element, { file: this.file, problems: this.problems });
      if (definition.id) collection.set(definition.id, definition);
      else {
        this.problems.error(
          "scorm.sequencing.collection-without-id",
          "a sequencing definition in sequencingCollection has no ID, so no activity can refer to it",
          this.at(element.line, element.name),
        );
      }
    }

    const identifiers = new Map<string, number>();
    const organizations = (raw.organizations?.organizations ?? []).map((organization) =>
      this.organization(organization, { resourceIds, subManifestIds, collection, identifiers, kind: detected.kind, bases }),
    );
    const learningDesigns = raw.organizations?.learningDesigns ?? [];
    const isResourcePackage = organizations.length === 0 && learningDesigns.length === 0;
    if (isRoot && isResourcePackage) {
      this.problems.warning(
        "cp.organizations.empty",
        raw.organizations
          ? "organizations is empty: this is a resource package (a collection of files), not a course a learner can follow"
          : "the manifest has no organizations element: this is a resource package, not a course a learner can follow",
        this.at(raw.organizations?.line ?? raw.line, "organizations"),
        raw.organizations ? {} : { context: "missing" },
      );
    }

    let defaultOrganization: string | null = null;
    const declaredDefault = trimId(raw.organizations?.default);
    if (organizations.length > 0) {
      if (declaredDefault && organizations.some((organization) => organization.identifier === declaredDefault)) {
        defaultOrganization = declaredDefault;
      } else {
        defaultOrganization = organizations[0].identifier;
        if (declaredDefault) {
          this.problems.warning(
            "cp.organizations.missing-default",
            `organizations@default is "${declaredDefault}" but there is no organization with that identifier; the first organization ("${defaultOrganization}") is used`,
            this.at(raw.organizations?.line ?? raw.line, "organizations"),
            { declared: declaredDefault, used: defaultOrganization },
          );
        }
      }
    }

    const metadata = this.metadata(raw.metadata, bases);
    return {
      kind: detected.kind,
      scormEdition: detected.scormEdition,
      identifier: raw.identifier,
      version: raw.version,
      title: packageTitle(organizations, defaultOrganization, metadata, learningDesigns),
      metadata,
      defaultOrganization,
      organizations,
      resources,
      subManifests,
      learningDesigns,
      isResourcePackage,
    };
  }

  private resources(raw: RawManifest, bases: (string | null)[], subManifests: ContentPackage[]): Resource[] {
    const resourcesBase = raw.resources?.base ?? null;
    const result: Resource[] = [];
    const seen = new Set<string>();
    for (const resource of raw.resources?.resources ?? []) {
      const normalized = this.resource(resource, [...bases, resourcesBase]);
      if (!normalized) continue;
      if (seen.has(normalized.identifier)) {
        this.problems.error(
          "cp.resource.duplicate-identifier",
          `two resources have the identifier "${normalized.identifier}", so references to it are ambiguous`,
          this.at(resource.line, "resource"),
          { identifier: normalized.identifier },
        );
        continue;
      }
      seen.add(normalized.identifier);
      result.push(normalized);
    }
    const known = new Set([...seen, ...subManifests.map((sub) => sub.identifier ?? "")]);
    for (const resource of raw.resources?.resources ?? []) {
      for (const dependency of resource.dependencies) {
        const identifierref = trimId(dependency.identifierref);
        if (!identifierref) {
          this.problems.error("cp.dependency.no-identifierref", "a dependency has no identifierref", this.at(dependency.line, "dependency"));
        } else if (!known.has(identifierref)) {
          this.problems.error(
            "cp.dependency.missing-resource",
            `resource "${resource.identifier ?? "?"}" depends on "${identifierref}", but there is no resource with that identifier`,
            this.at(dependency.line, "dependency"),
            { resource: resource.identifier ?? "?", identifierref },
          );
        }
      }
    }
    return result;
  }

  private resource(raw: RawResource, bases: (string | null)[]): Resource | null {
    const identifier = trimId(raw.identifier);
    if (!identifier) {
      this.problems.error("cp.resource.no-identifier", "a resource has no identifier", this.at(raw.line, "resource"));
      return null;
    }
    const resourceBases = [...bases, raw.base];
    let href: string | null = null;
    let hrefSuffix = "";
    let url: string | null = null;
    if (raw.href !== null) {
      const resolved = this.href(resourceBases, raw.href, raw.line, "resource");
      if (resolved?.kind === "file") {
        href = resolved.path;
        hrefSuffix = resolved.suffix;
      } else if (resolved?.kind === "url") url = resolved.url;
    }
    const files: string[] = [];
    for (const file of raw.files) {
      if (file.href === null) {
        this.problems.error("cp.file.no-href", `a file of resource "${raw.identifier}" has no href`, this.at(file.line, "file"), {
          resource: raw.identifier ?? "",
        });
        continue;
      }
      const resolved = this.href(resourceBases, file.href, file.line, "file");
      if (resolved?.kind === "file" && !files.includes(resolved.path)) files.push(resolved.path);
    }
    const scormType = raw.scormType?.trim().toLowerCase();
    if (scormType && scormType !== "sco" && scormType !== "asset") {
      this.problems.warning(
        "scorm.resource.bad-scormtype",
        `resource "${raw.identifier}" has scormType "${raw.scormType}"; only "sco" and "asset" exist, so it is treated as an asset`,
        this.at(raw.line, "resource"),
        { resource: raw.identifier ?? "", scormType: raw.scormType ?? "" },
      );
    }
    return {
      identifier,
      type: raw.type,
      scormType: scormType === "sco" ? "sco" : scormType ? "asset" : null,
      href,
      hrefSuffix,
      url,
      files,
      dependencies: raw.dependencies.map((dependency) => trimId(dependency.identifierref)).filter((id): id is string => !!id),
      metadata: this.metadata(raw.metadata, resourceBases),
    };
  }

  /** Resolves an href, reporting refusals (errors) and missing files (warnings). */
  private href(bases: (string | null)[], href: string, line: number, element: string) {
    const resolved = resolveHref(bases, href);
    if (resolved.kind === "invalid") {
      this.problems.error(resolved.code, `${element} href ${resolved.reason}`, this.at(line, element), { element, ...resolved.params });
      return null;
    }
    if (resolved.kind === "file") this.checkExists(resolved.path, line, element, "cp.file.missing", "referenced file");
    return resolved;
  }

  private checkExists(path: string, line: number, element: string, code: string, what: string): boolean {
    if (!this.options.fileExists || this.options.fileExists(path)) return true;
    if (!this.reportedMissing.has(path)) {
      this.reportedMissing.add(path);
      this.problems.warning(code, `${what} "${path}" is not in the package`, this.at(line, element), { path });
    }
    return false;
  }

  private organization(
    raw: RawOrganization,
    context: ItemContext,
  ): Organization {
    let identifier = trimId(raw.identifier);
    if (!identifier) {
      this.problems.error("cp.organization.no-identifier", "an organization has no identifier", this.at(raw.line, "organization"));
      identifier = `organization-line-${raw.line}`;
    }
    identifier = this.claimIdentifier(identifier, raw.line, "organization", context.identifiers);
    return {
      identifier,
      title: raw.title,
      structure: raw.structure ?? "hierarchical",
      items: raw.items.map((item) => this.item(item, context)),
      metadata: this.metadata(raw.metadata, context.bases),
      sequencing: raw.sequencing ? this.sequencing(raw.sequencing, context.collection) : null,
      objectivesGlobalToSystem: raw.objectivesGlobalToSystem !== "false",
      sharedDataGlobalToSystem: raw.sharedDataGlobalToSystem !== "false",
    };
  }

  /**
   * Item and organization identifiers must be unique; progress is stored per identifier. Real
   * packages (MIT OCW) repeat one now and then: the repeat is renamed "<id>~<line>" so both
   * stay trackable, with a warning.
   */
  private claimIdentifier(identifier: string, line: number, element: string, identifiers: Map<string, number>): string {
    const earlier = identifiers.get(identifier);
    if (earlier === undefined) {
      identifiers.set(identifier, line);
      return identifier;
    }
    const renamed = `${identifier}~${line}`;
    this.problems.warning(
      "cp.identifier.duplicate",
      `the identifier "${identifier}" is used twice in organizations (first on line ${earlier}); this ${element} is tracked as "${renamed}"`,
      this.at(line, element),
      { identifier, earlier, element, renamed },
    );
    identifiers.set(renamed, line);
    return renamed;
  }

  private item(raw: RawItem, context: ItemContext): Item {
    let identifier = trimId(raw.identifier);
    const identifierref = trimId(raw.identifierref);
    if (!identifier) {
      this.problems.error(
        "cp.item.no-identifier",
        `item "${raw.title ?? "(untitled)"}" has no identifier`,
        this.at(raw.line, "item"),
        raw.title === null ? { context: "untitled" } : { title: raw.title },
      );
      identifier = `item-line-${raw.line}`;
    }
    identifier = this.claimIdentifier(identifier, raw.line, "item", context.identifiers);
    if (identifierref && !context.resourceIds.has(identifierref) && !context.subManifestIds.has(identifierref)) {
      this.problems.error(
        "cp.item.missing-resource",
        `item "${identifier}" refers to resource "${identifierref}", which does not exist in the manifest`,
        this.at(raw.line, "item"),
        { identifier, identifierref },
      );
    }
    if (!identifierref && raw.items.length === 0 && (context.kind === "scorm12" || context.kind === "scorm2004")) {
      this.problems.warning(
        "scorm.item.leaf-without-resource",
        `item "${identifier}" has no children and no identifierref, so there is nothing to launch`,
        this.at(raw.line, "item"),
        { identifier },
      );
    }
    let masteryScore: number | null = null;
    if (raw.masteryscore !== null) {
      const score = Number(raw.masteryscore);
      if (Number.isFinite(score) && score >= 0 && score <= 100) masteryScore = score;
      else {
        this.problems.warning(
          "scorm.item.bad-masteryscore",
          `item "${identifier}" has masteryscore "${raw.masteryscore}", which is not a number from 0 to 100; it is ignored`,
          this.at(raw.line, "item"),
          { identifier, masteryscore: raw.masteryscore },
        );
      }
    }
    const isVisible = raw.isvisible === null ? true : raw.isvisible.trim() !== "false" && raw.isvisible.trim() !== "0";
    return {
      identifier,
      identifierref,
      isVisible,
      parameters: raw.parameters,
      title: raw.title,
      items: raw.items.map((child) => this.item(child, context)),
      metadata: this.metadata(raw.metadata, context.bases),
      masteryScore,
      maxTimeAllowed: raw.maxtimeallowed,
      timeLimitAction: raw.timeLimitAction ?? raw.timelimitaction,
      dataFromLMS: raw.dataFromLMS ?? raw.datafromlms,
      prerequisites: raw.prerequisites,
      completionThreshold: raw.completionThreshold ? completionThreshold(raw.completionThreshold) : null,
      data: raw.data.map((map) => ({
        targetID: map.targetID,
        readSharedData: map.readSharedData !== "false",
        writeSharedData: map.writeSharedData === "true",
      })),
      presentation: raw.hideLMSUI.length > 0 ? { hideLMSUI: raw.hideLMSUI } : null,
      sequencing: raw.sequencing ? this.sequencing(raw.sequencing, context.collection) : null,
    };
  }

  private sequencing(element: XmlElement, collection: Map<string, SequencingDefinition>): SequencingDefinition {
    const definition = readSequencing(element, { file: this.file, problems: this.problems });
    return resolveSequencing(definition, collection, (idRef) =>
      this.problems.error(
        "scorm.sequencing.missing-collection-entry",
        `sequencing@IDRef is "${idRef}", but sequencingCollection has no sequencing with that ID`,
        this.at(element.line, element.name),
        { idRef },
      ),
    );
  }

  private metadata(raw: RawMetadata | null, bases: (string | null)[]): PackageMetadata | null {
    if (!raw) return null;
    const lom: LomRecord[] = raw.lom.map((element) => readLom(element, { file: this.file, problems: this.problems }));
    if (raw.looseLom) lom.push(readLom(raw.looseLom, { file: this.file, problems: this.problems, binding: "vendor" }));
    const locations: string[] = [];
    for (const location of raw.locations) {
      const resolved = this.hrefQuiet(bases, location.href, location.line);
      if (!resolved) continue;
      locations.push(resolved);
      const external = this.options.externalMetadata?.get(resolved);
      if (external) lom.push(...external);
      else this.checkExists(resolved, location.line, "adlcp:location", "cp.metadata.missing-file", "external metadata file");
    }
    return { schema: raw.schema, schemaVersion: raw.schemaversion, lom, locations };
  }

  private hrefQuiet(bases: (string | null)[], href: string, line: number): string | null {
    const resolved = resolveHref(bases, href);
    if (resolved.kind === "invalid") {
      this.problems.error(resolved.code, `adlcp:location ${resolved.reason}`, this.at(line, "adlcp:location"), {
        ...resolved.params,
        context: "location",
      });
      return null;
    }
    return resolved.kind === "file" ? resolved.path : null;
  }
}

/**
 * Identifiers are xs:ID/xs:IDREF values, whose surrounding white space a schema-validating
 * reader collapses: the ADL suite checks that `identifier = "   CASETEST   "` matches "CASETEST".
 */
function trimId(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

interface ItemContext {
  resourceIds: Set<string>;
  subManifestIds: Set<string>;
  collection: Map<string, SequencingDefinition>;
  identifiers: Map<string, number>;
  kind: ManifestKind["kind"];
  bases: (string | null)[];
}

function completionThreshold(raw: NonNullable<RawItem["completionThreshold"]>): CompletionThreshold {
  const number = (value: string | null, fallback: number) => {
    const parsed = value === null ? NaN : Number(value);
    return Number.isFinite(parsed) ? parsed : fallback;
  };
  // 3rd edition: <adlcp:completionThreshold>0.8</adlcp:completionThreshold> means "completed
  // when progress reaches 0.8"; 4th edition uses the attributes.
  if (raw.text !== null && raw.minProgressMeasure === null) {
    return { completedByMeasure: true, minProgressMeasure: number(raw.text, 1), progressWeight: number(raw.progressWeight, 1) };
  }
  return {
    completedByMeasure: raw.completedByMeasure === "true",
    minProgressMeasure: number(raw.minProgressMeasure, 1),
    progressWeight: number(raw.progressWeight, 1),
  };
}

/** The title a learner sees: the default organization's, else the LD's, else the LOM title. */
function packageTitle(
  organizations: Organization[],
  defaultOrganization: string | null,
  metadata: PackageMetadata | null,
  learningDesigns: XmlElement[],
): string | null {
  const organization = organizations.find((candidate) => candidate.identifier === defaultOrganization);
  if (organization?.title) return organization.title;
  for (const design of learningDesigns) {
    const title = childElement(design, "title");
    const text = title ? textContent(title).trim() : "";
    if (text) return text;
  }
  for (const record of metadata?.lom ?? []) {
    const title = firstText(record.general.title);
    if (title) return title;
  }
  return null;
}

function firstText(value: LangString | null): string | null {
  if (!value) return null;
  return value.en ?? Object.values(value)[0] ?? null;
}
