import type { VademecumDocument } from "./document";
import {
  contentsListMarkup,
  coverMarkup,
  glossaryMarkup,
  profileMarkup,
  sectionMarkup,
  toolIndexMarkup,
  VADEMECUM_CSS,
  type MarkupContext,
} from "./markup";
import { escapeXml } from "./rich-text";

/** A4 pages with every area, the profile, the glossary and the index starting a new page. */
const PRINT_CSS = `
@page { size: A4; margin: 18mm 17mm 20mm; @bottom-center { content: counter(page); font-size: 9pt; color: #4f5666; } }
@page :first { @bottom-center { content: none; } }
@media print {
  html { font-size: 10.5pt; }
  body { max-width: none; padding: 0; }
  .cover { min-height: 230mm; border: 0; padding-top: 60mm; }
  nav.contents, .area, .profile, .glossary, .tool-index { break-before: page; }
  h2, h3, h4, h5 { break-after: avoid; }
  .entry { break-inside: avoid; border-color: #9aa1ad; }
  .rich p, li { orphans: 3; widows: 3; }
  .part-link a::after { content: none; }
  .rich a[href^="http"]::after { content: " (" attr(href) ")"; font-size: .85em; color: #4f5666; word-break: break-all; }
  a { color: inherit; }
}
`;

/**
 * One self-contained HTML5 file: styles inline, no scripts, nothing fetched (a Content Security
 * Policy says so to the browser too), images only as data: URIs.
 */
export function renderHtml(doc: VademecumDocument): string {
  const context: MarkupContext = { doc, flavour: "html", href: (id) => `#${id}` };
  const main = [
    ...doc.sections.map((section) => sectionMarkup(context, section)),
    doc.profile.length > 0 ? profileMarkup(context) : "",
    doc.glossary.length > 0 ? glossaryMarkup(context) : "",
    doc.tools.length > 0 ? toolIndexMarkup(context) : "",
  ]
    .filter(Boolean)
    .join("\n");
  return `<!DOCTYPE html>
<html lang="${escapeXml(doc.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<meta name="generator" content="Vademecum">
<meta name="dcterms.modified" content="${escapeXml(doc.date)}">
<title>${escapeXml(`${doc.title} — ${doc.reader.name}`)}</title>
<style>${VADEMECUM_CSS}${PRINT_CSS}</style>
</head>
<body>
${coverMarkup(context)}
<nav class="contents" id="contents" aria-labelledby="contents-title">
<h2 id="contents-title">${escapeXml(doc.labels.contents)}</h2>
${contentsListMarkup(context, doc.contents)}
</nav>
<main id="main">
${main}
</main>
</body>
</html>
`;
}
