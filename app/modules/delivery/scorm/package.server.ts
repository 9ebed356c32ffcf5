import type { Db } from "../../../utils/db.server";
import type { PackageModel } from "../../packages/model";

const MAX_CACHED = 64;
const models = new Map<string, PackageModel>();

/**
 * The normalized model of a package version. A stored version never changes, so parsed models
 * are kept in memory (the most recently used few) instead of parsing the JSON per request.
 */
export async function packageModel(db: Db, packageId: string): Promise<PackageModel | null> {
  const cached = models.get(packageId);
  if (cached) {
    models.delete(packageId);
    models.set(packageId, cached);
    return cached;
  }
  const row = await db.coursePackage.findUnique({ where: { id: packageId }, select: { model: true } });
  if (!row) return null;
  const model = JSON.parse(row.model) as PackageModel;
  models.set(packageId, model);
  if (models.size > MAX_CACHED) models.delete(models.keys().next().value as string);
  return model;
}
