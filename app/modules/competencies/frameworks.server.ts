import type { Db } from "../../utils/db.server";
import type { LangString } from "../i18n/lang-string";
import type { CompetenceFramework } from "./framework";

interface StoredFrameworkDetails {
  key: string;
  title: LangString;
  description?: LangString;
  source?: CompetenceFramework["source"];
  bands: CompetenceFramework["bands"];
  levels: CompetenceFramework["levels"];
}

/**
 * Stores a framework with its areas and competences, or brings a stored one up to date.
 * Idempotent: the seed runs it for DigComp 2.2 on every start, admins run it for imports.
 */
export async function storeFramework(db: Db, framework: CompetenceFramework): Promise<string> {
  const details: StoredFrameworkDetails = {
    key: framework.key,
    title: framework.title,
    description: framework.description,
    source: framework.source,
    bands: framework.bands,
    levels: framework.levels,
  };
  return db.$transaction(async (tx) => {
    const stored = await tx.competenceFramework.upsert({
      where: { name_version: { name: framework.name, version: framework.version } },
      create: { name: framework.name, version: framework.version, levels: JSON.stringify(details) },
      update: { levels: JSON.stringify(details) },
    });
    const areaIds = new Map<string, string>();
    for (const [position, area] of framework.areas.entries()) {
      const data = {
        position,
        name: JSON.stringify(area.name),
      };
      const row = await tx.competenceArea.upsert({
        where: { frameworkId_code: { frameworkId: stored.id, code: area.code } },
        create: { frameworkId: stored.id, code: area.code, ...data },
        update: data,
      });
      areaIds.set(area.code, row.id);
    }
    for (const [position, competence] of framework.competences.entries()) {
      const data = {
        areaId: areaIds.get(competence.areaCode)!,
        position,
        name: JSON.stringify(competence.name),
        description: JSON.stringify(competence.description ?? {}),
      };
      await tx.competence.upsert({
        where: { frameworkId_code: { frameworkId: stored.id, code: competence.code } },
        create: { frameworkId: stored.id, code: competence.code, ...data },
        update: data,
      });
    }
    return stored.id;
  });
}

/** A stored framework in the normalized shape, by its key ("DigComp 2.2"). */
export async function loadFramework(db: Db, key: string): Promise<{ id: string; framework: CompetenceFramework } | null> {
  const candidates = await db.competenceFramework.findMany({
    include: {
      areas: { orderBy: { position: "asc" } },
      competences: { orderBy: { position: "asc" }, include: { area: { select: { code: true } } } },
    },
  });
  for (const row of candidates) {
    const details = JSON.parse(row.levels) as StoredFrameworkDetails;
    if (details.key !== key && `${row.name} ${row.version}` !== key) continue;
    return {
      id: row.id,
      framework: {
        name: row.name,
        version: row.version,
        key: details.key,
        title: details.title,
        description: details.description,
        source: details.source,
        bands: details.bands,
        levels: details.levels,
        areas: row.areas.map((area) => ({ code: area.code, name: JSON.parse(area.name) as LangString })),
        competences: row.competences.map((competence) => ({
          code: competence.code,
          areaCode: competence.area.code,
          name: JSON.parse(competence.name) as LangString,
          description: JSON.parse(competence.description) as LangString,
        })),
      },
    };
  }
  return null;
}

/** Competence row ids by "<framework key>|<code>", for linking imported references. */
export async function competenceIndex(db: Db): Promise<Map<string, string>> {
  const rows = await db.competence.findMany({
    select: { id: true, code: true, framework: { select: { name: true, version: true, levels: true } } },
  });
  const index = new Map<string, string>();
  for (const row of rows) {
    const details = JSON.parse(row.framework.levels) as StoredFrameworkDetails;
    index.set(`${details.key}|${row.code}`, row.id);
    index.set(`${row.framework.name} ${row.framework.version}|${row.code}`, row.id);
  }
  return index;
}
