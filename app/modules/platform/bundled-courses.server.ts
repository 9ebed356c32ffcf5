import fs from "node:fs";
import path from "node:path";
import type { Db } from "../../utils/db.server";
import { importPackage } from "../packages/import.server";
import { formatProblem } from "../standards/report";

export const COURSES_DIR = path.resolve("courses");

/**
 * Imports the curriculum shipped in courses/ through the same import service authors use.
 * A module is imported again (as a new version) only when its files changed.
 */
export async function importBundledCourses(
  db: Db,
  contentDir: string,
  log: (line: string) => void = () => {},
  coursesDir = COURSES_DIR,
): Promise<{ imported: string[]; unchanged: string[] }> {
  const folders = fs
    .readdirSync(coursesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(coursesDir, entry.name, "imsmanifest.xml")))
    .map((entry) => entry.name)
    .sort();
  const imported: string[] = [];
  const unchanged: string[] = [];
  for (const folder of folders) {
    const outcome = await importPackage(db, path.join(coursesDir, folder), { contentDir, skipIfUnchanged: true });
    if (!outcome.ok) {
      const problems = outcome.validation.errors.map((problem) => `  ${formatProblem(problem)}`).join("\n");
      throw new Error(`The bundled course ${folder} does not import:\n${problems}`);
    }
    (outcome.unchanged ? unchanged : imported).push(folder);
    if (!outcome.unchanged) log(`Imported ${folder} as version ${outcome.version}.`);
  }
  return { imported, unchanged };
}
