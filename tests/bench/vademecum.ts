import { compileVademecum, type VademecumInput, type VademecumModule } from "../../app/modules/vademecum/compile";
import type { VademecumEntry, VademecumEntryKind } from "../../app/modules/vademecum/entry";
import { DIGCOMP_22, TINY_PNG } from "../../app/modules/vademecum/fixtures";
import { renderEpub } from "../../app/modules/vademecum/render-epub.server";
import { renderHtml } from "../../app/modules/vademecum/render-html";
import { renderPdf } from "../../app/modules/vademecum/render-pdf.server";
import { execFileSync } from "node:child_process";
import type { Benchmark, BenchFigure } from "./types";

const MODULES = 30;
const ENTRIES_PER_MODULE = 10;
const RUNS = 3;
const KINDS: VademecumEntryKind[] = ["takeaway", "guide", "checklist", "tool", "story", "link", "glossary"];
const COMPETENCES = DIGCOMP_22.areas.flatMap((area) => area.competences.map((competence) => competence.code));

const PARAGRAPH = {
  en: "Agree with the person you support which channel you use, what you keep in the case file and what you delete, and write it down where both of you can find it again.",
  it: "Concorda con la persona che segui quale canale usare, che cosa conservare nella cartella e che cosa cancellare, e scrivilo dove entrambi potrete ritrovarlo.",
};

/** An entry with every field its kind has, in English and Italian. */
function entry(module: number, index: number): VademecumEntry {
  const kind = KINDS[(module + index) % KINDS.length];
  // Tool cards are shared across modules, as real courses share them.
  const key = kind === "tool" ? `tool-${module + index}` : `${kind}-${module}-${index}`;
  const content = (language: "en" | "it") => {
    const text = PARAGRAPH[language];
    const title = `${language === "en" ? "Entry" : "Voce"} ${module}.${index} ${kind}`;
    switch (kind) {
      case "tool":
        return {
          title,
          summary: text.slice(0, 60),
          purpose: `<p>${text}</p>`,
          risks: `<p><strong>${text.slice(0, 40)}</strong> ${text}</p>`,
          privacy: `<p>${text}</p>`,
          alternatives: `<ul><li>${text.slice(0, 50)}</li><li>${text.slice(50, 100)}</li></ul>`,
        };
      case "guide":
        return { title, steps: [text.slice(0, 70), `<em>${text.slice(70)}</em>`, text] };
      case "checklist":
        return { title, items: [text.slice(0, 50), text.slice(50, 110), text.slice(110)] };
      case "story":
        return { title, body: `<p>${text}</p><p>${text}</p><img src="${TINY_PNG}" alt="${title}"/>`, source: "ELASTIC" };
      case "link":
        return { title, summary: text.slice(0, 80), href: `https://example.org/${module}/${index}` };
      case "glossary":
        return { title, definition: `<p>${text}</p>` };
      default:
        return { title, body: `<p>${text}</p>` };
    }
  };
  return {
    key,
    kind,
    ...(kind === "glossary" ? {} : { competence: COMPETENCES[(module * 7 + index) % COMPETENCES.length] }),
    content: { en: content("en"), it: content("it") },
  };
}

export function generatedInput(moduleCount = MODULES): VademecumInput {
  const modules: VademecumModule[] = Array.from({ length: moduleCount }, (_, module) => ({
    id: `module-${module}`,
    title: { en: `Module ${module}: digital practice`, it: `Modulo ${module}: pratica digitale` },
    description: { en: PARAGRAPH.en, it: PARAGRAPH.it },
    objectives: [{ en: "Apply it with service users", it: "Applicarlo con le persone seguite" }],
    defaultLanguage: "en",
    competences: [{ framework: "DigComp 2.2", code: COMPETENCES[module % COMPETENCES.length], level: 4 }],
    status: module % 10 === 9 ? "in-progress" : "completed",
    ...(module % 10 === 9 ? {} : { completedAt: new Date(Date.UTC(2025, 0, 1 + module)).toISOString() }),
    entries: Array.from({ length: ENTRIES_PER_MODULE }, (_, index) => entry(module, index)),
  }));
  return {
    reader: { name: "Maria Rossi", organisation: "Cooperativa Sociale Aurora", languages: ["it", "en"] },
    modules,
    framework: DIGCOMP_22,
    profile: COMPETENCES.map((code, index) => ({ code, level: (index % 8) + 1, selfRatedLevel: ((index + 3) % 8) + 1 })),
  };
}

/** Compiles and renders `RUNS` times after one warm-up run; returns the median in ms. */
async function median(render: (input: VademecumInput) => unknown): Promise<number> {
  const input = generatedInput();
  const compileAndRender = () => render(input);
  await compileAndRender();
  const times: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const start = performance.now();
    await compileAndRender();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(times.length / 2)]);
}

/** What one learner's download costs: compile once, render every format. */
export async function renderAllOnce(): Promise<void> {
  const doc = compile(generatedInput());
  renderHtml(doc);
  await renderPdf(doc);
  await renderEpub(doc);
}

const compile = (input: VademecumInput) => compileVademecum(input, { includeInProgress: true, date: "2025-03-14" });

export const benchmarks: Benchmark[] = [
  {
    name: "vademecum",
    run: async ({ log }) => {
      const doc = compile(generatedInput());
      const entryCount = doc.sections.reduce(
        (sum, section) => sum + section.groups.reduce((inner, group) => inner + group.entries.length, 0),
        doc.glossary.length,
      );
      log(`vademecum: ${MODULES} modules, ${entryCount} entries after de-duplication, ${doc.sections.length} sections`);
      const figures: BenchFigure[] = [
        { name: "vademecum.html.30-modules", value: await median((input) => renderHtml(compile(input))), unit: "ms", target: "< 300" },
        { name: "vademecum.pdf.30-modules", value: await median((input) => renderPdf(compile(input))), unit: "ms", target: "< 5000" },
        { name: "vademecum.epub.30-modules", value: await median((input) => renderEpub(compile(input))), unit: "ms", target: "< 1000" },
      ];
      log("vademecum.peak-rss: one compilation into all three formats, in a fresh Node process with tsx");
      const peakKilobytes = execFileSync(
        process.execPath,
        [
          "--import",
          "tsx",
          "--input-type=module",
          "-e",
          `const bench = await import(${JSON.stringify(import.meta.url)});
await bench.renderAllOnce();
console.log(process.resourceUsage().maxRSS);`,
        ],
        { encoding: "utf8" },
      );
      figures.push({ name: "vademecum.peak-rss", value: Math.round(Number(peakKilobytes.trim()) / 1024), unit: "MB", target: "< 250" });
      return figures;
    },
  },
];
