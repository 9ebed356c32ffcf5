import type { LangString } from "../i18n/lang-string";

/**
 * The entries a module contributes to a learner's digital vademecum, as parsed from the
 * package's `vademecum/entries.<lang>.xml` files (docs/decisions/002-course-package-conventions.md).
 * Rich text fields hold sanitized XHTML fragments; plain fields hold text.
 */
export const VADEMECUM_ENTRY_KINDS = [
  "takeaway",
  "guide",
  "checklist",
  "tool",
  "story",
  "glossary",
  "link",
] as const;

export type VademecumEntryKind = (typeof VADEMECUM_ENTRY_KINDS)[number];

/** One entry's content in one language. */
export interface VademecumEntryContent {
  title: string;
  /** Short plain-text summary. */
  summary?: string;
  /** Tool cards: what the tool is for in social work (XHTML). */
  purpose?: string;
  /** Tool cards: risks (XHTML). */
  risks?: string;
  /** Tool cards: privacy notes (XHTML). */
  privacy?: string;
  /** Tool cards: alternatives (XHTML). */
  alternatives?: string;
  /** Checklists: the items (XHTML fragments). */
  items?: string[];
  /** Guides: the steps in order (XHTML fragments). */
  steps?: string[];
  /** Glossary terms: the definition (XHTML). */
  definition?: string;
  /** Takeaways and stories: the text (XHTML). */
  body?: string;
  /** Stories: where the story comes from (plain text). */
  source?: string;
  /** Links: the address (http or https only). */
  href?: string;
}

export interface VademecumEntry {
  /** Stable key: the same tool card in two modules has the same key. */
  key: string;
  kind: VademecumEntryKind;
  /** Competence code in its framework, e.g. "2.1". */
  competence?: string;
  /** Framework name and version, e.g. "DigComp 2.2". */
  framework?: string;
  /** Content per language tag. */
  content: Record<string, VademecumEntryContent>;
}

export type { LangString };
