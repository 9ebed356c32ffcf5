import { sanitizeXhtml } from "../../content/sanitize";
import {
  VADEMECUM_ENTRY_KINDS,
  type VademecumEntry,
  type VademecumEntryContent,
  type VademecumEntryKind,
} from "../../vademecum/entry";
import { serializeMarkup } from "../qti/markup";
import { ProblemCollector, type Problem } from "../report";
import { attribute, childElements, parseXml, textContent, XML_NAMESPACE, XmlError, type XmlElement } from "../xml";

/**
 * Reads a module's `vademecum/entries.<lang>.xml` files (docs/decisions/002) and merges them by
 * entry key into VademecumEntry objects with one content record per language. Entries with
 * errors are left out; the others are kept.
 */

export const VADEMECUM_ENTRIES_NAMESPACE = "urn:x-vademecum:entries:1";

const INLINE = new Set(["em", "strong", "code", "a", "br"]);
const BLOCK = new Set([...INLINE, "p", "ul", "ol", "li"]);

type RichField = "purpose" | "risks" | "privacy" | "alternatives" | "definition" | "body";
type PlainField = "summary" | "source";

/** Which children each kind may have, beyond title and summary. */
const FIELDS: Record<VademecumEntryKind, { rich: RichField[]; plain: PlainField[]; items?: "item" | "step"; link?: true }> = {
  tool: { rich: ["purpose", "risks", "privacy", "alternatives"], plain: [] },
  checklist: { rich: [], plain: [], items: "item" },
  guide: { rich: [], plain: [], items: "step" },
  glossary: { rich: ["definition"], plain: [] },
  link: { rich: [], plain: [], link: true },
  story: { rich: ["body"], plain: ["source"] },
  takeaway: { rich: ["body"], plain: [] },
};

export interface EntriesFile {
  /** Package-relative path, e.g. "vademecum/entries.it.xml". */
  file: string;
  text: string;
}

export function parseVademecumEntries(files: readonly EntriesFile[]): { entries: VademecumEntry[]; problems: Problem[] } {
  const problems = new ProblemCollector();
  const entries = new Map<string, VademecumEntry>();
  for (const { file, text } of files) {
    const parsed = readEntriesFile(text, file, problems);
    if (!parsed) continue;
    for (const { entry, line, element } of parsed) {
      const existing = entries.get(entry.key);
      if (!existing) {
        entries.set(entry.key, entry);
        continue;
      }
      const [language] = Object.keys(entry.content);
      if (existing.kind !== entry.kind) {
        problems.error(
          "vademecum.kind-mismatch",
          `Entry "${entry.key}" is a ${entry.kind} here but a ${existing.kind} in another language file.`,
          { file, line, element },
          { key: entry.key, kind: entry.kind, otherKind: existing.kind },
        );
      } else if (existing.content[language]) {
        problems.error(
          "vademecum.duplicate-language",
          `Entry "${entry.key}" already has content in "${language}" from another file.`,
          { file, line, element },
          { key: entry.key, language },
        );
      } else {
        existing.content[language] = entry.content[language];
        existing.competence ??= entry.competence;
        existing.framework ??= entry.framework;
      }
    }
  }
  return { entries: [...entries.values()], problems: problems.problems };
}

function readEntriesFile(
  text: string,
  file: string,
  problems: ProblemCollector,
): { entry: VademecumEntry; line: number; element: string }[] | undefined {
  let root: XmlElement;
  try {
    root = parseXml(text, { file });
  } catch (error) {
    if (!(error instanceof XmlError)) throw error;
    problems.error(error.code, error.message, { file: error.file, line: error.line }, error.params);
    return undefined;
  }
  if (root.local !== "entries" || root.ns !== VADEMECUM_ENTRIES_NAMESPACE) {
    problems.error(
      "vademecum.not-entries",
      `Expected <entries> in namespace ${VADEMECUM_ENTRIES_NAMESPACE}, found <${root.name}>.`,
      { file, line: root.line, element: root.name },
      { namespace: VADEMECUM_ENTRIES_NAMESPACE, element: root.name },
    );
    return undefined;
  }
  const language = attribute(root, "lang", XML_NAMESPACE) ?? /entries\.([A-Za-z0-9-]+)\.xml$/.exec(file)?.[1];
  if (!language) {
    problems.error(
      "vademecum.no-language",
      `${file} says neither in xml:lang nor in its name which language it is in.`,
      { file, line: root.line, element: root.name },
      { file },
    );
    return undefined;
  }
  const framework = attribute(root, "framework");
  const seen = new Set<string>();
  const result: { entry: VademecumEntry; line: number; element: string }[] = [];
  for (const element of childElements(root, "entry")) {
    const at = (node: XmlElement) => ({ file, line: node.line, element: node.name });
    const key = attribute(element, "key")?.trim();
    const kind = attribute(element, "kind");
    if (!key) {
      problems.error("vademecum.entry-without-key", "An entry has no key.", at(element));
      continue;
    }
    if (seen.has(key)) {
      problems.error("vademecum.duplicate-key", `The key "${key}" is used by more than one entry in this file.`, at(element), { key });
      continue;
    }
    seen.add(key);
    if (!kind || !VADEMECUM_ENTRY_KINDS.includes(kind as VademecumEntryKind)) {
      problems.error(
        "vademecum.unknown-kind",
        `Entry "${key}" has kind "${kind ?? ""}"; expected one of ${VADEMECUM_ENTRY_KINDS.join(", ")}.`,
        at(element),
        { key, kind: kind ?? "", expected: VADEMECUM_ENTRY_KINDS.join(", ") },
      );
      continue;
    }
    const content = readContent(element, kind as VademecumEntryKind, key, problems, at);
    if (!content) continue;
    const entry: VademecumEntry = { key, kind: kind as VademecumEntryKind, content: { [language]: content } };
    const competence = attribute(element, "competence")?.trim();
    if (competence) entry.competence = competence;
    if (framework) entry.framework = framework;
    result.push({ entry, line: element.line, element: element.name });
  }
  return result;
}

function readContent(
  element: XmlElement,
  kind: VademecumEntryKind,
  key: string,
  problems: ProblemCollector,
  at: (node: XmlElement) => { file: string; line: number; element: string },
): VademecumEntryContent | undefined {
  const fields = FIELDS[kind];
  const plain = (node: XmlElement) => textContent(node).replace(/\s+/g, " ").trim();
  const rich = (node: XmlElement, allowed: ReadonlySet<string>) => sanitizeXhtml(serializeMarkup(node.children, { allowed }));
  const titleElement = childElements(element, "title")[0];
  const title = titleElement ? plain(titleElement) : "";
  if (!title) {
    problems.error("vademecum.entry-without-title", `Entry "${key}" has no title.`, at(titleElement ?? element), { key });
    return undefined;
  }
  const content: VademecumEntryContent = { title };
  let valid = true;
  for (const child of childElements(element)) {
    const name = child.local;
    if (name === "title") continue;
    if (name === "summary" || (fields.plain as string[]).includes(name)) {
      content[name as PlainField] = plain(child);
    } else if ((fields.rich as string[]).includes(name)) {
      content[name as RichField] = rich(child, name === "body" ? BLOCK : INLINE);
    } else if (fields.items && name === fields.items) {
      const list = (content[name === "item" ? "items" : "steps"] ??= []);
      list.push(rich(child, INLINE));
    } else if (fields.link && name === "link") {
      const href = attribute(child, "href")?.trim() ?? "";
      if (!/^https?:\/\/[^\s]+$/i.test(href)) {
        problems.error(
          "vademecum.link-scheme",
          `Entry "${key}" links to "${href}"; only http and https addresses are allowed.`,
          at(child),
          { key, href },
        );
        valid = false;
      } else content.href = href;
    } else {
      problems.warning("vademecum.unknown-element", `A ${kind} entry has no <${child.name}>; "${key}" is read without it.`, at(child), {
        kind,
        element: child.name,
        key,
      });
    }
  }
  if (fields.link && valid && !content.href) {
    problems.error("vademecum.link-missing", `Link entry "${key}" has no <link href="…"/>.`, at(element), { key });
    valid = false;
  }
  return valid ? content : undefined;
}
