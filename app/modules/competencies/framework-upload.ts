import { importCasePackage } from "./case-import";
import { FRAMEWORK_FORMAT, parseFramework, type CompetenceFramework, type ParseResult } from "./framework";

export type FrameworkFileKind = "vademecum" | "case";

/**
 * Reads an uploaded framework file: the product's framework JSON (docs/frameworks.md, section 1)
 * or an IMS CASE 1.0 package (section 2), told apart by their content. Every problem carries the
 * JSON path of its place; text that is not JSON is a problem at "$".
 */
export function parseFrameworkUpload(text: string): ParseResult<CompetenceFramework> & { kind?: FrameworkFileKind } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [{ path: "$", message: `not JSON: ${(error as Error).message}` }] };
  }
  const kind = frameworkFileKind(json);
  if (!kind) {
    return {
      ok: false,
      errors: [
        {
          path: "$",
          message: `neither a framework file ("format": "${FRAMEWORK_FORMAT}") nor an IMS CASE package (CFDocument, CFItems, CFAssociations)`,
        },
      ],
    };
  }
  return { ...(kind === "case" ? importCasePackage(json) : parseFramework(json)), kind };
}

function frameworkFileKind(json: unknown): FrameworkFileKind | undefined {
  if (!json || typeof json !== "object" || Array.isArray(json)) return undefined;
  if ("format" in json) return "vademecum";
  if ("CFPackage" in json || "CFDocument" in json) return "case";
  return undefined;
}
