import { NO_LANGUAGE, type LangString } from "../../i18n/lang-string";
import { ProblemCollector } from "../report";
import { XML_NAMESPACE, parseXml, type XmlElement } from "../xml";
import {
  emptyEducational,
  emptyLomRecord,
  type LomBinding,
  type LomClassification,
  type LomContribute,
  type LomDateTime,
  type LomDuration,
  type LomEducational,
  type LomIdentifier,
  type LomOrComposite,
  type LomRecord,
  type LomRelation,
  type LomTaxon,
  type LomTaxonPath,
  type VCard,
  type Vocabulary,
} from "./model";
import { parseVCard, type VCardQuirk } from "./vcard";

/**
 * Reads every XML binding of IEEE LOM met in real files into one LomRecord:
 *
 * - IEEE LOM v1.0 (`http://ltsc.ieee.org/xsd/LOM`): camelCase names, `string@language`,
 *   `identifier`, `entity`, `dateTime`, `duration`, `requirement/orComposite`.
 * - IMS Meta-data 1.2 (`imsmd_v1p2`, SCORM 1.2's `imsmd_rootv1p2p1`): lower-case names,
 *   `langstring@xml:lang`, `catalogentry`, `centity/vcard`, `datetime`, vocabulary source and
 *   value wrapped in a langstring, `metadatascheme`, requirement without `orComposite`.
 * - Common Cartridge's LOM (`http://ltsc.ieee.org/xsd/imsccv1pN/LOM/manifest|resource`).
 * - Vendor namespaces that reuse LOM v1.0 names (MIT OpenCourseWare).
 *
 * Element names are matched case-insensitively and, inside a record, in any namespace: some
 * publishers lose the namespace on children or write `lifecycle` for `lifeCycle`. Those quirks
 * are reported as warnings, not refused.
 */

export const IEEE_LOM_NAMESPACE = "http://ltsc.ieee.org/xsd/LOM";
export const IMSMD_NAMESPACES = [
  "http://www.imsglobal.org/xsd/imsmd_v1p2",
  "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1",
  "http://www.imsproject.org/xsd/imsmd_rootv1p2p1",
];

const COMMON_CARTRIDGE_LOM = /^http:\/\/ltsc\.ieee\.org\/xsd\/imsccv1p\d\/LOM\/(manifest|resource)$/;
const VENDOR_LOM = /^https?:\/\/ocw\.mit\.edu\/xmlns\/LOM$/;

/** The binding a namespace belongs to, or null when it is not a LOM namespace. */
export function lomBinding(namespace: string): LomBinding | null {
  if (namespace === IEEE_LOM_NAMESPACE) return "ieee-lom-1.0";
  if (IMSMD_NAMESPACES.includes(namespace)) return "imsmd-1.2";
  if (COMMON_CARTRIDGE_LOM.test(namespace)) return "common-cartridge";
  if (VENDOR_LOM.test(namespace)) return "vendor";
  return null;
}

/** True for a `lom` root element of any known binding. */
export function isLomElement(element: XmlElement): boolean {
  return element.local === "lom" && lomBinding(element.ns) !== null;
}

/** Every LOM record in a document (the root itself, or records inside e.g. an OAI-PMH response). */
export function findLomElements(root: XmlElement): XmlElement[] {
  const found: XmlElement[] = [];
  const visit = (element: XmlElement) => {
    if (isLomElement(element)) {
      found.push(element);
      return;
    }
    for (const child of element.children) if (child.kind === "element") visit(child);
  };
  visit(root);
  return found;
}

export interface ReadLomOptions {
  /** The file the record is in, for problem locations. */
  file: string;
  problems?: ProblemCollector;
  /** The binding to assume when the element's namespace does not tell (loose elements). */
  binding?: LomBinding;
}

/**
 * Reads one record. `element` is a `lom` element, or a container whose children are LOM
 * categories (OCW manifests put `general`, `lifecycle` and `taxonPath` straight into
 * `<metadata>`; a `taxonPath` there becomes a classification of its own).
 */
export function readLom(element: XmlElement, options: ReadLomOptions): LomRecord {
  const binding = lomBinding(element.ns) ?? options.binding ?? "ieee-lom-1.0";
  const reader = new LomReader(element, binding, options.file);
  const record = reader.read();
  reader.report(options.problems);
  return record;
}

export interface ParsedLomDocument {
  records: LomRecord[];
  problems: ProblemCollector;
}

/** Parses an XML text and reads every LOM record in it. Throws XmlError when not well-formed. */
export function parseLomDocument(text: string, file: string): ParsedLomDocument {
  const root = parseXml(text, { file });
  const problems = new ProblemCollector();
  const elements = findLomElements(root);
  if (elements.length === 0) {
    problems.error(
      "lom.not-found",
      `${file} holds no LOM record: its root element is <${root.name}>`,
      { file, line: root.line, element: root.name },
      { file, element: root.name },
    );
  }
  const records = elements.map((element) => readLom(element, { file, problems }));
  return { records, problems };
}

type Quirk =
  | "foreign-namespace"
  | "case"
  | "empty-keyword"
  | VCardQuirk;

/** The English message of each quirk, reported as "lom.quirk.<quirk>". */
export const QUIRK_MESSAGES: Record<Quirk, string> = {
  "foreign-namespace":
    "LOM elements inside the record are not in the record's namespace (a publisher lost the namespace prefix); they were read as LOM",
  case: "LOM element names are written in the wrong case for this binding (e.g. lifecycle for lifeCycle); they were read as LOM",
  "empty-keyword": "empty keywords were dropped",
  indented: "a contributor vCard has every line indented; it was read as if it were not",
  "space-after-colon": 'a vCard value starts with a space ("FN: name"); the space was ignored',
  "not-a-vcard": "a contributor entity is a plain name, not a vCard; it was kept as the formatted name",
};

/** IEEE LOM v1.0 camelCase names, to notice the lower-case spellings in the IEEE binding. */
const IEEE_CAMEL_CASE = new Set([
  "lifeCycle",
  "metaMetadata",
  "aggregationLevel",
  "dateTime",
  "metadataSchema",
  "installationRemarks",
  "otherPlatformRequirements",
  "orComposite",
  "minimumVersion",
  "maximumVersion",
  "interactivityType",
  "learningResourceType",
  "interactivityLevel",
  "semanticDensity",
  "intendedEndUserRole",
  "typicalAgeRange",
  "typicalLearningTime",
  "copyrightAndOtherRestrictions",
  "taxonPath",
]);
const IEEE_BY_LOWER = new Map([...IEEE_CAMEL_CASE].map((name) => [name.toLowerCase(), name]));

const lowerNames = new Map<string, string>();

/** Lower-cased element names, cached: records repeat the same few dozen names. */
function lower(name: string): string {
  let result = lowerNames.get(name);
  if (result === undefined) {
    result = name.toLowerCase();
    lowerNames.set(name, result);
  }
  return result;
}

class LomReader {
  private readonly quirks = new Map<Quirk, number>();
  private readonly vcardQuirks = new Set<VCardQuirk>();

  constructor(
    private readonly root: XmlElement,
    private readonly binding: LomBinding,
    private readonly file: string,
  ) {}

  read(): LomRecord {
    const record = emptyLomRecord(this.binding);
    const loose: LomTaxonPath[] = [];
    for (const category of this.elements(this.root)) {
      switch (lower(category.local)) {
        case "general":
          this.general(category, record);
          break;
        case "lifecycle":
          this.lifeCycle(category, record);
          break;
        case "metametadata":
          this.metaMetadata(category, record);
          break;
        case "technical":
          this.technical(category, record);
          break;
        case "educational":
          record.educational.push(this.educational(category));
          break;
        case "rights":
          this.rights(category, record);
          break;
        case "relation":
          record.relations.push(this.relation(category));
          break;
        case "annotation": {
          const annotation = {
            entity: this.entity(category),
            date: this.date(this.first(category, "date")),
            description: this.langString(this.first(category, "description")),
          };
          if (annotation.entity || annotation.date || annotation.description) record.annotations.push(annotation);
          break;
        }
        case "classification":
          record.classifications.push(this.classification(category));
          break;
        case "taxonpath":
          loose.push(this.taxonPath(category));
          break;
      }
    }
    if (loose.length > 0) {
      record.classifications.push({ purpose: null, taxonPaths: loose, description: null, keywords: [] });
    }
    return record;
  }

  report(problems: ProblemCollector | undefined): void {
    if (!problems) return;
    for (const quirk of this.vcardQuirks) this.quirks.set(quirk, this.root.line);
    for (const [quirk, line] of this.quirks) {
      problems.warning(`lom.quirk.${quirk}`, QUIRK_MESSAGES[quirk], { file: this.file, line, element: this.root.name });
    }
  }

  private note(quirk: Quirk, line: number): void {
    if (!this.quirks.has(quirk)) this.quirks.set(quirk, line);
  }

  /** Child elements, checking each for the namespace and case quirks. */
  private elements(element: XmlElement): XmlElement[] {
    const result: XmlElement[] = [];
    for (const child of element.children) {
      if (child.kind !== "element") continue;
      result.push(child);
      if (child.ns !== this.root.ns && this.root.local === "lom") this.note("foreign-namespace", child.line);
      if (this.binding !== "imsmd-1.2" && !IEEE_CAMEL_CASE.has(child.local) && IEEE_BY_LOWER.has(child.local)) {
        this.note("case", child.line);
      }
    }
    return result;
  }

  /** Children named `name` (lower case). Quirks are noted by the category loops, not here. */
  private all(element: XmlElement, name: string): XmlElement[] {
    const result: XmlElement[] = [];
    for (const child of element.children) {
      if (child.kind === "element" && lower(child.local) === name) result.push(child);
    }
    return result;
  }

  private first(element: XmlElement | undefined, name: string): XmlElement | undefined {
    if (!element) return undefined;
    for (const child of element.children) {
      if (child.kind === "element" && lower(child.local) === name) return child;
    }
    return undefined;
  }

  private general(element: XmlElement, record: LomRecord): void {
    const general = record.general;
    for (const child of this.elements(element)) {
      switch (lower(child.local)) {
        case "identifier":
        case "catalogentry":
          pushDefined(general.identifiers, this.identifier(child));
          break;
        case "title":
          general.title = mergeLangString(general.title, this.langString(child));
          break;
        case "language":
          pushDefined(general.languages, text(child));
          break;
        case "description":
          pushDefined(general.descriptions, this.langString(child));
          break;
        case "keyword": {
          const keyword = this.langString(child);
          if (keyword) general.keywords.push(keyword);
          else this.note("empty-keyword", child.line);
          break;
        }
        case "coverage":
          pushDefined(general.coverages, this.langString(child));
          break;
        case "structure":
          general.structure = this.vocabulary(child);
          break;
        case "aggregationlevel":
          general.aggregationLevel = this.vocabulary(child);
          break;
      }
    }
  }

  private lifeCycle(element: XmlElement, record: LomRecord): void {
    for (const child of this.elements(element)) {
      switch (lower(child.local)) {
        case "version":
          record.lifeCycle.version = this.langString(child);
          break;
        case "status":
          record.lifeCycle.status = this.vocabulary(child);
          break;
        case "contribute":
          record.lifeCycle.contributes.push(this.contribute(child));
          break;
      }
    }
  }

  private metaMetadata(element: XmlElement, record: LomRecord): void {
    const meta = record.metaMetadata;
    for (const child of this.elements(element)) {
      switch (lower(child.local)) {
        case "identifier":
        case "catalogentry":
          pushDefined(meta.identifiers, this.identifier(child));
          break;
        case "contribute":
          meta.contributes.push(this.contribute(child));
          break;
        case "metadataschema":
        case "metadatascheme":
          pushDefined(meta.metadataSchemas, text(child));
          break;
        case "language":
          meta.language = text(child);
          break;
      }
    }
  }

  private technical(element: XmlElement, record: LomRecord): void {
    const technical = record.technical;
    for (const child of this.elements(element)) {
      switch (lower(child.local)) {
        case "format":
          pushDefined(technical.formats, text(child));
          break;
        case "size": {
          const size = text(child);
          technical.size = size !== null && /^\d+$/.test(size) ? Number(size) : null;
          break;
        }
        case "location":
          pushDefined(technical.locations, text(child));
          break;
        case "requirement": {
          const composites = this.all(child, "orcomposite");
          const orComposites = (composites.length > 0 ? composites : [child]).map((composite) =>
            this.orComposite(composite),
          );
          technical.requirements.push({ orComposites });
          break;
        }
        case "installationremarks":
          technical.installationRemarks = this.langString(child);
          break;
        case "otherplatformrequirements":
          technical.otherPlatformRequirements = this.langString(child);
          break;
        case "duration":
          technical.duration = this.duration(child);
          break;
      }
    }
  }

  private orComposite(element: XmlElement): LomOrComposite {
    return {
      type: this.vocabulary(this.first(element, "type")),
      name: this.vocabulary(this.first(element, "name")),
      minimumVersion: text(this.first(element, "minimumversion")),
      maximumVersion: text(this.first(element, "maximumversion")),
    };
  }

  private educational(element: XmlElement): LomEducational {
    const educational = emptyEducational();
    for (const child of this.elements(element)) {
      switch (lower(child.local)) {
        case "interactivitytype":
          educational.interactivityType = this.vocabulary(child);
          break;
        case "learningresourcetype":
          pushDefined(educational.learningResourceTypes, this.vocabulary(child));
          break;
        case "interactivitylevel":
          educational.interactivityLevel = this.vocabulary(child);
          break;
        case "semanticdensity":
          educational.semanticDensity = this.vocabulary(child);
          break;
        case "intendedenduserrole":
          pushDefined(educational.intendedEndUserRoles, this.vocabulary(child));
          break;
        case "context":
          pushDefined(educational.contexts, this.vocabulary(child));
          break;
        case "typicalagerange":
          pushDefined(educational.typicalAgeRanges, this.langString(child));
          break;
        case "difficulty":
          educational.difficulty = this.vocabulary(child);
          break;
        case "typicallearningtime":
          educational.typicalLearningTime = this.duration(child);
          break;
        case "description":
          pushDefined(educational.descriptions, this.langString(child));
          break;
        case "language":
          pushDefined(educational.languages, text(child));
          break;
      }
    }
    return educational;
  }

  private rights(element: XmlElement, record: LomRecord): void {
    for (const child of this.elements(element)) {
      switch (lower(child.local)) {
        case "cost":
          record.rights.cost = this.vocabulary(child);
          break;
        case "copyrightandotherrestrictions":
          record.rights.copyrightAndOtherRestrictions = this.vocabulary(child);
          break;
        case "description":
          record.rights.description = this.langString(child);
          break;
      }
    }
  }

  private relation(element: XmlElement): LomRelation {
    const resource = this.first(element, "resource");
    return {
      kind: this.vocabulary(this.first(element, "kind")),
      resource: resource
        ? {
            identifiers: [...this.all(resource, "identifier"), ...this.all(resource, "catalogentry")]
              .map((child) => this.identifier(child))
              .filter(isDefined),
            descriptions: this.all(resource, "description")
              .map((child) => this.langString(child))
              .filter(isDefined),
          }
        : null,
    };
  }

  private classification(element: XmlElement): LomClassification {
    return {
      purpose: this.vocabulary(this.first(element, "purpose")),
      taxonPaths: this.all(element, "taxonpath").map((child) => this.taxonPath(child)),
      description: this.langString(this.first(element, "description")),
      keywords: this.all(element, "keyword")
        .map((child) => this.langString(child))
        .filter(isDefined),
    };
  }

  private taxonPath(element: XmlElement): LomTaxonPath {
    const taxons: LomTaxon[] = [];
    const collect = (parent: XmlElement) => {
      for (const taxon of this.all(parent, "taxon")) {
        taxons.push({ id: text(this.first(taxon, "id")), entry: this.langString(this.first(taxon, "entry")) });
        // IMS MD 1.1 nests taxa instead of listing them.
        collect(taxon);
      }
    };
    collect(element);
    return { source: this.langString(this.first(element, "source")), taxons };
  }

  private contribute(element: XmlElement): LomContribute {
    const entities: VCard[] = [];
    for (const child of this.elements(element)) {
      const name = lower(child.local);
      if (name === "entity") pushDefined(entities, this.vcard(child));
      else if (name === "centity") pushDefined(entities, this.vcard(this.first(child, "vcard") ?? child));
    }
    return {
      role: this.vocabulary(this.first(element, "role")),
      entities,
      date: this.date(this.first(element, "date")),
    };
  }

  /** Annotation: IEEE `entity`, IMS MD `person/vcard`. */
  private entity(element: XmlElement): VCard | null {
    const entity = this.first(element, "entity");
    if (entity) return this.vcard(entity);
    const person = this.first(element, "person");
    if (person) return this.vcard(this.first(person, "vcard") ?? person);
    return null;
  }

  private vcard(element: XmlElement): VCard | null {
    const raw = rawText(element);
    if (raw.trim().length === 0) return null;
    return parseVCard(raw, this.vcardQuirks);
  }

  private identifier(element: XmlElement): LomIdentifier | null {
    const entryElement = this.first(element, "entry");
    const entry = entryElement ? plainOrLangText(entryElement, this) : null;
    if (!entry) return null;
    return { catalog: text(this.first(element, "catalog")), entry };
  }

  private date(element: XmlElement | undefined): LomDateTime | null {
    if (!element) return null;
    const dateTime = text(this.first(element, "datetime"));
    const description = this.langString(this.first(element, "description"));
    return dateTime || description ? { dateTime, description } : null;
  }

  /** IEEE `duration/duration`; IMS MD `duration/datetime`. */
  private duration(element: XmlElement): LomDuration | null {
    const duration = text(this.first(element, "duration") ?? this.first(element, "datetime"));
    const description = this.langString(this.first(element, "description"));
    return duration || description ? { duration, description } : null;
  }

  /** source and value as text, or wrapped in a langstring (IMS MD). */
  vocabulary(element: XmlElement | undefined): Vocabulary | null {
    if (!element) return null;
    const valueElement = this.first(element, "value");
    const value = valueElement ? plainOrLangText(valueElement, this) : null;
    if (!value) return null;
    const sourceElement = this.first(element, "source");
    return { source: sourceElement ? plainOrLangText(sourceElement, this) : null, value };
  }

  /** A LangString from `string@language` (IEEE) or `langstring@xml:lang` (IMS MD) children. */
  langString(element: XmlElement | undefined): LangString | null {
    if (!element) return null;
    let result: LangString | null = null;
    let sawString = false;
    for (const child of this.elements(element)) {
      const name = lower(child.local);
      if (name !== "string" && name !== "langstring") continue;
      sawString = true;
      const value = rawText(child).trim();
      if (!value) continue;
      const language = languageOf(child);
      result ??= {};
      if (result[language] === undefined) result[language] = value;
    }
    if (!sawString) {
      const value = rawText(element).trim();
      if (value) result = { [languageOf(element)]: value };
    }
    return result;
  }
}

function languageOf(element: XmlElement): string {
  for (const attr of element.attributes) {
    if (attr.local === "language" && attr.ns === "") return attr.value.trim() || NO_LANGUAGE;
    if (attr.local === "lang" && attr.ns === XML_NAMESPACE) return attr.value.trim() || NO_LANGUAGE;
  }
  return NO_LANGUAGE;
}

/** Text of an element that is plain text in one binding and a langstring in another. */
function plainOrLangText(element: XmlElement, reader: LomReader): string | null {
  const value = reader.langString(element);
  if (!value) return null;
  const first = Object.values(value)[0];
  return first ?? null;
}

function rawText(element: XmlElement): string {
  let result = "";
  for (const child of element.children) result += child.kind === "text" ? child.value : rawText(child);
  return result;
}

function text(element: XmlElement | undefined): string | null {
  if (!element) return null;
  const value = rawText(element).trim();
  return value.length > 0 ? value : null;
}

function mergeLangString(current: LangString | null, next: LangString | null): LangString | null {
  if (!next) return current;
  if (!current) return next;
  return { ...next, ...current };
}

function isDefined<T>(value: T | null | undefined): value is T {
  return value !== null && value !== undefined;
}

function pushDefined<T>(list: T[], value: T | null | undefined): void {
  if (value !== null && value !== undefined) list.push(value);
}
