import { z } from "zod";

/** Learning-time ranges the catalogue filters by, in minutes (upper bound inclusive). */
export const LEARNING_TIME_RANGES = {
  "up-to-60": { min: 0, max: 60 },
  "60-to-90": { min: 61, max: 90 },
  "over-90": { min: 91, max: Number.POSITIVE_INFINITY },
} as const;

export type LearningTimeRange = keyof typeof LEARNING_TIME_RANGES;

const optionalText = z
  .string()
  .trim()
  .max(100)
  .optional()
  .transform((value) => (value ? value : undefined));

/** The catalogue's GET form: every field optional, unknown values ignored rather than refused. */
export const CatalogueFilterSchema = z.object({
  q: optionalText,
  language: optionalText,
  competence: optionalText,
  time: z
    .enum(Object.keys(LEARNING_TIME_RANGES) as [LearningTimeRange, ...LearningTimeRange[]])
    .optional()
    .catch(undefined),
  difficulty: optionalText,
});

export type CatalogueFilters = z.infer<typeof CatalogueFilterSchema>;

export function parseCatalogueFilters(params: URLSearchParams): CatalogueFilters {
  return CatalogueFilterSchema.parse(Object.fromEntries(params.entries()));
}

export function inTimeRange(minutes: number | null, range: LearningTimeRange | undefined): boolean {
  if (!range) return true;
  if (minutes === null) return false;
  const { min, max } = LEARNING_TIME_RANGES[range];
  return minutes >= min && minutes <= max;
}

export interface CatalogueEntryFacts {
  languages: string[];
  competenceCodes: string[];
  learningTimeMinutes: number | null;
  difficulty: string | null;
  searchText: string;
}

/** Whether a course passes every filter set (language matches "it" to "it-CH"). */
export function matchesFilters(entry: CatalogueEntryFacts, filters: Partial<CatalogueFilters>): boolean {
  const base = (tag: string) => tag.toLowerCase().split("-")[0];
  if (filters.language && !entry.languages.some((language) => base(language) === base(filters.language!))) return false;
  if (filters.competence && !entry.competenceCodes.includes(filters.competence)) return false;
  if (!inTimeRange(entry.learningTimeMinutes, filters.time)) return false;
  if (filters.difficulty && entry.difficulty !== filters.difficulty) return false;
  if (filters.q && !entry.searchText.includes(filters.q.toLocaleLowerCase())) return false;
  return true;
}
