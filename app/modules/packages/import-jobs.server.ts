import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import {
  MaxPartSizeExceededError,
  NodeOnDiskFile,
  unstable_createFileUploadHandler,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type UploadHandler,
} from "@remix-run/node";
import type { Db } from "../../utils/db.server";
import { importPackage } from "./import.server";
import {
  isImportJobStatus,
  MAX_UPLOAD_BYTES,
  throttleProgress,
  UPLOAD_KEPT_DAYS,
  type ImportFailure,
  type ImportJobState,
  type ImportReport,
} from "./import-jobs";
import { validatePath, type ValidationResult } from "./validate.server";

/**
 * Uploads into the library: the zip is streamed to a folder of its own under
 * `<content dir>/uploads`, validated, and imported only when the author confirms. The import
 * runs in the server process after the response; its progress is kept in the ImportJob row,
 * which the author's page polls.
 */

export type UploadOutcome =
  | { ok: true; filePath: string; fileName: string }
  | { ok: false; reason: "too-large" | "no-file" };

export function uploadsDir(contentDir: string): string {
  return path.join(contentDir, "uploads");
}

/** "../My course (v2).ZIP" → "My course (v2).ZIP"; anything not a zip name gets ".zip". */
function uploadFileName(original: string): string {
  const printable = [...original.replace(/\\/g, "/")].map((char) => (char.charCodeAt(0) < 32 ? "_" : char)).join("");
  const base = path.basename(printable).replace(/[:*?"<>|]/g, "_").slice(0, 120).trim();
  const name = base && !base.startsWith(".") ? base : "package.zip";
  return /\.zip$/i.test(name) ? name : `${name}.zip`;
}

async function drain(data: AsyncIterable<Uint8Array>): Promise<void> {
  for await (const chunk of data) void chunk;
}

/**
 * Streams the "package" file of a multipart request to disk. A file larger than `maxBytes`
 * is never written beyond that size: what was written is deleted and the rest of the request
 * is read and thrown away, so the browser still gets an answer. Other files are ignored;
 * text fields are kept in memory up to 10 kB.
 */
export async function receiveUpload(
  request: Request,
  options: { contentDir: string; maxBytes?: number },
): Promise<UploadOutcome> {
  const folder = path.join(uploadsDir(options.contentDir), crypto.randomBytes(9).toString("hex"));
  const files = unstable_createFileUploadHandler({
    directory: folder,
    file: ({ filename }) => uploadFileName(filename),
    avoidFileConflicts: false,
    maxPartSize: options.maxBytes ?? MAX_UPLOAD_BYTES,
  });
  const fields = unstable_createMemoryUploadHandler({ maxPartSize: 10_000 });
  let tooLarge = false;
  const handler: UploadHandler = async (part) => {
    if (part.filename === undefined) return fields(part);
    if (part.name !== "package" || !part.filename || tooLarge) {
      await drain(part.data);
      return undefined;
    }
    try {
      return await files(part);
    } catch (error) {
      if (!(error instanceof MaxPartSizeExceededError)) throw error;
      tooLarge = true;
      await drain(part.data);
      return undefined;
    }
  };
  let file: FormDataEntryValue | null = null;
  try {
    file = (await unstable_parseMultipartFormData(request, handler)).get("package");
  } catch (error) {
    const badRequest =
      error instanceof TypeError ||
      error instanceof MaxPartSizeExceededError ||
      (error instanceof Error && /^malformed/.test(error.message));
    if (!badRequest) {
      await fs.rm(folder, { recursive: true, force: true });
      throw error;
    }
  }
  if (file instanceof NodeOnDiskFile && !tooLarge && file.size > 0) {
    return { ok: true, filePath: file.getFilePath(), fileName: path.basename(file.getFilePath()) };
  }
  await fs.rm(folder, { recursive: true, force: true });
  return { ok: false, reason: tooLarge ? "too-large" : "no-file" };
}

function reportOf(validation: ValidationResult, failure: string | null = null): string {
  const { ok, kind, identifier, title, errors, warnings, summary } = validation;
  const report: ImportReport = { validation: { ok, kind, identifier, title, errors, warnings, summary }, failure };
  return JSON.stringify(report);
}

/** A stored report (JSON) with the reason its import stopped. */
function withFailure(reportJson: string, failure: string, failureCode: ImportFailure): string {
  return JSON.stringify({ ...(JSON.parse(reportJson) as object), failure, failureCode });
}

/** Records an upload and validates it; the job is "ready" to import or "failed" with errors. */
export async function createImportJob(
  db: Db,
  upload: { userId: string; filePath: string; fileName: string },
): Promise<string> {
  const job = await db.importJob.create({
    data: {
      userId: upload.userId,
      status: "validating",
      step: "validating",
      fileName: upload.fileName,
      uploadPath: upload.filePath,
    },
  });
  const validation = await validatePath(upload.filePath);
  await db.importJob.update({
    where: { id: job.id },
    data: { status: validation.ok ? "ready" : "failed", step: "", progress: 0, report: reportOf(validation) },
  });
  return job.id;
}

export interface ImportJobView extends ImportJobState {
  id: string;
  fileName: string;
  report: ImportReport | null;
  createdAt: Date;
}

/** An import records its progress several times a second: one silent this long was interrupted. */
const SILENT_IMPORT_MS = 2 * 60 * 1000;

/**
 * An import that stopped saying how it goes ended with the process that ran it (a restart, a
 * crash). Imports are all-or-nothing, so nothing of it was stored: the job fails and says so.
 */
async function settleInterruptedImport(db: Db, jobId: string, now = new Date()): Promise<void> {
  const job = await db.importJob.findFirst({
    where: { id: jobId, status: "importing", updatedAt: { lt: new Date(now.getTime() - SILENT_IMPORT_MS) } },
    select: { report: true },
  });
  if (!job) return;
  const failure = "The import was interrupted when the server stopped, and nothing of it was stored. Upload the package again to import it.";
  await db.importJob.updateMany({
    where: { id: jobId, status: "importing" },
    data: { status: "failed", step: "", report: withFailure(job.report, failure, "interrupted") },
  });
}

/** One of the user's own jobs, or null. */
export async function findImportJob(db: Db, jobId: string, userId: string): Promise<ImportJobView | null> {
  await settleInterruptedImport(db, jobId);
  const job = await db.importJob.findFirst({ where: { id: jobId, userId } });
  if (!job || !isImportJobStatus(job.status)) return null;
  const report = JSON.parse(job.report) as Partial<ImportReport>;
  return {
    id: job.id,
    status: job.status,
    step: job.step,
    progress: job.progress,
    packageId: job.packageId,
    fileName: job.fileName,
    report: report.validation
      ? { validation: report.validation, failure: report.failure ?? null, failureCode: report.failureCode ?? null }
      : null,
    createdAt: job.createdAt,
  };
}

/** The state the progress poll shows, for one of the user's own jobs. */
export async function importJobState(db: Db, jobId: string, userId: string): Promise<ImportJobState | null> {
  await settleInterruptedImport(db, jobId);
  const job = await db.importJob.findFirst({
    where: { id: jobId, userId },
    select: { status: true, step: true, progress: true, packageId: true },
  });
  if (!job || !isImportJobStatus(job.status)) return null;
  return { status: job.status, step: job.step, progress: job.progress, packageId: job.packageId };
}

/** Removes an upload's folder, only when it lies inside the uploads folder. */
async function removeUpload(contentDir: string, uploadPath: string): Promise<void> {
  const root = path.resolve(uploadsDir(contentDir));
  const folder = path.dirname(path.resolve(uploadPath));
  if (folder.startsWith(root + path.sep)) await fs.rm(folder, { recursive: true, force: true });
}

/**
 * Starts importing a ready job and returns at once; `finished` settles when the import has
 * ended and the job says how. A job that is not ready (already started, discarded, another
 * user's) is left alone and `started` is false, so a double click imports once.
 */
export async function startImport(
  db: Db,
  options: { jobId: string; userId: string; contentDir: string },
): Promise<{ started: boolean; finished: Promise<void> }> {
  const claimed = await db.importJob.updateMany({
    where: { id: options.jobId, userId: options.userId, status: "ready" },
    data: { status: "importing", step: "validating", progress: 0 },
  });
  if (claimed.count === 0) return { started: false, finished: Promise.resolve() };
  const finished = runImport(db, options).catch((error: unknown) => {
    console.error(`Import job ${options.jobId} could not record its end:`, error);
  });
  return { started: true, finished };
}

async function runImport(db: Db, options: { jobId: string; userId: string; contentDir: string }): Promise<void> {
  const job = await db.importJob.findUniqueOrThrow({ where: { id: options.jobId } });
  let writes: Promise<unknown> = Promise.resolve();
  const onProgress = throttleProgress((progress) => {
    writes = writes
      .then(() =>
        db.importJob.update({ where: { id: job.id }, data: { step: progress.step, progress: progress.progress } }),
      )
      .catch(() => undefined);
  });
  try {
    const outcome = await importPackage(db, job.uploadPath, {
      contentDir: options.contentDir,
      importedById: options.userId,
      displayName: job.fileName,
      onProgress,
    });
    await writes;
    await db.importJob.update({
      where: { id: job.id },
      data: outcome.ok
        ? { status: "done", step: "done", progress: 1, packageId: outcome.packageId, report: reportOf(outcome.validation) }
        : { status: "failed", step: "", report: reportOf(outcome.validation) },
    });
    if (outcome.ok) await removeUpload(options.contentDir, job.uploadPath);
  } catch (error) {
    await writes;
    console.error(`Import job ${job.id} failed:`, error);
    const failure = error instanceof Error ? error.message : String(error);
    await db.importJob.update({
      where: { id: job.id },
      data: { status: "failed", step: "", report: withFailure(job.report, failure, "error") },
    });
  }
}

/** Deletes a job that is not being imported, with its uploaded file. */
export async function discardImport(
  db: Db,
  options: { jobId: string; userId: string; contentDir: string },
): Promise<boolean> {
  const job = await db.importJob.findFirst({
    where: { id: options.jobId, userId: options.userId, status: { not: "importing" } },
  });
  if (!job) return false;
  await removeUpload(options.contentDir, job.uploadPath);
  await db.importJob.delete({ where: { id: job.id } });
  return true;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Frees the disk of uploads nobody came back for: a job left ready or failed for
 * UPLOAD_KEPT_DAYS loses its file (a ready one fails and says why, so its author knows to
 * upload again), and a folder under uploads that no job names, a day old, is an upload whose
 * job was never recorded. Returns how many uploads were removed.
 */
export async function expireUploads(db: Db, contentDir: string, now = new Date()): Promise<number> {
  const stale = await db.importJob.findMany({
    where: { status: { in: ["ready", "failed"] }, uploadPath: { not: "" }, updatedAt: { lt: new Date(now.getTime() - UPLOAD_KEPT_DAYS * DAY_MS) } },
    select: { id: true, status: true, report: true, uploadPath: true },
  });
  const failure = `The uploaded file waited ${UPLOAD_KEPT_DAYS} days without being imported and was removed. Upload the package again to import it.`;
  let removed = 0;
  for (const job of stale) {
    // Claimed first: an author who starts the import at this very moment keeps the file.
    const claimed = await db.importJob.updateMany({
      where: { id: job.id, status: job.status },
      data:
        job.status === "ready"
          ? { status: "failed", step: "", uploadPath: "", report: withFailure(job.report, failure, "expired") }
          : { uploadPath: "" },
    });
    if (claimed.count === 0) continue;
    await removeUpload(contentDir, job.uploadPath);
    removed += 1;
  }

  const root = uploadsDir(contentDir);
  const folders = await fs.readdir(root, { withFileTypes: true }).catch(() => []);
  const named = new Set(
    (await db.importJob.findMany({ where: { uploadPath: { not: "" } }, select: { uploadPath: true } })).map((job) =>
      path.dirname(path.resolve(job.uploadPath)),
    ),
  );
  let orphans = 0;
  for (const folder of folders) {
    const full = path.resolve(root, folder.name);
    if (!folder.isDirectory() || named.has(full)) continue;
    const { mtimeMs } = await fs.stat(full);
    if (mtimeMs > now.getTime() - DAY_MS) continue;
    await fs.rm(full, { recursive: true, force: true });
    orphans += 1;
  }
  return removed + orphans;
}
