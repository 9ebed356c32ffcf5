import type { PackageModel } from "../packages/model";
import { pickLanguage } from "../i18n/lang-string";
import type { Item, Property, PropertyValue, UnitOfLearning } from "../standards/learning-design/model";
import { readLdXhtml, type Placeholder, type PropertyField } from "../standards/learning-design/xhtml";
import { htmlTree, type HtmlNode } from "./html-tree";
import { isXhtml, localizedPath } from "./package-paths";
import { packageHasFile, packageText } from "./package-store.server";

/**
 * Authored pages of a package, ready for the player: the XHTML file in the learner's language
 * (else the default one), read with readLdXhtml (which sanitizes it) and turned into a tree whose
 * placeholders the page replaces with property values and form fields.
 */

export interface StoredPackage {
  storageKey: string;
  model: PackageModel;
  uol: UnitOfLearning;
}

export interface PageContent {
  title: string | null;
  /** The language of the file shown, for the lang attribute. */
  language: string;
  tree: HtmlNode[];
  placeholders: Placeholder[];
}

const pages = new Map<string, PageContent | null>();

export function readPage(pack: StoredPackage, href: string, wanted: string): PageContent | null {
  if (!isXhtml(href)) return null;
  const file = localizedPath(href, wanted, pack.model, (path) => packageHasFile(pack.storageKey, path));
  const key = `${pack.storageKey}\n${file.path}`;
  if (!pages.has(key)) {
    const text = packageText(pack.storageKey, file.path);
    const read = text === null ? undefined : readLdXhtml(text, {
      file: file.path,
      properties: pack.uol.properties,
      propertyGroups: pack.uol.propertyGroups,
    }).content;
    if (pages.size > 1000) pages.clear();
    pages.set(
      key,
      read
        ? { title: read.title, language: read.language ?? file.language, tree: htmlTree(read.html, { dropHeading: true }), placeholders: read.placeholders }
        : null,
    );
  }
  return pages.get(key) ?? null;
}

/** The pages of an item group (activity description, feedback), in order. */
export function readItems(pack: StoredPackage, items: readonly Item[], wanted: string): PageContent[] {
  return items.flatMap((item) => {
    const page = item.href ? readPage(pack, item.href, wanted) : null;
    return [...(page ? [page] : []), ...readItems(pack, item.items, wanted)];
  });
}

/** The title a learner sees: the <title> of the first page in their language, else the LD title. */
export function titleOf(pack: StoredPackage, items: readonly Item[] | undefined, fallback: string | null, wanted: string): string | null {
  for (const item of items ?? []) {
    const page = item.href ? readPage(pack, item.href, wanted) : null;
    if (page?.title) return page.title;
  }
  return fallback;
}

/** What a placeholder shows: values to read, or fields to fill. */
export type PlaceholderView =
  | { kind: "values"; values: { propertyRef: string; title: string | null; value: string | null; showTitle: boolean }[] }
  | {
      kind: "form";
      title: string | null;
      fields: { field: PropertyField; value: string | null; showTitle: boolean }[];
      subjectId: string | null;
    };

/**
 * Fills the placeholders of a page for a viewer. valueOf reads a property of a person;
 * supportedId is the person a support activity is looking at (property-of="supported-person").
 */
export function placeholderViews(
  placeholders: readonly Placeholder[],
  uol: UnitOfLearning,
  viewerId: string,
  supportedId: string | null,
  valueOf: (property: Property, userId: string) => PropertyValue | undefined,
): PlaceholderView[] {
  const properties = new Map(uol.properties.map((property) => [property.identifier, property]));
  const read = (ref: string, owner: string | null) => {
    const property = properties.get(ref);
    const value = property && owner ? valueOf(property, owner) : undefined;
    return value === undefined ? null : String(value);
  };
  return placeholders.map((placeholder): PlaceholderView => {
    const owner = placeholder.propertyOf === "supported-person" ? supportedId : viewerId;
    const showTitle = placeholder.view === "title-value";
    switch (placeholder.kind) {
      case "view-property":
        return {
          kind: "values",
          values: [{ propertyRef: placeholder.propertyRef, title: placeholder.title, value: read(placeholder.propertyRef, owner), showTitle }],
        };
      case "view-property-group":
        return {
          kind: "values",
          values: placeholder.propertyRefs.map((ref) => ({
            propertyRef: ref,
            title: properties.get(ref)?.title ?? null,
            value: read(ref, owner),
            showTitle: true,
          })),
        };
      case "set-property":
        return {
          kind: "form",
          title: null,
          fields: [{ field: placeholder.field, value: read(placeholder.field.propertyRef, owner), showTitle }],
          subjectId: placeholder.propertyOf === "supported-person" ? supportedId : null,
        };
      case "set-property-group":
        return {
          kind: "form",
          title: placeholder.title,
          fields: placeholder.fields.map((field) => ({ field, value: read(field.propertyRef, owner), showTitle: true })),
          subjectId: placeholder.propertyOf === "supported-person" ? supportedId : null,
        };
    }
  });
}

export interface QuestionView {
  identifier: string;
  language: string;
  stem: HtmlNode[];
  prompt: HtmlNode[];
  choices: { identifier: string; text: HtmlNode[]; correct: boolean }[];
}

/** A QTI item of the package in the learner's language, as a question with its answer. */
export function questionFor(model: PackageModel, resourceIdentifier: string | null, wanted: string): QuestionView | null {
  const entry = model.assessmentItems.find((item) => item.resourceIdentifier === resourceIdentifier);
  if (!entry) return null;
  const picked = pickLanguage(
    Object.fromEntries(Object.keys(entry.languages).map((language) => [language, language])),
    [wanted],
    [model.defaultLanguage, "en"],
  );
  const item = picked ? entry.languages[picked.text] : undefined;
  if (!item) return null;
  return {
    identifier: item.identifier,
    language: item.language ?? picked!.text,
    stem: htmlTree(item.stem),
    prompt: htmlTree(item.prompt),
    choices: item.choices.map((choice) => ({
      identifier: choice.identifier,
      text: htmlTree(choice.text),
      correct: item.correctResponse.includes(choice.identifier),
    })),
  };
}
