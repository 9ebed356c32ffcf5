import { basename } from "node:path";
import { detectPackageLayout, detectXmlDocument, isIgnoredPath, type PackageKind, type ScormEdition } from "../standards/detect";
import { externalMetadataPaths, normalizeManifest, type ContentPackage, type Item } from "../standards/content-packaging/package";
import { readManifest } from "../standards/content-packaging/raw";
import { parseLearningDesign } from "../standards/learning-design/parse";
import type { LearningDesignSummary, UnitOfLearning } from "../standards/learning-design/model";
import { competencesFromLom, type CompetenceReference } from "../standards/lom/digcomp";
import { parseAssessmentItem, type ChoiceItem } from "../standards/qti/item";
import { parseVademecumEntries } from "../standards/vademecum-entries/entries";
import type { VademecumEntry } from "../vademecum/entry";
import { findLomElements, readLom } from "../standards/lom/read";
import type { LomRecord } from "../standards/lom/model";
import { ProblemCollector, type Problem } from "../standards/report";
import { XmlError, parseXml } from "../standards/xml";
import { PackageError, readPackageSource, type PackageLimits, type PackageSource } from "./source.server";

/**
 * Validates a package or a metadata file the way the importer reads it, and reports in plain
 * words what is wrong and where. `ok` is false when there is at least one error; warnings
 * describe what was tolerated.
 */

export interface PackageSummary {
  organizations: number;
  items: number;
  resources: number;
  scos: number;
  /** LOM records found: inline, loose (OCW) and external. */
  metadata: number;
  learningDesigns: number;
  subManifests: number;
  isResourcePackage: boolean;
  scormEdition: ScormEdition | null;
  /** Counts from the IMS Learning Design, when the package is a unit of learning that reads without errors. */
  learningDesign?: LearningDesignSummary;
}

export interface ValidationResult {
  ok: boolean;
  kind: PackageKind;
  identifier: string | null;
  title: string | null;
  errors: Problem[];
  warnings: Problem[];
  summary: PackageSummary | null;
}

/** A QTI item of the package in every language it comes in, with the competences it evidences. */
export interface PackageAssessmentItem {
  resourceIdentifier: string;
  competences: CompetenceReference[];
  /** The item per language tag ("x-none" when the item names none). */
  languages: Record<string, ChoiceItem>;
}

export interface ValidatedPackage extends ValidationResult {
  /** The normalized package, when the manifest could be read. */
  contentPackage: ContentPackage | null;
  /** The records of a bare LOM file. */
  lom: LomRecord[];
  /** The unit of learning, when the package holds a learning design that reads without errors. */
  learningDesign: UnitOfLearning | null;
  /** Entries for the digital vademecum (resources of type x-vademecum-entries). */
  vademecum: VademecumEntry[];
  /** Assessment items (resources of type imsqti_item_xmlv2p1). */
  assessmentItems: PackageAssessmentItem[];
}

export const VADEMECUM_RESOURCE_TYPE = "x-vademecum-entries";
export const QTI_ITEM_RESOURCE_TYPE = "imsqti_item_xmlv2p1";

/** The report for a package that could not even be opened (not a zip, unsafe zip, missing). */
export function failedValidation(error: PackageError, path: string): ValidatedPackage {
  const problems = new ProblemCollector();
  problems.error(error.code, error.message, { file: error.file }, error.params);
  return result(problems, fallbackKind(path), null, null, null);
}

/** Opens a folder, zip or XML file and validates it. Never throws for bad input. */
export async function validatePath(path: string, limits: Partial<PackageLimits> = {}): Promise<ValidatedPackage> {
  let source: PackageSource;
  try {
    source = await readPackageSource(path, limits);
  } catch (error) {
    if (!(error instanceof PackageError)) throw error;
    return failedValidation(error, path);
  }
  try {
    return await validatePackage(source);
  } finally {
    await source.close();
  }
}

/** Validates an open package source. Refusals while streaming (zip bombs) become errors. */
export async function validatePackage(source: PackageSource): Promise<ValidatedPackage> {
  const problems = new ProblemCollector();
  try {
    if (source.kind === "xml") return await validateXmlFile(source, problems);
    return await validateContentPackage(source, problems);
  } catch (error) {
    if (error instanceof PackageError) {
      problems.error(error.code, error.message, { file: error.file }, error.params);
      return result(problems, "imscp", null, null, null);
    }
    throw error;
  }
}

async function validateXmlFile(source: PackageSource, problems: ProblemCollector): Promise<ValidatedPackage> {
  const file = source.entries[0].path;
  const root = parseOrReport(await source.readText(file), file, problems);
  if (!root) return result(problems, "lom", null, null, null);
  const what = detectXmlDocument(root);
  if (what === "manifest") {
    problems.error(
      "package.bare-manifest",
      `${file} is a content package manifest; validate the package folder or zip, or a file named imsmanifest.xml`,
      { file, line: root.line, element: root.name },
      { file },
    );
    return result(problems, "imscp", null, null, null);
  }
  const records = findLomElements(root).map((element) => readLom(element, { file, problems }));
  if (records.length === 0) {
    problems.error(
      "lom.not-found",
      `${file} is neither a LOM record nor a content package manifest (root element <${root.name}>)`,
      { file, line: root.line, element: root.name },
      { file, element: root.name, context: "not-a-manifest" },
    );
  } else if (!records.some((record) => record.general.title)) {
    problems.warning("lom.no-title", `${file} has a LOM record without a general title`, { file, line: root.line }, { file });
  }
  const first = records[0];
  const validated = result(
    problems,
    "lom",
    first?.general.identifiers[0]?.entry ?? null,
    first ? firstText(first.general.title) : null,
    null,
  );
  validated.lom = records;
  return validated;
}

async function validateContentPackage(source: PackageSource, problems: ProblemCollector): Promise<ValidatedPackage> {
  const layout = detectPackageLayout(source.entries.map((entry) => entry.path));
  if (layout.kind === "manifest-in-subfolder") {
    problems.error(
      "package.manifest-in-subfolder",
      `imsmanifest.xml found at ${layout.path}, not at the package root; zip the contents of that folder, not the folder itself`,
      { file: layout.path },
      { path: layout.path },
    );
    return result(problems, "imscp", null, null, null);
  }
  if (layout.kind === "aicc") {
    const files = layout.files.slice(0, 3).join(", ");
    problems.error(
      "package.aicc",
      `this is an AICC course (${files}), not an IMS content package or SCORM package; AICC is not supported`,
      { file: layout.files[0] },
      { files },
    );
    return result(problems, "imscp", null, null, null);
  }
  if (layout.kind === "none") {
    problems.error(
      "package.no-manifest",
      `${source.name} has no imsmanifest.xml, so it is not an IMS content package or SCORM package`,
      {},
      { name: source.name },
    );
    return result(problems, "imscp", null, null, null);
  }

  const manifestPath = layout.path;
  const root = parseOrReport(await source.readText(manifestPath), manifestPath, problems);
  if (!root) return result(problems, "imscp", null, null, null);
  if (root.local !== "manifest") {
    problems.error(
      "cp.manifest.wrong-root",
      `the root element is <${root.name}>, not <manifest>: this is not an IMS content package manifest`,
      { file: manifestPath, line: root.line, element: root.name },
      { element: root.name },
    );
    return result(problems, "imscp", null, null, null);
  }
  const raw = readManifest(root);

  const externalMetadata = new Map<string, LomRecord[]>();
  for (const path of externalMetadataPaths(raw)) {
    if (!source.has(path)) continue;
    const metadataRoot = parseOrReport(await source.readText(path), path, problems);
    if (!metadataRoot) continue;
    const records = findLomElements(metadataRoot).map((element) => readLom(element, { file: path, problems }));
    if (records.length === 0) {
      problems.warning(
        "cp.metadata.not-lom",
        `external metadata file ${path} holds no LOM record`,
        { file: path, line: metadataRoot.line },
        { path },
      );
    }
    externalMetadata.set(path, records);
  }

  const present = new Set(source.entries.filter((entry) => !isIgnoredPath(entry.path)).map((entry) => entry.path));
  const contentPackage = normalizeManifest(raw, {
    file: manifestPath,
    problems,
    fileExists: (path) => present.has(path),
    externalMetadata,
  });
  const summary = summarize(contentPackage);
  let learningDesign: UnitOfLearning | null = null;
  for (const element of contentPackage.learningDesigns) {
    const design = parseLearningDesign(element, {
      file: manifestPath,
      resolveResource: (identifierref) => {
        const resource = contentPackage.resources.find((candidate) => candidate.identifier === identifierref);
        if (!resource) return undefined;
        return {
          href: resource.href ?? resource.url ?? undefined,
          type: resource.type ?? undefined,
          scormType: resource.scormType ?? undefined,
        };
      },
    });
    problems.problems.push(...design.problems);
    if (design.design && !summary.learningDesign) {
      summary.learningDesign = design.design.summary;
      learningDesign = design.design;
    }
  }
  const vademecum = await readVademecumEntries(source, contentPackage, problems);
  const assessmentItems = await readAssessmentItems(source, contentPackage, problems);
  const validated = result(problems, contentPackage.kind, contentPackage.identifier, contentPackage.title, summary);
  validated.contentPackage = contentPackage;
  validated.learningDesign = learningDesign;
  validated.vademecum = vademecum;
  validated.assessmentItems = assessmentItems;
  return validated;
}

/** The files of every resource of a type that are present in the package. */
function filesOfType(source: PackageSource, contentPackage: ContentPackage, type: string) {
  return contentPackage.resources
    .filter((resource) => resource.type === type)
    .map((resource) => ({
      resource,
      files: [...new Set([...(resource.href ? [resource.href] : []), ...resource.files])].filter((file) => source.has(file)),
    }));
}

async function readVademecumEntries(
  source: PackageSource,
  contentPackage: ContentPackage,
  problems: ProblemCollector,
): Promise<VademecumEntry[]> {
  const files = [];
  for (const { files: paths } of filesOfType(source, contentPackage, VADEMECUM_RESOURCE_TYPE)) {
    for (const file of paths) files.push({ file, text: await source.readText(file) });
  }
  if (files.length === 0) return [];
  const parsed = parseVademecumEntries(files);
  problems.problems.push(...parsed.problems);
  return parsed.entries;
}

async function readAssessmentItems(
  source: PackageSource,
  contentPackage: ContentPackage,
  problems: ProblemCollector,
): Promise<PackageAssessmentItem[]> {
  const items: PackageAssessmentItem[] = [];
  for (const { resource, files } of filesOfType(source, contentPackage, QTI_ITEM_RESOURCE_TYPE)) {
    const languages: Record<string, ChoiceItem> = {};
    for (const file of files) {
      const parsed = parseAssessmentItem(await source.readText(file), { file });
      problems.problems.push(...parsed.problems);
      if (parsed.item) languages[parsed.item.language ?? languageFromPath(file) ?? "x-none"] = parsed.item;
    }
    if (Object.keys(languages).length === 0) continue;
    const competences = (resource.metadata?.lom ?? []).flatMap((record) => competencesFromLom(record));
    items.push({ resourceIdentifier: resource.identifier, competences, languages });
  }
  return items;
}

/** "qti/it/item-1.xml" → "it": the language folder convention of docs/decisions/002. */
function languageFromPath(file: string): string | null {
  const match = /(?:^|\/)([a-z]{2,3}(?:-[A-Za-z0-9]+)?)\/[^/]+$/.exec(file);
  return match ? match[1] : null;
}

function parseOrReport(text: string, file: string, problems: ProblemCollector) {
  try {
    return parseXml(text, { file });
  } catch (error) {
    if (!(error instanceof XmlError)) throw error;
    problems.error(error.code, error.message, { file, line: error.line }, error.params);
    return null;
  }
}

export function summarize(contentPackage: ContentPackage): PackageSummary {
  let items = 0;
  let metadata = contentPackage.metadata?.lom.length ?? 0;
  const countItems = (list: Item[]) => {
    for (const item of list) {
      items += 1;
      metadata += item.metadata?.lom.length ?? 0;
      countItems(item.items);
    }
  };
  for (const organization of contentPackage.organizations) {
    metadata += organization.metadata?.lom.length ?? 0;
    countItems(organization.items);
  }
  for (const resource of contentPackage.resources) metadata += resource.metadata?.lom.length ?? 0;
  return {
    organizations: contentPackage.organizations.length,
    items,
    resources: contentPackage.resources.length,
    scos: contentPackage.resources.filter((resource) => resource.scormType === "sco").length,
    metadata,
    learningDesigns: contentPackage.learningDesigns.length,
    subManifests: contentPackage.subManifests.length,
    isResourcePackage: contentPackage.isResourcePackage,
    scormEdition: contentPackage.scormEdition,
  };
}

function result(
  problems: ProblemCollector,
  kind: PackageKind,
  identifier: string | null,
  title: string | null,
  summary: PackageSummary | null,
): ValidatedPackage {
  const errors = problems.errors;
  return {
    ok: errors.length === 0,
    kind,
    identifier,
    title,
    errors,
    warnings: problems.warnings,
    summary,
    contentPackage: null,
    lom: [],
    learningDesign: null,
    vademecum: [],
    assessmentItems: [],
  };
}

/** Before a package can be read its kind is unknown: a .xml file is taken for LOM, anything else for IMS CP. */
function fallbackKind(path: string): PackageKind {
  return /\.xml$/i.test(path) && basename(path).toLowerCase() !== "imsmanifest.xml" ? "lom" : "imscp";
}

function firstText(value: Record<string, string> | null): string | null {
  if (!value) return null;
  return value.en ?? Object.values(value)[0] ?? null;
}
