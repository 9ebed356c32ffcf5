import { SaxesParser } from "saxes";
import type { ProblemParams } from "./report";

/**
 * A small, safe XML reader shared by every standard's parser.
 *
 * It builds a lightweight element tree that remembers the line of every element, so problems
 * can be reported by file, element and line. It never fetches anything: DOCTYPE declarations
 * that declare entities are refused (XXE, billion laughs), and depth and size are bounded.
 */

export interface XmlAttribute {
  /** Qualified name as written, e.g. "adlcp:scormType". */
  name: string;
  local: string;
  /** Namespace URI ("" when none). */
  ns: string;
  value: string;
}

export interface XmlElement {
  kind: "element";
  /** Qualified name as written, e.g. "imscp:manifest". */
  name: string;
  local: string;
  /** Namespace URI ("" when none). */
  ns: string;
  attributes: XmlAttribute[];
  children: XmlNode[];
  parent: XmlElement | null;
  line: number;
  column: number;
}

export interface XmlText {
  kind: "text";
  value: string;
}

export type XmlNode = XmlElement | XmlText;

export interface XmlLimits {
  /** Maximum input length in characters. */
  maxLength: number;
  /** Maximum element nesting depth. */
  maxDepth: number;
  /** Maximum number of elements. */
  maxElements: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = {
  maxLength: 20 * 1024 * 1024,
  maxDepth: 256,
  maxElements: 500_000,
};

export class XmlError extends Error {
  readonly file: string;
  readonly line: number | null;
  readonly column: number | null;
  readonly code: string;
  /** What the message interpolates, for translations (see ProblemParams). */
  readonly params: ProblemParams;

  constructor(
    code: string,
    message: string,
    location: { file: string; line?: number | null; column?: number | null },
    params: ProblemParams = {},
  ) {
    super(message);
    this.name = "XmlError";
    this.code = code;
    this.params = params;
    this.file = location.file;
    this.line = location.line ?? null;
    this.column = location.column ?? null;
  }
}

export const XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace";

/** Parses an XML document into an element tree. Throws XmlError with file and line. */
export function parseXml(
  text: string,
  options: { file: string; limits?: Partial<XmlLimits> },
): XmlElement {
  const limits = { ...DEFAULT_XML_LIMITS, ...options.limits };
  const file = options.file;
  if (text.length > limits.maxLength) {
    throw new XmlError(
      "xml.too-large",
      `${file} is ${text.length} characters long; the limit is ${limits.maxLength}`,
      { file },
      { file, length: text.length, limit: limits.maxLength },
    );
  }
  // A byte-order mark is legal at the start; saxes does not expect it.
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;

  const parser = new SaxesParser({ xmlns: true, position: true, fileName: file });
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let elementCount = 0;
  let failure: XmlError | null = null;

  const fail = (code: string, message: string, params: ProblemParams) => {
    failure ??= new XmlError(code, message, { file, line: parser.line, column: parser.column }, { file, ...params });
  };

  parser.on("doctype", (doctype) => {
    if (/<!ENTITY/i.test(doctype)) {
      fail("xml.entity-declaration", `${file} declares DTD entities, which are not allowed (line ${parser.line})`, {
        line: parser.line,
      });
    }
  });
  parser.on("opentag", (tag) => {
    if (failure) return;
    elementCount += 1;
    if (elementCount > limits.maxElements) {
      fail("xml.too-many-elements", `${file} has more than ${limits.maxElements} elements`, { limit: limits.maxElements });
      return;
    }
    if (stack.length >= limits.maxDepth) {
      fail("xml.too-deep", `${file} nests elements more than ${limits.maxDepth} levels deep`, { limit: limits.maxDepth });
      return;
    }
    const parent = stack[stack.length - 1] ?? null;
    const element: XmlElement = {
      kind: "element",
      name: tag.name,
      local: tag.local,
      ns: tag.uri ?? "",
      attributes: Object.values(tag.attributes).map((attribute) => ({
        name: attribute.name,
        local: attribute.local,
        ns: attribute.uri ?? "",
        value: attribute.value,
      })),
      children: [],
      parent,
      line: parser.line,
      column: parser.column,
    };
    if (parent) parent.children.push(element);
    else root = element;
    if (!tag.isSelfClosing) stack.push(element);
  });
  parser.on("closetag", (tag) => {
    if (failure) return;
    if (!tag.isSelfClosing) stack.pop();
  });
  const addText = (value: string) => {
    if (failure) return;
    const parent = stack[stack.length - 1];
    if (!parent) return;
    const last = parent.children[parent.children.length - 1];
    if (last && last.kind === "text") last.value += value;
    else parent.children.push({ kind: "text", value });
  };
  parser.on("text", addText);
  parser.on("cdata", addText);
  const notWellFormed = (error: Error) => {
    const detail = cleanSaxesMessage(error.message, file);
    fail("xml.not-well-formed", `${file} is not well-formed XML: ${detail}`, { detail });
  };
  parser.on("error", notWellFormed);

  try {
    parser.write(source).close();
  } catch (error) {
    if (!failure) notWellFormed(error as Error);
  }
  if (failure) throw failure;
  if (!root) throw new XmlError("xml.empty", `${file} has no root element`, { file, line: 1 }, { file });
  return root;
}

/** saxes prefixes messages with "file:line:column: "; the report shows those separately. */
function cleanSaxesMessage(message: string, file: string): string {
  const prefix = new RegExp(`^${escapeRegExp(file)}:\\d+:\\d+: `);
  return message.replace(prefix, "");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Child elements, optionally only those with this local name (any namespace). */
export function childElements(element: XmlElement, local?: string): XmlElement[] {
  const result: XmlElement[] = [];
  for (const child of element.children) {
    if (child.kind === "element" && (local === undefined || child.local === local)) result.push(child);
  }
  return result;
}

/** The first child element with this local name (any namespace), if any. */
export function childElement(element: XmlElement, local: string): XmlElement | undefined {
  for (const child of element.children) {
    if (child.kind === "element" && child.local === local) return child;
  }
  return undefined;
}

/** An attribute's value by local name, preferring one in the given namespace. */
export function attribute(element: XmlElement, local: string, ns?: string): string | undefined {
  let fallback: string | undefined;
  for (const attr of element.attributes) {
    if (attr.local !== local) continue;
    if (ns === undefined || attr.ns === ns) return attr.value;
    fallback ??= attr.value;
  }
  return ns === undefined ? undefined : fallback;
}

/** The concatenated text content of an element and its descendants. */
export function textContent(element: XmlElement): string {
  let text = "";
  for (const child of element.children) {
    text += child.kind === "text" ? child.value : textContent(child);
  }
  return text;
}

/** The xml:lang in force for an element (its own or an ancestor's). */
export function inheritedLanguage(element: XmlElement): string | undefined {
  for (let node: XmlElement | null = element; node; node = node.parent) {
    const lang = attribute(node, "lang", XML_NAMESPACE);
    if (lang !== undefined) return lang;
  }
  return undefined;
}
