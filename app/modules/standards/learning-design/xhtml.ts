import { sanitizeXhtml } from "../../content/sanitize";
import { ProblemCollector, type Problem, type ProblemParams } from "../report";
import { attribute, inheritedLanguage, parseXml, textContent, XmlError, type XmlElement, type XmlNode } from "../xml";
import { LD_NAMESPACE, type Property, type PropertyDatatype, type PropertyGroup } from "./model";

/**
 * IMS LD level B lets XHTML learning objects show and set property values through the "global
 * elements" of the LD namespace: `view-property`, `view-property-group`, `set-property` and
 * `set-property-group`. This turns such a page into a render model for the player: sanitized
 * XHTML in which each global element has become a placeholder token, plus what each token
 * stands for (a value to show, or form fields to set). It knows nothing of React or of the run.
 */

export const XHTML_NAMESPACE = "http://www.w3.org/1999/xhtml";

/** `property-of`: whose value — the viewer's own, or that of the person a support activity supports. */
export type PropertyOf = "self" | "supported-person";

/** `view`: the value alone, or preceded by the property's title. */
export type PropertyView = "value" | "title-value";

export type FieldInput = "text" | "textarea" | "number" | "checkbox" | "select" | "datetime" | "url";

/** A form field for one property, with what the browser and the server must check. */
export interface PropertyField {
  propertyRef: string;
  label: string | null;
  datatype: PropertyDatatype;
  input: FieldInput;
  /** Enumeration restrictions: the allowed values, in order. */
  options: string[];
  min: number | null;
  max: number | null;
  maxLength: number | null;
  pattern: string | null;
}

export type Placeholder =
  | { kind: "view-property"; propertyRef: string; title: string | null; view: PropertyView; propertyOf: PropertyOf }
  | { kind: "view-property-group"; groupRef: string; title: string | null; view: PropertyView; propertyOf: PropertyOf; propertyRefs: string[] }
  | { kind: "set-property"; field: PropertyField; view: PropertyView; propertyOf: PropertyOf }
  | { kind: "set-property-group"; groupRef: string; title: string | null; fields: PropertyField[]; view: PropertyView; propertyOf: PropertyOf };

export interface LdXhtmlContent {
  /** The page's `<title>`: the title a learner sees for the activity. */
  title: string | null;
  language: string | null;
  /** Sanitized XHTML of the body, with placeholderToken(i) where placeholders[i] goes. */
  html: string;
  placeholders: Placeholder[];
}

const VOID_ELEMENTS = new Set(["area", "br", "col", "hr", "img", "input", "wbr"]);

const TOKEN_START = "\uE000";
const TOKEN_END = "\uE001";
const TOKEN = /\uE000ld:(\d+)\uE001/g;

/** The text that marks placeholder i in LdXhtmlContent.html. */
export function placeholderToken(index: number): string {
  return `${TOKEN_START}ld:${index}${TOKEN_END}`;
}

/** Replaces every placeholder token with what render returns for it (already safe HTML). */
export function fillPlaceholders(content: LdXhtmlContent, render: (placeholder: Placeholder, index: number) => string): string {
  return content.html.replace(TOKEN, (_match, index: string) => {
    const placeholder = content.placeholders[Number(index)];
    return placeholder ? render(placeholder, Number(index)) : "";
  });
}

export interface LdXhtmlContext {
  /** Package-relative path of the page, used in problems. */
  file: string;
  properties: readonly Property[];
  propertyGroups: readonly PropertyGroup[];
}

export function readLdXhtml(text: string, context: LdXhtmlContext): { content?: LdXhtmlContent; problems: Problem[] } {
  const problems = new ProblemCollector();
  let root: XmlElement;
  try {
    root = parseXml(text, { file: context.file });
  } catch (error) {
    if (!(error instanceof XmlError)) throw error;
    problems.error(error.code, error.message, { file: error.file, line: error.line }, error.params);
    return { problems: problems.problems };
  }
  const converter = new Converter(context, problems);
  const head = findElement(root, "head");
  const titleElement = head && findElement(head, "title");
  const body = findElement(root, "body") ?? root;
  const html = sanitizeXhtml(converter.children(body));
  const title = titleElement ? textContent(titleElement).replace(/\s+/g, " ").trim() : "";
  return {
    content: {
      title: title === "" ? null : title,
      language: inheritedLanguage(body) ?? attribute(root, "lang") ?? null,
      html,
      placeholders: converter.placeholders,
    },
    problems: problems.problems,
  };
}

class Converter {
  readonly placeholders: Placeholder[] = [];
  private readonly properties: Map<string, Property>;
  private readonly groups: Map<string, PropertyGroup>;

  constructor(
    private readonly context: LdXhtmlContext,
    private readonly problems: ProblemCollector,
  ) {
    this.properties = new Map(context.properties.map((property) => [property.identifier, property]));
    this.groups = new Map(context.propertyGroups.map((group) => [group.identifier, group]));
  }

  children(element: XmlElement): string {
    return element.children.map((child) => this.node(child)).join("");
  }

  private node(node: XmlNode): string {
    if (node.kind === "text") return escapeText(node.value.replace(/[\uE000\uE001]/g, ""));
    if (node.ns === LD_NAMESPACE) return this.globalElement(node);
    if (node.ns !== XHTML_NAMESPACE && node.ns !== "") return this.children(node);
    const attributes = node.attributes
      .filter((attr) => !attr.name.startsWith("xmlns"))
      .map((attr) => ` ${attr.ns ? attr.local : attr.name}="${escapeAttribute(attr.value)}"`)
      .join("");
    if (VOID_ELEMENTS.has(node.local)) return `<${node.local}${attributes} />`;
    return `<${node.local}${attributes}>${this.children(node)}</${node.local}>`;
  }

  private globalElement(element: XmlElement): string {
    const ref = attribute(element, "ref");
    const view: PropertyView = attribute(element, "view") === "title-value" ? "title-value" : "value";
    const propertyOf: PropertyOf = attribute(element, "property-of") === "supported-person" ? "supported-person" : "self";
    const where = { file: this.context.file, line: element.line, element: element.name };
    const params: ProblemParams = ref ? { element: element.name, ref } : { element: element.name };
    const isGroup = element.local === "view-property-group" || element.local === "set-property-group";
    if (!["view-property", "set-property", "view-property-group", "set-property-group"].includes(element.local)) {
      this.problems.warning("ld.xhtml.unknown-element", `<${element.name}> is not an IMS LD global element; it is left out.`, where, params);
      return "";
    }
    if (!ref) {
      this.problems.error("ld.xhtml.missing-ref", `<${element.name}> has no ref attribute.`, where, params);
      return "";
    }
    if (isGroup && !this.groups.has(ref)) {
      this.problems.error("ld.xhtml.unknown-property-group", `<${element.name}> refers to "${ref}", which is not a property-group of the design.`, where, params);
      return "";
    }
    if (!isGroup && !this.properties.has(ref)) {
      this.problems.error("ld.xhtml.unknown-property", `<${element.name}> refers to "${ref}", which is not a property of the design.`, where, params);
      return "";
    }
    let placeholder: Placeholder;
    if (element.local === "view-property") {
      placeholder = { kind: "view-property", propertyRef: ref, title: this.properties.get(ref)!.title, view, propertyOf };
    } else if (element.local === "set-property") {
      placeholder = { kind: "set-property", field: propertyField(this.properties.get(ref)!), view, propertyOf };
    } else {
      const group = this.groups.get(ref)!;
      const propertyRefs = this.groupMembers(group, new Set());
      placeholder =
        element.local === "view-property-group"
          ? { kind: "view-property-group", groupRef: ref, title: group.title, view, propertyOf, propertyRefs }
          : {
              kind: "set-property-group",
              groupRef: ref,
              title: group.title,
              fields: propertyRefs.flatMap((propertyRef) => {
                const property = this.properties.get(propertyRef);
                return property ? [propertyField(property)] : [];
              }),
              view,
              propertyOf,
            };
    }
    this.placeholders.push(placeholder);
    return placeholderToken(this.placeholders.length - 1);
  }

  /** The properties of a group and of the groups it contains, each once, in order. */
  private groupMembers(group: PropertyGroup, seen: Set<string>): string[] {
    if (seen.has(group.identifier)) return [];
    seen.add(group.identifier);
    const members = [...group.propertyRefs];
    for (const nested of group.propertyGroupRefs) {
      const inner = this.groups.get(nested);
      if (inner) members.push(...this.groupMembers(inner, seen));
    }
    return [...new Set(members)];
  }
}

/** The form field for a property: input type by datatype, limits from its restrictions. */
export function propertyField(property: Property): PropertyField {
  const restriction = (type: string) => property.restrictions.find((candidate) => candidate.type === type)?.value;
  const number = (value: string | undefined) => (value !== undefined && value !== "" && Number.isFinite(Number(value)) ? Number(value) : null);
  const options = property.restrictions.filter((candidate) => candidate.type === "enumeration").map((candidate) => candidate.value);
  const input: FieldInput =
    options.length > 0
      ? "select"
      : property.datatype === "boolean"
        ? "checkbox"
        : property.datatype === "integer" || property.datatype === "real"
          ? "number"
          : property.datatype === "text"
            ? "textarea"
            : property.datatype === "datetime"
              ? "datetime"
              : property.datatype === "uri"
                ? "url"
                : "text";
  return {
    propertyRef: property.identifier,
    label: property.title,
    datatype: property.datatype,
    input,
    options,
    min: number(restriction("minInclusive")),
    max: number(restriction("maxInclusive")),
    maxLength: number(restriction("maxLength") ?? restriction("length")),
    pattern: restriction("pattern") ?? null,
  };
}

function findElement(root: XmlElement, local: string): XmlElement | undefined {
  for (const child of root.children) {
    if (child.kind !== "element") continue;
    if (child.local === local) return child;
    const found = findElement(child, local);
    if (found) return found;
  }
  return undefined;
}

function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, "&quot;");
}
