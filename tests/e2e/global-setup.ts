import fs from "node:fs";
import type { TestProject } from "vitest/node";
import { startServer } from "../support/server";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    databaseUrl: string;
  }
}

/** Starts the built app on its own port with its own migrated and seeded database. */
export default async function setup(project: TestProject) {
  if (!fs.existsSync("/usr/bin/chromium")) throw new Error("Chromium is missing: `apt-get install -y chromium`.");
  const server = await startServer({ prefix: "vademecum-e2e-", echoErrors: true });
  project.provide("baseUrl", server.baseUrl);
  project.provide("databaseUrl", server.databaseUrl);
  return () => server.stop();
}
