import { displayNames } from "../../utils/formats";
/**
 * Paths inside a stored package: the learner's language version of a content file (decision
 * 002: content/<lang>/<same name>), containment of requested paths, and how the file route
 * serves each kind of file.
 */

const CONTENT_FILE = /^content\/([^/]+)\/(.+)$/;

/** The package's language that serves a wanted language ("it-CH" → "it"), if any. */
export function matchPackageLanguage(wanted: string, languages: readonly string[]): string | null {
  const lower = wanted.toLowerCase();
  return (
    languages.find((language) => language.toLowerCase() === lower) ??
    languages.find((language) => language.toLowerCase().split("-")[0] === lower.split("-")[0]) ??
    null
  );
}

/**
 * The file to show for href in the learner's language: content/<lang>/<name> when the package
 * has it, else href itself (the default language's file). language is the language of the file
 * returned, for the lang attribute.
 */
export function localizedPath(
  href: string,
  wanted: string,
  pack: { languages: readonly string[]; defaultLanguage: string },
  exists: (path: string) => boolean,
): { path: string; language: string } {
  const match = CONTENT_FILE.exec(href);
  if (!match) return { path: href, language: pack.defaultLanguage };
  const [, hrefLanguage, name] = match;
  const language = matchPackageLanguage(wanted, pack.languages);
  if (language && language !== hrefLanguage) {
    const candidate = `content/${language}/${name}`;
    if (exists(candidate)) return { path: candidate, language };
  }
  return { path: href, language: matchPackageLanguage(hrefLanguage, pack.languages) ?? pack.defaultLanguage };
}

/**
 * A request path made safe to join to the package folder: percent-decoded, forward slashes, no
 * empty, "." or ".." segments, no absolute or drive paths, no NUL. Null when it is not safe.
 */
export function safeRelativePath(requested: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(requested);
  } catch {
    return null;
  }
  if (decoded === "" || decoded.includes("\0") || decoded.includes("\\") || decoded.startsWith("/") || /^[a-zA-Z]:/.test(decoded)) {
    return null;
  }
  const segments = decoded.split("/");
  if (segments.some((segment) => segment === "" || segment === "." || segment === "..")) return null;
  return segments.join("/");
}

export interface FileDelivery {
  contentType: string;
  /** Shown in the browser (images, PDF) or always downloaded. */
  disposition: "inline" | "attachment";
}

const INLINE_TYPES: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  pdf: "application/pdf",
};

const DOWNLOAD_TYPES: Record<string, string> = {
  csv: "text/csv; charset=utf-8",
  txt: "text/plain; charset=utf-8",
  json: "application/json",
  xml: "application/xml",
  svg: "image/svg+xml",
  mp3: "audio/mpeg",
  mp4: "video/mp4",
  zip: "application/zip",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  odt: "application/vnd.oasis.opendocument.text",
  ods: "application/vnd.oasis.opendocument.spreadsheet",
};

/** Pages are never served as files: XHTML learning objects are rendered by the player after sanitizing. */
const NEVER_SERVED = new Set(["html", "htm", "xhtml", "shtml", "xht", "js", "mjs"]);

/** How the file route serves a path, or null when it must not serve it at all. */
export function fileDelivery(path: string): FileDelivery | null {
  const extension = /\.([a-zA-Z0-9]+)$/.exec(path)?.[1]?.toLowerCase() ?? "";
  if (NEVER_SERVED.has(extension)) return null;
  const inline = INLINE_TYPES[extension];
  if (inline) return { contentType: inline, disposition: "inline" };
  return { contentType: DOWNLOAD_TYPES[extension] ?? "application/octet-stream", disposition: "attachment" };
}

/** The strict policy for package files: nothing runs, nothing loads but images of this site. */
export const FILE_CSP = "default-src 'none'; img-src 'self'; style-src 'self' 'unsafe-inline'; sandbox";

/** Whether a learning-object item is XHTML the player renders itself. */
export function isXhtml(href: string): boolean {
  return /\.(xhtml|html?)$/i.test(href);
}

/**
 * The languages a package's content comes in: its content/<lang>/ folders, kept to those its
 * LOM record declares when it declares any (a content/sco/ folder holds a SCO, not Scots).
 */
export function contentLanguages(pack: {
  languages: readonly string[];
  lom: { general: { languages: string[] }; educational: { languages: string[] }[] } | null;
}): string[] {
  const declared = new Set(
    [...(pack.lom?.general.languages ?? []), ...(pack.lom?.educational.flatMap((educational) => educational.languages) ?? [])].map(
      (language) => language.toLowerCase().split("-")[0],
    ),
  );
  if (declared.size === 0) return [...pack.languages];
  return pack.languages.filter((language) => declared.has(language.toLowerCase().split("-")[0]));
}

/** Language names in the reader's language, computed once on the server (browsers' names differ). */
export function languageNames(tags: readonly string[], readerLanguage: string): Record<string, string> {
  const names = displayNames(readerLanguage, { type: "language", fallback: "code" });
  return Object.fromEntries(tags.map((tag) => [tag, names.of(tag) ?? tag]));
}
