import { Transform, type Readable, type TransformCallback } from "node:stream";
import { basename } from "node:path";
import yauzl, { type Entry, type ZipFile } from "yauzl";
import { PackageError, readStreamText, type PackageEntry, type PackageLimits, type PackageSource } from "./source.server";

/**
 * A zip package, read with yauzl from its central directory; entries are inflated only when
 * asked for. Refused before any content is read: more entries than allowed (counted from the
 * end-of-central-directory record, so a 10,000-entry zip is refused at once), names that are
 * absolute or climb out with "..", symbolic links (Unix mode in the external attributes),
 * encrypted entries, a declared total size over the limit and entries whose declared
 * compression ratio is suspicious. While streaming, the bytes actually inflated are counted
 * against the declared size, the ratio and the total, so headers that lie do not help a bomb.
 */
export async function openZipSource(path: string, limits: PackageLimits): Promise<PackageSource> {
  const name = basename(path);
  let zip: ZipFile;
  try {
    zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true });
  } catch (error) {
    const detail = (error as Error).message;
    throw new PackageError("zip.unreadable", `${name} is not a readable zip file: ${detail}`, null, { name, detail });
  }
  try {
    if (zip.entryCount > limits.maxEntries) {
      throw new PackageError(
        "zip.too-many-entries",
        `${name} has ${zip.entryCount} entries; the limit is ${limits.maxEntries}`,
        null,
        { name, entries: zip.entryCount, limit: limits.maxEntries },
      );
    }
    const entries = await listEntries(zip, name, limits);
    return zipSource(zip, name, entries, limits);
  } catch (error) {
    zip.close();
    throw error;
  }
}

interface ZipEntryInfo extends PackageEntry {
  entry: Entry;
}

async function listEntries(zip: ZipFile, name: string, limits: PackageLimits): Promise<Map<string, ZipEntryInfo>> {
  const entries = new Map<string, ZipEntryInfo>();
  let declaredTotal = 0;
  await new Promise<void>((resolve, reject) => {
    const fail = (error: unknown) => {
      zip.removeAllListeners("entry");
      reject(error);
    };
    zip.on("error", fail);
    zip.on("end", () => resolve());
    zip.on("entry", (entry: Entry) => {
      try {
        const path = entryPath(entry, name);
        const mode = (entry.externalFileAttributes >>> 16) & 0o170000;
        if (mode === 0o120000) {
          throw new PackageError("zip.symlink", `${name}: entry "${path}" is a symbolic link; packages may not contain links`, path, { name, path });
        }
        if ((entry.generalPurposeBitFlag & 0x1) !== 0) {
          throw new PackageError("zip.encrypted", `${name}: entry "${path}" is encrypted; packages must not be password-protected`, path, {
            name,
            path,
          });
        }
        if (!path.endsWith("/")) {
          declaredTotal += entry.uncompressedSize;
          if (declaredTotal > limits.maxTotalBytes) {
            throw new PackageError(
              "zip.too-large",
              `${name} unpacks to more than ${limits.maxTotalBytes} bytes (the limit) according to its directory`,
              null,
              { name, limit: limits.maxTotalBytes, context: "declared" },
            );
          }
          checkRatio(entry.uncompressedSize, entry.compressedSize, path, name, limits);
          entries.set(path, { path, size: entry.uncompressedSize, entry });
        }
        zip.readEntry();
      } catch (error) {
        fail(error);
      }
    });
    zip.readEntry();
  });
  return entries;
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * The entry's name, decoded and checked. The zip spec says names without the UTF-8 flag (and
 * without an Info-ZIP Unicode path field) are CP437, but macOS and many tools write UTF-8
 * without setting the flag; a name that is valid UTF-8 is therefore read as UTF-8.
 */
function entryPath(entry: Entry, name: string): string {
  const raw = entry.fileName as unknown as Buffer;
  let decoded = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, raw, entry.extraFields, false);
  const flagged = (entry.generalPurposeBitFlag & 0x800) !== 0;
  if (!flagged && raw.some((byte) => byte >= 0x80) && !entry.extraFields.some((field) => field.id === 0x7075)) {
    try {
      decoded = strictUtf8.decode(raw).replace(/\\/g, "/");
    } catch {
      // Not UTF-8: keep the CP437 reading.
    }
  }
  if (decoded.includes("\0")) throw new PackageError("zip.bad-name", `${name}: an entry name contains a NUL character`, null, { name });
  if (/^[a-zA-Z]:/.test(decoded) || decoded.startsWith("/")) {
    throw new PackageError("zip.absolute-path", `${name}: entry "${decoded}" has an absolute path; zip entries must be relative`, decoded, {
      name,
      path: decoded,
    });
  }
  if (decoded.split("/").includes("..")) {
    throw new PackageError(
      "zip.path-escapes",
      `${name}: entry "${decoded}" would be written outside the package (zip-slip); the package is refused`,
      decoded,
      { name, path: decoded },
    );
  }
  return decoded.replace(/^(\.\/)+/, "");
}

function checkRatio(size: number, compressed: number, path: string, name: string, limits: PackageLimits): void {
  if (size <= limits.ratioThresholdBytes) return;
  if (size / Math.max(compressed, 1) > limits.maxCompressionRatio) {
    const ratio = Math.round(size / Math.max(compressed, 1));
    throw new PackageError(
      "zip.compression-ratio",
      `${name}: entry "${path}" inflates ${ratio} times its compressed size (limit ${limits.maxCompressionRatio}:1); this looks like a zip bomb`,
      path,
      { name, path, ratio, limit: limits.maxCompressionRatio, context: "declared" },
    );
  }
}

/** yauzl's own checks (sizes, CRC, compression) reported in the package's words. */
function corrupt(error: Error, path: string, name: string): PackageError {
  if (/too (many|few) bytes/.test(error.message)) {
    return new PackageError("zip.size-mismatch", `${name}: entry "${path}" does not inflate to the size its header declares`, path, {
      name,
      path,
    });
  }
  return new PackageError("zip.corrupt-entry", `${name}: entry "${path}" cannot be read: ${error.message}`, path, {
    name,
    path,
    detail: error.message,
  });
}

function zipSource(zip: ZipFile, name: string, entries: Map<string, ZipEntryInfo>, limits: PackageLimits): PackageSource {
  let inflatedTotal = 0;
  const list = [...entries.values()].map(({ path, size }) => ({ path, size }));
  const source: PackageSource = {
    kind: "zip",
    name,
    entries: list,
    has: (path) => entries.has(path),
    openStream: async (path) => {
      const info = entries.get(path);
      if (!info) throw new PackageError("package.entry-missing", `${path} is not in the package`, path, { path });
      const stream = await zip.openReadStreamPromise(info.entry);
      let count = 0;
      const guard = new Transform({
        transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
          count += chunk.length;
          inflatedTotal += chunk.length;
          if (count > info.size) {
            callback(
              new PackageError("zip.size-mismatch", `${name}: entry "${path}" inflates to more bytes than its header declares`, path, {
                name,
                path,
                context: "inflated",
              }),
            );
          } else if (inflatedTotal > limits.maxTotalBytes) {
            callback(
              new PackageError("zip.too-large", `${name} inflated to more than ${limits.maxTotalBytes} bytes, the limit`, path, {
                name,
                limit: limits.maxTotalBytes,
              }),
            );
          } else if (count > limits.ratioThresholdBytes && count / Math.max(info.entry.compressedSize, 1) > limits.maxCompressionRatio) {
            callback(
              new PackageError(
                "zip.compression-ratio",
                `${name}: entry "${path}" inflates beyond ${limits.maxCompressionRatio}:1; this looks like a zip bomb`,
                path,
                { name, path, limit: limits.maxCompressionRatio },
              ),
            );
          } else callback(null, chunk);
        },
      });
      stream.on("error", (error) => guard.destroy(error instanceof PackageError ? error : corrupt(error, path, name)));
      guard.on("error", () => stream.destroy());
      return stream.pipe(guard) as Readable;
    },
    readText: (path, maxBytes = limits.maxXmlBytes) =>
      readStreamText(source, path, entries.get(path)?.size ?? 0, maxBytes),
    close: async () => zip.close(),
  };
  return source;
}
