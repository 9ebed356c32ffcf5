import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import type { TestProject } from "vitest/node";
import { prepareInstallation } from "../../app/modules/platform/setup.server";
import { createDb } from "../../app/utils/db.server";
import { createMigratedDatabase } from "../support/database";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    databaseUrl: string;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

async function waitForHealth(baseUrl: string, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`The server exited early:\n${log()}`);
    try {
      const response = await fetch(`${baseUrl}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The server did not become healthy in 30 s:\n${log()}`);
}

/** Starts the built app on its own port with its own migrated and seeded database. */
export default async function setup(project: TestProject) {
  if (!fs.existsSync("build/server/index.js")) throw new Error("No production build: run `npm run build` first.");
  if (!fs.existsSync("/usr/bin/chromium")) throw new Error("Chromium is missing: `apt-get install -y chromium`.");
  const database = createMigratedDatabase("vademecum-e2e-");
  const db = createDb(database.url);
  await prepareInstallation(db, { ...process.env, NODE_ENV: "test" });
  await db.$disconnect();

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = "";
  const server = spawn(process.execPath, ["server.js"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: database.url,
      CONTENT_DIR: `${database.dir}/content`,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.on("data", (chunk) => (output += chunk));
  server.stderr?.on("data", (chunk) => (output += chunk));
  await waitForHealth(baseUrl, server, () => output);

  project.provide("baseUrl", baseUrl);
  project.provide("databaseUrl", database.url);

  return async () => {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
    fs.rmSync(database.dir, { recursive: true, force: true });
  };
}
