import type { Db } from "../../utils/db.server";
import type { LangString } from "../i18n/lang-string";
import type { CompetenceFramework, ValidationIssue } from "./framework";
import { parseFrameworkUpload, type FrameworkFileKind } from "./framework-upload";
import { storeFramework } from "./frameworks.server";

export interface StoredFrameworkSummary {
  id: string;
  key: string;
  name: string;
  version: string;
  title: LangString;
  areas: number;
  competences: number;
  levels: number;
  updatedAt: Date;
}

/** Every stored framework with its size, by name then version. */
export async function listFrameworks(db: Db): Promise<StoredFrameworkSummary[]> {
  const rows = await db.competenceFramework.findMany({
    select: {
      id: true,
      name: true,
      version: true,
      levels: true,
      updatedAt: true,
      _count: { select: { areas: true, competences: true } },
    },
    orderBy: [{ name: "asc" }, { version: "asc" }],
  });
  return rows.map((row) => {
    const details = JSON.parse(row.levels) as { key?: string; title?: LangString; levels?: unknown[] };
    return {
      id: row.id,
      key: details.key ?? `${row.name} ${row.version}`,
      name: row.name,
      version: row.version,
      title: details.title ?? {},
      areas: row._count.areas,
      competences: row._count.competences,
      levels: details.levels?.length ?? 0,
      updatedAt: row.updatedAt,
    };
  });
}

export type FrameworkImport =
  | { ok: true; kind: FrameworkFileKind; framework: CompetenceFramework; id: string; warnings: ValidationIssue[] }
  | { ok: false; errors: ValidationIssue[] };

/** Checks an uploaded framework file and stores it (a stored name and version is brought up to date). */
export async function importFrameworkFile(db: Db, text: string): Promise<FrameworkImport> {
  const parsed = parseFrameworkUpload(text);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  const id = await storeFramework(db, parsed.value);
  return { ok: true, kind: parsed.kind ?? "vademecum", framework: parsed.value, id, warnings: parsed.warnings };
}
