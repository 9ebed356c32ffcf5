import { z } from "zod";
import { NO_LANGUAGE, type LangString } from "../i18n/lang-string";
import { competencesFromLom } from "../standards/lom/digcomp";
import {
  durationToMinutes,
  emptyEducational,
  emptyLomRecord,
  minutesToDuration,
  type LomClassification,
  type LomContribute,
  type LomRecord,
  type LomTaxonPath,
} from "../standards/lom/model";
import { parseVCard } from "../standards/lom/vcard";
import type { FieldErrors } from "../../utils/forms";

/**
 * The library's edit form for a LOM record, in plain language. The form shows a few fields;
 * saving edits a copy of the stored record and changes only what the author changed, so every
 * value the form does not show (other categories, vocabulary sources, vCard lines, other
 * frameworks' classifications) survives the edit.
 */

export const COMPETENCE_FRAMEWORK = "DigComp 2.2";
export const DIFFICULTIES = ["very easy", "easy", "medium", "difficult", "very difficult"] as const;
export const LICENCES = {
  "cc-by-sa-4.0": "CC BY-SA 4.0",
  "cc-by-4.0": "CC BY 4.0",
  "cc0-1.0": "CC0 1.0",
  "all-rights-reserved": "All rights reserved",
} as const;
export type LicenceChoice = keyof typeof LICENCES | "other" | "";
export const LEVELS = [1, 2, 3, 4, 5, 6, 7, 8] as const;

export interface LanguageRow {
  /** BCP 47 tag, or "x-none" for text whose language the record does not say. */
  language: string;
  title: string;
  description: string;
  keywords: string[];
}

export interface ContributorRow {
  /** "<contribute>.<entity>" of the stored record; null for a new contributor. */
  ref: string | null;
  name: string;
  organisation: string;
  role: string | null;
}

export interface LomEdit {
  languages: LanguageRow[];
  learningTimeMinutes: number | null;
  difficulty: string;
  licence: LicenceChoice;
  licenceOther: string;
  contributors: ContributorRow[];
  /** DigComp 2.2 competence code → target level (null: no level given). */
  competences: Record<string, number | null>;
}

/** The record to edit: the stored one, or for a package without metadata a new one. */
export function baseRecord(stored: LomRecord | null, fallback: { title: string; identifier: string }): LomRecord {
  if (stored) return structuredClone(stored);
  const record = emptyLomRecord();
  record.general.title = { [NO_LANGUAGE]: fallback.title };
  if (fallback.identifier) record.general.identifiers = [{ catalog: null, entry: fallback.identifier }];
  return record;
}

function languagesOf(record: LomRecord): string[] {
  const languages = new Set<string>();
  for (const value of [record.general.title, record.general.descriptions[0], ...record.general.keywords]) {
    for (const language of Object.keys(value ?? {})) languages.add(language);
  }
  for (const language of record.general.languages) languages.add(language);
  return [...languages];
}

function keywordsByLanguage(record: LomRecord): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const keyword of record.general.keywords) {
    for (const [language, text] of Object.entries(keyword)) {
      if (text.trim()) result.set(language, [...(result.get(language) ?? []), text.trim()]);
    }
  }
  return result;
}

function normalizedLicence(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, "");
}

function licenceOf(record: LomRecord): { licence: LicenceChoice; licenceOther: string } {
  const texts = Object.values(record.rights.description ?? {}).map((text) => text.trim()).filter(Boolean);
  // "CC BY-SA 4.0 — https://…" names the licence before its link or explanation.
  const names = texts.map((text) => text.split(/\s+[—–-]\s+|\s*[(,:]/)[0]);
  if (texts.length === 0) return { licence: "", licenceOther: "" };
  for (const [choice, label] of Object.entries(LICENCES)) {
    const wanted = normalizedLicence(label);
    if (names.some((name) => normalizedLicence(name) === wanted || (choice === "cc0-1.0" && normalizedLicence(name) === "cc0"))) {
      return { licence: choice as LicenceChoice, licenceOther: "" };
    }
  }
  return { licence: "other", licenceOther: texts[0] };
}

function isFramework(path: LomTaxonPath): boolean {
  return Object.values(path.source ?? {}).some((text) => /digcomp[\s_-]*2\.2(?!\d)/i.test(text));
}

function isCompetencePurpose(classification: LomClassification): boolean {
  const purpose = classification.purpose?.value.trim().toLowerCase();
  return purpose === "competency" || purpose === "educational objective";
}

const COMPETENCE_CODE = /^\d+\.\d+$/;
const LEVEL_ID = /^(?:level[-\s]?)?(\d+)$/i;

/** What the form shows for a record. */
export function lomFormValues(record: LomRecord): LomEdit {
  const keywords = keywordsByLanguage(record);
  const languages = languagesOf(record).map((language) => ({
    language,
    title: record.general.title?.[language] ?? "",
    description: record.general.descriptions[0]?.[language] ?? "",
    keywords: keywords.get(language) ?? [],
  }));
  const minutes = durationToMinutes(record.educational[0]?.typicalLearningTime?.duration);
  const contributors = record.lifeCycle.contributes.flatMap((contribute, c) =>
    contribute.entities.map((entity, e) => ({
      ref: `${c}.${e}`,
      name: entity.fn ?? "",
      organisation: entity.org ?? "",
      role: contribute.role?.value ?? null,
    })),
  );
  const competences: Record<string, number | null> = {};
  for (const reference of competencesFromLom(record)) {
    if (reference.framework === COMPETENCE_FRAMEWORK) competences[reference.code] = reference.level ?? null;
  }
  return {
    languages,
    learningTimeMinutes: minutes === null ? null : Math.round(minutes),
    difficulty: record.educational[0]?.difficulty?.value ?? "",
    ...licenceOf(record),
    contributors,
    competences,
  };
}

// ---------------------------------------------------------------- reading the submitted form

const LANGUAGE_TAG = /^(?:x-none|[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{1,8})*)$/;

const LanguageRowSchema = z.object({
  language: z.string().trim().max(35),
  title: z.string().trim().max(500, "library.edit.errors.tooLong"),
  description: z.string().trim().max(5000, "library.edit.errors.tooLong"),
  keywords: z.string().max(2000, "library.edit.errors.tooLong"),
});

const ContributorSchema = z.object({
  ref: z.string().max(20),
  name: z.string().trim().max(200, "library.edit.errors.tooLong"),
  organisation: z.string().trim().max(200, "library.edit.errors.tooLong"),
});

const LomFormSchema = z
  .object({
    languages: z.array(LanguageRowSchema),
    minutes: z
      .string()
      .trim()
      .regex(/^\d*$/, "library.edit.errors.minutes")
      .refine((value) => value === "" || (Number(value) >= 1 && Number(value) <= 100_000), "library.edit.errors.minutes"),
    difficulty: z.string().max(100),
    licence: z.enum(["", "other", ...(Object.keys(LICENCES) as (keyof typeof LICENCES)[])], {
      message: "library.edit.errors.licence",
    }),
    licenceOther: z.string().trim().max(200, "library.edit.errors.tooLong"),
    contributors: z.array(ContributorSchema),
    competences: z.array(z.object({ code: z.string(), checked: z.boolean(), level: z.string() })),
  })
  .superRefine((form, context) => {
    const seen = new Set<string>();
    form.languages.forEach((row, index) => {
      const hasText = Boolean(row.title || row.description || row.keywords.trim());
      if (!row.language) {
        if (hasText) context.addIssue({ code: "custom", path: ["languages", index, "language"], message: "library.edit.errors.languageRequired" });
        return;
      }
      if (!LANGUAGE_TAG.test(row.language)) {
        context.addIssue({ code: "custom", path: ["languages", index, "language"], message: "library.edit.errors.languageInvalid" });
      } else if (seen.has(row.language.toLowerCase())) {
        context.addIssue({ code: "custom", path: ["languages", index, "language"], message: "library.edit.errors.languageTwice" });
      }
      seen.add(row.language.toLowerCase());
    });
    if (!form.languages.some((row) => row.language && row.title)) {
      context.addIssue({ code: "custom", path: ["languages", 0, "title"], message: "library.edit.errors.titleRequired" });
    }
    if (form.licence === "other" && !form.licenceOther) {
      context.addIssue({ code: "custom", path: ["licenceOther"], message: "library.edit.errors.licenceOther" });
    }
    form.competences.forEach((competence, index) => {
      if (competence.checked && competence.level !== "" && !LEVELS.includes(Number(competence.level) as never)) {
        context.addIssue({ code: "custom", path: ["competences", index, "level"], message: "library.edit.errors.level" });
      }
    });
  });

/** The form field name of a value in the parsed structure, e.g. ["languages", 2, "title"] → "title-2". */
function fieldName(path: readonly PropertyKey[], competenceCodes: readonly string[]): string {
  const [group, index, field] = path;
  if (group === "languages") return `${field === "language" ? "lang" : String(field)}-${String(index)}`;
  if (group === "contributors") return `contributor${field === "organisation" ? "Org" : "Name"}-${String(index)}`;
  if (group === "competences") return `level-${competenceCodes[Number(index)]}`;
  return String(group ?? "form");
}

function indexes(values: Record<string, string>, prefix: string): number[] {
  return Object.keys(values)
    .map((key) => (key.startsWith(prefix) ? Number(key.slice(prefix.length)) : NaN))
    .filter((index) => Number.isInteger(index) && index >= 0 && index < 100)
    .sort((a, b) => a - b);
}

function splitKeywords(text: string): string[] {
  return [...new Set(text.split(/[,;\n]/).map((keyword) => keyword.trim()).filter(Boolean))];
}

/**
 * Reads the submitted form (field names: lang-N, title-N, description-N, keywords-N, minutes,
 * difficulty, licence, licenceOther, contributorRef-N, contributorName-N, contributorOrg-N,
 * competence-<code>, level-<code>) into an edit, or field errors as translation keys.
 */
export function readLomForm(
  values: Record<string, string>,
  competenceCodes: readonly string[],
): { ok: true; edit: LomEdit } | { ok: false; fieldErrors: FieldErrors } {
  const parsed = LomFormSchema.safeParse({
    languages: indexes(values, "lang-").map((index) => ({
      language: values[`lang-${index}`] ?? "",
      title: values[`title-${index}`] ?? "",
      description: values[`description-${index}`] ?? "",
      keywords: values[`keywords-${index}`] ?? "",
    })),
    minutes: values.minutes ?? "",
    difficulty: values.difficulty ?? "",
    licence: values.licence ?? "",
    licenceOther: values.licenceOther ?? "",
    contributors: indexes(values, "contributorName-").map((index) => ({
      ref: values[`contributorRef-${index}`] ?? "",
      name: values[`contributorName-${index}`] ?? "",
      organisation: values[`contributorOrg-${index}`] ?? "",
    })),
    competences: competenceCodes.map((code) => ({
      code,
      checked: values[`competence-${code}`] === "on",
      level: values[`level-${code}`] ?? "",
    })),
  });
  if (!parsed.success) {
    const fieldErrors: FieldErrors = {};
    for (const issue of parsed.error.issues) {
      const name = fieldName(issue.path, competenceCodes);
      const list = (fieldErrors[name] ??= []);
      if (!list.includes(issue.message)) list.push(issue.message);
    }
    return { ok: false, fieldErrors };
  }
  const form = parsed.data;
  return {
    ok: true,
    edit: {
      languages: form.languages
        .filter((row) => row.language)
        .map((row) => ({ language: row.language, title: row.title, description: row.description, keywords: splitKeywords(row.keywords) })),
      learningTimeMinutes: form.minutes === "" ? null : Number(form.minutes),
      difficulty: form.difficulty,
      licence: form.licence,
      licenceOther: form.licence === "other" ? form.licenceOther : "",
      contributors: form.contributors.map((row) => ({
        ref: /^\d+\.\d+$/.test(row.ref) ? row.ref : null,
        name: row.name,
        organisation: row.organisation,
        role: null,
      })),
      competences: Object.fromEntries(
        form.competences
          .filter((competence) => competence.checked)
          .map((competence) => [competence.code, competence.level === "" ? null : Number(competence.level)]),
      ),
    },
  };
}

// ---------------------------------------------------------------- applying an edit to a record

function patchLangString(value: LangString | null, language: string, text: string): LangString | null {
  const result: LangString = { ...(value ?? {}) };
  if (text) result[language] = text;
  else delete result[language];
  return Object.keys(result).length ? result : null;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

function escapeVCardText(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/,/g, "\\,").replace(/;/g, "\\;").replace(/\r?\n/g, "\\n");
}

/** A vCard with a new FN and ORG; the other lines of a stored vCard are kept. */
export function vCardWith(raw: string | null, name: string, organisation: string): string {
  const lines = raw && /^\s*BEGIN\s*:\s*VCARD/i.test(raw) ? raw.trim().split(/\r\n|\r|\n/) : ["BEGIN:VCARD", "VERSION:3.0", "END:VCARD"];
  const property = (line: string) => line.trimStart().split(/[:;]/)[0].toUpperCase().replace(/^[^.]*\./, "");
  const kept = lines.filter((line) => !["FN", "ORG"].includes(property(line)) && !/^[ \t]/.test(line));
  const end = kept.findIndex((line) => property(line) === "END");
  const added = [...(name ? [`FN:${escapeVCardText(name)}`] : []), ...(organisation ? [`ORG:${escapeVCardText(organisation)}`] : [])];
  kept.splice(end < 0 ? kept.length : end, 0, ...added);
  return kept.join("\n");
}

function applyLanguages(record: LomRecord, before: LomEdit, edit: LomEdit): void {
  const general = record.general;
  const previous = new Map(before.languages.map((row) => [row.language, row]));
  for (const row of edit.languages) {
    const old = previous.get(row.language) ?? { language: row.language, title: "", description: "", keywords: [] };
    if (row.title !== old.title) general.title = patchLangString(general.title, row.language, row.title);
    if (row.description !== old.description) {
      const description = patchLangString(general.descriptions[0] ?? null, row.language, row.description);
      general.descriptions = description ? [description, ...general.descriptions.slice(1)] : general.descriptions.slice(1);
    }
    if (!sameList(row.keywords, old.keywords)) {
      general.keywords = general.keywords
        .map((keyword) => patchLangString(keyword, row.language, ""))
        .filter((keyword): keyword is LangString => keyword !== null);
      general.keywords.push(...row.keywords.map((keyword) => ({ [row.language]: keyword })));
    }
  }
}

function applyEducational(record: LomRecord, before: LomEdit, edit: LomEdit): void {
  const educational = () => (record.educational[0] ??= emptyEducational());
  if (edit.learningTimeMinutes !== before.learningTimeMinutes) {
    const description = record.educational[0]?.typicalLearningTime?.description ?? null;
    if (edit.learningTimeMinutes !== null) {
      educational().typicalLearningTime = { duration: minutesToDuration(edit.learningTimeMinutes), description };
    } else if (record.educational[0]) {
      record.educational[0].typicalLearningTime = description ? { duration: null, description } : null;
    }
  }
  if (edit.difficulty !== before.difficulty) {
    if (edit.difficulty) educational().difficulty = { source: "LOMv1.0", value: edit.difficulty };
    else if (record.educational[0]) record.educational[0].difficulty = null;
  }
}

function applyLicence(record: LomRecord, before: LomEdit, edit: LomEdit): void {
  if (edit.licence === before.licence && edit.licenceOther === before.licenceOther) return;
  if (edit.licence === "") {
    record.rights.description = null;
  } else if (edit.licence === "other") {
    record.rights.description = { [NO_LANGUAGE]: edit.licenceOther };
  } else {
    record.rights.description = { en: LICENCES[edit.licence] };
    record.rights.copyrightAndOtherRestrictions = { source: "LOMv1.0", value: edit.licence === "cc0-1.0" ? "no" : "yes" };
  }
}

function applyContributors(record: LomRecord, before: LomEdit, edit: LomEdit): void {
  const previous = new Map(before.contributors.map((row) => [row.ref, row]));
  const removed = new Set<string>();
  for (const row of edit.contributors) {
    const old = row.ref ? previous.get(row.ref) : undefined;
    if (row.ref && old) {
      if (row.name === old.name && row.organisation === old.organisation) continue;
      const [c, e] = row.ref.split(".").map(Number);
      if (!row.name && !row.organisation) {
        removed.add(row.ref);
        continue;
      }
      const contribute = record.lifeCycle.contributes[c];
      contribute.entities[e] = parseVCard(vCardWith(contribute.entities[e].raw, row.name, row.organisation));
    } else if (!row.ref && (row.name || row.organisation)) {
      const added: LomContribute = {
        role: { source: "LOMv1.0", value: "author" },
        entities: [parseVCard(vCardWith(null, row.name, row.organisation))],
        date: null,
      };
      record.lifeCycle.contributes.push(added);
    }
  }
  if (removed.size === 0) return;
  record.lifeCycle.contributes = record.lifeCycle.contributes.flatMap((contribute, c) => {
    const entities = contribute.entities.filter((_, e) => !removed.has(`${c}.${e}`));
    return entities.length === 0 && contribute.entities.length > 0 ? [] : [{ ...contribute, entities }];
  });
}

function withLevel(path: LomTaxonPath, level: number | null): LomTaxonPath {
  const at = path.taxons.findIndex((taxon) => COMPETENCE_CODE.test(taxon.id?.trim() ?? ""));
  const taxons = path.taxons.filter((taxon, index) => index <= at || !LEVEL_ID.test(taxon.id?.trim() ?? ""));
  if (level !== null) taxons.splice(at + 1, 0, { id: `level-${level}`, entry: { en: `Proficiency level ${level}` } });
  return { ...path, taxons };
}

function codeOf(path: LomTaxonPath): string | undefined {
  return path.taxons.map((taxon) => taxon.id?.trim() ?? "").find((id) => COMPETENCE_CODE.test(id));
}

function applyCompetences(record: LomRecord, before: LomEdit, edit: LomEdit): void {
  const wanted = edit.competences;
  const changed = new Set(
    [...Object.keys(before.competences), ...Object.keys(wanted)].filter((code) => before.competences[code] !== wanted[code]),
  );
  if (changed.size === 0) return;
  const placed = new Set<string>();
  record.classifications = record.classifications.flatMap((classification) => {
    if (!isCompetencePurpose(classification)) return [classification];
    let touched = false;
    const taxonPaths = classification.taxonPaths.flatMap((path) => {
      const code = isFramework(path) ? codeOf(path) : undefined;
      if (code === undefined || !changed.has(code)) return [path];
      touched = true;
      if (!(code in wanted) || placed.has(code)) return [];
      placed.add(code);
      return [withLevel(path, wanted[code])];
    });
    const empty = taxonPaths.length === 0 && !classification.description && classification.keywords.length === 0;
    return touched && empty ? [] : [{ ...classification, taxonPaths }];
  });
  const added = Object.keys(wanted).filter((code) => changed.has(code) && !placed.has(code));
  if (added.length === 0) return;
  const paths = added.map((code) => newCompetencePath(code, wanted[code]));
  const target = record.classifications.find(isCompetencePurpose);
  if (target) target.taxonPaths.push(...paths);
  else {
    record.classifications.push({
      purpose: { source: "LOMv1.0", value: "competency" },
      taxonPaths: paths,
      description: null,
      keywords: [],
    });
  }
}

function newCompetencePath(code: string, level: number | null): LomTaxonPath {
  const area = code.split(".")[0];
  const taxons = [
    { id: area, entry: { en: `Area ${area}` } },
    { id: code, entry: { en: `Competence ${code}` } },
  ];
  if (level !== null) taxons.push({ id: `level-${level}`, entry: { en: `Proficiency level ${level}` } });
  return { source: { en: COMPETENCE_FRAMEWORK }, taxons };
}

/** A copy of the record with the author's changes; what did not change stays as stored. */
export function applyLomEdit(stored: LomRecord, edit: LomEdit): LomRecord {
  const record = structuredClone(stored);
  const before = lomFormValues(stored);
  applyLanguages(record, before, edit);
  applyEducational(record, before, edit);
  applyLicence(record, before, edit);
  applyContributors(record, before, edit);
  applyCompetences(record, before, edit);
  return record;
}
