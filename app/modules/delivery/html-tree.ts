import { placeholderToken } from "../standards/learning-design/xhtml";
import { parseXml, XmlError, type XmlElement, type XmlNode } from "../standards/xml";

/**
 * Sanitized XHTML as a small tree the page renders with React, so that the placeholders of IMS
 * LD global elements (set-property, view-property) become real form fields and values instead
 * of markup strings. The input is the output of readLdXhtml (already sanitized); the tree keeps
 * only elements and attributes the sanitizer allows.
 */
export type HtmlNode =
  | { type: "text"; value: string }
  | { type: "element"; name: string; attributes: Record<string, string>; children: HtmlNode[] }
  | { type: "placeholder"; index: number };

const [TOKEN_START, TOKEN_END] = placeholderToken(0).split("ld:0");
const TOKEN = new RegExp(`${TOKEN_START}ld:(\\d+)${TOKEN_END}`, "g");

/**
 * Builds the tree. For whole pages (dropHeading), loose text before the first element is
 * dropped: it is the page's own h1 (not among the sanitized tags), and the player shows the
 * title as its heading.
 */
export function htmlTree(html: string, options: { dropHeading?: boolean } = {}): HtmlNode[] {
  let root: XmlElement;
  try {
    root = parseXml(`<div xmlns="http://www.w3.org/1999/xhtml">${html}</div>`, { file: "content" });
  } catch (error) {
    if (!(error instanceof XmlError)) throw error;
    return [{ type: "text", value: html.replace(/<[^>]*>/g, "") }];
  }
  const nodes = root.children.flatMap(convert);
  if (!options.dropHeading) return nodes;
  const firstElement = nodes.findIndex((node) => node.type !== "text");
  const leading = firstElement < 0 ? [] : nodes.slice(0, firstElement);
  return leading.some((node) => node.type === "placeholder") ? nodes : nodes.slice(Math.max(firstElement, 0));
}

function convert(node: XmlNode): HtmlNode[] {
  if (node.kind === "text") return splitText(node.value);
  const attributes: Record<string, string> = {};
  for (const attribute of node.attributes) {
    if (attribute.name.startsWith("xmlns")) continue;
    attributes[attribute.ns ? attribute.local : attribute.name] = attribute.value;
  }
  return [{ type: "element", name: node.local, attributes, children: node.children.flatMap(convert) }];
}

function splitText(text: string): HtmlNode[] {
  const nodes: HtmlNode[] = [];
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    if (match.index > last) nodes.push({ type: "text", value: text.slice(last, match.index) });
    nodes.push({ type: "placeholder", index: Number(match[1]) });
    last = match.index + match[0].length;
  }
  if (last < text.length) nodes.push({ type: "text", value: text.slice(last) });
  return nodes;
}
