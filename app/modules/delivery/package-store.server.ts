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

const models = new Map<string, PackageModel>();

export async function packageModel(db: Db, packageId: string): Promise<PackageModel> {
  const cached = models.get(packageId);
  if (cached) return cached;
  const row = await db.coursePackage.findUnique({ where: { id: packageId }, select: { model: true } });
  if (!row) throw new Response("Course version not found.", { status: 404 });
  const model = JSON.parse(row.model) as PackageModel;
  if (models.size > 200) models.clear();
  models.set(packageId, model);
  return model;
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
