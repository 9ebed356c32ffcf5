import path from "node:path";
import autocannon from "autocannon";
import { importPackage } from "../../app/modules/packages/import.server";
import { DEMO_PASSWORD } from "../../app/modules/platform/seed.server";
import { createDb } from "../../app/utils/db.server";
import { signInCookie } from "../support/server";
import { loadTest } from "./load";
import type { BenchContext, Benchmark } from "./types";

const LEARNERS = 50;
const COMMITS = 20_000;
const GOLF_2004 = path.resolve("tests/fixtures/moodle-scorm-golf-testpackages/tests/packages/RuntimeBasicCalls_SCORM20043rdEdition.zip");

/** Imports the golf SCORM 2004 course into the bench server's database and content store. */
async function importGolf(context: BenchContext): Promise<string> {
  const db = createDb(context.databaseUrl);
  try {
    const contentDir = path.join(path.dirname(context.databaseUrl.replace(/^file:/, "")), "content");
    const outcome = await importPackage(db, GOLF_2004, { contentDir, skipIfUnchanged: true });
    if (!outcome.ok) throw new Error("the golf package did not import");
    return outcome.courseId;
  } finally {
    await db.$disconnect();
  }
}

/** Signs a learner in, opens the player and returns the launch URL it signed. */
async function launchUrl(baseUrl: string, cookie: string, courseId: string): Promise<string> {
  const html = await (await fetch(`${baseUrl}/courses/${courseId}/scorm`, { headers: { cookie } })).text();
  const match = /src="(http:\/\/[^"]+\/__launch)"/.exec(html);
  if (!match) throw new Error("the player page has no launcher");
  return match[1];
}

/** 50 learners, each with their own attempt, each committing as fast as the server takes it. */
const commits: Benchmark = {
  name: "player.commit",
  async run(context) {
    const courseId = await importGolf(context);
    const db = createDb(context.databaseUrl);
    try {
      const demo = await db.user.findUniqueOrThrow({ where: { email: "learner@vademecum.test" }, select: { passwordHash: true } });
      const urls: string[] = [];
      for (let index = 0; index < LEARNERS; index += 1) {
        const email = `bench-learner-${index}@vademecum.test`;
        await db.user.upsert({ where: { email }, create: { email, name: `Learner ${index}`, passwordHash: demo.passwordHash }, update: {} });
        urls.push(await launchUrl(context.baseUrl, await signInCookie(context.baseUrl, email, DEMO_PASSWORD), courseId));
      }
      const attemptsBefore = await db.scormCommit.count();
      const origin = new URL(urls[0]).origin;
      const paths = urls.map((url) => new URL(url).pathname.replace("__launch", "__commit"));
      const suspendData = JSON.stringify({ v: 1, answers: Array.from({ length: 40 }, (_, i) => i % 3) });
      // autocannon resets per-connection state between rounds, so numbering is global: commit n
      // belongs to learner n mod 50 and carries that learner's sequence n div 50 + 1.
      let sent = 0;
      const result = await autocannon({
        url: origin,
        connections: LEARNERS,
        amount: COMMITS,
        requests: [
          {
            method: "POST",
            setupRequest: (request) => {
              const learner = sent % LEARNERS;
              const sequence = Math.floor(sent / LEARNERS) + 1;
              sent += 1;
              return {
                ...request,
                path: paths[learner],
                headers: { "content-type": "text/plain;charset=UTF-8" },
                body: JSON.stringify({
                  sequence,
                  session: `bench-session-${learner}`,
                  kind: "commit",
                  cmi: {
                    "cmi.location": String(sequence % 15),
                    "cmi.suspend_data": suspendData,
                    "cmi.completion_status": "incomplete",
                    "cmi.success_status": "unknown",
                    "cmi.exit": "suspend",
                    "cmi.session_time": `PT${sequence}S`,
                  },
                }),
              };
            },
          },
        ],
      });
      const acknowledged = result.requests.total - result.non2xx;
      const stored = (await db.scormCommit.count()) - attemptsBefore;
      context.log(`commits: ${result.requests.total} sent, ${acknowledged} acknowledged (2xx), ${stored} stored, ${result.errors} errors`);
      return [
        { name: "scorm.commit.rps", value: result.requests.average, unit: "commits/s", target: ">= 1000" },
        { name: "scorm.commit.p99", value: result.latency.p99, unit: "ms", target: "< 100" },
        { name: "scorm.commit.stored", value: stored, unit: "rows", target: `== ${acknowledged} (2xx)` },
      ];
    } finally {
      await db.$disconnect();
    }
  },
};

/**
 * A signed-in learner's course page (outline, progress, next step, assignment) and player page
 * (enrolment, table of contents, progress and a signed launch URL).
 */
const launch: Benchmark = {
  name: "player.launch",
  async run(context) {
    const courseId = await importGolf(context);
    const cookie = await signInCookie(context.baseUrl, "learner@vademecum.test", DEMO_PASSWORD);
    const pid = Number(process.env.BENCH_SERVER_PID);
    const figures = [];
    for (const [name, url] of [
      ["player.launch", `${context.baseUrl}/courses/${courseId}/scorm`],
      ["course.page", `${context.baseUrl}/courses/${courseId}`],
    ] as const) {
      const page = await loadTest({ url, serverPid: pid, seconds: 10, headers: { cookie } });
      context.log(`${name}: warm-up ${page.warmUp.seconds} s at ${Math.round(page.warmUp.requestsPerSecond)} req/s (p99 ${page.warmUp.p99Ms} ms), not counted`);
      context.log(`${name}: ${page.total} requests, ${page.errors} errors, ${page.non2xx} non-2xx`);
      figures.push(
        { name: `${name}.rps`, value: page.requestsPerSecond, unit: "req/s", target: ">= 500" },
        { name: `${name}.p99`, value: page.p99Ms, unit: "ms", target: "< 100" },
        { name: `${name}.errors`, value: page.errors + page.non2xx, unit: "responses", target: "0" },
      );
    }
    return figures;
  },
};

export const benchmarks: Benchmark[] = [commits, launch];
