import type { LangString } from "../../i18n/lang-string";

/**
 * The normalized IEEE LOM (1484.12.1) record every binding imports into. Category and element
 * names are LOM's own; repeated elements are arrays with plural names. Only leaves carry
 * values; absent values are null or empty arrays, never empty strings.
 */

/** A LOM Vocabulary value: the source names the vocabulary ("LOMv1.0" for LOM's own). */
export interface Vocabulary {
  source: string | null;
  value: string;
}

export interface LomIdentifier {
  catalog: string | null;
  entry: string;
}

/** LOM DateTime: an ISO 8601 date or date-time as written, and/or a description. */
export interface LomDateTime {
  dateTime: string | null;
  description: LangString | null;
}

/** LOM Duration: an ISO 8601 duration ("PT1H30M") as written, and/or a description. */
export interface LomDuration {
  duration: string | null;
  description: LangString | null;
}

/** A contributor's vCard: the text as written plus the fields a person looks for. */
export interface VCard {
  raw: string;
  /** Formatted name (FN), or null. */
  fn: string | null;
  org: string | null;
  email: string | null;
}

export interface LomContribute {
  role: Vocabulary | null;
  entities: VCard[];
  date: LomDateTime | null;
}

export interface LomGeneral {
  identifiers: LomIdentifier[];
  title: LangString | null;
  languages: string[];
  descriptions: LangString[];
  keywords: LangString[];
  coverages: LangString[];
  structure: Vocabulary | null;
  aggregationLevel: Vocabulary | null;
}

export interface LomLifeCycle {
  version: LangString | null;
  status: Vocabulary | null;
  contributes: LomContribute[];
}

export interface LomMetaMetadata {
  identifiers: LomIdentifier[];
  contributes: LomContribute[];
  metadataSchemas: string[];
  language: string | null;
}

export interface LomOrComposite {
  type: Vocabulary | null;
  name: Vocabulary | null;
  minimumVersion: string | null;
  maximumVersion: string | null;
}

export interface LomRequirement {
  orComposites: LomOrComposite[];
}

export interface LomTechnical {
  formats: string[];
  /** Size in bytes. */
  size: number | null;
  locations: string[];
  requirements: LomRequirement[];
  installationRemarks: LangString | null;
  otherPlatformRequirements: LangString | null;
  duration: LomDuration | null;
}

export interface LomEducational {
  interactivityType: Vocabulary | null;
  learningResourceTypes: Vocabulary[];
  interactivityLevel: Vocabulary | null;
  semanticDensity: Vocabulary | null;
  intendedEndUserRoles: Vocabulary[];
  contexts: Vocabulary[];
  typicalAgeRanges: LangString[];
  difficulty: Vocabulary | null;
  typicalLearningTime: LomDuration | null;
  descriptions: LangString[];
  languages: string[];
}

export interface LomRights {
  cost: Vocabulary | null;
  copyrightAndOtherRestrictions: Vocabulary | null;
  description: LangString | null;
}

export interface LomRelation {
  kind: Vocabulary | null;
  resource: { identifiers: LomIdentifier[]; descriptions: LangString[] } | null;
}

export interface LomAnnotation {
  entity: VCard | null;
  date: LomDateTime | null;
  description: LangString | null;
}

export interface LomTaxon {
  id: string | null;
  entry: LangString | null;
}

export interface LomTaxonPath {
  source: LangString | null;
  taxons: LomTaxon[];
}

export interface LomClassification {
  purpose: Vocabulary | null;
  taxonPaths: LomTaxonPath[];
  description: LangString | null;
  keywords: LangString[];
}

/** The XML binding a record was read from. */
export type LomBinding = "ieee-lom-1.0" | "imsmd-1.2" | "common-cartridge" | "vendor";

export interface LomRecord {
  binding: LomBinding;
  general: LomGeneral;
  lifeCycle: LomLifeCycle;
  metaMetadata: LomMetaMetadata;
  technical: LomTechnical;
  educational: LomEducational[];
  rights: LomRights;
  relations: LomRelation[];
  annotations: LomAnnotation[];
  classifications: LomClassification[];
}

export function emptyLomRecord(binding: LomBinding = "ieee-lom-1.0"): LomRecord {
  return {
    binding,
    general: {
      identifiers: [],
      title: null,
      languages: [],
      descriptions: [],
      keywords: [],
      coverages: [],
      structure: null,
      aggregationLevel: null,
    },
    lifeCycle: { version: null, status: null, contributes: [] },
    metaMetadata: { identifiers: [], contributes: [], metadataSchemas: [], language: null },
    technical: {
      formats: [],
      size: null,
      locations: [],
      requirements: [],
      installationRemarks: null,
      otherPlatformRequirements: null,
      duration: null,
    },
    educational: [],
    rights: { cost: null, copyrightAndOtherRestrictions: null, description: null },
    relations: [],
    annotations: [],
    classifications: [],
  };
}

export function emptyEducational(): LomEducational {
  return {
    interactivityType: null,
    learningResourceTypes: [],
    interactivityLevel: null,
    semanticDensity: null,
    intendedEndUserRoles: [],
    contexts: [],
    typicalAgeRanges: [],
    difficulty: null,
    typicalLearningTime: null,
    descriptions: [],
    languages: [],
  };
}

const DURATION =
  /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/**
 * Minutes in an ISO 8601 duration ("PT1H30M" → 90), or null when it is not one. Years and
 * months have no fixed length; like most LMSs we count 365 and 30 days.
 */
export function durationToMinutes(duration: string | null | undefined): number | null {
  if (!duration) return null;
  const match = DURATION.exec(duration.trim());
  if (!match || duration.trim() === "P" || duration.trim().endsWith("T")) return null;
  const [, years, months, weeks, days, hours, minutes, seconds] = match.map((part) =>
    part === undefined ? 0 : Number(part),
  ) as number[];
  const totalDays = years * 365 + months * 30 + weeks * 7 + days;
  return totalDays * 24 * 60 + hours * 60 + minutes + seconds / 60;
}

/** An ISO 8601 duration for a number of minutes (90 → "PT1H30M"). */
export function minutesToDuration(minutes: number): string {
  const whole = Math.max(0, Math.round(minutes));
  const hours = Math.floor(whole / 60);
  const rest = whole % 60;
  if (hours === 0) return `PT${rest}M`;
  return rest === 0 ? `PT${hours}H` : `PT${hours}H${rest}M`;
}
