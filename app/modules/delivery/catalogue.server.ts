import type { Db } from "../../utils/db.server";
import type { LangString } from "../i18n/lang-string";
import { matchesFilters, type CatalogueFilters } from "./catalogue";
import { text, type CourseCompetence } from "./course.server";
import { contentLanguages, languageNames } from "./package-paths";
import { packageModel } from "./package-store.server";

export interface CatalogueEntry {
  id: string;
  title: string;
  titleLanguage: string | null;
  description: string;
  descriptionLanguage: string | null;
  learningTimeMinutes: number | null;
  difficulty: string | null;
  languages: string[];
  competences: CourseCompetence[];
  enrolled: boolean;
}

export interface Catalogue {
  entries: CatalogueEntry[];
  /** The values the filters offer, from the courses' metadata. */
  facets: { languages: string[]; competences: { code: string; name: string }[]; difficulties: string[] };
  /** Names of the languages, in the reader's language. */
  languageNames: Record<string, string>;
  total: number;
}

/** Every course at its newest version, filtered by its metadata; facets come from all courses. */
export async function browseCatalogue(db: Db, userId: string, filters: CatalogueFilters, language: string): Promise<Catalogue> {
  const courses = await db.course.findMany({
    where: { versions: { some: {} } },
    select: {
      id: true,
      title: true,
      enrolments: { where: { userId }, select: { id: true } },
      versions: {
        orderBy: { version: "desc" },
        take: 1,
        select: {
          id: true,
          metadata: { select: { title: true, description: true, language: true, learningTimeMinutes: true, difficulty: true, searchText: true } },
          competences: { select: { targetLevel: true, competence: { select: { code: true, name: true } } } },
        },
      },
    },
    orderBy: { title: "asc" },
  });
  const all = await Promise.all(
    courses.map(async (course) => {
      const version = course.versions[0];
      const model = await packageModel(db, version.id);
      const title = text(model.lom?.general.title, language);
      const description = text(model.lom?.general.descriptions[0], language);
      const entry: CatalogueEntry = {
        id: course.id,
        title: title.text || version.metadata?.title || course.title,
        titleLanguage: title.language,
        description: description.text || version.metadata?.description || "",
        descriptionLanguage: description.language,
        learningTimeMinutes: version.metadata?.learningTimeMinutes ?? null,
        difficulty: version.metadata?.difficulty ?? null,
        languages: contentLanguages(model).length > 0 ? contentLanguages(model) : version.metadata?.language ? [version.metadata.language] : [],
        competences: version.competences
          .map(({ targetLevel, competence }) => ({
            code: competence.code,
            name: text(JSON.parse(competence.name) as LangString, language).text,
            level: targetLevel,
          }))
          .sort((a, b) => a.code.localeCompare(b.code, undefined, { numeric: true })),
        enrolled: course.enrolments.length > 0,
      };
      return { entry, searchText: version.metadata?.searchText ?? course.title.toLocaleLowerCase() };
    }),
  );
  const competences = new Map<string, string>();
  for (const { entry } of all) for (const competence of entry.competences) competences.set(competence.code, competence.name);
  const entries = all
    .filter(({ entry, searchText }) =>
      matchesFilters(
        {
          languages: entry.languages,
          competenceCodes: entry.competences.map((competence) => competence.code),
          learningTimeMinutes: entry.learningTimeMinutes,
          difficulty: entry.difficulty,
          searchText,
        },
        filters,
      ),
    )
    .map(({ entry }) => entry)
    .sort((a, b) => a.title.localeCompare(b.title, language));
  const languages = [...new Set(all.flatMap(({ entry }) => entry.languages))].sort();
  return {
    entries,
    total: all.length,
    languageNames: languageNames(languages, language),
    facets: {
      languages,
      competences: [...competences.entries()]
        .map(([code, name]) => ({ code, name }))
        .sort((a, b) => a.code.localeCompare(b.code, undefined, { numeric: true })),
      difficulties: [...new Set(all.flatMap(({ entry }) => entry.difficulty ?? []))].sort(),
    },
  };
}
