import sanitizeHtml from "sanitize-html";
import { sanitizeXhtml } from "../content/sanitize";
import { parseXml, XmlError, type XmlElement } from "../standards/xml";

/**
 * Authored rich text on its way into a compiled vademecum. Every fragment is sanitized again
 * (whatever the import did), parsed into a small tree that all renderers walk, and written back
 * as XHTML that is well-formed XML and valid HTML5 at once.
 */
export interface RichElement {
  /** Lower-case element name from sanitizeXhtml's allow-list. */
  tag: string;
  attributes: Array<[name: string, value: string]>;
  children: RichNode[];
}

export type RichNode = RichElement | string;

/** Images are kept only as embedded raster or SVG data; anything else would be fetched. */
const EMBEDDED_IMAGE = /^data:image\/(png|jpeg|gif|webp|svg\+xml)[;,]/i;

const VOID_ELEMENTS = new Set(["br", "hr", "img"]);

/** Characters XML 1.0 does not allow, even as references (lone surrogates included). */
const NOT_XML = /[^\t\n\r\u0020-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Escapes text for XML and HTML content and double-quoted attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** Sanitizes an authored fragment and parses it. */
export function parseRichText(html: string): RichNode[] {
  const clean = sanitizeXhtml(html).replace(NOT_XML, "");
  let root: XmlElement;
  try {
    root = parseXml(`<div>${clean}</div>`, { file: "fragment" });
  } catch (error) {
    if (!(error instanceof XmlError)) throw error;
    return [plainText(clean)];
  }
  return convertChildren(root);
}

/**
 * Writes nodes as markup. In "xhtml" every `lang` is doubled as `xml:lang`, as XHTML content
 * documents in an EPUB expect.
 */
export function serializeRichText(nodes: readonly RichNode[], flavour: "html" | "xhtml"): string {
  let out = "";
  for (const node of nodes) {
    if (typeof node === "string") {
      out += escapeXml(node);
      continue;
    }
    let attributes = "";
    for (const [name, value] of node.attributes) {
      attributes += ` ${name}="${escapeXml(value)}"`;
      if (name === "lang" && flavour === "xhtml") attributes += ` xml:lang="${escapeXml(value)}"`;
    }
    out += VOID_ELEMENTS.has(node.tag)
      ? `<${node.tag}${attributes}/>`
      : `<${node.tag}${attributes}>${serializeRichText(node.children, flavour)}</${node.tag}>`;
  }
  return out;
}

/** Sanitizes an authored fragment and writes it back as markup. */
export function richTextMarkup(html: string, flavour: "html" | "xhtml"): string {
  return serializeRichText(parseRichText(html), flavour);
}

/** The value of an attribute of a rich element. */
export function richAttribute(element: RichElement, name: string): string | undefined {
  return element.attributes.find(([attributeName]) => attributeName === name)?.[1];
}

function convertChildren(element: XmlElement): RichNode[] {
  const nodes: RichNode[] = [];
  for (const child of element.children) {
    if (child.kind === "text") {
      nodes.push(child.value);
      continue;
    }
    const attributes = child.attributes.map(
      (attribute): [string, string] => [attribute.name, attribute.value],
    );
    const tag = child.local.toLowerCase();
    if (tag === "img") {
      const src = attributes.find(([name]) => name === "src")?.[1] ?? "";
      if (!EMBEDDED_IMAGE.test(src)) continue;
    }
    // Authored headings sit inside an entry, below the entry's own heading levels.
    const shifted = /^h[1-6]$/.test(tag) ? "h6" : tag;
    nodes.push({ tag: shifted, attributes, children: convertChildren(child) });
  }
  return nodes;
}

/** The text of a fragment that could not be parsed, without any markup. */
function plainText(html: string): string {
  return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} })
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}
