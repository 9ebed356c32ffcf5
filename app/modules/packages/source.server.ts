import { createReadStream } from "node:fs";
import { lstat, readdir } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { Readable } from "node:stream";
import { MANIFEST_NAME } from "../standards/detect";
import type { ProblemParams } from "../standards/report";
import { openZipSource } from "./zip.server";

/**
 * A package as the importer sees it, whatever it arrived as: a folder, a zip file, or a bare
 * XML file (a LOM record). Entries are listed up front from directory or zip central
 * directory; contents are read lazily, one entry at a time, as streams, so a package is never
 * held in memory as a whole.
 */

export interface PackageEntry {
  /** Path inside the package, "/"-separated, no leading slash. */
  path: string;
  /** Size in bytes (declared size for zip entries; enforced while reading). */
  size: number;
}

export interface PackageSource {
  kind: "folder" | "zip" | "xml";
  /** The file or folder name, for messages (not a full path). */
  name: string;
  entries: readonly PackageEntry[];
  has(path: string): boolean;
  /** Streams an entry's bytes. Zip limits are enforced on the bytes actually inflated. */
  openStream(path: string): Promise<Readable>;
  /** Reads an entry as UTF-8 text, refusing entries over `maxBytes`. */
  readText(path: string, maxBytes?: number): Promise<string>;
  close(): Promise<void>;
}

export interface PackageLimits {
  /** Most entries a zip may have. */
  maxEntries: number;
  /** Most bytes all entries may inflate to together. */
  maxTotalBytes: number;
  /** Highest compression ratio allowed for entries larger than `ratioThresholdBytes`. */
  maxCompressionRatio: number;
  ratioThresholdBytes: number;
  /** Largest XML file (manifest, metadata) read into memory. */
  maxXmlBytes: number;
}

export const DEFAULT_PACKAGE_LIMITS: PackageLimits = {
  maxEntries: 5_000,
  maxTotalBytes: 500 * 1024 * 1024,
  maxCompressionRatio: 100,
  ratioThresholdBytes: 1024 * 1024,
  maxXmlBytes: 20 * 1024 * 1024,
};

/** A package that must be refused as a whole (unsafe or unreadable), with a stable code. */
export class PackageError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly file: string | null = null,
    /** What the message interpolates, for translations (see ProblemParams). */
    readonly params: ProblemParams = {},
  ) {
    super(message);
    this.name = "PackageError";
  }
}

/**
 * Opens a folder, a zip or an XML file. A path to an `imsmanifest.xml` opens its folder.
 * Throws PackageError for unsafe zips (zip-slip, symlinks, encryption, bombs, too many
 * entries) and for paths that do not exist.
 */
export async function readPackageSource(path: string, limits: Partial<PackageLimits> = {}): Promise<PackageSource> {
  const effective = { ...DEFAULT_PACKAGE_LIMITS, ...limits };
  let stats;
  try {
    stats = await lstat(path);
  } catch {
    throw new PackageError("package.not-found", `${basename(path)} does not exist or cannot be read`, null, { name: basename(path) });
  }
  if (stats.isDirectory()) return openFolderSource(path, effective);
  if (!stats.isFile()) throw new PackageError("package.not-a-file", `${basename(path)} is neither a file nor a folder`, null, { name: basename(path) });
  if (basename(path).toLowerCase() === MANIFEST_NAME) return openFolderSource(dirname(path), effective);
  if (/\.xml$/i.test(path)) return openXmlFileSource(path, stats.size, effective);
  return openZipSource(path, effective);
}

async function openFolderSource(root: string, limits: PackageLimits): Promise<PackageSource> {
  const entries: PackageEntry[] = [];
  const walk = async (relative: string) => {
    const names = await readdir(join(root, relative));
    names.sort();
    for (const name of names) {
      const path = relative ? `${relative}/${name}` : name;
      const stats = await lstat(join(root, path));
      if (stats.isSymbolicLink()) {
        throw new PackageError("package.symlink", `${path} is a symbolic link; packages may not contain links`, path, { path });
      }
      if (stats.isDirectory()) await walk(path);
      else if (stats.isFile()) {
        entries.push({ path, size: stats.size });
        if (entries.length > limits.maxEntries) {
          throw new PackageError(
            "package.too-many-entries",
            `the folder has more than ${limits.maxEntries} files; the limit is ${limits.maxEntries}`,
            null,
            { limit: limits.maxEntries },
          );
        }
      }
    }
  };
  await walk("");
  const byPath = new Map(entries.map((entry) => [entry.path, entry]));
  const source: PackageSource = {
    kind: "folder",
    name: basename(root),
    entries,
    has: (path) => byPath.has(path),
    openStream: async (path) => {
      if (!byPath.has(path)) throw new PackageError("package.entry-missing", `${path} is not in the package`, path, { path });
      return createReadStream(join(root, path));
    },
    readText: (path, maxBytes = limits.maxXmlBytes) => readStreamText(source, path, byPath.get(path)?.size ?? 0, maxBytes),
    close: async () => {},
  };
  return source;
}

function openXmlFileSource(path: string, size: number, limits: PackageLimits): PackageSource {
  const name = basename(path);
  const source: PackageSource = {
    kind: "xml",
    name,
    entries: [{ path: name, size }],
    has: (candidate) => candidate === name,
    openStream: async (candidate) => {
      if (candidate !== name) {
        throw new PackageError("package.entry-missing", `${candidate} is not in the package`, candidate, { path: candidate });
      }
      return createReadStream(path);
    },
    readText: (candidate, maxBytes = limits.maxXmlBytes) => readStreamText(source, candidate, size, maxBytes),
    close: async () => {},
  };
  return source;
}

/** Reads a stream into a string, stopping as soon as it passes `maxBytes`. */
export async function readStreamText(
  source: Pick<PackageSource, "openStream">,
  path: string,
  declaredSize: number,
  maxBytes: number,
): Promise<string> {
  if (declaredSize > maxBytes) {
    throw new PackageError("package.file-too-large", `${path} is ${declaredSize} bytes; the limit for XML files is ${maxBytes}`, path, {
      path,
      size: declaredSize,
      limit: maxBytes,
      context: "declared",
    });
  }
  const stream = await source.openStream(path);
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > maxBytes) {
      stream.destroy();
      throw new PackageError("package.file-too-large", `${path} is larger than ${maxBytes} bytes, the limit for XML files`, path, {
        path,
        limit: maxBytes,
      });
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}
