import type { VademecumEntryKind } from "./entry";
import type { VademecumLabels } from "./labels";

/**
 * A compiled vademecum, ready for any renderer: every word is already in the language it will
 * be shown in, every list in its final order. Renderers only lay it out.
 *
 * Rich text (`html` parts and list items) is authored XHTML as it came from the package;
 * renderers sanitize it again before writing it out. Everything else is plain text.
 */
export interface VademecumDocument {
  /** The language of the labels and of the document as a whole (BCP 47). */
  lang: string;
  labels: VademecumLabels;
  title: string;
  /** "Compiled for Maria Rossi, Cooperativa Aurora". */
  subtitle: string;
  reader: { name: string; organisation?: string };
  /** The pinned compilation instant, ISO 8601 in UTC without milliseconds. */
  date: string;
  /** "Compiled on 14 March 2025". */
  dateText: string;
  modules: DocumentModule[];
  contents: TocItem[];
  sections: VademecumSection[];
  /** The reader's competence profile; empty when none was given. */
  profile: ProfileRow[];
  /** Glossary terms in the reader's alphabetical order. */
  glossary: DocumentEntry[];
  /** Tool cards in the reader's alphabetical order, with the section each is in. */
  tools: ToolIndexItem[];
}

/** A text and the language it is in. */
export interface DocumentText {
  text: string;
  lang: string;
  /** True when the text is not in any of the reader's languages. */
  fallback: boolean;
}

export interface DocumentModule {
  id: string;
  title: DocumentText;
  inProgress: boolean;
  /** ISO 8601, for completed modules. */
  completedAt?: string;
}

export interface TocItem {
  /** The id of the section or entry it points to. */
  id: string;
  title: string;
  lang: string;
  children: TocItem[];
}

export interface VademecumSection {
  /** "area-2", or "other" for entries without a competence of the framework. */
  id: string;
  /** The area's code ("2"), null for the "Other" section. */
  code: string | null;
  title: DocumentText;
  groups: EntryGroup[];
}

/** The kinds an area section shows, in the order it shows them. */
export const SECTION_KIND_ORDER = ["takeaway", "guide", "checklist", "tool", "story", "link"] as const;

export type SectionEntryKind = (typeof SECTION_KIND_ORDER)[number];

export interface EntryGroup {
  kind: SectionEntryKind;
  id: string;
  title: string;
  entries: DocumentEntry[];
}

export interface DocumentEntry {
  /** Unique in the document; safe as an XML id and an HTML fragment. */
  id: string;
  key: string;
  kind: VademecumEntryKind;
  title: string;
  /** The language of the entry's content. */
  lang: string;
  fallback: boolean;
  /** "Shown in English", when the entry is not in any of the reader's languages. */
  fallbackNote?: string;
  summary?: string;
  competence?: { code: string; name: DocumentText };
  parts: EntryPart[];
  /** The modules the entry comes from, in a stable order. */
  sources: EntrySource[];
  /** True when every module it comes from is still in progress. */
  inProgress: boolean;
}

export interface EntrySource {
  moduleId: string;
  title: DocumentText;
  inProgress: boolean;
}

/**
 * One labelled block of an entry, in the entry's language. Rich text that is in another
 * language (a module summary whose description exists only in English) carries its own `lang`.
 */
export type EntryPart =
  | { type: "html"; label?: string; html: string; lang?: string }
  | { type: "list"; label?: string; style: "steps" | "checklist" | "bullets"; items: string[]; lang?: string }
  | { type: "text"; label: string; text: string }
  | { type: "link"; label: string; href: string };

export interface ProfileRow {
  code: string;
  name: DocumentText;
  level: number | null;
  levelName?: DocumentText;
  selfRatedLevel: number | null;
  selfRatedLevelName?: DocumentText;
}

export interface ToolIndexItem {
  entryId: string;
  title: string;
  lang: string;
  sectionId: string;
  sectionTitle: DocumentText;
}
