import type { Db } from "../../utils/db.server";
import { demoAllowed, prepareSqlite, seedDemoAccounts } from "./seed.server";

/**
 * Everything a migrated database needs before the app serves it: reference data, then the
 * demo organisation and accounts where allowed. Idempotent; `npm start` runs it every time.
 */
export async function prepareInstallation(db: Db, env: NodeJS.ProcessEnv, log: (line: string) => void = () => {}) {
  await prepareSqlite(db);
  if (demoAllowed(env)) {
    const { created } = await seedDemoAccounts(db, env);
    log(created.length ? `Created demo accounts: ${created.join(", ")}` : "Demo accounts are in place.");
  } else {
    log("Production: demo accounts not created (set SEED_DEMO=1 to create them).");
  }
}
