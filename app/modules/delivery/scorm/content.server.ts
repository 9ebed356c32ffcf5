import fs from "node:fs";
import fsp from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { env } from "../../../utils/env.server";
import type { ScormVersion } from "./cmi";

/**
 * Serving a package's files on the content origin: paths resolved strictly inside the
 * package folder, correct types, and a policy that lets a SCO run its own scripts but talk
 * only to its own origin and be framed only by the app.
 */

const TYPES: Record<string, string> = {
  html: "text/html",
  htm: "text/html",
  xhtml: "application/xhtml+xml",
  js: "text/javascript",
  mjs: "text/javascript",
  css: "text/css",
  json: "application/json",
  xml: "application/xml",
  xsd: "application/xml",
  dtd: "application/xml-dtd",
  txt: "text/plain",
  vtt: "text/vtt",
  svg: "image/svg+xml",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  avif: "image/avif",
  ico: "image/x-icon",
  bmp: "image/bmp",
  mp3: "audio/mpeg",
  m4a: "audio/mp4",
  wav: "audio/wav",
  ogg: "audio/ogg",
  oga: "audio/ogg",
  mp4: "video/mp4",
  m4v: "video/mp4",
  webm: "video/webm",
  ogv: "video/ogg",
  pdf: "application/pdf",
  woff: "font/woff",
  woff2: "font/woff2",
  ttf: "font/ttf",
  otf: "font/otf",
  eot: "application/vnd.ms-fontobject",
  swf: "application/x-shockwave-flash",
  zip: "application/zip",
  wasm: "application/wasm",
};

export function contentType(file: string): string {
  const extension = path.extname(file).slice(1).toLowerCase();
  return TYPES[extension] ?? "application/octet-stream";
}

/** Headers of everything the content origin serves. `framedBy` lists the origins allowed to frame it. */
export function contentHeaders(framedBy: string[], type: string): Headers {
  return new Headers({
    "Content-Type": type,
    "Content-Security-Policy": [
      "default-src 'self'",
      "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "media-src 'self' data: blob:",
      "font-src 'self' data:",
      "connect-src 'self'",
      "frame-src 'self'",
      `frame-ancestors ${framedBy.join(" ")}`,
      "form-action 'self'",
      "base-uri 'self'",
      "object-src 'self'",
    ].join("; "),
    "X-Content-Type-Options": "nosniff",
    // Launch tokens are in the URLs: never send them to another site.
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Resource-Policy": "same-site",
  });
}

/**
 * The absolute path of a file inside a package folder, or null when the path is not a plain
 * relative path (no "..", ".", empty or encoded-separator segments), leaves the folder, goes
 * through a symbolic link or is not a file.
 */
export async function resolvePackageFile(storageKey: string, relativePath: string): Promise<string | null> {
  if (!/^[A-Za-z0-9._-]+$/.test(storageKey) || storageKey.startsWith(".")) return null;
  const segments = relativePath.split("/");
  for (const segment of segments) {
    if (segment === "" || segment === "." || segment === ".." || /[\\\0]/.test(segment)) return null;
  }
  const root = path.resolve(env().CONTENT_DIR, storageKey);
  const candidate = path.join(root, ...segments);
  try {
    const [realRoot, realFile] = await Promise.all([fsp.realpath(root), fsp.realpath(candidate)]);
    if (realFile !== path.join(realRoot, ...segments)) return null;
    const stat = await fsp.stat(realFile);
    return stat.isFile() ? realFile : null;
  } catch {
    return null;
  }
}

/** A package file as a streamed response. */
export async function packageFileResponse(file: string, framedBy: string[], method: string): Promise<Response> {
  const stat = await fsp.stat(file);
  const headers = contentHeaders(framedBy, contentType(file));
  headers.set("Content-Length", String(stat.size));
  headers.set("Cache-Control", "private, max-age=3600");
  headers.set("Last-Modified", stat.mtime.toUTCString());
  if (method === "HEAD") return new Response(null, { status: 200, headers });
  return new Response(createReadableStreamFromReadable(fs.createReadStream(file)), { status: 200, headers });
}

const runtimes = new Map<ScormVersion, string>();

/** scorm-again's browser build for one edition (a plain script that defines window.Scorm12API / Scorm2004API). */
export function scormRuntimeScript(version: ScormVersion): string {
  let script = runtimes.get(version);
  if (script === undefined) {
    const require = createRequire(import.meta.url);
    const file = require.resolve(version === "1.2" ? "scorm-again/scorm12/min" : "scorm-again/scorm2004/min");
    script = fs.readFileSync(file, "utf8").replace(/\n\/\/# sourceMappingURL=.*$/, "\n");
    runtimes.set(version, script);
  }
  return script;
}
