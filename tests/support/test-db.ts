import fs from "node:fs";
import { afterAll, beforeAll } from "vitest";
import { createDb, type Db } from "../../app/utils/db.server";
import { createMigratedDatabase } from "./database";

/**
 * A fresh, migrated SQLite database for one test file, removed afterwards.
 * Use inside a describe block or at the top level of the file.
 */
export function setUpTestDatabase(): { readonly db: Db; readonly url: string; readonly dir: string } {
  const state = {} as { db: Db; url: string; dir: string };
  beforeAll(() => {
    const database = createMigratedDatabase();
    state.url = database.url;
    state.dir = database.dir;
    state.db = createDb(database.url);
  });
  afterAll(async () => {
    await state.db?.$disconnect();
    if (state.dir) fs.rmSync(state.dir, { recursive: true, force: true });
  });
  return {
    get db() {
      return state.db;
    },
    get url() {
      return state.url;
    },
    get dir() {
      return state.dir;
    },
  };
}
