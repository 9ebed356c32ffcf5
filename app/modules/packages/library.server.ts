import type { Prisma } from "../../generated/prisma/client";
import type { Db } from "../../utils/db.server";
import { competenceIndex, loadFramework } from "../competencies/frameworks.server";
import { pickLanguage, type LangString } from "../i18n/lang-string";
import { competencesFromLom } from "../standards/lom/digcomp";
import { toIeeeLomXml } from "../standards/lom/ieee-xml";
import type { LomRecord } from "../standards/lom/model";
import type { Problem } from "../standards/report";
import { libraryFields } from "./library";
import { LEARNING_TIMES, searchWords, type LibraryFilters } from "./library-search";
import { applyLomEdit, baseRecord, COMPETENCE_FRAMEWORK, type LomEdit } from "./lom-form";

/**
 * The library: one entry per course (its newest version, older versions on the entry page),
 * searched on the fields derived from each LOM record, and the LOM editor's storage.
 */

function nameIn(json: string, languages: readonly string[]): string {
  return pickLanguage(JSON.parse(json) as LangString, languages)?.text ?? "";
}

/** The newest package of every course. */
async function newestPackageIds(db: Db): Promise<string[]> {
  const packages = await db.coursePackage.findMany({
    select: { id: true, courseId: true, version: true },
    orderBy: [{ courseId: "asc" }, { version: "desc" }],
  });
  const newest = new Map<string, string>();
  for (const row of packages) if (!newest.has(row.courseId)) newest.set(row.courseId, row.id);
  return [...newest.values()];
}

export interface CompetenceOption {
  code: string;
  name: string;
  areaCode: string;
  areaName: string;
}

/** The DigComp 2.2 competences, named in the reader's language. */
export async function competenceOptions(db: Db, languages: readonly string[]): Promise<CompetenceOption[]> {
  const stored = await loadFramework(db, COMPETENCE_FRAMEWORK);
  if (!stored) return [];
  const areas = new Map(stored.framework.areas.map((area) => [area.code, area.name]));
  return stored.framework.competences.map((competence) => ({
    code: competence.code,
    name: pickLanguage(competence.name, languages)?.text ?? competence.code,
    areaCode: competence.areaCode,
    areaName: pickLanguage(areas.get(competence.areaCode), languages)?.text ?? competence.areaCode,
  }));
}

export async function searchLibrary(db: Db, filters: LibraryFilters, languages: readonly string[]) {
  const newest = await newestPackageIds(db);
  const where: Prisma.LearningObjectMetadataWhereInput = { packageId: { in: newest } };
  const and: Prisma.LearningObjectMetadataWhereInput[] = searchWords(filters.q).map((word) => ({
    searchText: { contains: word },
  }));
  if (filters.language) and.push({ OR: [{ language: filters.language }, { language: { startsWith: `${filters.language}-` } }] });
  if (filters.type) and.push({ resourceType: filters.type });
  if (filters.competence) {
    and.push({ package: { competences: { some: { competence: { code: filters.competence } } } } });
  }
  if (filters.time) {
    const { gt, lte } = LEARNING_TIMES[filters.time];
    and.push({ learningTimeMinutes: { ...(gt === null ? {} : { gt }), ...(lte === null ? {} : { lte }) } });
  }
  if (and.length) where.AND = and;

  const [rows, facets, competences] = await Promise.all([
    db.learningObjectMetadata.findMany({
      where,
      orderBy: { title: "asc" },
      take: 200,
      select: {
        id: true,
        packageId: true,
        title: true,
        description: true,
        language: true,
        learningTimeMinutes: true,
        resourceType: true,
        package: {
          select: {
            kind: true,
            version: true,
            course: { select: { identifier: true } },
            competences: {
              select: { targetLevel: true, competence: { select: { code: true, name: true, position: true } } },
            },
          },
        },
      },
    }),
    db.learningObjectMetadata.findMany({
      where: { packageId: { in: newest } },
      select: { language: true, resourceType: true },
    }),
    competenceOptions(db, languages),
  ]);
  const entries = rows.map((row) => ({
    packageId: row.packageId,
    title: row.title,
    description: row.description.length > 240 ? `${row.description.slice(0, 237).trimEnd()}…` : row.description,
    language: row.language,
    learningTimeMinutes: row.learningTimeMinutes,
    resourceType: row.resourceType,
    kind: row.package.kind,
    version: row.package.version,
    identifier: row.package.course.identifier,
    competences: row.package.competences
      .sort((a, b) => a.competence.position - b.competence.position)
      .map((link) => ({ code: link.competence.code, name: nameIn(link.competence.name, languages), level: link.targetLevel })),
  }));
  const distinct = (values: (string | null)[]) => [...new Set(values.filter((value): value is string => Boolean(value)))].sort();
  return {
    entries,
    total: newest.length,
    options: {
      languages: distinct(facets.map((facet) => facet.language)),
      types: distinct(facets.map((facet) => facet.resourceType)),
      competences,
    },
  };
}

export type LibrarySearch = Awaited<ReturnType<typeof searchLibrary>>;

async function storedEntry(db: Db, packageId: string) {
  return db.learningObjectMetadata.findUnique({
    where: { packageId },
    select: {
      lom: true,
      title: true,
      package: {
        select: {
          id: true,
          courseId: true,
          version: true,
          kind: true,
          course: { select: { identifier: true } },
        },
      },
    },
  });
}

/** The record an entry is edited and exported from (a new one for packages without LOM). */
function recordOf(entry: NonNullable<Awaited<ReturnType<typeof storedEntry>>>): LomRecord {
  return baseRecord(JSON.parse(entry.lom) as LomRecord | null, {
    title: entry.title,
    identifier: entry.package.course.identifier,
  });
}

/** Everything the entry page shows about one version, or null when there is no such entry. */
export async function libraryEntry(db: Db, packageId: string, languages: readonly string[]) {
  const entry = await storedEntry(db, packageId);
  if (!entry) return null;
  const [pkg, versions, competences] = await Promise.all([
    db.coursePackage.findUniqueOrThrow({
      where: { id: packageId },
      select: {
        warnings: true,
        createdAt: true,
        metadata: { select: { licence: true, learningTimeMinutes: true, updatedAt: true } },
      },
    }),
    db.coursePackage.findMany({
      where: { courseId: entry.package.courseId },
      orderBy: { version: "desc" },
      select: { id: true, version: true, createdAt: true, importedBy: { select: { name: true } } },
    }),
    competenceOptions(db, languages),
  ]);
  return {
    packageId,
    title: entry.title,
    identifier: entry.package.course.identifier,
    kind: entry.package.kind,
    version: entry.package.version,
    newestVersion: versions[0]?.version ?? entry.package.version,
    hasStoredRecord: entry.lom !== "null",
    record: recordOf(entry),
    licence: pkg.metadata?.licence ?? null,
    learningTimeMinutes: pkg.metadata?.learningTimeMinutes ?? null,
    editedAt: pkg.metadata?.updatedAt ?? pkg.createdAt,
    warnings: JSON.parse(pkg.warnings) as Problem[],
    versions: versions.map((version) => ({
      packageId: version.id,
      version: version.version,
      importedAt: version.createdAt,
      importedBy: version.importedBy?.name ?? null,
    })),
    competences,
  };
}

/**
 * Saves an edit of an entry's LOM record: the record (a copy of the stored one with the
 * changes), the fields the library searches, the package's competences and, for the newest
 * version, the course title, in one transaction. Returns false when there is no such entry.
 */
export async function saveLomEdit(db: Db, packageId: string, edit: LomEdit): Promise<boolean> {
  const entry = await storedEntry(db, packageId);
  if (!entry) return false;
  const record = applyLomEdit(recordOf(entry), edit);
  const fields = libraryFields(record, entry.package.course.identifier);
  const index = await competenceIndex(db);
  const links = new Map<string, number>();
  for (const reference of competencesFromLom(record)) {
    const competenceId = index.get(`${reference.framework}|${reference.code}`);
    if (competenceId) links.set(competenceId, reference.level ?? 1);
  }
  await db.$transaction(async (tx) => {
    await tx.learningObjectMetadata.update({
      where: { packageId },
      data: {
        lom: JSON.stringify(record),
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
    await tx.packageCompetence.deleteMany({ where: { packageId } });
    if (links.size) {
      await tx.packageCompetence.createMany({
        data: [...links].map(([competenceId, targetLevel]) => ({ packageId, competenceId, targetLevel })),
      });
    }
    const newer = await tx.coursePackage.count({
      where: { courseId: entry.package.courseId, version: { gt: entry.package.version } },
    });
    if (newer === 0) await tx.course.update({ where: { id: entry.package.courseId }, data: { title: fields.title } });
  });
  return true;
}

/** An entry's record as IEEE LOM v1.0 XML, with a file name for the download. */
export async function exportLom(db: Db, packageId: string): Promise<{ fileName: string; xml: string } | null> {
  const entry = await storedEntry(db, packageId);
  if (!entry) return null;
  const base = entry.package.course.identifier.replace(/[^A-Za-z0-9._-]+/g, "-").slice(0, 80) || "record";
  return { fileName: `${base}-v${entry.package.version}-lom.xml`, xml: toIeeeLomXml(recordOf(entry)) };
}
