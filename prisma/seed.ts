/**
 * Prepares the database after migrations (see prepareInstallation): reference data every
 * installation needs, then the demo organisation and accounts, refused in production unless
 * SEED_DEMO=1. Idempotent: `npm start` runs it on every start.
 */
import { prepareInstallation } from "../app/modules/platform/setup.server";
import { createDb } from "../app/utils/db.server";

const db = createDb();
try {
  await prepareInstallation(db, process.env, (line) => console.log(line));
} finally {
  await db.$disconnect();
}
