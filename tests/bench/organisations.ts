import fs from "node:fs";
import Database from "better-sqlite3";
import { digComp22 } from "../../app/modules/competencies/digcomp";
import { storeFramework } from "../../app/modules/competencies/frameworks.server";
import { parseReportFilters } from "../../app/modules/organisations/reports";
import { competenceHeatMap, organisationReport, trainingCsv, trainingReport } from "../../app/modules/organisations/reports.server";
import { createDb } from "../../app/utils/db.server";
import { createMigratedDatabase } from "../support/database";
import type { Benchmark } from "./types";

const MEMBERS = 5000;
const TEAMS = 10;
const ASSIGNMENTS = 20;
const NOW = new Date();
const DAY_MS = 24 * 60 * 60 * 1000;

/** A small deterministic generator, so every run measures the same data. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const stamp = (date: Date) => date.toISOString().replace("Z", "+00:00");

/**
 * An organisation of 5,000 members in 10 teams (team 0 is "All staff", the others departments
 * of about 550, a fifth of the members also in a second one), 20 assignments (8 to all staff,
 * 12 to departments, due dates spread over the year), progress on most of them and the
 * competence evidence completions give. Rows go in with plain SQL in one transaction.
 */
async function generateOrganisation(databaseUrl: string, file: string): Promise<string> {
  const db = createDb(databaseUrl);
  await storeFramework(db, digComp22());
  const competences = await db.competence.findMany({ select: { id: true }, orderBy: { position: "asc" } });
  await db.$disconnect();

  const next = random(7);
  const sqlite = new Database(file);
  const now = stamp(NOW);
  const organisationId = "bench-org";
  sqlite.transaction(() => {
    sqlite.prepare(`INSERT INTO Organisation (id, slug, name, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?)`).run(organisationId, "bench", "Bench", now, now);
    const course = sqlite.prepare(`INSERT INTO Course (id, identifier, title, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?)`);
    const coursePackage = sqlite.prepare(
      `INSERT INTO CoursePackage (id, courseId, version, kind, storageKey, model, createdAt, updatedAt) VALUES (?, ?, 1, 'imscp', ?, '{}', ?, ?)`,
    );
    const metadata = sqlite.prepare(
      `INSERT INTO LearningObjectMetadata (id, packageId, lom, title, learningTimeMinutes, createdAt, updatedAt) VALUES (?, ?, '{}', ?, ?, ?, ?)`,
    );
    const link = sqlite.prepare(
      `INSERT INTO PackageCompetence (id, packageId, competenceId, targetLevel, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    for (let index = 0; index < ASSIGNMENTS; index++) {
      course.run(`course-${index}`, `bench-course-${index}`, `Module ${index + 1}`, now, now);
      coursePackage.run(`package-${index}`, `course-${index}`, `bench/${index}`, now, now);
      metadata.run(`lom-${index}`, `package-${index}`, `Module ${index + 1}`, 45 + (index % 4) * 15, now, now);
      for (let offset = 0; offset < 3; offset++) {
        link.run(`link-${index}-${offset}`, `package-${index}`, competences[(index * 3 + offset) % competences.length].id, 2 + (offset % 3), now, now);
      }
    }
    const team = sqlite.prepare(`INSERT INTO Team (id, organisationId, name, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?)`);
    for (let index = 0; index < TEAMS; index++) team.run(`team-${index}`, organisationId, index === 0 ? "All staff" : `Department ${index}`, now, now);

    const user = sqlite.prepare(`INSERT INTO User (id, email, name, passwordHash, createdAt, updatedAt) VALUES (?, ?, ?, 'x', ?, ?)`);
    const membership = sqlite.prepare(
      `INSERT INTO Membership (id, userId, organisationId, role, status, jobRole, createdAt, updatedAt) VALUES (?, ?, ?, 'learner', 'active', ?, ?, ?)`,
    );
    const teamMember = sqlite.prepare(`INSERT INTO TeamMember (id, teamId, userId, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?)`);
    const teamsOf: number[][] = [];
    for (let index = 0; index < MEMBERS; index++) {
      const userId = `user-${index}`;
      user.run(userId, `member${index}@example.org`, `Member ${String(index).padStart(4, "0")}`, now, now);
      membership.run(`membership-${index}`, userId, organisationId, ["social worker", "peer supporter", "volunteer"][index % 3], now, now);
      const teams = [0, 1 + (index % (TEAMS - 1))];
      if (next() < 0.2) teams.push(1 + ((index + 3) % (TEAMS - 1)));
      teamsOf.push([...new Set(teams)]);
      for (const teamIndex of teamsOf[index]) teamMember.run(`tm-${index}-${teamIndex}`, `team-${teamIndex}`, userId, now, now);
    }

    const assignment = sqlite.prepare(
      `INSERT INTO Assignment (id, organisationId, courseId, teamId, dueAt, mandatory, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const teamOfAssignment: number[] = [];
    for (let index = 0; index < ASSIGNMENTS; index++) {
      teamOfAssignment.push(index < 8 ? 0 : 1 + (index % (TEAMS - 1)));
      const due = new Date(NOW.getTime() + (index - 10) * 20 * DAY_MS);
      assignment.run(`assignment-${index}`, organisationId, `course-${index}`, `team-${teamOfAssignment[index]}`, stamp(due), index < 8 ? 1 : 0, now, now);
    }

    const enrolment = sqlite.prepare(`INSERT INTO Enrolment (id, userId, courseId, packageId, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?)`);
    const progress = sqlite.prepare(
      `INSERT INTO Progress (id, enrolmentId, nodeId, status, score, timeSpentSeconds, lastAccessAt, completedAt, createdAt, updatedAt)
       VALUES (?, ?, '', ?, ?, ?, ?, ?, ?, ?)`,
    );
    const evidence = sqlite.prepare(
      `INSERT INTO CompetenceEvidence (id, userId, competenceId, source, level, sourceRef, observedAt, createdAt, updatedAt)
       VALUES (?, ?, ?, 'module-completed', ?, ?, ?, ?, ?)`,
    );
    for (let member = 0; member < MEMBERS; member++) {
      for (let index = 0; index < ASSIGNMENTS; index++) {
        if (!teamsOf[member].includes(teamOfAssignment[index])) continue;
        const roll = next();
        if (roll < 0.25) continue;
        const enrolmentId = `enrolment-${member}-${index}`;
        enrolment.run(enrolmentId, `user-${member}`, `course-${index}`, `package-${index}`, now, now);
        const lastAccess = new Date(NOW.getTime() - Math.floor(next() * 360) * DAY_MS);
        const finished = roll > 0.55;
        const status = finished ? (next() < 0.5 ? "passed" : "completed") : next() < 0.2 ? "failed" : "in-progress";
        progress.run(
          `progress-${member}-${index}`,
          enrolmentId,
          status,
          status === "in-progress" ? null : Math.round(next() * 100) / 100,
          Math.floor(next() * 5400),
          stamp(lastAccess),
          finished ? stamp(lastAccess) : null,
          now,
          now,
        );
        if (!finished) continue;
        for (let offset = 0; offset < 3; offset++) {
          evidence.run(
            `evidence-${member}-${index}-${offset}`,
            `user-${member}`,
            competences[(index * 3 + offset) % competences.length].id,
            2 + (offset % 3),
            `package-${index}`,
            stamp(lastAccess),
            now,
            now,
          );
        }
      }
    }
  })();
  const rows = sqlite.prepare(`SELECT (SELECT COUNT(*) FROM Progress) AS progress, (SELECT COUNT(*) FROM CompetenceEvidence) AS evidence`).get();
  sqlite.close();
  return JSON.stringify(rows);
}

async function median(runs: number, task: () => Promise<void>): Promise<number> {
  await task();
  const times: number[] = [];
  for (let index = 0; index < runs; index++) {
    const started = performance.now();
    await task();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

export const benchmarks: Benchmark[] = [
  {
    name: "organisations.report",
    run: async ({ log }) => {
      const database = createMigratedDatabase("vademecum-bench-org-");
      try {
        const generated = performance.now();
        const counts = await generateOrganisation(database.url, database.file);
        log(`generated ${MEMBERS} members, ${TEAMS} teams, ${ASSIGNMENTS} assignments (${counts}) in ${Math.round(performance.now() - generated)} ms`);
        const db = createDb(database.url);
        try {
          const context = { organisationId: "bench-org", language: "en", now: NOW };
          const filters = parseReportFilters(new URLSearchParams());
          let summary = "";
          const cpu = process.cpuUsage();
          const reportMs = await median(5, async () => {
            const { report } = await trainingReport(db, context, filters);
            summary = `${report.totals.total} assignment rows (${report.totals.overdue} overdue), ${report.members.total} members, ${report.trends.length} months`;
          });
          const used = process.cpuUsage(cpu);
          log(`training report: ${summary}; median of 5 runs, ${Math.round((used.user + used.system) / 1000 / 6)} ms of CPU time per run`);
          const { input, report } = await trainingReport(db, context, filters);
          const listed = new Set(report.members.rows.map((member) => member.membershipId));
          let cells = 0;
          const heatMapMs = await median(5, async () => {
            const heatMap = await competenceHeatMap(db, context, filters, input, listed);
            cells = heatMap.rows.length * heatMap.competences.length;
          });
          log(`competence heat map of ${MEMBERS} members' profiles: ${cells} cells; median of 5 runs`);
          const pageMs = await median(3, async () => {
            await organisationReport(db, context, filters);
          });
          log(`the whole reports page (training report, heat map, filter choices): ${Math.round(pageMs)} ms; median of 3 runs`);
          let lines = 0;
          let bytes = 0;
          const csvMs = await median(3, async () => {
            lines = 0;
            bytes = 0;
            const reader = (await trainingCsv(db, context, filters)).getReader();
            for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
              bytes += chunk.value.byteLength;
              for (const byte of chunk.value) if (byte === 10) lines++;
            }
          });
          log(`CSV: ${lines - 1} rows, ${Math.round(bytes / 1024)} KB, streamed; median of 3 runs`);
          return [
            { name: "org.report.5000x20", value: Math.round(reportMs), unit: "ms", target: "< 500" },
            { name: "org.report.heatmap.5000x21", value: Math.round(heatMapMs), unit: "ms" },
            { name: "org.report.page.5000x20", value: Math.round(pageMs), unit: "ms" },
            { name: "org.report.csv.5000x20", value: Math.round(csvMs), unit: "ms", target: "< 2000" },
          ];
        } finally {
          await db.$disconnect();
        }
      } finally {
        fs.rmSync(database.dir, { recursive: true, force: true });
      }
    },
  },
];
