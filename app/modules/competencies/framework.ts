import { z } from "zod";
import type { LangString } from "../i18n/lang-string";

/**
 * A competence framework (DigComp 2.2, DigComp 3.0, a welfare-specific one) in the one
 * normalized shape every other part of the product reads. The JSON format that produces it is
 * described in docs/frameworks.md; IMS CASE packages are converted into it by case-import.ts.
 */
export interface CompetenceFramework {
  /** e.g. "DigComp". */
  name: string;
  /** e.g. "2.2". */
  version: string;
  /**
   * Name and version, e.g. "DigComp 2.2": the value stored with every competence reference and
   * used as the LOM taxonPath source.
   */
  key: string;
  title: LangString;
  description?: LangString;
  source?: FrameworkSource;
  bands: ProficiencyBand[];
  /** Ordered from 1 up, without holes. */
  levels: ProficiencyLevel[];
  areas: CompetenceArea[];
  /** Every competence of every area, in the framework's order. */
  competences: Competence[];
}

export interface FrameworkSource {
  publisher?: string;
  url?: string;
  notes?: string;
}

export interface ProficiencyBand {
  /** e.g. "foundation". */
  id: string;
  name: LangString;
  /** The first and last level of the band, e.g. [1, 2]. */
  levels: [number, number];
}

export interface ProficiencyLevel {
  /** 1 is the lowest level; 0 is never a level, it means "no level shown". */
  level: number;
  /** The id of the band the level belongs to. */
  band: string;
  name: LangString;
  description?: LangString;
}

export interface CompetenceArea {
  /** e.g. "1". */
  code: string;
  name: LangString;
  description?: LangString;
}

export interface Competence {
  /** e.g. "1.1"; unique within its framework. */
  code: string;
  areaCode: string;
  name: LangString;
  description?: LangString;
}

/** A problem in a framework file: what is wrong and where, as a JSON path ("$.areas[0].code"). */
export interface ValidationIssue {
  /** The file, when several are read together. */
  file?: string;
  path: string;
  message: string;
}

export type ParseResult<T> =
  | { ok: true; value: T; warnings: ValidationIssue[] }
  | { ok: false; errors: ValidationIssue[] };

export const FRAMEWORK_FORMAT = "vademecum-competence-framework/1";

const langString = z
  .record(z.string().min(1), z.string())
  .refine((value) => Object.values(value).some((text) => text.trim() !== ""), {
    message: 'needs a text in at least one language, e.g. { "en": "…" }',
  });

const code = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "may contain only letters, digits, '.', '_' and '-'");

const competenceSchema = z.object({
  code,
  name: langString,
  description: langString.optional(),
});

const areaSchema = z.object({
  code,
  name: langString,
  description: langString.optional(),
  competences: z.array(competenceSchema).min(1, "an area needs at least one competence"),
});

const levelSchema = z.object({
  level: z.number().int().min(1, "levels start at 1"),
  band: z.string().min(1),
  name: langString,
  description: langString.optional(),
});

const bandSchema = z.object({
  id: z.string().min(1),
  name: langString,
  levels: z.tuple([z.number().int().min(1), z.number().int().min(1)]),
});

/** The JSON a framework file holds (docs/frameworks.md). */
export const frameworkFileSchema = z.object({
  format: z.literal(FRAMEWORK_FORMAT, {
    error: `must be "${FRAMEWORK_FORMAT}"`,
  }),
  name: z.string().trim().min(1, "must not be empty"),
  version: z.string().trim().min(1, "must not be empty"),
  title: langString,
  description: langString.optional(),
  source: z
    .object({
      publisher: z.string().optional(),
      url: z.url().optional(),
      notes: z.string().optional(),
    })
    .optional(),
  bands: z.array(bandSchema).min(1, "a framework needs at least one band"),
  levels: z.array(levelSchema).min(1, "a framework needs at least one proficiency level"),
  areas: z.array(areaSchema).min(1, "a framework needs at least one area"),
});

export type FrameworkFile = z.infer<typeof frameworkFileSchema>;

/** "$.areas[0].competences[2].name" from a zod issue path. */
export function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (result, key) =>
      typeof key === "number"
        ? `${result}[${key}]`
        : /^[A-Za-z_$][\w$]*$/.test(String(key))
          ? `${result}.${String(key)}`
          : `${result}[${JSON.stringify(String(key))}]`,
    "$",
  );
}

export function zodIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({ path: jsonPath(issue.path), message: issue.message }));
}

/**
 * Checks a framework file and turns it into a CompetenceFramework. Besides the shape, it checks
 * what a schema cannot: unique codes, levels numbered 1…n, bands that exist and cover their
 * levels. Languages missing from some names are only warnings: the reader falls back to another.
 */
export function parseFramework(input: unknown): ParseResult<CompetenceFramework> {
  const parsed = frameworkFileSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: zodIssues(parsed.error) };
  const file = parsed.data;
  const framework: CompetenceFramework = {
    name: file.name,
    version: file.version,
    key: `${file.name} ${file.version}`,
    title: file.title,
    ...(file.description ? { description: file.description } : {}),
    ...(file.source ? { source: file.source } : {}),
    bands: file.bands.map((band) => ({ id: band.id, name: band.name, levels: band.levels })),
    levels: file.levels,
    areas: file.areas.map(({ code, name, description }) => ({
      code,
      name,
      ...(description ? { description } : {}),
    })),
    competences: file.areas.flatMap((area) =>
      area.competences.map(({ code, name, description }) => ({
        code,
        areaCode: area.code,
        name,
        ...(description ? { description } : {}),
      })),
    ),
  };
  return checkFramework(framework, {
    area: (index) => `$.areas[${index}]`,
    competence: (index) => {
      let rest = index;
      for (const [areaIndex, area] of file.areas.entries()) {
        if (rest < area.competences.length) return `$.areas[${areaIndex}].competences[${rest}]`;
        rest -= area.competences.length;
      }
      return "$.areas";
    },
  });
}

/** Where each part of a normalized framework came from, to name it in messages. */
export interface FrameworkLocator {
  area: (index: number) => string;
  competence: (index: number) => string;
}

/** The checks every framework passes, whatever format it came from. */
export function checkFramework(
  framework: CompetenceFramework,
  locate: FrameworkLocator,
): ParseResult<CompetenceFramework> {
  const errors: ValidationIssue[] = [];
  const warnings: ValidationIssue[] = [];

  const bandIds = new Set<string>();
  framework.bands.forEach((band, index) => {
    const path = `$.bands[${index}]`;
    if (bandIds.has(band.id)) errors.push({ path: `${path}.id`, message: `band "${band.id}" appears twice` });
    bandIds.add(band.id);
    const [first, last] = band.levels;
    if (first > last) {
      errors.push({ path: `${path}.levels`, message: `the first level (${first}) is above the last (${last})` });
    }
  });

  framework.levels.forEach((level, index) => {
    const path = `$.levels[${index}]`;
    if (level.level !== index + 1) {
      errors.push({
        path: `${path}.level`,
        message: `levels must be numbered 1, 2, 3… in order: expected ${index + 1}, found ${level.level}`,
      });
    }
    const band = framework.bands.find((candidate) => candidate.id === level.band);
    if (!band) {
      errors.push({ path: `${path}.band`, message: `band "${level.band}" is not one of the framework's bands` });
    } else if (level.level < band.levels[0] || level.level > band.levels[1]) {
      errors.push({
        path: `${path}.band`,
        message: `level ${level.level} lies outside band "${band.id}" (levels ${band.levels[0]}–${band.levels[1]})`,
      });
    }
  });
  framework.bands.forEach((band, index) => {
    if (band.levels[1] > framework.levels.length) {
      errors.push({
        path: `$.bands[${index}].levels`,
        message: `band "${band.id}" reaches level ${band.levels[1]}, but the framework has ${framework.levels.length} levels`,
      });
    }
  });

  const areaCodes = new Set<string>();
  framework.areas.forEach((area, index) => {
    if (areaCodes.has(area.code)) {
      errors.push({ path: `${locate.area(index)}.code`, message: `area code "${area.code}" appears twice` });
    }
    areaCodes.add(area.code);
  });
  const competenceCodes = new Set<string>();
  framework.competences.forEach((competence, index) => {
    if (competenceCodes.has(competence.code)) {
      errors.push({
        path: `${locate.competence(index)}.code`,
        message: `competence code "${competence.code}" appears twice`,
      });
    }
    competenceCodes.add(competence.code);
  });

  const languages = new Set(Object.keys(framework.title));
  const checkLanguages = (value: LangString | undefined, path: string) => {
    if (!value) return;
    const missing = [...languages].filter((language) => !value[language]?.trim());
    if (missing.length > 0) {
      warnings.push({ path, message: `no text in ${missing.join(", ")}; readers will see another language` });
    }
  };
  framework.levels.forEach((level, index) => checkLanguages(level.name, `$.levels[${index}].name`));
  framework.areas.forEach((area, index) => checkLanguages(area.name, `${locate.area(index)}.name`));
  framework.competences.forEach((competence, index) => {
    checkLanguages(competence.name, `${locate.competence(index)}.name`);
    checkLanguages(competence.description, `${locate.competence(index)}.description`);
  });

  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: framework, warnings };
}

/** The highest level of a framework (8 for DigComp). */
export function maxLevel(framework: CompetenceFramework): number {
  return framework.levels.length;
}

/** The band a level belongs to, or undefined for 0 ("no level") and levels out of range. */
export function bandOf(framework: CompetenceFramework, level: number): ProficiencyBand | undefined {
  const id = framework.levels[level - 1]?.band;
  return framework.bands.find((band) => band.id === id);
}
