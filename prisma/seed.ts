/**
 * Prepares the database after migrations (see prepareInstallation): reference data every
 * installation needs, the bundled curriculum, then the demo organisation and accounts, refused
 * in production unless SEED_DEMO=1. Idempotent: `npm start` runs it on every start.
 */
import { prepareInstallation } from "../app/modules/platform/setup.server";
import { createDb } from "../app/utils/db.server";
import { env } from "../app/utils/env.server";

const db = createDb();
try {
  await prepareInstallation(db, process.env, { contentDir: env().CONTENT_DIR, log: (line) => console.log(line) });
} finally {
  await db.$disconnect();
}
