import { parseManifest } from "../../../standards/content-packaging/package";
import { ProblemCollector } from "../../../standards/report";
import { buildActivityTree, type ActivityTree } from "./activity-tree";
import type { RuntimeReport } from "./rollup";

/**
 * Test support: a SCORM 2004 activity tree from a few lines of manifest XML, read through the
 * same parser the importer uses. `items` is the organization's item XML; every identifierref
 * gets a SCO resource.
 */
export function courseTree(items: string, rootSequencing = ""): ActivityTree {
  const resources = [...new Set([...items.matchAll(/identifierref="([^"]+)"/g)].map((match) => match[1]))]
    .map((id) => `<resource identifier="${id}" type="webcontent" adlcp:scormType="sco" href="${id}.html"/>`)
    .join("");
  const xml = `<?xml version="1.0"?>
<manifest identifier="test" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
  xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
  <organizations default="course"><organization identifier="course"><title>Course</title>
    ${items}
    ${rootSequencing}
  </organization></organizations>
  <resources>${resources}</resources>
</manifest>`;
  const problems = new ProblemCollector();
  const contentPackage = parseManifest(xml, { file: "imsmanifest.xml", problems });
  if (problems.errors.length > 0) throw new Error(problems.errors.map((problem) => problem.message).join("; "));
  return buildActivityTree(contentPackage.organizations[0]);
}

/** `<item>` with a SCO, and optional sequencing XML inside it. */
export function sco(id: string, sequencing = ""): string {
  return `<item identifier="${id}" identifierref="r-${id}"><title>${id}</title>${sequencing}</item>`;
}

/** `<item>` cluster around children, with optional sequencing XML. */
export function cluster(id: string, children: string[], sequencing = ""): string {
  return `<item identifier="${id}"><title>${id}</title>${children.join("")}${sequencing}</item>`;
}

export const FLOW = `<imsss:sequencing><imsss:controlMode flow="true"/></imsss:sequencing>`;

export const passed: RuntimeReport = { completionStatus: "completed", successStatus: "passed", scoreScaled: 1, progressMeasure: 1 };
export const failed: RuntimeReport = { completionStatus: "completed", successStatus: "failed", scoreScaled: 0, progressMeasure: 1 };

export const NOW = new Date("2025-03-01T10:00:00Z");
