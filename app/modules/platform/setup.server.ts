import type { Db } from "../../utils/db.server";
import { digComp22 } from "../competencies/digcomp";
import { storeFramework } from "../competencies/frameworks.server";
import { importBundledCourses } from "./bundled-courses.server";
import { seedDemoActivity } from "./demo-activity.server";
import { demoAllowed, prepareSqlite, seedDemoAccounts } from "./seed.server";

/**
 * Everything a migrated database needs before the app serves it: reference data (DigComp 2.2),
 * the bundled curriculum, then the demo organisation and accounts where allowed, with their
 * activity (colleagues, teams, assignments, progress) except under NODE_ENV=test, so that the
 * browser tests start from untouched accounts. Idempotent; `npm start` runs it every time.
 */
export async function prepareInstallation(
  db: Db,
  env: NodeJS.ProcessEnv,
  options: { contentDir: string; log?: (line: string) => void },
) {
  const log = options.log ?? (() => {});
  await prepareSqlite(db);
  await storeFramework(db, digComp22());
  const courses = await importBundledCourses(db, options.contentDir, log);
  log(`Bundled courses: ${courses.imported.length} imported, ${courses.unchanged.length} unchanged.`);
  if (demoAllowed(env)) {
    const { created } = await seedDemoAccounts(db, env);
    log(created.length ? `Created demo accounts: ${created.join(", ")}` : "Demo accounts are in place.");
    if (env.NODE_ENV !== "test") {
      const activity = await seedDemoActivity(db, { now: new Date() });
      log(activity.created ? "Created the demo organisation's activity." : "Demo activity is in place.");
    }
  } else {
    log("Production: demo accounts not created (set SEED_DEMO=1 to create them).");
  }
}
