import { randomUUID } from "node:crypto";
import type { Db } from "../../utils/db.server";
import { itemView, type ItemForm, type ItemView } from "./items";
import { PROFILE_FRAMEWORK, requireFramework } from "./profile.server";
import { localText } from "./profile-view";

const itemSelect = {
  id: true,
  identifier: true,
  kind: true,
  body: true,
  competence: { select: { code: true } },
  package: { select: { metadata: { select: { title: true } }, course: { select: { title: true } } } },
} as const;

function toView(row: {
  id: string;
  identifier: string;
  kind: string;
  body: string;
  competence: { code: string };
  package: { metadata: { title: string } | null; course: { title: string } } | null;
}): ItemView {
  return itemView({
    ...row,
    competenceCode: row.competence.code,
    packageTitle: row.package ? (row.package.metadata?.title ?? row.package.course.title) : null,
  });
}

/** Every knowledge item of a framework, written here or imported, optionally for one competence. */
export async function listItems(db: Db, frameworkId: string, competenceCode?: string): Promise<ItemView[]> {
  const rows = await db.assessmentItem.findMany({
    where: { competence: { frameworkId, ...(competenceCode ? { code: competenceCode } : {}) } },
    select: itemSelect,
    orderBy: [{ competence: { position: "asc" } }, { packageId: "asc" }, { createdAt: "asc" }],
  });
  return rows.map(toView);
}

/** One item of the framework, or null. */
export async function findItem(db: Db, frameworkId: string, id: string): Promise<(ItemView & { body: string }) | null> {
  const row = await db.assessmentItem.findFirst({ where: { id, competence: { frameworkId } }, select: itemSelect });
  return row ? { ...toView(row), body: row.body } : null;
}

/**
 * Creates an item written in the app, or updates one (id given). Only items written in the app
 * (packageId null) can change: an imported item's id is answered with null, as if unknown.
 */
export async function saveAuthoredItem(db: Db, frameworkId: string, form: ItemForm, id?: string): Promise<string | null> {
  const competence = await db.competence.findUniqueOrThrow({
    where: { frameworkId_code: { frameworkId, code: form.competence } },
    select: { id: true },
  });
  const data = { competenceId: competence.id, kind: form.kind, body: JSON.stringify(form.body) };
  if (id) {
    const { count } = await db.assessmentItem.updateMany({ where: { id, packageId: null, competence: { frameworkId } }, data });
    return count === 1 ? id : null;
  }
  const created = await db.assessmentItem.create({ data: { ...data, identifier: `item-${randomUUID()}` }, select: { id: true } });
  return created.id;
}

/** The framework items are written for, with its competences named in the reader's language. */
export async function itemFramework(db: Db, language: string) {
  const { id, framework } = await requireFramework(db, PROFILE_FRAMEWORK);
  return {
    frameworkId: id,
    competences: framework.competences.map((competence) => ({
      code: competence.code,
      name: localText(competence.name, language),
    })),
  };
}
