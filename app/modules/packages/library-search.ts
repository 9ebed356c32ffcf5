import { z } from "zod";
import { displayNames } from "../../utils/formats";

/**
 * The library's filters, read from the query string of its GET form so a search can be
 * bookmarked and shared. Values that make no sense are dropped rather than refused: a link
 * with an old filter still opens the library.
 */
export const LEARNING_TIMES = {
  "up-to-30": { gt: null, lte: 30 },
  "30-60": { gt: 30, lte: 60 },
  "60-90": { gt: 60, lte: 90 },
  "over-90": { gt: 90, lte: null },
} as const;
export type LearningTimeRange = keyof typeof LEARNING_TIMES;

export interface LibraryFilters {
  q: string;
  language: string;
  competence: string;
  type: string;
  time: LearningTimeRange | "";
}

const optional = (schema: z.ZodType<string>) => schema.catch("");

const FiltersSchema = z.object({
  q: optional(z.string().trim().max(200)),
  language: optional(z.string().trim().regex(/^(?:x-none|[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{1,8})*)$/)),
  competence: optional(z.string().trim().regex(/^\d+\.\d+$/)),
  type: optional(z.string().trim().max(100)),
  time: z.enum(Object.keys(LEARNING_TIMES) as [LearningTimeRange, ...LearningTimeRange[]]).catch("" as LearningTimeRange),
});

export function parseLibraryFilters(searchParams: URLSearchParams): LibraryFilters {
  const raw = Object.fromEntries(
    ["q", "language", "competence", "type", "time"].map((key) => [key, searchParams.get(key) ?? ""]),
  );
  return FiltersSchema.parse(raw) as LibraryFilters;
}

/** The words of a search, lower-cased as the stored searchText is; every word must occur. */
export function searchWords(q: string): string[] {
  return [...new Set(q.toLocaleLowerCase().split(/\s+/).filter(Boolean))].slice(0, 10);
}

export function hasFilters(filters: LibraryFilters): boolean {
  return Object.values(filters).some(Boolean);
}

/** The languages offered for a new row of the edit form: the EU's official languages. */
export const CONTENT_LANGUAGES = [
  "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr",
  "hu", "it", "lt", "lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv",
] as const;

/**
 * Language names in the reader's language, made on the server so that the page and its
 * hydration agree. "x-none" (language not given) is left to the page to name.
 */
export function languageNames(codes: Iterable<string>, uiLanguage: string): Record<string, string> {
  const names = displayNames(uiLanguage, { type: "language", fallback: "code" });
  const result: Record<string, string> = {};
  for (const code of codes) {
    if (code === "x-none" || code in result) continue;
    try {
      result[code] = names.of(code) ?? code;
    } catch {
      result[code] = code;
    }
  }
  return result;
}
