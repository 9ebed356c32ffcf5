import type { DocumentModule, VademecumDocument } from "./document";
import {
  contentsListMarkup,
  glossaryMarkup,
  profileMarkup,
  sectionMarkup,
  toolIndexMarkup,
  VADEMECUM_CSS,
  type MarkupContext,
} from "./markup";

/**
 * A compiled vademecum as the app's page shows it: the same markup as the HTML download (so
 * the page and the file say the same thing), made on the server, where authored rich text is
 * sanitized again and everything else escaped. The page adds its own cover and heading; the
 * document's styles are scoped to the element that holds it.
 */
export interface VademecumView {
  lang: string;
  title: string;
  subtitle: string;
  date: string;
  dateText: string;
  modules: DocumentModule[];
  contentsTitle: string;
  modulesTitle: string;
  inProgressLabel: string;
  /** The table of contents: an `<ol>` of links to the parts below. */
  contentsHtml: string;
  /** Areas, profile, glossary and index of tools. */
  bodyHtml: string;
  /** The class of the element that holds the document. */
  scope: string;
  /** The document's styles, every rule limited to the descendants of that element. */
  css: string;
  entryCount: number;
}

const VIEW_SCOPE = "vademecum-doc";

/** The page's reset removes list markers; the document needs them back. */
const LIST_CSS = `
ul { list-style: disc; padding-left: 1.5rem; }
ol { list-style: decimal; padding-left: 1.5rem; }
`;

/** Inside a page, the document sits in a card: no page padding, no tall cover. */
const EMBEDDED_CSS = `
body { padding: 0; }
.cover { padding: 0 0 1.5rem; }
`;

export function vademecumView(doc: VademecumDocument): VademecumView {
  const context: MarkupContext = { doc, flavour: "html", href: (id) => `#${id}` };
  const body = [
    ...doc.sections.map((section) => sectionMarkup(context, section)),
    doc.profile.length > 0 ? profileMarkup(context) : "",
    doc.glossary.length > 0 ? glossaryMarkup(context) : "",
    doc.tools.length > 0 ? toolIndexMarkup(context) : "",
  ].filter(Boolean);
  return {
    lang: doc.lang,
    title: doc.title,
    subtitle: doc.subtitle,
    date: doc.date,
    dateText: doc.dateText,
    modules: doc.modules,
    contentsTitle: doc.labels.contents,
    modulesTitle: doc.labels.modulesHeading,
    inProgressLabel: doc.labels.inProgress,
    contentsHtml: doc.contents.length > 0 ? contentsListMarkup(context, doc.contents) : "",
    bodyHtml: body.join("\n"),
    scope: VIEW_SCOPE,
    css: scopeCss(`${LIST_CSS}${VADEMECUM_CSS}${EMBEDDED_CSS}`, `.${VIEW_SCOPE}`),
    entryCount: entryCount(doc),
  };
}

/** Every entry the document shows: in the areas and in the glossary. */
export function entryCount(doc: VademecumDocument): number {
  return (
    doc.sections.reduce((sum, section) => sum + section.groups.reduce((inner, group) => inner + group.entries.length, 0), 0) +
    doc.glossary.length
  );
}

/**
 * Limits flat CSS rules to the descendants of one element: `html`, `body` and `:root` become
 * that element, every other selector gets it in front. At-rules are not supported.
 */
export function scopeCss(css: string, scope: string): string {
  return css.replace(/([^{}]+)\{([^{}]*)\}/g, (_, selectors: string, body: string) => {
    const scoped = selectors
      .split(",")
      .map((selector) => selector.trim())
      .map((selector) => (/^(:root|html|body)$/.test(selector) ? scope : `${scope} ${selector}`))
      .join(", ");
    return `\n${scoped} {${body}}`;
  });
}
