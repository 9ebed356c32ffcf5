import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import { prepareInstallation } from "../../app/modules/platform/setup.server";
import { createDb } from "../../app/utils/db.server";
import { createMigratedDatabase } from "./database";

export interface RunningServer {
  baseUrl: string;
  databaseUrl: string;
  dir: string;
  process: ChildProcess;
  /** Milliseconds from spawning the process to the first 200 on /healthz. */
  startupMs: number;
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * The arguments of `node` in `npm run serve` (its V8 flags, then server.js), so that tests and
 * the bench run the server exactly as it runs in production.
 */
export function serveArguments(): string[] {
  const scripts = (JSON.parse(fs.readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts;
  const command = /\bnode (.*server\.js)$/.exec(scripts.serve);
  if (!command) throw new Error(`The serve script does not run server.js with node: ${scripts.serve}`);
  return command[1].split(/\s+/);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/**
 * Starts the production build (server.js) on a free port with its own migrated and seeded
 * database, and waits until /healthz answers 200.
 */
export async function startServer(
  options: {
    prefix?: string;
    env?: NodeJS.ProcessEnv;
    /** "development" seeds the demo organisation's lived-in activity too; tests want it untouched. */
    seedAs?: "test" | "development";
    /** Pass what the server writes to stderr (its errors) on to this process's stderr, as it comes. */
    echoErrors?: boolean;
  } = {},
): Promise<RunningServer> {
  const buildDir = process.env.BUILD_DIR || "build";
  if (!fs.existsSync(`${buildDir}/server/index.js`)) throw new Error(`No production build in ${buildDir}/: run \`npm run build\` first.`);
  const database = createMigratedDatabase(options.prefix ?? "vademecum-server-");
  const db = createDb(database.url);
  await prepareInstallation(db, { ...process.env, NODE_ENV: options.seedAs ?? "test" }, { contentDir: `${database.dir}/content` });
  await db.$disconnect();

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = "";
  const started = performance.now();
  const child = spawn(process.execPath, serveArguments(), {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: database.url,
      CONTENT_DIR: `${database.dir}/content`,
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => {
    output += chunk;
    if (options.echoErrors) process.stderr.write(chunk);
  });

  const deadline = Date.now() + 30_000;
  let startupMs = -1;
  while (startupMs < 0) {
    if (child.exitCode !== null) throw new Error(`The server exited early:\n${output}`);
    if (Date.now() > deadline) throw new Error(`The server did not become healthy in 30 s:\n${output}`);
    try {
      const response = await fetch(`${baseUrl}/healthz`);
      if (response.ok) startupMs = performance.now() - started;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  return {
    baseUrl,
    databaseUrl: database.url,
    dir: database.dir,
    process: child,
    startupMs,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await new Promise((resolve) => child.once("exit", resolve));
      }
      fs.rmSync(database.dir, { recursive: true, force: true });
    },
  };
}

/** Signs in over HTTP like a browser form post and returns the session cookie. */
export async function signInCookie(baseUrl: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseUrl },
    body: new URLSearchParams({ email, password }),
  });
  const cookie = response.headers.get("set-cookie")?.split(";")[0];
  if (response.status !== 302 || !cookie) throw new Error(`Sign-in as ${email} failed with ${response.status}`);
  return cookie;
}
