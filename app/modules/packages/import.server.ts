import crypto from "node:crypto";
import { createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Db } from "../../utils/db.server";
import { competenceIndex } from "../competencies/frameworks.server";
import type { LangString } from "../i18n/lang-string";
import { isIgnoredPath } from "../standards/detect";
import { competencesFromLom } from "../standards/lom/digcomp";
import type { LomRecord } from "../standards/lom/model";
import type { Problem } from "../standards/report";
import { libraryFields } from "./library";
import type { PackageModel } from "./model";
import { PackageError, readPackageSource, type PackageSource } from "./source.server";
import { failedValidation, validatePackage, type ValidatedPackage, type ValidationResult } from "./validate.server";

/**
 * Imports a package (folder, zip, or bare LOM record) in three steps: validate everything,
 * store the files under a temporary name and move them into place, then write every row in one
 * transaction. A failure at any step leaves the database and the content store as they were.
 * Re-importing an identifier creates the next version of the course; enrolments stay on the
 * version they started.
 */

export type ImportStep = "validating" | "storing-files" | "saving" | "done";

export interface ImportProgress {
  step: ImportStep;
  /** 0..1 within the whole import. */
  progress: number;
}

export type ImportOutcome =
  | { ok: true; validation: ValidationResult; courseId: string; packageId: string; version: number; unchanged: boolean }
  | { ok: false; validation: ValidationResult };

export interface ImportOptions {
  contentDir: string;
  importedById?: string | null;
  onProgress?: (progress: ImportProgress) => void;
  /** The name to report for the package (an upload's original file name). */
  displayName?: string;
  /** When the newest version of the course has exactly these files, keep it and import nothing. */
  skipIfUnchanged?: boolean;
}

export async function importPackage(db: Db, sourcePath: string, options: ImportOptions): Promise<ImportOutcome> {
  const report = options.onProgress ?? (() => {});
  report({ step: "validating", progress: 0 });
  let source: PackageSource;
  try {
    source = await readPackageSource(sourcePath);
  } catch (error) {
    if (error instanceof PackageError) return { ok: false, validation: failedValidation(error, sourcePath) };
    throw error;
  }
  try {
    const validated = await validatePackage(source);
    const validation = withoutModel(validated);
    if (!validated.ok) return { ok: false, validation };
    report({ step: "validating", progress: 0.1 });

    const storageKey = `${slugify(validated.identifier ?? source.name)}-${crypto.randomBytes(6).toString("hex")}`;
    const finalDir = path.join(options.contentDir, storageKey);
    const { sizeBytes, sourceHash } = await storeFiles(source, options.contentDir, finalDir, (fraction) =>
      report({ step: "storing-files", progress: 0.1 + 0.8 * fraction }),
    );
    report({ step: "saving", progress: 0.9 });
    if (options.skipIfUnchanged) {
      const same = await db.coursePackage.findFirst({
        where: { course: { identifier: validated.identifier ?? "" }, sourceHash },
        orderBy: { version: "desc" },
        select: { id: true, version: true, courseId: true },
      });
      const newest = same
        ? await db.coursePackage.findFirst({ where: { courseId: same.courseId }, orderBy: { version: "desc" }, select: { id: true } })
        : null;
      if (same && newest?.id === same.id) {
        await fs.rm(finalDir, { recursive: true, force: true });
        report({ step: "done", progress: 1 });
        return { ok: true, validation, courseId: same.courseId, packageId: same.id, version: same.version, unchanged: true };
      }
    }
    try {
      const saved = await savePackage(db, validated, {
        storageKey,
        sizeBytes,
        sourceHash,
        importedById: options.importedById ?? null,
        sourceName: options.displayName ?? source.name,
      });
      report({ step: "done", progress: 1 });
      return {
        ok: true,
        validation: { ...validation, warnings: [...validation.warnings, ...saved.warnings] },
        courseId: saved.courseId,
        packageId: saved.packageId,
        version: saved.version,
        unchanged: false,
      };
    } catch (error) {
      await fs.rm(finalDir, { recursive: true, force: true });
      throw error;
    }
  } finally {
    await source.close();
  }
}

function withoutModel(validated: ValidatedPackage): ValidationResult {
  const { ok, kind, identifier, title, errors, warnings, summary } = validated;
  return { ok, kind, identifier, title, errors, warnings, summary };
}

export function slugify(text: string): string {
  return (
    text
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "package"
  );
}

/**
 * Copies every entry into a temporary folder next to the final one, then renames it into
 * place, so a half-copied package is never visible under its final name. Hashes names and
 * bytes on the way (entries in path order), so an unchanged package can be recognised.
 */
async function storeFiles(
  source: PackageSource,
  contentDir: string,
  finalDir: string,
  onFraction: (fraction: number) => void,
): Promise<{ sizeBytes: number; sourceHash: string }> {
  const entries = source.entries
    .filter((entry) => !isIgnoredPath(entry.path) && !entry.path.endsWith("/"))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const hash = crypto.createHash("sha256");
  const total = entries.reduce((sum, entry) => sum + entry.size, 0) || 1;
  const incoming = path.join(contentDir, `.incoming-${crypto.randomBytes(6).toString("hex")}`);
  await fs.mkdir(incoming, { recursive: true });
  let written = 0;
  let lastReport = 0;
  try {
    for (const entry of entries) {
      const target = path.join(incoming, ...entry.path.split("/"));
      if (!target.startsWith(incoming + path.sep)) throw new PackageError("zip.unsafe-path", `unsafe path ${entry.path}`, entry.path, { path: entry.path });
      await fs.mkdir(path.dirname(target), { recursive: true });
      hash.update(`${entry.path}\0`);
      const tap = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          hash.update(chunk);
          done(null, chunk);
        },
      });
      await pipeline(await source.openStream(entry.path), tap, createWriteStream(target, { flags: "wx" }));
      written += entry.size;
      const now = Date.now();
      if (now - lastReport > 200) {
        lastReport = now;
        onFraction(written / total);
      }
    }
    await fs.rename(incoming, finalDir);
  } catch (error) {
    await fs.rm(incoming, { recursive: true, force: true });
    throw error;
  }
  onFraction(1);
  return { sizeBytes: written, sourceHash: hash.digest("hex") };
}

function packageLom(validated: ValidatedPackage): LomRecord | null {
  return validated.contentPackage?.metadata?.lom[0] ?? validated.lom[0] ?? null;
}

/**
 * The languages a package's content comes in: its content/<lang>/ folders (decision 002) that
 * the LOM record declares as languages of the object — so a folder such as content/sco/ is not
 * taken for Scots — or, without declared languages, the two-letter folders; else the LOM's.
 */
function contentLanguages(validated: ValidatedPackage, lom: LomRecord | null): string[] {
  const declared = new Set(
    [...(lom?.general.languages ?? []), ...(lom?.educational.flatMap((educational) => educational.languages) ?? [])].map(
      (language) => language.toLowerCase(),
    ),
  );
  const languages = new Set<string>();
  for (const resource of validated.contentPackage?.resources ?? []) {
    for (const file of resource.files) {
      const match = /^content\/([a-z]{2,3}(?:-[A-Za-z0-9]+)?)\//.exec(file);
      if (!match) continue;
      const folder = match[1];
      if (declared.size ? declared.has(folder.toLowerCase()) : folder.length === 2) languages.add(folder);
    }
  }
  if (languages.size === 0) for (const language of declared) languages.add(language);
  return [...languages];
}

function buildModel(validated: ValidatedPackage, lom: LomRecord | null, title: LangString): PackageModel {
  const contentPackage = validated.contentPackage
    ? { ...validated.contentPackage, learningDesigns: [] }
    : null;
  const languages = contentLanguages(validated, lom);
  return {
    formatVersion: 1,
    kind: validated.kind,
    identifier: validated.identifier ?? "",
    title,
    defaultLanguage: lom?.general.languages[0] ?? languages[0] ?? "en",
    languages,
    lom,
    contentPackage,
    learningDesign: validated.learningDesign,
    assessmentItems: validated.assessmentItems,
  };
}

async function savePackage(
  db: Db,
  validated: ValidatedPackage,
  stored: { storageKey: string; sizeBytes: number; sourceHash: string; importedById: string | null; sourceName: string },
): Promise<{ courseId: string; packageId: string; version: number; warnings: Problem[] }> {
  const lom = packageLom(validated);
  const identifier = validated.identifier ?? lom?.general.identifiers[0]?.entry ?? slugify(stored.sourceName);
  const fields = libraryFields(lom, validated.title ?? identifier);
  const title: LangString = lom?.general.title ?? { [fields.language ?? "x-none"]: fields.title };
  const model = buildModel({ ...validated, identifier }, lom, title);
  const competences = await competenceIndex(db);
  const warnings: Problem[] = [];
  const references = (lom ? competencesFromLom(lom) : []).flatMap((reference) => {
    const competenceId = competences.get(`${reference.framework}|${reference.code}`);
    if (!competenceId) {
      warnings.push({
        code: "import.unknown-competence",
        message: `the competence ${reference.framework} ${reference.code} is not in any framework loaded here; it was not linked`,
        params: { framework: reference.framework, competence: reference.code },
        file: null,
        line: null,
        severity: "warning",
      });
      return [];
    }
    return [{ competenceId, targetLevel: reference.level ?? 1 }];
  });
  const fallbackCompetenceId = references[0]?.competenceId;

  return db.$transaction(async (tx) => {
    const course = await tx.course.upsert({
      where: { identifier },
      create: { identifier, title: fields.title },
      update: { title: fields.title },
    });
    const latest = await tx.coursePackage.findFirst({
      where: { courseId: course.id },
      orderBy: { version: "desc" },
      select: { version: true },
    });
    const version = (latest?.version ?? 0) + 1;
    const created = await tx.coursePackage.create({
      data: {
        courseId: course.id,
        version,
        kind: validated.kind,
        storageKey: stored.storageKey,
        model: JSON.stringify(model),
        warnings: JSON.stringify([...validated.warnings, ...warnings]),
        sizeBytes: stored.sizeBytes,
        sourceHash: stored.sourceHash,
        importedById: stored.importedById,
      },
    });
    await tx.learningObjectMetadata.create({
      data: {
        packageId: created.id,
        lom: JSON.stringify(lom),
        title: fields.title,
        description: fields.description,
        language: fields.language,
        resourceType: fields.resourceType,
        learningTimeMinutes: fields.learningTimeMinutes,
        difficulty: fields.difficulty,
        licence: fields.licence,
        keywords: JSON.stringify(fields.keywords),
        searchText: fields.searchText,
      },
    });
    const uniqueReferences = [...new Map(references.map((reference) => [reference.competenceId, reference])).values()];
    if (uniqueReferences.length) {
      await tx.packageCompetence.createMany({
        data: uniqueReferences.map((reference) => ({ packageId: created.id, ...reference })),
      });
    }
    if (validated.vademecum.length) {
      await tx.vademecumEntry.createMany({
        data: validated.vademecum.map((entry) => ({
          packageId: created.id,
          key: entry.key,
          kind: entry.kind,
          competenceCode: entry.competence ?? null,
          title: JSON.stringify(Object.fromEntries(Object.entries(entry.content).map(([lang, content]) => [lang, content.title]))),
          body: JSON.stringify(entry),
        })),
      });
    }
    const items = validated.assessmentItems.flatMap((item) => {
      const competenceId =
        item.competences.map((reference) => competences.get(`${reference.framework}|${reference.code}`)).find(Boolean) ??
        fallbackCompetenceId;
      if (!competenceId) return [];
      const first = Object.values(item.languages)[0];
      return [
        {
          packageId: created.id,
          competenceId,
          identifier: first?.identifier ?? item.resourceIdentifier,
          kind: first?.choices.length === 2 && first.cardinality === "single" ? "true-false" : "choice",
          body: JSON.stringify(item),
        },
      ];
    });
    if (items.length) await tx.assessmentItem.createMany({ data: items });
    return { courseId: course.id, packageId: created.id, version, warnings };
  });
}
