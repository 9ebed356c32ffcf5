import type { VCard } from "./model";

/** The vCard quirks met in real records, reported so a catalogue owner can fix them. */
export type VCardQuirk = "indented" | "space-after-colon" | "not-a-vcard";

/**
 * Reads the few vCard (RFC 2426) properties a learning platform shows: FN, ORG and EMAIL.
 * Keeps the text as written in `raw`. Tolerates vCards whose every line is indented (the XML
 * was pretty-printed), values with a space after the colon ("FN: Jane"), and entities that are
 * plain names rather than vCards (then the whole text is the formatted name).
 */
export function parseVCard(text: string, quirks?: Set<VCardQuirk>): VCard {
  const raw = text;
  const trimmed = text.trim();
  if (!/^BEGIN\s*:\s*VCARD/i.test(trimmed)) {
    quirks?.add("not-a-vcard");
    return { raw, fn: trimmed || null, org: null, email: null };
  }
  const properties = unfold(trimmed, quirks);
  let fn: string | null = null;
  let org: string | null = null;
  let email: string | null = null;
  let name: string | null = null;
  for (const line of properties) {
    const colon = line.indexOf(":");
    if (colon < 0) continue;
    const head = line.slice(0, colon);
    const nameAndGroup = head.split(";")[0].toUpperCase();
    const property = nameAndGroup.includes(".") ? nameAndGroup.slice(nameAndGroup.indexOf(".") + 1) : nameAndGroup;
    let value = line.slice(colon + 1);
    if (/^\s/.test(value)) {
      quirks?.add("space-after-colon");
      value = value.trim();
    }
    if (property === "FN" && fn === null) fn = unescapeText(value) || null;
    else if (property === "ORG" && org === null) org = joinComponents(value) || null;
    else if (property === "EMAIL" && email === null) email = unescapeText(value) || null;
    else if (property === "N" && name === null) name = nameFromN(value);
  }
  return { raw, fn: fn ?? name, org, email };
}

/**
 * Splits a vCard into logical lines. RFC 2426 folds long lines by starting the continuation
 * with a space; a pretty-printer instead indents every line. A line that starts with white
 * space and then looks like a property ("NAME:" or "NAME;param:") is an indented property.
 */
function unfold(text: string, quirks?: Set<VCardQuirk>): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  const result: string[] = [];
  for (const line of lines) {
    if (/^[ \t]/.test(line) && result.length > 0) {
      const content = line.trimStart();
      if (/^[A-Za-z0-9.-]+(;[^:]*)?:/.test(content)) {
        quirks?.add("indented");
        result.push(content.trimEnd());
      } else if (content.length > 0) {
        result[result.length - 1] += line.slice(1);
      }
    } else if (line.trim().length > 0) {
      result.push(line.trimEnd());
    }
  }
  return result;
}

function unescapeText(value: string): string {
  return value
    .replace(/\\([nN,;\\])/g, (_, char: string) => (char === "n" || char === "N" ? "\n" : char))
    .trim();
}

/** Structured values (ORG: name;unit;unit) are shown joined by commas. */
function joinComponents(value: string): string {
  return value
    .split(/(?<!\\);/)
    .map((part) => unescapeText(part))
    .filter((part) => part.length > 0)
    .join(", ");
}

/** N is family;given;additional;prefix;suffix — used only when FN is missing. */
function nameFromN(value: string): string | null {
  const [family = "", given = "", additional = "", prefix = "", suffix = ""] = value
    .split(/(?<!\\);/)
    .map((part) => unescapeText(part));
  const name = [prefix, given, additional, family, suffix].filter((part) => part.length > 0).join(" ");
  return name || null;
}
