import { XML_NAMESPACE, attribute, type XmlElement } from "../xml";
import { lomBinding } from "../lom/read";
import { IMSSS_NAMESPACE } from "./sequencing";

/**
 * Layer 1: an `imsmanifest.xml` element tree → raw types named after the IMS Content Packaging
 * (1.1.x/1.2), SCORM 1.2 and SCORM 2004 elements and attributes, values as written. Nothing
 * is resolved or checked here; see ./package.ts.
 */

export const ADLCP_12_NAMESPACE = "http://www.adlnet.org/xsd/adlcp_rootv1p2";
export const ADLCP_2004_NAMESPACE = "http://www.adlnet.org/xsd/adlcp_v1p3";
export const ADLNAV_NAMESPACE = "http://www.adlnet.org/xsd/adlnav_v1p3";
export const IMSLD_NAMESPACE = "http://www.imsglobal.org/xsd/imsld_v1p0";

export interface RawLocation {
  line: number;
}

export interface RawMetadata extends RawLocation {
  schema: string | null;
  schemaversion: string | null;
  /** Inline `lom` elements (any LOM binding). */
  lom: XmlElement[];
  /** `adlcp:location` hrefs of external metadata files. */
  locations: { href: string; line: number }[];
  /** LOM category elements written straight into `<metadata>` without a `lom` wrapper (OCW). */
  looseLom: XmlElement | null;
}

export interface RawPrerequisites {
  type: string | null;
  value: string;
}

export interface RawCompletionThreshold {
  completedByMeasure: string | null;
  minProgressMeasure: string | null;
  progressWeight: string | null;
  /** 3rd edition writes the threshold as element text. */
  text: string | null;
}

export interface RawItem extends RawLocation {
  identifier: string | null;
  identifierref: string | null;
  isvisible: string | null;
  parameters: string | null;
  title: string | null;
  items: RawItem[];
  metadata: RawMetadata | null;
  /** SCORM 1.2 adlcp elements. */
  masteryscore: string | null;
  maxtimeallowed: string | null;
  timelimitaction: string | null;
  datafromlms: string | null;
  prerequisites: RawPrerequisites | null;
  /** SCORM 2004 adlcp elements. */
  completionThreshold: RawCompletionThreshold | null;
  dataFromLMS: string | null;
  timeLimitAction: string | null;
  /** SCORM 2004 4th edition adlcp:data/adlcp:map (shared data buckets). */
  data: { targetID: string; readSharedData: string | null; writeSharedData: string | null }[];
  /** adlnav:presentation/navigationInterface/hideLMSUI values. */
  hideLMSUI: string[];
  sequencing: XmlElement | null;
}

export interface RawOrganization extends RawLocation {
  identifier: string | null;
  structure: string | null;
  title: string | null;
  items: RawItem[];
  metadata: RawMetadata | null;
  sequencing: XmlElement | null;
  objectivesGlobalToSystem: string | null;
  sharedDataGlobalToSystem: string | null;
}

export interface RawOrganizations extends RawLocation {
  default: string | null;
  organizations: RawOrganization[];
  /** IMS Learning Design `learning-design` elements (a unit of learning). */
  learningDesigns: XmlElement[];
}

export interface RawFile extends RawLocation {
  href: string | null;
  metadata: RawMetadata | null;
}

export interface RawResource extends RawLocation {
  identifier: string | null;
  type: string | null;
  href: string | null;
  base: string | null;
  /** adlcp:scormtype (1.2) or adlcp:scormType (2004), whichever is present. */
  scormType: string | null;
  /** Which SCORM the scormType attribute belongs to, by its namespace (or spelling). */
  scormTypeVersion: "1.2" | "2004" | null;
  files: RawFile[];
  dependencies: { identifierref: string | null; line: number }[];
  metadata: RawMetadata | null;
}

export interface RawResources extends RawLocation {
  base: string | null;
  resources: RawResource[];
}

export interface RawManifest extends RawLocation {
  /** The manifest element's namespace: tells IMS CP 1.1.2 (SCORM 1.2), 1.1.4, CC. */
  namespace: string;
  identifier: string | null;
  version: string | null;
  base: string | null;
  /** Namespaces declared anywhere on the manifest element (prefix → URI). */
  declaredNamespaces: Record<string, string>;
  metadata: RawMetadata | null;
  organizations: RawOrganizations | null;
  resources: RawResources | null;
  manifests: RawManifest[];
  /** imsss:sequencingCollection children. */
  sequencingCollection: XmlElement[];
}

export function readManifest(element: XmlElement): RawManifest {
  const declaredNamespaces: Record<string, string> = {};
  for (const attr of element.attributes) {
    if (attr.name === "xmlns") declaredNamespaces[""] = attr.value;
    else if (attr.name.startsWith("xmlns:")) declaredNamespaces[attr.name.slice(6)] = attr.value;
  }
  const manifest: RawManifest = {
    line: element.line,
    namespace: element.ns,
    identifier: attribute(element, "identifier") ?? null,
    version: attribute(element, "version") ?? null,
    base: xmlBase(element),
    declaredNamespaces,
    metadata: null,
    organizations: null,
    resources: null,
    manifests: [],
    sequencingCollection: [],
  };
  for (const child of elements(element)) {
    switch (child.local) {
      case "metadata":
        manifest.metadata = readMetadata(child);
        break;
      case "organizations":
        manifest.organizations = readOrganizations(child);
        break;
      case "resources":
        manifest.resources = readResources(child);
        break;
      case "manifest":
        manifest.manifests.push(readManifest(child));
        break;
      case "sequencingCollection":
        if (child.ns === IMSSS_NAMESPACE) manifest.sequencingCollection.push(...elements(child));
        break;
    }
  }
  return manifest;
}

const LOOSE_LOM_CATEGORIES = new Set([
  "general",
  "lifecycle",
  "metametadata",
  "technical",
  "educational",
  "rights",
  "relation",
  "annotation",
  "classification",
  "taxonpath",
]);

function readMetadata(element: XmlElement): RawMetadata {
  const metadata: RawMetadata = {
    line: element.line,
    schema: null,
    schemaversion: null,
    lom: [],
    locations: [],
    looseLom: null,
  };
  for (const child of elements(element)) {
    if (child.local === "schema") metadata.schema = text(child);
    else if (child.local === "schemaversion") metadata.schemaversion = text(child);
    else if (child.local === "lom" && lomBinding(child.ns) !== null) metadata.lom.push(child);
    else if (child.local === "location") {
      const href = text(child);
      if (href) metadata.locations.push({ href, line: child.line });
    } else if (LOOSE_LOM_CATEGORIES.has(child.local.toLowerCase()) && lomBinding(child.ns) !== null) {
      metadata.looseLom = element;
    }
  }
  return metadata;
}

function readOrganizations(element: XmlElement): RawOrganizations {
  const organizations: RawOrganizations = {
    line: element.line,
    default: attribute(element, "default") ?? null,
    organizations: [],
    learningDesigns: [],
  };
  for (const child of elements(element)) {
    if (child.local === "organization") organizations.organizations.push(readOrganization(child));
    else if (child.local === "learning-design" && child.ns === IMSLD_NAMESPACE) organizations.learningDesigns.push(child);
  }
  return organizations;
}

function readOrganization(element: XmlElement): RawOrganization {
  const organization: RawOrganization = {
    line: element.line,
    identifier: attribute(element, "identifier") ?? null,
    structure: attribute(element, "structure") ?? null,
    title: null,
    items: [],
    metadata: null,
    sequencing: null,
    objectivesGlobalToSystem: attribute(element, "objectivesGlobalToSystem") ?? null,
    sharedDataGlobalToSystem: attribute(element, "sharedDataGlobalToSystem") ?? null,
  };
  for (const child of elements(element)) {
    if (child.local === "title") organization.title = text(child);
    else if (child.local === "item") organization.items.push(readItem(child));
    else if (child.local === "metadata") organization.metadata = readMetadata(child);
    else if (child.local === "sequencing" && child.ns === IMSSS_NAMESPACE) organization.sequencing = child;
  }
  return organization;
}

function readItem(element: XmlElement): RawItem {
  const item: RawItem = {
    line: element.line,
    identifier: attribute(element, "identifier") ?? null,
    identifierref: attribute(element, "identifierref") ?? null,
    isvisible: attribute(element, "isvisible") ?? null,
    parameters: attribute(element, "parameters") ?? null,
    title: null,
    items: [],
    metadata: null,
    masteryscore: null,
    maxtimeallowed: null,
    timelimitaction: null,
    datafromlms: null,
    prerequisites: null,
    completionThreshold: null,
    dataFromLMS: null,
    timeLimitAction: null,
    data: [],
    hideLMSUI: [],
    sequencing: null,
  };
  for (const child of elements(element)) {
    switch (child.local) {
      case "title":
        item.title = text(child);
        break;
      case "item":
        item.items.push(readItem(child));
        break;
      case "metadata":
        item.metadata = readMetadata(child);
        break;
      case "masteryscore":
        item.masteryscore = text(child);
        break;
      case "maxtimeallowed":
        item.maxtimeallowed = text(child);
        break;
      case "timelimitaction":
        item.timelimitaction = text(child);
        break;
      case "datafromlms":
        item.datafromlms = rawText(child);
        break;
      case "prerequisites":
        item.prerequisites = { type: attribute(child, "type") ?? null, value: text(child) ?? "" };
        break;
      case "completionThreshold":
        item.completionThreshold = {
          completedByMeasure: attribute(child, "completedByMeasure") ?? null,
          minProgressMeasure: attribute(child, "minProgressMeasure") ?? null,
          progressWeight: attribute(child, "progressWeight") ?? null,
          text: text(child),
        };
        break;
      case "dataFromLMS":
        item.dataFromLMS = rawText(child);
        break;
      case "timeLimitAction":
        item.timeLimitAction = text(child);
        break;
      case "data":
        for (const map of elements(child)) {
          if (map.local !== "map") continue;
          item.data.push({
            targetID: attribute(map, "targetID") ?? "",
            readSharedData: attribute(map, "readSharedData") ?? null,
            writeSharedData: attribute(map, "writeSharedData") ?? null,
          });
        }
        break;
      case "presentation":
        for (const navigation of elements(child)) {
          for (const hide of elements(navigation)) {
            const value = hide.local === "hideLMSUI" ? text(hide) : null;
            if (value) item.hideLMSUI.push(value);
          }
        }
        break;
      case "sequencing":
        if (child.ns === IMSSS_NAMESPACE) item.sequencing = child;
        break;
    }
  }
  return item;
}

function readResources(element: XmlElement): RawResources {
  return {
    line: element.line,
    base: xmlBase(element),
    resources: elements(element)
      .filter((child) => child.local === "resource")
      .map((child) => readResource(child)),
  };
}

function readResource(element: XmlElement): RawResource {
  let scormType: string | null = null;
  let scormTypeVersion: RawResource["scormTypeVersion"] = null;
  for (const attr of element.attributes) {
    if (attr.local === "scormType" || attr.local === "scormtype") {
      scormType = attr.value;
      if (attr.ns === ADLCP_12_NAMESPACE) scormTypeVersion = "1.2";
      else if (attr.ns === ADLCP_2004_NAMESPACE) scormTypeVersion = "2004";
      else scormTypeVersion = attr.local === "scormtype" ? "1.2" : "2004";
    }
  }
  const resource: RawResource = {
    line: element.line,
    identifier: attribute(element, "identifier") ?? null,
    type: attribute(element, "type") ?? null,
    href: attribute(element, "href") ?? null,
    base: xmlBase(element),
    scormType,
    scormTypeVersion,
    files: [],
    dependencies: [],
    metadata: null,
  };
  for (const child of elements(element)) {
    if (child.local === "file") {
      const metadata = elements(child).find((grandchild) => grandchild.local === "metadata");
      resource.files.push({
        line: child.line,
        href: attribute(child, "href") ?? null,
        metadata: metadata ? readMetadata(metadata) : null,
      });
    } else if (child.local === "dependency") {
      resource.dependencies.push({ identifierref: attribute(child, "identifierref") ?? null, line: child.line });
    } else if (child.local === "metadata") {
      resource.metadata = readMetadata(child);
    }
  }
  return resource;
}

function xmlBase(element: XmlElement): string | null {
  for (const attr of element.attributes) {
    if (attr.local === "base" && attr.ns === XML_NAMESPACE) return attr.value;
  }
  return null;
}

function elements(element: XmlElement): XmlElement[] {
  const result: XmlElement[] = [];
  for (const child of element.children) if (child.kind === "element") result.push(child);
  return result;
}

function rawText(element: XmlElement): string {
  let result = "";
  for (const child of element.children) result += child.kind === "text" ? child.value : rawText(child);
  return result;
}

function text(element: XmlElement): string | null {
  const value = rawText(element).trim();
  return value.length > 0 ? value : null;
}
