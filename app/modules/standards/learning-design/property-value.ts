import { isDuration } from "./duration";
import type { PropertyDatatype, PropertyValue, Restriction } from "./model";

/**
 * Typing and restriction checks for IMS LD property values, shared by the importer (initial
 * values), the XHTML forms (set-property) and the run-time engine (setProperty).
 */

export type ParsedValue = { ok: true; value: PropertyValue } | { ok: false };

const DATETIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?$/;

/** Reads a value given as text (or already typed) into the stored form of the datatype. */
export function parsePropertyValue(datatype: PropertyDatatype, input: PropertyValue): ParsedValue {
  const text = String(input).trim();
  switch (datatype) {
    case "boolean":
      if (input === true || text === "true" || text === "1") return { ok: true, value: true };
      if (input === false || text === "false" || text === "0") return { ok: true, value: false };
      return { ok: false };
    case "integer":
      return /^[+-]?\d+$/.test(text) ? { ok: true, value: Number(text) } : { ok: false };
    case "real": {
      if (text === "" || !/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(text)) return { ok: false };
      return { ok: true, value: Number(text) };
    }
    case "datetime":
      return DATETIME.test(text) && !Number.isNaN(Date.parse(text)) ? { ok: true, value: text } : { ok: false };
    case "duration":
      return isDuration(text) ? { ok: true, value: text } : { ok: false };
    case "uri":
      return /^\S+$/.test(text) ? { ok: true, value: text } : { ok: false };
    default:
      return { ok: true, value: typeof input === "string" ? input : text };
  }
}

/** The first restriction the value breaks, described in plain words, or null when it keeps them all. */
export function restrictionViolation(value: PropertyValue, restrictions: readonly Restriction[]): string | null {
  const text = String(value);
  const enumeration = restrictions.filter((restriction) => restriction.type === "enumeration");
  if (enumeration.length > 0 && !enumeration.some((restriction) => restriction.value === text)) {
    return `must be one of ${enumeration.map((restriction) => `"${restriction.value}"`).join(", ")}`;
  }
  for (const { type, value: limit } of restrictions) {
    const number = Number(limit);
    switch (type) {
      case "length":
        if (text.length !== number) return `must be exactly ${limit} characters long`;
        break;
      case "minLength":
        if (text.length < number) return `must be at least ${limit} characters long`;
        break;
      case "maxLength":
        if (text.length > number) return `must be at most ${limit} characters long`;
        break;
      case "minInclusive":
        if (compare(value, limit) < 0) return `must be at least ${limit}`;
        break;
      case "maxInclusive":
        if (compare(value, limit) > 0) return `must be at most ${limit}`;
        break;
      case "minExclusive":
        if (compare(value, limit) <= 0) return `must be more than ${limit}`;
        break;
      case "maxExclusive":
        if (compare(value, limit) >= 0) return `must be less than ${limit}`;
        break;
      case "totalDigits":
        if (text.replace(/[^0-9]/g, "").length > number) return `must have at most ${limit} digits`;
        break;
      case "fractionDigits":
        if ((text.split(".")[1] ?? "").length > number) return `must have at most ${limit} decimals`;
        break;
      case "pattern":
        if (!safePattern(limit).test(text)) return `must match the pattern ${limit}`;
        break;
      default:
        break;
    }
  }
  return null;
}

/** Numbers compare as numbers; dates and other texts in their lexical order (ISO dates sort correctly). */
function compare(value: PropertyValue, limit: string): number {
  if (typeof value === "number") return value - Number(limit);
  const text = String(value);
  return text < limit ? -1 : text > limit ? 1 : 0;
}

/** XSD patterns match the whole value. An invalid pattern matches nothing rather than throwing. */
function safePattern(pattern: string): RegExp {
  try {
    return new RegExp(`^(?:${pattern})$`, "u");
  } catch {
    return /(?!)/;
  }
}
