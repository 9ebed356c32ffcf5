import type { Db } from "../../utils/db.server";
import { fileDelivery, type FileDelivery } from "./package-paths";
import { packageFile } from "./package-store.server";

/**
 * A file of a course package for the file route: from the version the person is enrolled in,
 * or, for staff, from the versions of the runs they take part in. Anyone else gets 403; paths
 * that escape the package, missing files and pages (which the player renders) get 404.
 */
export async function courseFile(
  db: Db,
  userId: string,
  courseId: string,
  requested: string,
): Promise<{ path: string; delivery: FileDelivery; fileName: string }> {
  const enrolment = await db.enrolment.findUnique({
    where: { userId_courseId: { userId, courseId } },
    select: { package: { select: { storageKey: true } } },
  });
  const storageKeys = enrolment
    ? [enrolment.package.storageKey]
    : (
        await db.ldRun.findMany({
          where: { package: { courseId }, participants: { some: { userId } } },
          orderBy: { package: { version: "desc" } },
          select: { package: { select: { storageKey: true } } },
        })
      ).map((run) => run.package.storageKey);
  if (storageKeys.length === 0) throw new Response("You are not enrolled in this course.", { status: 403 });
  const delivery = fileDelivery(requested);
  if (!delivery) throw new Response("Not found.", { status: 404 });
  for (const storageKey of new Set(storageKeys)) {
    const path = packageFile(storageKey, requested);
    if (path) return { path, delivery, fileName: requested.split("/").pop() ?? "file" };
  }
  throw new Response("Not found.", { status: 404 });
}
