import { randomBytes } from "node:crypto";
import { createWriteStream, readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import { ZipFile } from "yazl";
import { digComp22 } from "../../app/modules/competencies/digcomp";
import { storeFramework } from "../../app/modules/competencies/frameworks.server";
import { importPackage } from "../../app/modules/packages/import.server";
import { readPackageSource } from "../../app/modules/packages/source.server";
import { createDb } from "../../app/utils/db.server";
import { validatePath } from "../../app/modules/packages/validate.server";
import { parseLomDocument } from "../../app/modules/standards/lom/read";
import type { Benchmark } from "./types";

const fixtures = fileURLToPath(new URL("../fixtures/", import.meta.url));

const LOM_FILES = [
  "kennisnet-lom-samples/kennisnet+pylom/test/records/ims-complete.xml",
  "surf-edusources-oaipmh-lom/harvester/anatomy_tool/fixtures/anatomy-tool-oaipmh.initial.0.xml",
  "surf-edusources-oaipmh-lom/harvester/edurep/fixtures/edurep-oaipmh.initial.0.xml",
];

/**
 * Each LOM record of a file as a document of its own, the way records arrive one by one from
 * a harvester or an upload (the OAI-PMH envelope around them is not LOM parsing). The root
 * element declares its own namespace in these files, so the cut-out text is well-formed.
 */
function splitRecords(text: string): string[] {
  const records = text.match(/<([a-z]+:)?lom\b[\s\S]*?<\/\1lom>/g) ?? [];
  return records.map((record) => `<?xml version="1.0" encoding="UTF-8"?>\n${record}`);
}

/** Every package among the fixtures: the ADL test-suite course folders, golf zips, pyslet packages. */
function corpusPackages(): string[] {
  const courses = join(fixtures, "adl-scorm2004-4ed-testsuite/software_development/TestSuite/LMSRTE/Courses");
  const pyslet = join(fixtures, "pyslet-ims-testdata/unittests");
  const golf = join(fixtures, "moodle-scorm-golf-testpackages/tests/packages");
  return [
    ...readdirSync(courses).map((name) => join(courses, name)),
    ...readdirSync(golf).map((name) => join(golf, name)),
    join(pyslet, "data_imscpv1p2/package_1"),
    join(pyslet, "data_imscpv1p2/package_1.zip"),
    join(pyslet, "data_imscpv1p2/package_3"),
    join(pyslet, "data_imscc_profilev1p0/sample_1"),
  ].filter((path) => statSync(path).isDirectory() || path.endsWith(".zip"));
}

export const benchmarks: Benchmark[] = [
  {
    name: "lom.parse.rate",
    async run({ log }) {
      const documents = LOM_FILES.flatMap((file) =>
        splitRecords(readFileSync(join(fixtures, file), "utf8")).map((text, index) => ({ file: `${file}#${index}`, text })),
      );
      let records = 0;
      for (const { file, text } of documents) parseLomDocument(text, file);
      const started = performance.now();
      while (performance.now() - started < 2000) {
        for (const { file, text } of documents) records += parseLomDocument(text, file).records.length;
      }
      const seconds = (performance.now() - started) / 1000;
      log(`parsed ${records} LOM records (${documents.length} distinct: IEEE, IMS MD, quirky) in ${seconds.toFixed(2)} s`);
      return [{ name: "lom.parse.rate", value: Math.round(records / seconds), unit: "records/s", target: ">= 2000" }];
    },
  },
  {
    name: "manifests.validate.all",
    async run({ log }) {
      const packages = corpusPackages();
      const started = performance.now();
      let invalid = 0;
      for (const path of packages) if (!(await validatePath(path)).ok) invalid += 1;
      const elapsed = performance.now() - started;
      log(`validated ${packages.length} corpus packages (${invalid} invalid) in ${elapsed.toFixed(0)} ms`);
      return [{ name: "manifests.validate.all", value: Math.round(elapsed), unit: "ms", target: "< 2000" }];
    },
  },
  {
    name: "package.100mb.rss-growth",
    async run({ tmpDir, log }) {
      const path = join(tmpDir, "package-100mb.zip");
      // Measured from before the package is generated, so generation's own garbage counts
      // against the figure too: it can only overstate the growth.
      const baseline = process.memoryUsage().rss;
      let peak = baseline;
      await writeLargePackage(path, 50, 2 * 1024 * 1024);
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
      }, 5);
      let streamed = 0;
      try {
        const result = await validatePath(path);
        if (!result.ok) throw new Error(`the generated package is invalid: ${result.errors[0]?.message}`);
        const source = await readPackageSource(path);
        try {
          for (const entry of source.entries) {
            for await (const chunk of (await source.openStream(entry.path)) as AsyncIterable<Buffer>) {
              streamed += chunk.length;
              peak = Math.max(peak, process.memoryUsage().rss);
            }
          }
        } finally {
          await source.close();
        }
      } finally {
        clearInterval(sampler);
      }
      const growth = (peak - baseline) / (1024 * 1024);
      log(`validated and streamed ${(streamed / 1024 / 1024).toFixed(0)} MB; RSS grew ${growth.toFixed(1)} MB at peak`);
      return [{ name: "package.100mb.rss-growth", value: Math.round(growth * 10) / 10, unit: "MB", target: "< 100" }];
    },
  },
  {
    name: "package.100mb.import",
    async run({ tmpDir, databaseUrl, log }) {
      const path = join(tmpDir, "import-100mb.zip");
      await writeLargePackage(path, 50, 2 * 1024 * 1024);
      const db = createDb(databaseUrl);
      await storeFramework(db, digComp22());
      const baseline = process.memoryUsage().rss;
      let peak = baseline;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
      }, 5);
      const started = performance.now();
      let last = started;
      let longestGap = 0;
      let updates = 0;
      try {
        const outcome = await importPackage(db, path, {
          contentDir: join(tmpDir, "content"),
          onProgress: () => {
            const now = performance.now();
            longestGap = Math.max(longestGap, now - last);
            last = now;
            updates += 1;
          },
        });
        if (!outcome.ok) throw new Error(`the generated package did not import: ${outcome.validation.errors[0]?.message}`);
      } finally {
        clearInterval(sampler);
        await db.$disconnect();
      }
      const seconds = (performance.now() - started) / 1000;
      const growth = (peak - baseline) / (1024 * 1024);
      log(`imported 100 MB in ${seconds.toFixed(1)} s with ${updates} progress updates; RSS grew ${growth.toFixed(1)} MB at peak`);
      return [
        { name: "package.100mb.import.rss-growth", value: Math.round(growth * 10) / 10, unit: "MB", target: "< 100" },
        { name: "package.100mb.import.longest-progress-gap", value: Math.round(longestGap), unit: "ms", target: "<= 1000" },
      ];
    },
  },
];

/** A SCORM 1.2 package of `count` files of random (incompressible) bytes, written as it is generated. */
async function writeLargePackage(path: string, count: number, size: number): Promise<void> {
  const zip = new ZipFile();
  const files = Array.from({ length: count }, (_, index) => `media/part-${index}.bin`);
  const manifest = `<?xml version="1.0"?>
<manifest identifier="bench-100mb" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="o"><organization identifier="o"><title>Large package</title>
    <item identifier="i" identifierref="r"><title>Media</title></item></organization></organizations>
  <resources><resource identifier="r" type="webcontent" adlcp:scormtype="sco" href="index.html">
    <file href="index.html"/>${files.map((file) => `<file href="${file}"/>`).join("")}</resource></resources>
</manifest>`;
  zip.addBuffer(Buffer.from(manifest), "imsmanifest.xml");
  zip.addBuffer(Buffer.from("<html><body>Large package</body></html>"), "index.html");
  for (const file of files) {
    const chunks = (function* () {
      for (let written = 0; written < size; written += 256 * 1024) yield randomBytes(Math.min(256 * 1024, size - written));
    })();
    zip.addReadStream(Readable.from(chunks), file, { compress: false, size });
  }
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(path));
}
