import type { XmlElement, XmlNode } from "../xml";

/**
 * Writes authored XML content (QTI and vademecum bodies reuse XHTML element names in their own
 * namespaces) back out as an HTML string for sanitizeXhtml, by local name. Elements outside
 * `allowed` keep only their content; `skip` drops elements with their content, as are always
 * elements whose content is not text (scripts, styles, embedded objects).
 */
export function serializeMarkup(
  nodes: readonly XmlNode[],
  options: { allowed?: ReadonlySet<string>; skip?: (element: XmlElement) => boolean } = {},
): string {
  let html = "";
  for (const node of nodes) {
    if (node.kind === "text") {
      html += escapeText(node.value);
      continue;
    }
    if (NOT_TEXT.has(node.local) || options.skip?.(node)) continue;
    const inner = serializeMarkup(node.children, options);
    if (options.allowed && !options.allowed.has(node.local)) {
      html += inner;
      continue;
    }
    const attributes = node.attributes
      .filter((attr) => !attr.name.startsWith("xmlns"))
      .map((attr) => ` ${attr.ns ? attr.local : attr.name}="${escapeText(attr.value).replace(/"/g, "&quot;")}"`)
      .join("");
    html += VOID_ELEMENTS.has(node.local) ? `<${node.local}${attributes} />` : `<${node.local}${attributes}>${inner}</${node.local}>`;
  }
  return html;
}

const NOT_TEXT = new Set(["script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math"]);

const VOID_ELEMENTS = new Set(["area", "br", "col", "hr", "img", "input", "wbr"]);

function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
