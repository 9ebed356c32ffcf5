/**
 * `npm run bench`: starts the production build on its own port with its own database, runs
 * every benchmark of the project and prints one line per figure:
 *   BENCH <name> <value> <unit>   (target …)
 * Figures are printed, not asserted: compare them with the targets beside them.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import url from "node:url";
import { DEMO_PASSWORD } from "../../app/modules/platform/seed.server";
import { signInCookie, startServer } from "../support/server";
import { loadTest } from "./load";
import type { BenchContext, BenchFigure, Benchmark } from "./types";

function print(figure: BenchFigure) {
  const value = Number.isInteger(figure.value) ? figure.value : Number(figure.value.toFixed(2));
  console.log(`BENCH ${figure.name} ${value} ${figure.unit}${figure.target ? `   (target ${figure.target})` : ""}`);
}

/** The foundation's figures: cold start, signed-in learner home under load, memory. */
const foundation: Benchmark = {
  name: "foundation",
  async run(context) {
    const cold = await startServer({ prefix: "vademecum-bench-cold-" });
    const startupMs = cold.startupMs;
    await cold.stop();
    const cookie = await signInCookie(context.baseUrl, "learner@vademecum.test", DEMO_PASSWORD);
    const pid = Number(process.env.BENCH_SERVER_PID);
    const home = await loadTest({ url: `${context.baseUrl}/learning`, serverPid: pid, seconds: 10, headers: { cookie } });
    context.log(`home: warm-up ${home.warmUp.seconds} s at ${Math.round(home.warmUp.requestsPerSecond)} req/s (p99 ${home.warmUp.p99Ms} ms), not counted`);
    context.log(`home: ${home.total} requests, ${home.errors} errors, ${home.non2xx} non-2xx`);
    context.log(`server memory at peak: ${Math.round(home.peakRssMb)} MB RSS summed over its processes, ${Math.round(home.peakPssMb)} MB counting shared pages once (PSS)`);
    return [
      { name: "server.cold-start", value: startupMs, unit: "ms", target: "< 3000" },
      { name: "home.learner.rps", value: home.requestsPerSecond, unit: "req/s", target: ">= 500" },
      { name: "home.learner.p99", value: home.p99Ms, unit: "ms", target: "< 100" },
      { name: "home.learner.errors", value: home.errors + home.non2xx, unit: "responses", target: "0" },
      { name: "server.rss-under-load", value: home.peakRssMb, unit: "MB", target: "< 300" },
    ];
  },
};

async function areaBenchmarks(): Promise<Benchmark[]> {
  const here = path.dirname(url.fileURLToPath(import.meta.url));
  const own = new Set(["run.ts", "types.ts", "load.ts"]);
  const files = fs.readdirSync(here).filter((file) => file.endsWith(".ts") && !own.has(file)).sort();
  const found: Benchmark[] = [];
  for (const file of files) {
    const module = (await import(url.pathToFileURL(path.join(here, file)).href)) as { benchmarks?: Benchmark[] };
    found.push(...(module.benchmarks ?? []));
  }
  return found;
}

/**
 * The time of a fixed loop of arithmetic on one core. The machine's speed moves between runs
 * (other tenants, frequency scaling), and every figure with it: this says how fast it was.
 */
function referenceLoopMs(): number {
  const started = performance.now();
  let value = 0;
  for (let i = 0; i < 300_000_000; i += 1) value = (value + i * 7) % 1_000_003;
  if (value < 0) console.log(value);
  return Math.round(performance.now() - started);
}

const only = process.argv.slice(2);
print({ name: "machine.reference-loop", value: referenceLoopMs(), unit: "ms" });
const server = await startServer({ prefix: "vademecum-bench-", seedAs: "development" });
process.env.BENCH_SERVER_PID = String(server.process.pid);
const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "vademecum-bench-"));
const context: BenchContext = {
  baseUrl: server.baseUrl,
  databaseUrl: server.databaseUrl,
  tmpDir,
  log: (line) => console.log(`  ${line}`),
};
let failed = false;
try {
  for (const benchmark of [foundation, ...(await areaBenchmarks())]) {
    if (only.length && !only.includes(benchmark.name)) continue;
    console.log(`# ${benchmark.name}`);
    try {
      for (const figure of await benchmark.run(context)) print(figure);
    } catch (error) {
      failed = true;
      console.log(`  ${benchmark.name} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
} finally {
  await server.stop();
  fs.rmSync(tmpDir, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
