import { digComp22 } from "../../app/modules/competencies/digcomp";
import type { CompetenceEvidence, EvidenceKind } from "../../app/modules/competencies/evidence";
import type { TargetProfile } from "../../app/modules/competencies/gaps";
import { heatMap, type HeatMapMember } from "../../app/modules/competencies/heat-map";
import { computeProfile } from "../../app/modules/competencies/profile";
import type { Benchmark } from "./types";

const NOW = new Date("2025-06-01T12:00:00Z");
const DAY_MS = 24 * 60 * 60 * 1000;

/** A small deterministic generator, so every run measures the same data. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const KINDS: EvidenceKind[] = ["self-rating", "quiz", "module-completed", "module-passed", "scorm-score", "assessment-score"];

function generateEvidence(count: number, learner: number, next: () => number): CompetenceEvidence[] {
  const codes = digComp22().competences.map((competence) => competence.code);
  const evidence: CompetenceEvidence[] = [];
  for (let index = 0; index < count; index++) {
    const kind = KINDS[Math.floor(next() * KINDS.length)];
    const level = 1 + Math.floor(next() * 6);
    const base = {
      id: `learner-${learner}-evidence-${index}`,
      framework: "DigComp 2.2",
      competence: codes[Math.floor(next() * codes.length)],
      occurredAt: new Date(NOW.getTime() - Math.floor(next() * 1800) * DAY_MS),
      source: { id: `module-${Math.floor(next() * 40)}` },
    };
    switch (kind) {
      case "self-rating":
      case "quiz":
        evidence.push({ ...base, kind, level });
        break;
      case "module-completed":
      case "module-passed":
        evidence.push({ ...base, kind, targetLevel: level });
        break;
      case "scorm-score":
      case "assessment-score":
        evidence.push({ ...base, kind, targetLevel: level, scaledScore: next() });
        break;
    }
  }
  return evidence;
}

function meanMs(runs: number, task: () => void): number {
  for (let index = 0; index < Math.min(runs, 20); index++) task();
  const started = performance.now();
  for (let index = 0; index < runs; index++) task();
  return (performance.now() - started) / runs;
}

const target: TargetProfile = {
  framework: "DigComp 2.2",
  levels: Object.fromEntries(digComp22().competences.map((competence, index) => [competence.code, 2 + (index % 3)])),
};

export const benchmarks: Benchmark[] = [
  {
    name: "competencies.profile",
    run: async ({ log }) => {
      const framework = digComp22();
      const evidence = generateEvidence(200, 0, random(1));
      const runs = 2000;
      const value = meanMs(runs, () => computeProfile(evidence, framework, NOW));
      log(`computeProfile: 200 evidence records over 21 competences, mean of ${runs} runs`);
      return [{ name: "profile.compute.200-evidence", value: round(value), unit: "ms", target: "< 5" }];
    },
  },
  {
    name: "competencies.heatmap",
    run: async ({ log }) => {
      const framework = digComp22();
      const next = random(2);
      const profilesStarted = performance.now();
      const members: HeatMapMember[] = Array.from({ length: 1000 }, (_, index) => ({
        id: `member-${index}`,
        teamIds: next() < 0.05 ? [] : [`team-${index % 25}`, ...(next() < 0.2 ? [`team-${(index + 7) % 25}`] : [])],
        profile: computeProfile(generateEvidence(30, index, next), framework, NOW),
      }));
      log(`computed 1,000 profiles of 30 records each in ${round(performance.now() - profilesStarted)} ms (not part of the figure)`);
      const runs = 20;
      const byTeam = meanMs(runs, () => heatMap(members, framework, target, "team"));
      const byMember = meanMs(runs, () => heatMap(members, framework, target, "member"));
      log(`heatMap of 1,000 members × 21 competences, mean of ${runs} runs: by team ${round(byTeam)} ms, by member ${round(byMember)} ms`);
      return [{ name: "org.heatmap.1000x21", value: round(Math.max(byTeam, byMember)), unit: "ms", target: "< 300" }];
    },
  },
];

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
