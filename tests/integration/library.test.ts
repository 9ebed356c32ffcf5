import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import yazl from "yazl";
import { beforeAll, describe, expect, it } from "vitest";
import { digComp22 } from "../../app/modules/competencies/digcomp";
import { storeFramework } from "../../app/modules/competencies/frameworks.server";
import { importPackage } from "../../app/modules/packages/import.server";
import {
  createImportJob,
  discardImport,
  expireUploads,
  findImportJob,
  receiveUpload,
  startImport,
} from "../../app/modules/packages/import-jobs.server";
import { exportLom, libraryEntry, saveLomEdit, searchLibrary } from "../../app/modules/packages/library.server";
import { parseLibraryFilters } from "../../app/modules/packages/library-search";
import { lomFormValues } from "../../app/modules/packages/lom-form";
import { importBundledCourses } from "../../app/modules/platform/bundled-courses.server";
import { parseLomDocument } from "../../app/modules/standards/lom/read";
import { setUpTestDatabase } from "../support/test-db";

const database = setUpTestDatabase();
const GOLF = path.resolve("tests/fixtures/moodle-scorm-golf-testpackages/tests/packages");
const XSD = path.resolve("tests/fixtures/adl-scorm2004-4ed-testsuite/software_development/xml/xsd/lom.xsd");
const hasXmllint = spawnSync("xmllint", ["--version"]).status === 0;
const contentDir = () => path.join(database.dir, "content");
const uploads = () => path.join(contentDir(), "uploads");
let userId: string;

/** A browser's multipart upload of a file as the "package" field. */
function uploadRequest(fileName: string, bytes: Buffer): Request {
  const form = new FormData();
  form.append("intent", "upload");
  form.append("package", new Blob([new Uint8Array(bytes)], { type: "application/zip" }), fileName);
  return new Request("http://localhost/library/import", { method: "POST", body: form });
}

function filesUnder(folder: string): string[] {
  return fs.existsSync(folder) ? (fs.readdirSync(folder, { recursive: true }) as string[]) : [];
}

/** A zip whose manifest is not well-formed XML (an unclosed element on line 4). */
async function brokenZip(): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  zip.addBuffer(
    Buffer.from('<?xml version="1.0"?>\n<manifest identifier="broken" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1">\n  <organizations/>\n  <resources>\n</manifest>\n'),
    "imsmanifest.xml",
  );
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

beforeAll(async () => {
  await storeFramework(database.db, digComp22());
  userId = (await database.db.user.create({ data: { email: "author@example.org", name: "Anna Author", passwordHash: "x" } })).id;
});

describe("uploads", () => {
  it("refuses a file over the size bound without keeping any of it", async () => {
    const outcome = await receiveUpload(uploadRequest("big.zip", Buffer.alloc(64 * 1024, 1)), {
      contentDir: contentDir(),
      maxBytes: 16 * 1024,
    });
    expect(outcome).toEqual({ ok: false, reason: "too-large" });
    expect(filesUnder(uploads())).toEqual([]);
  });

  it("stores a file within the bound under its own name, byte for byte", async () => {
    const bytes = fs.readFileSync(path.join(GOLF, "RuntimeBasicCalls_SCORM20043rdEdition.zip"));
    const outcome = await receiveUpload(uploadRequest("../Golf course.zip", bytes), { contentDir: contentDir(), maxBytes: bytes.length });
    expect(outcome).toMatchObject({ ok: true, fileName: "Golf course.zip" });
    if (!outcome.ok) return;
    expect(path.dirname(path.dirname(outcome.filePath))).toBe(uploads());
    expect(fs.readFileSync(outcome.filePath).equals(bytes)).toBe(true);
    fs.rmSync(path.dirname(outcome.filePath), { recursive: true });
  });

  it("says when no file was chosen", async () => {
    const outcome = await receiveUpload(uploadRequest("", Buffer.alloc(0)), { contentDir: contentDir() });
    expect(outcome).toEqual({ ok: false, reason: "no-file" });
  });
});

describe("the import job", () => {
  it("validates on upload, imports after confirmation in the background, and removes the upload", async () => {
    const bytes = fs.readFileSync(path.join(GOLF, "RuntimeBasicCalls_SCORM20043rdEdition.zip"));
    const upload = await receiveUpload(uploadRequest("golf.zip", bytes), { contentDir: contentDir() });
    if (!upload.ok) throw new Error("upload refused");
    const jobId = await createImportJob(database.db, { userId, ...upload });

    const ready = await findImportJob(database.db, jobId, userId);
    expect(ready).toMatchObject({ status: "ready", fileName: "golf.zip", packageId: null });
    expect(ready?.report?.validation).toMatchObject({ ok: true, kind: "scorm2004", summary: { scos: 1, resources: 1 } });
    expect(await database.db.course.count()).toBe(0);
    expect(await findImportJob(database.db, jobId, "someone-else")).toBeNull();

    const run = await startImport(database.db, { jobId, userId, contentDir: contentDir() });
    expect(run.started).toBe(true);
    expect((await findImportJob(database.db, jobId, userId))?.status).toBe("importing");
    expect((await startImport(database.db, { jobId, userId, contentDir: contentDir() })).started).toBe(false);
    await run.finished;

    const done = await findImportJob(database.db, jobId, userId);
    expect(done).toMatchObject({ status: "done", step: "done", progress: 1 });
    const stored = await database.db.coursePackage.findUniqueOrThrow({ where: { id: done!.packageId! }, include: { metadata: true } });
    expect(stored.metadata?.title).toBe("Golf Explained - Run-time Basic Calls");
    expect(stored.importedById).toBe(userId);
    expect(fs.existsSync(upload.filePath)).toBe(false);
    expect((await discardImport(database.db, { jobId, userId, contentDir: contentDir() }))).toBe(true);
  });

  it("keeps a broken package out: the report names file and line, and discarding deletes the upload", async () => {
    const upload = await receiveUpload(uploadRequest("broken.zip", await brokenZip()), { contentDir: contentDir() });
    if (!upload.ok) throw new Error("upload refused");
    const jobId = await createImportJob(database.db, { userId, ...upload });
    const job = await findImportJob(database.db, jobId, userId);
    expect(job?.status).toBe("failed");
    expect(job?.report?.validation.errors[0]).toMatchObject({
      code: "xml.not-well-formed",
      file: "imsmanifest.xml",
      line: expect.any(Number),
      params: { file: "imsmanifest.xml", detail: expect.any(String) },
    });
    expect((await startImport(database.db, { jobId, userId, contentDir: contentDir() })).started).toBe(false);

    expect(await discardImport(database.db, { jobId, userId: "someone-else", contentDir: contentDir() })).toBe(false);
    expect(await discardImport(database.db, { jobId, userId, contentDir: contentDir() })).toBe(true);
    expect(fs.existsSync(upload.filePath)).toBe(false);
    expect(await database.db.importJob.count({ where: { id: jobId } })).toBe(0);
  });
});

describe("an import cut short by a restart", () => {
  it("fails once it has been silent for two minutes, says why, and can be discarded", async () => {
    const upload = await receiveUpload(uploadRequest("golf.zip", fs.readFileSync(path.join(GOLF, "RuntimeMinimumCalls_SCORM12.zip"))), {
      contentDir: contentDir(),
    });
    if (!upload.ok) throw new Error("upload refused");
    const jobId = await createImportJob(database.db, { userId, ...upload });
    // The process that was importing it stopped: the job still says "importing".
    await database.db.importJob.update({ where: { id: jobId }, data: { status: "importing", step: "storing", progress: 0.4 } });
    expect((await findImportJob(database.db, jobId, userId))?.status).toBe("importing");

    const threeMinutesAgo = new Date(Date.now() - 3 * 60 * 1000);
    await database.db.$executeRaw`UPDATE "ImportJob" SET "updatedAt" = ${threeMinutesAgo} WHERE "id" = ${jobId}`;
    const job = await findImportJob(database.db, jobId, userId);
    expect(job?.status).toBe("failed");
    expect(job?.report?.failure).toMatch(/interrupted/);
    // The page words it in the reader's language from the code.
    expect(job?.report?.failureCode).toBe("interrupted");
    expect(job?.report?.validation.ok).toBe(true);
    expect(await discardImport(database.db, { jobId, userId, contentDir: contentDir() })).toBe(true);
  });
});

describe("uploads nobody came back for", () => {
  const golfUpload = async () => {
    const upload = await receiveUpload(uploadRequest("golf.zip", fs.readFileSync(path.join(GOLF, "RuntimeMinimumCalls_SCORM12.zip"))), {
      contentDir: contentDir(),
    });
    if (!upload.ok) throw new Error("upload refused");
    return upload;
  };

  it("are removed after a week; a ready job then fails and tells its author to upload again", async () => {
    const old = await golfUpload();
    const oldJob = await createImportJob(database.db, { userId, ...old });
    const recent = await golfUpload();
    const recentJob = await createImportJob(database.db, { userId, ...recent });
    const eightDaysAgo = new Date(Date.now() - 8 * 24 * 60 * 60 * 1000);
    await database.db.$executeRaw`UPDATE "ImportJob" SET "updatedAt" = ${eightDaysAgo} WHERE "id" = ${oldJob}`;

    expect(await expireUploads(database.db, contentDir())).toBe(1);
    expect(fs.existsSync(old.filePath)).toBe(false);
    const expired = await findImportJob(database.db, oldJob, userId);
    expect(expired?.status).toBe("failed");
    expect(expired?.report?.failure).toMatch(/upload the package again/i);
    expect(expired?.report?.failureCode).toBe("expired");
    // The upload of this week is still there, ready to import.
    expect(fs.existsSync(recent.filePath)).toBe(true);
    expect((await findImportJob(database.db, recentJob, userId))?.status).toBe("ready");
    expect(await expireUploads(database.db, contentDir())).toBe(0);
    expect(await discardImport(database.db, { jobId: oldJob, userId, contentDir: contentDir() })).toBe(true);
    expect(await discardImport(database.db, { jobId: recentJob, userId, contentDir: contentDir() })).toBe(true);
  });

  it("include a day-old upload whose job was never recorded, but not one arriving now", async () => {
    const orphan = await golfUpload();
    const arriving = await golfUpload();
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
    fs.utimesSync(path.dirname(orphan.filePath), twoDaysAgo, twoDaysAgo);

    expect(await expireUploads(database.db, contentDir())).toBe(1);
    expect(fs.existsSync(path.dirname(orphan.filePath))).toBe(false);
    expect(fs.existsSync(arriving.filePath)).toBe(true);
    fs.rmSync(path.dirname(arriving.filePath), { recursive: true });
  });
});

describe("searching the library", () => {
  const search = (query: string) => searchLibrary(database.db, parseLibraryFilters(new URLSearchParams(query)), ["en"]);

  beforeAll(async () => {
    await importBundledCourses(database.db, contentDir());
    await importPackage(database.db, path.join(GOLF, "RuntimeBasicCalls_SCORM20043rdEdition.zip"), { contentDir: contentDir() });
  });

  it("lists only the newest version of each course", async () => {
    const golf = (await search("q=golf")).entries;
    expect(golf).toHaveLength(1);
    expect(golf[0].version).toBe(2);
    expect((await search("")).total).toBe(7);
  });

  it("finds by every word of the text, in any case", async () => {
    expect(await titles("q=SECURE+communication")).toEqual(["Secure and respectful communication with service users"]);
    expect(await titles("q=secure+golf")).toEqual([]);
  });

  it("filters by competence, language, resource type and learning time", async () => {
    const netiquette = await search("competence=2.5");
    expect(netiquette.entries.map((entry) => entry.title)).toEqual(["Secure and respectful communication with service users"]);
    expect(netiquette.entries[0].competences).toContainEqual({ code: "2.5", name: "Netiquette", level: 4 });
    expect((await titles("language=en")).length).toBe(6);
    expect(await titles("language=it")).toEqual([]);
    expect(await titles("type=narrative+text")).toContain("Secure and respectful communication with service users");
    expect(await titles("type=narrative+text")).toHaveLength(6);
    expect(await titles("q=golf&type=narrative+text")).toEqual([]);
    const short = await search("time=60-90");
    expect(short.entries.every((entry) => entry.learningTimeMinutes! > 60 && entry.learningTimeMinutes! <= 90)).toBe(true);
    expect(short.entries.length).toBeGreaterThan(0);
    expect(await titles("time=up-to-30")).toEqual([]);
  });
});

describe("editing the LOM record", () => {
  it("stores an edit, derives the search fields and competences, and exports it keeping what the form does not show", async () => {
    const course = await database.db.course.findUniqueOrThrow({
      where: { identifier: "vademecum-secure-communication" },
      include: { versions: { include: { metadata: true } } },
    });
    const packageId = course.versions[0].id;
    const entry = await libraryEntry(database.db, packageId, ["en"]);
    const edit = lomFormValues(entry!.record);
    edit.languages.push({ language: "de", title: "Sichere Kommunikation", description: "", keywords: ["Datenschutz"] });
    edit.learningTimeMinutes = 50;
    edit.competences = { ...edit.competences, "1.1": 3 };
    edit.contributors.push({ ref: null, name: "Giulia Verdi", organisation: "Cooperativa Demo", role: null });
    expect(await saveLomEdit(database.db, packageId, edit)).toBe(true);

    const metadata = await database.db.learningObjectMetadata.findUniqueOrThrow({ where: { packageId } });
    expect(metadata.learningTimeMinutes).toBe(50);
    expect(metadata.searchText).toContain("sichere kommunikation");
    expect(JSON.parse(metadata.keywords)).toContain("Datenschutz");
    const links = await database.db.packageCompetence.findMany({ where: { packageId }, include: { competence: true } });
    expect(links.map((link) => `${link.competence.code}@${link.targetLevel}`).sort()).toEqual(["1.1@3", "2.1@4", "2.5@4", "4.2@4"]);
    expect(await titles("competence=1.1&time=30-60")).toContain(metadata.title);

    const exported = await exportLom(database.db, packageId);
    expect(exported?.fileName).toBe("vademecum-secure-communication-v1-lom.xml");
    const before = JSON.parse(course.versions[0].metadata!.lom);
    const after = parseLomDocument(exported!.xml, "export.xml").records[0];
    expect(after.general.title).toMatchObject({ de: "Sichere Kommunikation", it: before.general.title.it });
    expect(after.technical).toEqual(before.technical);
    expect(after.metaMetadata).toEqual(before.metaMetadata);
    expect(after.educational[0].intendedEndUserRoles).toEqual(before.educational[0].intendedEndUserRoles);
    expect(after.rights).toEqual(before.rights);
    expect(after.classifications[0].taxonPaths[0]).toEqual(before.classifications[0].taxonPaths[0]);
    expect(after.lifeCycle.contributes.at(-1)?.entities[0]).toMatchObject({ fn: "Giulia Verdi", org: "Cooperativa Demo" });

    if (hasXmllint) {
      const file = path.join(database.dir, exported!.fileName);
      fs.writeFileSync(file, exported!.xml);
      const check = spawnSync("xmllint", ["--noout", "--schema", XSD, file], { encoding: "utf8" });
      expect(check.stderr).toContain("validates");
      expect(check.status).toBe(0);
    }
  });

  it("answers null for a package that does not exist", async () => {
    expect(await exportLom(database.db, "missing")).toBeNull();
    expect(await saveLomEdit(database.db, "missing", lomFormValues(parseLomDocument("<lom xmlns='http://ltsc.ieee.org/xsd/LOM'/>", "x").records[0]))).toBe(false);
  });
});

async function titles(query: string): Promise<string[]> {
  const result = await searchLibrary(database.db, parseLibraryFilters(new URLSearchParams(query)), ["en"]);
  return result.entries.map((entry) => entry.title);
}
