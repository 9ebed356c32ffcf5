import type { LangString } from "../../i18n/lang-string";
import type {
  LomContribute,
  LomDateTime,
  LomDuration,
  LomIdentifier,
  LomRecord,
  VCard,
  Vocabulary,
} from "./model";
import { IEEE_LOM_NAMESPACE } from "./read";

/**
 * Writes a record as IEEE LOM v1.0 XML (1484.12.3 binding, namespace
 * `http://ltsc.ieee.org/xsd/LOM`), valid against the LOM XSD.
 *
 * Values that the XSD's patterns reject are repaired where the meaning is unambiguous and
 * otherwise left out rather than producing an invalid file:
 * - dateTime: single-digit month, day or hour are zero-padded ("2021-1-21" → "2021-01-21"),
 *   and because the XSD's pattern only admits a time zone after fractional seconds,
 *   "…T10:00:00Z" is written "…T10:00:00.0Z" (the same instant). Anything else that does not
 *   match is left out.
 * - duration: weeks ("P2W", not in the XSD pattern) become days; other non-matching values
 *   are left out.
 * - language tags that are not BCP 47-shaped are left out.
 */
export function toIeeeLomXml(record: LomRecord): string {
  const out = new XmlWriter();
  out.open("lom", `xmlns="${IEEE_LOM_NAMESPACE}"`);
  writeGeneral(out, record);
  writeLifeCycle(out, record);
  writeMetaMetadata(out, record);
  writeTechnical(out, record);
  for (const educational of record.educational) {
    out.open("educational");
    out.vocabulary("interactivityType", educational.interactivityType);
    for (const value of educational.learningResourceTypes) out.vocabulary("learningResourceType", value);
    out.vocabulary("interactivityLevel", educational.interactivityLevel);
    out.vocabulary("semanticDensity", educational.semanticDensity);
    for (const value of educational.intendedEndUserRoles) out.vocabulary("intendedEndUserRole", value);
    for (const value of educational.contexts) out.vocabulary("context", value);
    for (const value of educational.typicalAgeRanges) out.langString("typicalAgeRange", value);
    out.vocabulary("difficulty", educational.difficulty);
    out.duration("typicalLearningTime", educational.typicalLearningTime);
    for (const value of educational.descriptions) out.langString("description", value);
    for (const language of educational.languages) out.language("language", language);
    out.close("educational");
  }
  const rights = record.rights;
  if (rights.cost || rights.copyrightAndOtherRestrictions || rights.description) {
    out.open("rights");
    out.vocabulary("cost", rights.cost);
    out.vocabulary("copyrightAndOtherRestrictions", rights.copyrightAndOtherRestrictions);
    out.langString("description", rights.description);
    out.close("rights");
  }
  for (const relation of record.relations) {
    out.open("relation");
    out.vocabulary("kind", relation.kind);
    if (relation.resource) {
      out.open("resource");
      for (const identifier of relation.resource.identifiers) out.identifier(identifier);
      for (const description of relation.resource.descriptions) out.langString("description", description);
      out.close("resource");
    }
    out.close("relation");
  }
  for (const annotation of record.annotations) {
    out.open("annotation");
    out.entity(annotation.entity);
    out.date("date", annotation.date);
    out.langString("description", annotation.description);
    out.close("annotation");
  }
  for (const classification of record.classifications) {
    out.open("classification");
    out.vocabulary("purpose", classification.purpose);
    for (const path of classification.taxonPaths) {
      out.open("taxonPath");
      out.langString("source", path.source);
      for (const taxon of path.taxons) {
        out.open("taxon");
        out.leaf("id", taxon.id);
        out.langString("entry", taxon.entry);
        out.close("taxon");
      }
      out.close("taxonPath");
    }
    out.langString("description", classification.description);
    for (const keyword of classification.keywords) out.langString("keyword", keyword);
    out.close("classification");
  }
  out.close("lom");
  return `<?xml version="1.0" encoding="UTF-8"?>\n${out.text}`;
}

function writeGeneral(out: XmlWriter, record: LomRecord): void {
  const general = record.general;
  out.open("general");
  for (const identifier of general.identifiers) out.identifier(identifier);
  out.langString("title", general.title);
  for (const language of general.languages) out.language("language", language);
  for (const description of general.descriptions) out.langString("description", description);
  for (const keyword of general.keywords) out.langString("keyword", keyword);
  for (const coverage of general.coverages) out.langString("coverage", coverage);
  out.vocabulary("structure", general.structure);
  out.vocabulary("aggregationLevel", general.aggregationLevel);
  out.close("general");
}

function writeLifeCycle(out: XmlWriter, record: LomRecord): void {
  const lifeCycle = record.lifeCycle;
  if (!lifeCycle.version && !lifeCycle.status && lifeCycle.contributes.length === 0) return;
  out.open("lifeCycle");
  out.langString("version", lifeCycle.version);
  out.vocabulary("status", lifeCycle.status);
  for (const contribute of lifeCycle.contributes) out.contribute(contribute);
  out.close("lifeCycle");
}

function writeMetaMetadata(out: XmlWriter, record: LomRecord): void {
  const meta = record.metaMetadata;
  if (meta.identifiers.length + meta.contributes.length + meta.metadataSchemas.length === 0 && !meta.language) return;
  out.open("metaMetadata");
  for (const identifier of meta.identifiers) out.identifier(identifier);
  for (const contribute of meta.contributes) out.contribute(contribute);
  for (const schema of meta.metadataSchemas) out.leaf("metadataSchema", schema);
  out.language("language", meta.language);
  out.close("metaMetadata");
}

function writeTechnical(out: XmlWriter, record: LomRecord): void {
  const technical = record.technical;
  const empty =
    technical.formats.length + technical.locations.length + technical.requirements.length === 0 &&
    technical.size === null &&
    !technical.installationRemarks &&
    !technical.otherPlatformRequirements &&
    !technical.duration;
  if (empty) return;
  out.open("technical");
  for (const format of technical.formats) out.leaf("format", format);
  if (technical.size !== null) out.leaf("size", String(technical.size));
  for (const location of technical.locations) out.leaf("location", location);
  for (const requirement of technical.requirements) {
    out.open("requirement");
    for (const composite of requirement.orComposites) {
      out.open("orComposite");
      out.vocabulary("type", composite.type);
      out.vocabulary("name", composite.name);
      out.leaf("minimumVersion", composite.minimumVersion);
      out.leaf("maximumVersion", composite.maximumVersion);
      out.close("orComposite");
    }
    out.close("requirement");
  }
  out.langString("installationRemarks", technical.installationRemarks);
  out.langString("otherPlatformRequirements", technical.otherPlatformRequirements);
  out.duration("duration", technical.duration);
  out.close("technical");
}

const DATE_TIME =
  /^([0-9]{3}[1-9]|[0-9]{2}[1-9][0-9]|[0-9][1-9][0-9]{2}|[1-9][0-9]{3})(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1])(T([0-1][0-9]|2[0-3])(:[0-5][0-9](:[0-5][0-9](\.[0-9]+(Z|([+-]([0-1][0-9]|2[0-3]):[0-5][0-9]))?)?)?)?)?)?)?$/;
const DURATION = /^P([0-9]+Y)?([0-9]+M)?([0-9]+D)?(T([0-9]+H)?([0-9]+M)?([0-9]+(\.[0-9]+)?S)?)?$/;
const LANGUAGE = /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/;

/** The XSD-valid spelling of a LOM dateTime, or null when there is none. */
export function ieeeDateTime(value: string): string | null {
  if (DATE_TIME.test(value)) return value;
  const match = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2})(?:T(\d{1,2})(?::(\d{2})(?::(\d{2})(\.\d+)?)?)?)?)?)?(Z|[+-]\d{2}:\d{2})?$/.exec(
    value.trim(),
  );
  if (!match) return null;
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  let result = year;
  if (month) result += `-${month.padStart(2, "0")}`;
  if (day) result += `-${day.padStart(2, "0")}`;
  if (hour) result += `T${hour.padStart(2, "0")}`;
  if (minute) result += `:${minute}`;
  if (second) {
    result += `:${second}`;
    if (fraction || zone) result += fraction ?? ".0";
    if (zone) result += zone;
  }
  return DATE_TIME.test(result) ? result : null;
}

/** The XSD-valid spelling of a LOM duration, or null when there is none. */
export function ieeeDuration(value: string): string | null {
  const trimmed = value.trim();
  if (DURATION.test(trimmed) && trimmed !== "P" && !trimmed.endsWith("T")) return trimmed;
  const weeks = /^P(\d+)W$/.exec(trimmed);
  return weeks ? `P${Number(weeks[1]) * 7}D` : null;
}

class XmlWriter {
  text = "";
  private depth = 0;

  open(name: string, attributes?: string): void {
    this.text += `${"  ".repeat(this.depth)}<${name}${attributes ? ` ${attributes}` : ""}>\n`;
    this.depth += 1;
  }

  close(name: string): void {
    this.depth -= 1;
    this.text += `${"  ".repeat(this.depth)}</${name}>\n`;
  }

  leaf(name: string, value: string | null, attributes?: string): void {
    if (value === null) return;
    this.text += `${"  ".repeat(this.depth)}<${name}${attributes ? ` ${attributes}` : ""}>${escapeXml(value)}</${name}>\n`;
  }

  language(name: string, value: string | null): void {
    if (value !== null && (LANGUAGE.test(value) || value === "none")) this.leaf(name, value);
  }

  langString(name: string, value: LangString | null): void {
    if (!value) return;
    const entries = Object.entries(value);
    if (entries.length === 0) return;
    this.open(name);
    for (const [language, text] of entries) {
      this.leaf("string", text, LANGUAGE.test(language) ? `language="${escapeXml(language)}"` : undefined);
    }
    this.close(name);
  }

  vocabulary(name: string, value: Vocabulary | null): void {
    if (!value) return;
    this.open(name);
    this.leaf("source", value.source);
    this.leaf("value", value.value);
    this.close(name);
  }

  identifier(identifier: LomIdentifier): void {
    this.open("identifier");
    this.leaf("catalog", identifier.catalog);
    this.leaf("entry", identifier.entry);
    this.close("identifier");
  }

  entity(vcard: VCard | null): void {
    if (vcard) this.leaf("entity", vcard.raw);
  }

  contribute(contribute: LomContribute): void {
    this.open("contribute");
    this.vocabulary("role", contribute.role);
    for (const entity of contribute.entities) this.entity(entity);
    this.date("date", contribute.date);
    this.close("contribute");
  }

  date(name: string, date: LomDateTime | null): void {
    if (!date) return;
    const dateTime = date.dateTime === null ? null : ieeeDateTime(date.dateTime);
    if (dateTime === null && !date.description) return;
    this.open(name);
    this.leaf("dateTime", dateTime);
    this.langString("description", date.description);
    this.close(name);
  }

  duration(name: string, duration: LomDuration | null): void {
    if (!duration) return;
    const value = duration.duration === null ? null : ieeeDuration(duration.duration);
    if (value === null && !duration.description) return;
    this.open(name);
    this.leaf("duration", value);
    this.langString("description", duration.description);
    this.close(name);
  }
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (char) =>
    char === "&" ? "&amp;" : char === "<" ? "&lt;" : char === ">" ? "&gt;" : "&quot;",
  );
}
