import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { digComp22 } from "../../app/modules/competencies/digcomp";
import { storeFramework } from "../../app/modules/competencies/frameworks.server";
import { importPackage } from "../../app/modules/packages/import.server";
import { COURSE_NODE, recordProgress } from "../../app/modules/progress/progress.server";
import { setUpTestDatabase } from "../support/test-db";

const database = setUpTestDatabase();
let enrolmentId: string;
let userId: string;

beforeAll(async () => {
  const db = database.db;
  await storeFramework(db, digComp22());
  const outcome = await importPackage(db, path.resolve("courses/01-secure-communication"), {
    contentDir: path.join(database.dir, "content"),
  });
  if (!outcome.ok) throw new Error("import failed");
  const user = await db.user.create({ data: { email: "p@example.org", name: "P", passwordHash: "x" } });
  userId = user.id;
  const enrolment = await db.enrolment.create({
    data: { userId, courseId: outcome.courseId, packageId: outcome.packageId },
  });
  enrolmentId = enrolment.id;
});

describe("recording progress", () => {
  it("keeps every concurrent update without regressing", async () => {
    const db = database.db;
    await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        recordProgress(db, enrolmentId, "LA-welcome", {
          status: index === 7 ? "completed" : "in-progress",
          timeSpentSeconds: index * 10,
          at: new Date(Date.UTC(2026, 0, 1, 0, 0, index)).toISOString(),
        }),
      ),
    );
    const row = await db.progress.findUniqueOrThrow({ where: { enrolmentId_nodeId: { enrolmentId, nodeId: "LA-welcome" } } });
    expect(row.status).toBe("completed");
    expect(row.timeSpentSeconds).toBe(190);
    expect(row.lastAccessAt?.toISOString()).toBe("2026-01-01T00:00:19.000Z");
  });

  it("gives evidence for the module's competences once the course is completed, only once", async () => {
    const db = database.db;
    await recordProgress(db, enrolmentId, COURSE_NODE, { status: "in-progress", at: "2026-01-02T00:00:00Z" });
    await expect(db.competenceEvidence.count({ where: { userId } })).resolves.toBe(0);
    await recordProgress(db, enrolmentId, COURSE_NODE, { status: "completed", at: "2026-01-03T00:00:00Z" });
    await recordProgress(db, enrolmentId, COURSE_NODE, { status: "completed", at: "2026-01-04T00:00:00Z" });
    const evidence = await db.competenceEvidence.findMany({
      where: { userId },
      include: { competence: { select: { code: true } } },
      orderBy: { competence: { code: "asc" } },
    });
    expect(evidence.map((e) => [e.competence.code, e.source, e.level])).toEqual([
      ["2.1", "module-completed", 4],
      ["2.5", "module-completed", 4],
      ["4.2", "module-completed", 4],
    ]);
  });
});
