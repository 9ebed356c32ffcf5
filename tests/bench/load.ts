import fs from "node:fs";
import autocannon from "autocannon";

export interface LoadResult {
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
 * Sends load with autocannon to one URL of the local server and samples the server's RSS
 * while it runs. Bounded in time and only ever aimed at 127.0.0.1.
 */
export async function loadTest(options: {
  url: string;
  serverPid: number;
  connections?: number;
  seconds?: number;
  headers?: Record<string, string>;
  method?: "GET" | "POST";
  body?: string;
  requests?: autocannon.Request[];
}): Promise<LoadResult> {
  if (!new URL(options.url).hostname.startsWith("127.")) throw new Error("Load tests only target 127.0.0.1");
  let peakRssMb = rssMb(options.serverPid);
  let peakPssMb = pssMb(options.serverPid);
  const sampler = setInterval(() => {
    peakRssMb = Math.max(peakRssMb, rssMb(options.serverPid));
    peakPssMb = Math.max(peakPssMb, pssMb(options.serverPid));
  }, 100);
  try {
    const result = await autocannon({
      url: options.url,
      connections: options.connections ?? 50,
      duration: options.seconds ?? 10,
      ...(options.headers ? { headers: options.headers } : {}),
      ...(options.method ? { method: options.method } : {}),
      ...(options.body ? { body: options.body } : {}),
      ...(options.requests ? { requests: options.requests } : {}),
    });
    return {
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
