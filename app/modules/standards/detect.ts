import { isLomElement } from "./lom/read";
import type { RawManifest } from "./content-packaging/raw";
import { ADLCP_12_NAMESPACE, ADLCP_2004_NAMESPACE } from "./content-packaging/raw";
import type { XmlElement } from "./xml";

/**
 * Telling what a file or package is before reading it in earnest: where its manifest is,
 * whether it is an AICC course, and which standard a manifest follows.
 */

export type PackageKind = "imscp" | "scorm12" | "scorm2004" | "imsld" | "commoncartridge" | "lom";
export type ScormEdition = "2nd" | "3rd" | "4th";

export const MANIFEST_NAME = "imsmanifest.xml";

export type PackageLayout =
  | { kind: "manifest"; path: string }
  | { kind: "manifest-in-subfolder"; path: string }
  | { kind: "aicc"; files: string[] }
  | { kind: "none" };

/** AICC course structure files (.crs course, .au assignable units, .des, .cst structure). */
const AICC_EXTENSIONS = /\.(crs|au|des|cst|ort|pre|cmp)$/i;

/**
 * Where the manifest is, given every path in a package ("a/b.html", no leading slash).
 * `__MACOSX/` entries (resource forks added by macOS) are ignored. Names compare
 * case-insensitively because packages built on Windows write "IMSManifest.xml".
 */
export function detectPackageLayout(paths: Iterable<string>): PackageLayout {
  const nested: string[] = [];
  const aicc: string[] = [];
  for (const path of paths) {
    if (isIgnoredPath(path)) continue;
    const lower = path.toLowerCase();
    if (lower === MANIFEST_NAME) return { kind: "manifest", path };
    if (lower.endsWith(`/${MANIFEST_NAME}`)) nested.push(path);
    if (AICC_EXTENSIONS.test(lower)) aicc.push(path);
  }
  if (nested.length > 0) {
    nested.sort((a, b) => a.split("/").length - b.split("/").length || a.localeCompare(b));
    return { kind: "manifest-in-subfolder", path: nested[0] };
  }
  if (aicc.some((path) => /\.(crs|au|cst)$/i.test(path))) return { kind: "aicc", files: aicc.sort() };
  return { kind: "none" };
}

/** Entries an importer skips: macOS resource forks and Finder files. */
export function isIgnoredPath(path: string): boolean {
  return path.startsWith("__MACOSX/") || path === ".DS_Store" || path.endsWith("/.DS_Store");
}

/** What a standalone XML document is. */
export function detectXmlDocument(root: XmlElement): "manifest" | "lom" | "unknown" {
  if (root.local === "manifest") return "manifest";
  if (isLomElement(root)) return "lom";
  return "unknown";
}

export interface ManifestKind {
  kind: Exclude<PackageKind, "lom">;
  /** SCORM 2004 edition, when the manifest says. */
  scormEdition: ScormEdition | null;
}

const COMMON_CARTRIDGE = /imscc|imsccv\d|imscp_v1p1\/imscc/i;
const CC_RESOURCE_TYPE = /imscc_|imsdt_|imswl_|imsbasiclti|associatedcontent\/imscc/i;

/**
 * The standard a manifest follows. An `imsld:learning-design` in organizations makes it a
 * unit of learning. Common Cartridge is recognised by its namespaces, its metadata schema or
 * its resource types. SCORM 2004 by the adlcp v1.3 namespace or schemaversion "2004 …"/"CAM
 * 1.3"; SCORM 1.2 by schemaversion "1.2" with schema "ADL SCORM" or by `adlcp:scormtype` from
 * the 1.2 namespace. Merely declaring the 1.2 adlcp namespace (MIT OCW does, to use
 * `adlcp:location`) does not make a package SCORM.
 */
export function detectManifestKind(manifest: RawManifest): ManifestKind {
  if (manifest.organizations && manifest.organizations.learningDesigns.length > 0) {
    return { kind: "imsld", scormEdition: null };
  }
  const schema = manifest.metadata?.schema?.trim().toLowerCase() ?? "";
  const version = manifest.metadata?.schemaversion?.trim() ?? "";
  const namespaces = Object.values(manifest.declaredNamespaces);
  const resources = manifest.resources?.resources ?? [];
  const types = resources.map((resource) => resource.type ?? "");
  const usesScormType = {
    v12: resources.some((resource) => resource.scormTypeVersion === "1.2"),
    v2004: resources.some((resource) => resource.scormTypeVersion === "2004"),
  };
  if (
    schema.includes("common cartridge") ||
    COMMON_CARTRIDGE.test(manifest.namespace) ||
    types.some((type) => CC_RESOURCE_TYPE.test(type))
  ) {
    return { kind: "commoncartridge", scormEdition: null };
  }
  const edition = scormEdition(version);
  if (
    edition !== null ||
    /^2004\b/.test(version) ||
    usesScormType.v2004 ||
    (schema === "adl scorm" && namespaces.includes(ADLCP_2004_NAMESPACE))
  ) {
    return { kind: "scorm2004", scormEdition: edition };
  }
  if ((schema === "adl scorm" && version === "1.2") || usesScormType.v12) return { kind: "scorm12", scormEdition: null };
  if (schema === "adl scorm" && namespaces.includes(ADLCP_12_NAMESPACE)) return { kind: "scorm12", scormEdition: null };
  return { kind: "imscp", scormEdition: null };
}

function scormEdition(version: string): ScormEdition | null {
  const lower = version.toLowerCase();
  if (lower === "cam 1.3" || /2004\s*2nd/.test(lower)) return "2nd";
  if (/2004\s*3rd/.test(lower)) return "3rd";
  if (/2004\s*4th/.test(lower)) return "4th";
  return null;
}
