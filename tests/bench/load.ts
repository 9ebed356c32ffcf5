import fs from "node:fs";
import autocannon from "autocannon";

export interface LoadResult {
  /** The unmeasured warm-up run, for the record. */
  warmUp: { seconds: number; requestsPerSecond: number; p99Ms: number };
  requestsPerSecond: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  total: number;
  peakRssMb: number;
  peakPssMb: number;
}

function processTree(pid: number): number[] {
  let children: number[] = [];
  try {
    children = fs
      .readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
      .split(" ")
      .filter(Boolean)
      .map(Number);
  } catch {
    return [pid];
  }
  return [pid, ...children.flatMap(processTree)];
}

function sumOver(pid: number, file: string, field: RegExp): number {
  let kilobytes = 0;
  for (const member of processTree(pid)) {
    try {
      const match = field.exec(fs.readFileSync(`/proc/${member}/${file}`, "utf8"));
      kilobytes += match ? Number(match[1]) : 0;
    } catch {
      // the process ended between listing and reading
    }
  }
  return kilobytes / 1024;
}

/** Resident memory of the server: its process and every worker it started. */
export function rssMb(pid: number): number {
  return sumOver(pid, "status", /VmRSS:\s+(\d+) kB/);
}

/**
 * The same, with pages shared between the processes (Node's own code, libraries) counted once
 * in all rather than once per process: what the server takes from the machine.
 */
export function pssMb(pid: number): number {
  return sumOver(pid, "smaps_rollup", /\nPss:\s+(\d+) kB/);
}

/**
 * How long the same load runs, unmeasured, before the measured run. The server compiles its
 * hot code as it serves: its speed keeps rising for the first 20 to 30 seconds of load (in
 * the first five seconds it serves half as many pages as later), and a server in production
 * runs for hours.
 */
const WARM_UP_SECONDS = 20;

/**
 * Sends load with autocannon to one URL of the local server, first to warm it up, then for
 * the measured run, and samples the server's RSS all the while (warm-up included). Bounded in
 * time and only ever aimed at 127.0.0.1.
 */
export async function loadTest(options: {
  url: string;
  serverPid: number;
  connections?: number;
  seconds?: number;
  warmUpSeconds?: number;
  headers?: Record<string, string>;
  method?: "GET" | "POST";
  body?: string;
  requests?: autocannon.Request[];
}): Promise<LoadResult> {
  if (!new URL(options.url).hostname.startsWith("127.")) throw new Error("Load tests only target 127.0.0.1");
  const load = {
    url: options.url,
    connections: options.connections ?? 50,
    ...(options.headers ? { headers: options.headers } : {}),
    ...(options.method ? { method: options.method } : {}),
    ...(options.body ? { body: options.body } : {}),
    ...(options.requests ? { requests: options.requests } : {}),
  };
  let peakRssMb = rssMb(options.serverPid);
  let peakPssMb = pssMb(options.serverPid);
  const sampler = setInterval(() => {
    peakRssMb = Math.max(peakRssMb, rssMb(options.serverPid));
    peakPssMb = Math.max(peakPssMb, pssMb(options.serverPid));
  }, 100);
  try {
    const warmUpSeconds = options.warmUpSeconds ?? WARM_UP_SECONDS;
    const warmUp = await autocannon({ ...load, duration: warmUpSeconds });
    const result = await autocannon({ ...load, duration: options.seconds ?? 10 });
    return {
      warmUp: { seconds: warmUpSeconds, requestsPerSecond: warmUp.requests.average, p99Ms: warmUp.latency.p99 },
      requestsPerSecond: result.requests.average,
      p99Ms: result.latency.p99,
      errors: result.errors + result.timeouts,
      non2xx: result.non2xx,
      total: result.requests.total,
      peakRssMb,
      peakPssMb,
    };
  } finally {
    clearInterval(sampler);
  }
}
