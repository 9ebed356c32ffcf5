import fs from "node:fs";
import path from "node:path";

export const DEFAULT_DATABASE_URL = "file:./data/vademecum.db";

/**
 * The SQLite database URL, from DATABASE_URL or the embedded default under data/.
 * Makes sure the folder of a file database exists, so a fresh clone needs no manual step.
 */
export function databaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  const url = env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
  if (url.startsWith("file:")) {
    const file = url.slice("file:".length).split("?")[0];
    if (file && file !== ":memory:") {
      fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    }
  }
  return url;
}
