import { z } from "zod";

/**
 * What a reader chooses about their vademecum, as the page's GET form, the download links and
 * the command line say it: the date it states and whether unfinished modules are included.
 */
export const VADEMECUM_FORMATS = ["html", "pdf", "epub"] as const;
export type VademecumFormat = (typeof VADEMECUM_FORMATS)[number];

export const FORMAT_MEDIA_TYPES: Record<VademecumFormat, string> = {
  html: "text/html; charset=utf-8",
  pdf: "application/pdf",
  epub: "application/epub+zip",
};

/** A calendar date "YYYY-MM-DD" that exists (no 31 April). */
export const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
  });

const vademecumQuery = z.object({
  date: calendarDate.optional(),
  inProgress: z.enum(["1", "on", "true"]).optional(),
  format: z.enum(VADEMECUM_FORMATS).optional(),
});

export interface VademecumChoice {
  /** "YYYY-MM-DD" */
  date: string;
  includeInProgress: boolean;
}

export type ParsedQuery =
  | { ok: true; choice: VademecumChoice; format?: VademecumFormat }
  | { ok: false; choice: VademecumChoice; invalid: Array<"date" | "format"> };

/**
 * Reads the page's or a download's query. An empty date means today; an invalid one is
 * reported and replaced by today, so the page can still show the vademecum with the error.
 */
export function parseVademecumQuery(params: URLSearchParams, today: string): ParsedQuery {
  const raw = {
    date: params.get("date")?.trim() || undefined,
    inProgress: params.get("inProgress") ?? undefined,
    format: params.get("format") ?? undefined,
  };
  const parsed = vademecumQuery.safeParse(raw);
  const includeInProgress = raw.inProgress !== undefined && raw.inProgress !== "0";
  if (parsed.success) {
    return { ok: true, choice: { date: parsed.data.date ?? today, includeInProgress }, format: parsed.data.format };
  }
  const invalid = [...new Set(parsed.error.issues.map((issue) => issue.path[0]))].filter(
    (field): field is "date" | "format" => field === "date" || field === "format",
  );
  return { ok: false, choice: { date: calendarDate.safeParse(raw.date).success ? raw.date! : today, includeInProgress }, invalid };
}

/** Today's date in UTC, "YYYY-MM-DD". */
export function utcDate(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** "vademecum-lucia-learner-2025-03-14.pdf": ASCII letters, digits and hyphens only. */
export function downloadFileName(name: string, date: string, format: VademecumFormat): string {
  const slug = name
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return `vademecum${slug ? `-${slug}` : ""}-${date}.${format}`;
}

/**
 * The reader's languages for compiling: the interface language, preceded by the browser's
 * regional variants of it ("en-GB" before "en"), so dates read as the reader expects.
 */
export function readerLanguages(language: string, acceptLanguage: string | null): string[] {
  const variants = (acceptLanguage ?? "")
    .split(",")
    .map((part) => {
      const [tag, ...parameters] = part.trim().split(";");
      const quality = Number(parameters.find((parameter) => parameter.trim().startsWith("q="))?.trim().slice(2) ?? "1");
      return { tag: tag.trim(), quality: Number.isFinite(quality) ? quality : 0 };
    })
    .filter(({ tag, quality }) => quality > 0 && /^[a-z]{2,3}-[A-Za-z0-9-]+$/i.test(tag) && tag.split("-")[0].toLowerCase() === language)
    .sort((a, b) => b.quality - a.quality)
    .map(({ tag }) => tag);
  return [...new Set([...variants, language])];
}
