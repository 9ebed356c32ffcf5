import fs from "node:fs";
import path from "node:path";
import type { Db } from "../../utils/db.server";
import { env } from "../../utils/env.server";
import type { PackageModel } from "../packages/model";
import { safeRelativePath } from "./package-paths";

/**
 * Read access to stored package versions. A version never changes after import (a re-import is
 * a new version with a new storage key), so models and small text files are cached per process.
 */

export interface StoredVersion {
  model: PackageModel;
  /** The folder of its files under CONTENT_DIR. */
  storageKey: string;
}

const MAX_CACHED = 64;
const versions = new Map<string, StoredVersion>();

/** A stored package version (the most recently used few stay parsed in memory), or null when there is none. */
export async function storedVersion(db: Db, packageId: string): Promise<StoredVersion | null> {
  const cached = versions.get(packageId);
  if (cached) {
    versions.delete(packageId);
    versions.set(packageId, cached);
    return cached;
  }
  const row = await db.coursePackage.findUnique({ where: { id: packageId }, select: { model: true, storageKey: true } });
  if (!row) return null;
  const version = { model: JSON.parse(row.model) as PackageModel, storageKey: row.storageKey };
  versions.set(packageId, version);
  if (versions.size > MAX_CACHED) versions.delete(versions.keys().next().value as string);
  return version;
}

/** The normalized model of a package version, or null when there is none. */
export async function findPackageModel(db: Db, packageId: string): Promise<PackageModel | null> {
  return (await storedVersion(db, packageId))?.model ?? null;
}

/** The normalized model of a package version; answers 404 when there is none. */
export async function packageModel(db: Db, packageId: string): Promise<PackageModel> {
  const model = await findPackageModel(db, packageId);
  if (!model) throw new Response("Course version not found.", { status: 404 });
  return model;
}

/** The storage key of a package version; answers 404 when there is none. */
export async function storageKeyOf(db: Db, packageId: string): Promise<string> {
  const version = await storedVersion(db, packageId);
  if (!version) throw new Response("Course version not found.", { status: 404 });
  return version.storageKey;
}

export function packageRoot(storageKey: string): string {
  return path.resolve(env().CONTENT_DIR, storageKey);
}

/** The absolute path of a file inside a stored package, or null when it escapes it or is missing. */
export function packageFile(storageKey: string, relativePath: string): string | null {
  const safe = safeRelativePath(relativePath);
  if (!safe) return null;
  const root = packageRoot(storageKey);
  const full = path.resolve(root, safe);
  if (!full.startsWith(root + path.sep)) return null;
  try {
    const real = fs.realpathSync(full);
    const realRoot = fs.realpathSync(root);
    if (!real.startsWith(realRoot + path.sep) || !fs.statSync(real).isFile()) return null;
    return real;
  } catch {
    return null;
  }
}

const texts = new Map<string, string | null>();

/** A text file of a package (XHTML page), or null when missing. */
export function packageText(storageKey: string, relativePath: string): string | null {
  const key = `${storageKey}\n${relativePath}`;
  if (texts.has(key)) return texts.get(key)!;
  const file = packageFile(storageKey, relativePath);
  const text = file ? fs.readFileSync(file, "utf8") : null;
  if (texts.size > 2000) texts.clear();
  texts.set(key, text);
  return text;
}

export function packageHasFile(storageKey: string, relativePath: string): boolean {
  return packageText(storageKey, relativePath) !== null;
}
