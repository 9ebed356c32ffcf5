/**
 * Language negotiation, pure. The UI language follows the user's own setting, then the
 * language they picked on this browser, then the browser's Accept-Language, then English.
 */
export const DEFAULT_LANGUAGE = "en";

/** Parses an Accept-Language header into tags ordered by preference. */
export function parseAcceptLanguage(header: string | null | undefined): string[] {
  if (!header) return [];
  return header
    .split(",")
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((entry) => entry.tag && entry.tag !== "*" && entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index)
    .map((entry) => entry.tag);
}

/** The supported language that best matches a tag ("it-CH" → "it"), if any. */
export function matchLanguage(tag: string | null | undefined, supported: readonly string[]): string | undefined {
  if (!tag) return undefined;
  const lower = tag.toLowerCase();
  return (
    supported.find((language) => language.toLowerCase() === lower) ??
    supported.find((language) => language.toLowerCase() === lower.split("-")[0])
  );
}

export function negotiateLanguage(
  sources: { userSetting?: string | null; cookie?: string | null; acceptLanguage?: string | null },
  supported: readonly string[],
): string {
  return (
    matchLanguage(sources.userSetting, supported) ??
    matchLanguage(sources.cookie, supported) ??
    parseAcceptLanguage(sources.acceptLanguage)
      .map((tag) => matchLanguage(tag, supported))
      .find((language) => language !== undefined) ??
    DEFAULT_LANGUAGE
  );
}
