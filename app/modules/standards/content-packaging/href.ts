/**
 * Resolving the hrefs of a content package to paths inside it.
 *
 * `xml:base` composes from the manifest to `resources` to `resource` (and into sub-manifests),
 * each relative to the one before, and the href is relative to the result. Hrefs are URI
 * references: percent-encoded names ("%E8%8B%B1%E5%9B%BD.xml" is "英国.xml") are decoded;
 * a query or fragment is kept for launching but is not part of the file's path.
 *
 * A package must never point outside itself: hrefs that are absolute paths, carry a drive
 * letter or a non-web scheme, or climb above the package root with ".." are refused. Web
 * URLs (http, https) are allowed: a resource may be a link to the web; they are reported so
 * an author notices.
 */

export type ResolvedHref =
  | { kind: "file"; path: string; suffix: string }
  | { kind: "url"; url: string }
  /** `reason` completes a sentence that starts with the element, e.g. `resource href "/a.html" is absolute…`. */
  | { kind: "invalid"; code: string; reason: string; params: { href: string } };

const SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:/;
const WEB = /^https?:\/\//i;

/** Resolves `href` against the xml:base values in force, outermost first. */
export function resolveHref(bases: readonly (string | null | undefined)[], href: string): ResolvedHref {
  const parts = [...bases.filter((base): base is string => !!base && base.trim() !== ""), href.trim()];
  let path = "";
  for (const part of parts) {
    const value = part.replace(/\\/g, "/");
    if (WEB.test(value)) {
      path = value;
      continue;
    }
    if (SCHEME.test(value) || value.startsWith("/")) {
      return {
        kind: "invalid",
        code: "cp.href.absolute",
        reason: `"${part}" is absolute; package paths must be relative to the package root`,
        params: { href: part },
      };
    }
    path = WEB.test(path) ? new URL(value, path).toString() : directoryOf(path) + value;
  }
  if (WEB.test(path)) return { kind: "url", url: path };

  const cut = path.search(/[?#]/);
  const suffix = cut >= 0 ? path.slice(cut) : "";
  const raw = cut >= 0 ? path.slice(0, cut) : path;
  const segments: string[] = [];
  for (const encoded of raw.split("/")) {
    let segment: string;
    try {
      segment = decodeURIComponent(encoded);
    } catch {
      return { kind: "invalid", code: "cp.href.bad-encoding", reason: `"${href}" has a malformed percent-encoding`, params: { href } };
    }
    if (segment === "" || segment === ".") continue;
    if (segment === "..") {
      if (segments.length === 0) {
        return {
          kind: "invalid",
          code: "cp.href.escapes",
          reason: `"${href}" points outside the package (it climbs above the package root with "..")`,
          params: { href },
        };
      }
      segments.pop();
      continue;
    }
    if (segment.includes("/") || segment.includes("\\") || segment.includes("\0")) {
      return { kind: "invalid", code: "cp.href.bad-name", reason: `"${href}" encodes a path separator or NUL in a name`, params: { href } };
    }
    segments.push(segment);
  }
  if (segments.length === 0) return { kind: "invalid", code: "cp.href.empty", reason: `"${href}" names no file`, params: { href } };
  return { kind: "file", path: segments.join("/"), suffix };
}

/** The directory part of a relative base: "a/b/" stays, "a/b" (a file) becomes "a/". */
function directoryOf(path: string): string {
  if (path === "") return "";
  const slash = path.lastIndexOf("/");
  return slash >= 0 ? path.slice(0, slash + 1) : "";
}
