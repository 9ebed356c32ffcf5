import { pickLanguage, type LangString } from "../i18n/lang-string";
import { durationToMinutes, type LomRecord } from "../standards/lom/model";

/** The fields the library lists and searches, taken from a LOM record. */
export interface LibraryFields {
  title: string;
  description: string;
  language: string | null;
  resourceType: string | null;
  learningTimeMinutes: number | null;
  difficulty: string | null;
  licence: string | null;
  keywords: string[];
  searchText: string;
}

function text(value: LangString | null | undefined, language: string | null): string {
  return pickLanguage(value ?? undefined, language ? [language] : [], ["en"])?.text.trim() ?? "";
}

function allTexts(values: (LangString | null | undefined)[]): string[] {
  return values.flatMap((value) => Object.values(value ?? {})).map((t) => t.trim()).filter(Boolean);
}

export function libraryFields(lom: LomRecord | null, fallbackTitle: string): LibraryFields {
  const language = lom?.general.languages[0] ?? null;
  const educational = lom?.educational[0];
  const title = text(lom?.general.title, language) || fallbackTitle;
  const description = text(lom?.general.descriptions[0], language);
  const keywords = [...new Set(allTexts(lom?.general.keywords ?? []))];
  const searchText = [
    ...allTexts([lom?.general.title, ...(lom?.general.descriptions ?? [])]),
    fallbackTitle,
    ...keywords,
  ]
    .join(" \n ")
    .toLocaleLowerCase();
  return {
    title,
    description,
    language,
    resourceType: educational?.learningResourceTypes[0]?.value ?? null,
    learningTimeMinutes: durationToMinutes(educational?.typicalLearningTime?.duration),
    difficulty: educational?.difficulty?.value ?? null,
    licence: text(lom?.rights.description, language) || null,
    keywords,
    searchText,
  };
}
