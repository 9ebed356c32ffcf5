import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { digComp22 } from "../../app/modules/competencies/digcomp";
import { storeFramework } from "../../app/modules/competencies/frameworks.server";
import { importPackage } from "../../app/modules/packages/import.server";
import type { PackageModel } from "../../app/modules/packages/model";
import { importBundledCourses } from "../../app/modules/platform/bundled-courses.server";
import { setUpTestDatabase } from "../support/test-db";

const database = setUpTestDatabase();
const GOLF = path.resolve("tests/fixtures/moodle-scorm-golf-testpackages/tests/packages");
const contentDir = () => path.join(database.dir, "content");

function storedFolders(): string[] {
  return fs.existsSync(contentDir()) ? fs.readdirSync(contentDir()).sort() : [];
}

async function rowCounts() {
  const db = database.db;
  return {
    courses: await db.course.count(),
    packages: await db.coursePackage.count(),
    metadata: await db.learningObjectMetadata.count(),
    entries: await db.vademecumEntry.count(),
    items: await db.assessmentItem.count(),
  };
}

beforeAll(async () => {
  await storeFramework(database.db, digComp22());
});

describe("importing packages", () => {
  it("imports a SCORM 1.2 golf package with its files and a library entry", async () => {
    const outcome = await importPackage(database.db, path.join(GOLF, "RuntimeMinimumCalls_SCORM12.zip"), {
      contentDir: contentDir(),
    });
    expect(outcome).toMatchObject({ ok: true, version: 1 });
    if (!outcome.ok) return;
    const stored = await database.db.coursePackage.findUniqueOrThrow({
      where: { id: outcome.packageId },
      include: { metadata: true, course: true },
    });
    expect(stored.kind).toBe("scorm12");
    expect(stored.metadata?.title).toBe("Golf Explained - Minimum Run-time Calls");
    const model = JSON.parse(stored.model) as PackageModel;
    const sco = model.contentPackage?.resources.find((resource) => resource.scormType === "sco");
    expect(sco?.href).toBeTruthy();
    expect(fs.existsSync(path.join(contentDir(), stored.storageKey, "imsmanifest.xml"))).toBe(true);
    expect(fs.existsSync(path.join(contentDir(), stored.storageKey, sco!.href!))).toBe(true);
  });

  it("makes a re-import the next version and keeps learners on the version they started", async () => {
    const first = await database.db.coursePackage.findFirstOrThrow({ where: { version: 1, kind: "scorm12" } });
    const user = await database.db.user.create({ data: { email: "l@example.org", name: "L", passwordHash: "x" } });
    await database.db.enrolment.create({ data: { userId: user.id, courseId: first.courseId, packageId: first.id } });
    const again = await importPackage(database.db, path.join(GOLF, "RuntimeMinimumCalls_SCORM12.zip"), {
      contentDir: contentDir(),
    });
    expect(again).toMatchObject({ ok: true, version: 2, courseId: first.courseId });
    const enrolment = await database.db.enrolment.findFirstOrThrow({ where: { userId: user.id } });
    expect(enrolment.packageId).toBe(first.id);
  });

  it("stores nothing when the package is invalid", async () => {
    const before = { rows: await rowCounts(), folders: storedFolders() };
    const bad = path.join(database.dir, "no-manifest");
    fs.mkdirSync(bad);
    fs.writeFileSync(path.join(bad, "index.html"), "<p>hello</p>");
    const outcome = await importPackage(database.db, bad, { contentDir: contentDir() });
    expect(outcome.ok).toBe(false);
    expect(outcome.validation.errors[0].message).toContain("has no imsmanifest.xml");
    expect({ rows: await rowCounts(), folders: storedFolders() }).toEqual(before);
  });

  it("removes the stored files when the database refuses the import half-way", async () => {
    const before = { rows: await rowCounts(), folders: storedFolders() };
    await database.db.$executeRawUnsafe(
      `CREATE TRIGGER refuse_entries BEFORE INSERT ON "VademecumEntry" BEGIN SELECT RAISE(ABORT, 'disk full'); END`,
    );
    try {
      await expect(
        importPackage(database.db, path.resolve("courses/01-secure-communication"), { contentDir: contentDir() }),
      ).rejects.toThrow();
    } finally {
      await database.db.$executeRawUnsafe(`DROP TRIGGER refuse_entries`);
    }
    expect({ rows: await rowCounts(), folders: storedFolders() }).toEqual(before);
  });

  it("imports every bundled module with its unit of learning, entries, items and competences, once", async () => {
    const first = await importBundledCourses(database.db, contentDir());
    expect(first.imported).toHaveLength(6);
    const second = await importBundledCourses(database.db, contentDir());
    expect(second).toEqual({ imported: [], unchanged: first.imported });

    const packages = await database.db.coursePackage.findMany({
      where: { kind: "imsld" },
      include: { _count: { select: { vademecum: true, items: true, competences: true } }, metadata: true },
    });
    expect(packages).toHaveLength(6);
    for (const stored of packages) {
      const model = JSON.parse(stored.model) as PackageModel;
      expect(model.learningDesign?.method.plays.length, stored.metadata?.title).toBeGreaterThan(0);
      expect(model.languages).toEqual(expect.arrayContaining(["en", "it"]));
      expect(stored._count.vademecum).toBeGreaterThanOrEqual(5);
      expect(stored._count.items).toBeGreaterThanOrEqual(4);
      expect(stored._count.competences).toBeGreaterThanOrEqual(2);
      expect(stored.metadata?.licence).toContain("CC BY-SA 4.0");
      expect(stored.metadata?.learningTimeMinutes).toBeGreaterThanOrEqual(45);
    }
  });
});

describe("content languages", () => {
  it("takes only declared languages' folders as languages, not other content folders", async () => {
    const outreach = await database.db.coursePackage.findFirstOrThrow({
      where: { course: { identifier: "vademecum-online-outreach" } },
      orderBy: { version: "desc" },
    });
    const model = JSON.parse(outreach.model) as PackageModel;
    expect(model.languages.sort()).toEqual(["en", "it"]);
  });
});
