import sanitizeHtml from "sanitize-html";

/**
 * Sanitizes authored XHTML from packages (which come from strangers) into a fragment that is
 * safe to show inside the app or to write into a compiled vademecum: no scripts, no event
 * handlers, no styles, no remote resources. Links keep http(s) and mailto addresses only and
 * open safely; images are kept only as data: URIs (callers embed package images first).
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    "p", "br", "em", "strong", "b", "i", "u", "s", "sub", "sup", "small", "code", "pre", "kbd",
    "blockquote", "q", "cite", "abbr", "dfn", "mark", "span",
    "ul", "ol", "li", "dl", "dt", "dd",
    "h2", "h3", "h4", "h5", "h6",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
    "figure", "figcaption", "img", "a", "hr",
  ],
  allowedAttributes: {
    a: ["href", "title", "hreflang"],
    img: ["src", "alt", "width", "height"],
    abbr: ["title"],
    th: ["scope", "colspan", "rowspan"],
    td: ["colspan", "rowspan"],
    ol: ["start"],
    "*": ["lang", "dir"],
  },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: { img: ["data"] },
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  transformTags: {
    a: sanitizeHtml.simpleTransform("a", { rel: "noopener noreferrer" }),
  },
};

export function sanitizeXhtml(html: string): string {
  return sanitizeHtml(html, {
    ...OPTIONS,
    allowedAttributes: { ...OPTIONS.allowedAttributes, a: ["href", "title", "hreflang", "rel"] },
  }).trim();
}
