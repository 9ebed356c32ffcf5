import type {
  DocumentEntry,
  DocumentText,
  EntryPart,
  TocItem,
  VademecumDocument,
  VademecumSection,
} from "./document";
import { escapeXml, richTextMarkup } from "./rich-text";

/**
 * The markup of a compiled vademecum's parts, shared by the HTML file and the EPUB's content
 * documents. It is XHTML that is also valid HTML5; only `lang` handling and where links point
 * differ between the two.
 */
export interface MarkupContext {
  doc: VademecumDocument;
  flavour: "html" | "xhtml";
  /** Where a link to a section or entry id points. */
  href: (id: string) => string;
}

/** ` lang="…"` when the language differs from the document's, else nothing. */
export function langAttribute(context: MarkupContext, lang: string): string {
  if (lang === context.doc.lang) return "";
  const value = escapeXml(lang);
  return context.flavour === "xhtml" ? ` lang="${value}" xml:lang="${value}"` : ` lang="${value}"`;
}

function text(context: MarkupContext, value: DocumentText, tag = "span"): string {
  const attributes = langAttribute(context, value.lang);
  if (!attributes && tag === "span") return escapeXml(value.text);
  return `<${tag}${attributes}>${escapeXml(value.text)}</${tag}>`;
}

export function coverMarkup(context: MarkupContext): string {
  const { doc } = context;
  const modules = doc.modules
    .map(
      (module) =>
        `<li>${text(context, module.title, "cite")}${
          module.inProgress ? ` <span class="badge badge-progress">${escapeXml(doc.labels.inProgress)}</span>` : ""
        }</li>`,
    )
    .join("\n");
  return `<header class="cover" id="cover">
<p class="cover-kicker">Vademecum</p>
<h1>${escapeXml(doc.title)}</h1>
<p class="subtitle">${escapeXml(doc.subtitle)}</p>
<p class="date"><time datetime="${escapeXml(doc.date)}">${escapeXml(doc.dateText)}</time></p>
${
  doc.modules.length > 0
    ? `<section class="modules" id="modules" aria-labelledby="modules-title">
<h2 id="modules-title">${escapeXml(doc.labels.modulesHeading)}</h2>
<ul>
${modules}
</ul>
</section>`
    : ""
}
</header>`;
}

/** The nested list of the table of contents (without its heading). */
export function contentsListMarkup(context: MarkupContext, items: readonly TocItem[]): string {
  const list = items
    .map((item) => {
      const children = item.children.length > 0 ? `\n${contentsListMarkup(context, item.children)}` : "";
      return `<li><a href="${escapeXml(context.href(item.id))}"${langAttribute(context, item.lang)}>${escapeXml(item.title)}</a>${children}</li>`;
    })
    .join("\n");
  return `<ol>\n${list}\n</ol>`;
}

export function sectionMarkup(context: MarkupContext, section: VademecumSection): string {
  const code = section.code ? `<span class="area-code">${escapeXml(section.code)}</span> ` : "";
  const groups = section.groups
    .map(
      (group) => `<section class="group group-${group.kind}" id="${group.id}" aria-labelledby="${group.id}-title">
<h3 id="${group.id}-title">${escapeXml(group.title)}</h3>
${group.entries.map((entry) => entryMarkup(context, entry)).join("\n")}
</section>`,
    )
    .join("\n");
  return `<section class="area" id="${section.id}" aria-labelledby="${section.id}-title">
<h2 id="${section.id}-title">${code}${text(context, section.title)}</h2>
${groups}
</section>`;
}

function badges(context: MarkupContext, entry: DocumentEntry): string {
  const { labels } = context.doc;
  const result: string[] = [];
  if (entry.inProgress) result.push(`<span class="badge badge-progress">${escapeXml(labels.inProgress)}</span>`);
  if (entry.fallbackNote) result.push(`<span class="badge badge-language">${escapeXml(entry.fallbackNote)}</span>`);
  return result.join(" ");
}

function sourcesMarkup(context: MarkupContext, entry: DocumentEntry, before = ""): string {
  const { labels } = context.doc;
  const sources = entry.sources
    .map(
      (source) =>
        `${text(context, source.title, "cite")}${source.inProgress ? ` (${escapeXml(labels.inProgress.toLowerCase())})` : ""}`,
    )
    .join("; ");
  return `<p class="sources">${before}<span class="label">${escapeXml(labels.from)}:</span> ${sources}</p>`;
}

function partMarkup(context: MarkupContext, entry: DocumentEntry, part: EntryPart): string {
  const lang = langAttribute(context, entry.lang);
  const label = (tag: string) => (part.label ? `<${tag} class="part-label">${escapeXml(part.label)}</${tag}>\n` : "");
  switch (part.type) {
    case "html":
      return `${label("h5")}<div class="rich"${lang}>${richTextMarkup(part.html, context.flavour)}</div>`;
    case "list": {
      const tag = part.style === "steps" ? "ol" : "ul";
      const items = part.items.map((item) => `<li>${richTextMarkup(item, context.flavour)}</li>`).join("\n");
      return `${label("h5")}<${tag} class="list-${part.style}"${lang}>\n${items}\n</${tag}>`;
    }
    case "text":
      return `<p class="part-text"><span class="label">${escapeXml(part.label)}:</span> ${text(context, { text: part.text, lang: entry.lang, fallback: entry.fallback })}</p>`;
    case "link":
      return `<p class="part-link"><span class="label">${escapeXml(part.label)}:</span> <a href="${escapeXml(part.href)}" rel="noopener noreferrer">${escapeXml(part.href)}</a></p>`;
  }
}

export function entryMarkup(context: MarkupContext, entry: DocumentEntry): string {
  const lang = langAttribute(context, entry.lang);
  const competence = entry.competence
    ? `<span class="competence"><span class="competence-code">${escapeXml(entry.competence.code)}</span> ${text(context, entry.competence.name)}</span>`
    : "";
  const meta = [competence, badges(context, entry)].filter(Boolean).join(" ");
  const classes = ["entry", `entry-${entry.kind}`, ...(entry.inProgress ? ["in-progress"] : [])].join(" ");
  return `<article class="${classes}" id="${entry.id}" aria-labelledby="${entry.id}-title">
<h4 id="${entry.id}-title"${lang}>${escapeXml(entry.title)}</h4>
${meta ? `<p class="meta">${meta}</p>\n` : ""}${entry.summary ? `<p class="summary"${lang}>${escapeXml(entry.summary)}</p>\n` : ""}${entry.parts
    .map((part) => partMarkup(context, entry, part))
    .join("\n")}
${sourcesMarkup(context, entry)}
</article>`;
}

export function profileMarkup(context: MarkupContext): string {
  const { doc } = context;
  const { labels } = doc;
  const level = (value: number | null, name: DocumentText | undefined) =>
    value === null
      ? `<span class="not-assessed">${escapeXml(labels.notAssessed)}</span>`
      : `${value}${name ? ` · ${text(context, name)}` : ""}`;
  const rows = doc.profile
    .map(
      (row) => `<tr>
<th scope="row"><span class="competence-code">${escapeXml(row.code)}</span> ${text(context, row.name)}</th>
<td>${level(row.level, row.levelName)}</td>
<td>${level(row.selfRatedLevel, row.selfRatedLevelName)}</td>
</tr>`,
    )
    .join("\n");
  return `<section class="profile" id="profile" aria-labelledby="profile-title">
<h2 id="profile-title">${escapeXml(labels.profile)}</h2>
<table>
<thead><tr><th scope="col">${escapeXml(labels.competence)}</th><th scope="col">${escapeXml(labels.level)}</th><th scope="col">${escapeXml(labels.selfRatedLevel)}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</section>`;
}

export function glossaryMarkup(context: MarkupContext): string {
  const { doc } = context;
  const terms = doc.glossary
    .map((entry) => {
      const lang = langAttribute(context, entry.lang);
      const definition = entry.parts
        .map((part) => (part.type === "html" ? `<div class="rich"${lang}>${richTextMarkup(part.html, context.flavour)}</div>` : ""))
        .join("");
      const note = entry.fallbackNote ? `<span class="badge badge-language">${escapeXml(entry.fallbackNote)}</span> ` : "";
      return `<dt id="${entry.id}"${lang}>${escapeXml(entry.title)}</dt>
<dd>${definition}${sourcesMarkup(context, entry, note)}</dd>`;
    })
    .join("\n");
  return `<section class="glossary" id="glossary" aria-labelledby="glossary-title">
<h2 id="glossary-title">${escapeXml(doc.labels.glossary)}</h2>
<dl>
${terms}
</dl>
</section>`;
}

export function toolIndexMarkup(context: MarkupContext): string {
  const { doc } = context;
  const items = doc.tools
    .map(
      (tool) =>
        `<li><a href="${escapeXml(context.href(tool.entryId))}"${langAttribute(context, tool.lang)}>${escapeXml(tool.title)}</a> <span class="tool-section">— <a href="${escapeXml(context.href(tool.sectionId))}">${text(context, tool.sectionTitle)}</a></span></li>`,
    )
    .join("\n");
  return `<section class="tool-index" id="tools" aria-labelledby="tools-title">
<h2 id="tools-title">${escapeXml(doc.labels.toolIndex)}</h2>
<ul>
${items}
</ul>
</section>`;
}

/** Styles for screens and e-readers; the HTML file adds its print rules. */
export const VADEMECUM_CSS = `
:root { --ink: #1d2330; --muted: #4f5666; --accent: #0b5d7a; --line: #d5d9e0; --tint: #f2f5f8; --warn: #7a4b00; }
html { font-family: "Source Sans 3", "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif; color: var(--ink); line-height: 1.55; }
body { margin: 0 auto; max-width: 46rem; padding: 1.5rem 1.25rem 4rem; font-size: 1.0625rem; -webkit-text-size-adjust: 100%; }
h1, h2, h3, h4, h5, h6 { line-height: 1.25; font-weight: 650; color: var(--ink); }
h1 { font-size: 2.25rem; margin: 0 0 .5rem; }
h2 { font-size: 1.6rem; margin: 2.5rem 0 1rem; padding-bottom: .3rem; border-bottom: 2px solid var(--accent); }
h3 { font-size: 1.2rem; margin: 2rem 0 .75rem; color: var(--accent); text-transform: uppercase; letter-spacing: .04em; }
h4 { font-size: 1.15rem; margin: 0 0 .35rem; }
h5 { font-size: .95rem; margin: .9rem 0 .25rem; color: var(--muted); }
h6 { font-size: 1rem; margin: .75rem 0 .25rem; }
p, ul, ol, dl, table, blockquote, pre, figure { margin: 0 0 .75rem; }
a { color: var(--accent); text-underline-offset: .15em; }
cite { font-style: italic; }
code, kbd, pre { font-family: "JetBrains Mono", "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .92em; }
img { max-width: 100%; height: auto; }
.cover { padding: 3rem 0 2rem; border-bottom: 1px solid var(--line); }
.cover-kicker { text-transform: uppercase; letter-spacing: .12em; color: var(--accent); font-weight: 600; margin: 0; }
.subtitle { font-size: 1.25rem; color: var(--muted); margin: 0 0 .25rem; }
.date { color: var(--muted); }
.modules h2 { font-size: 1.1rem; border: 0; margin-top: 2rem; }
nav.contents ol { list-style: none; padding-left: 0; }
nav.contents ol ol { padding-left: 1.25rem; margin: .25rem 0 .5rem; font-size: .95rem; }
nav.contents li { margin: .2rem 0; }
.area-code, .competence-code { font-variant-numeric: tabular-nums; color: var(--accent); font-weight: 700; }
.entry { border: 1px solid var(--line); border-radius: .5rem; padding: 1rem 1.15rem .5rem; margin: 0 0 1rem; background: #fff; }
.entry-tool { border-left: .35rem solid var(--accent); }
.entry.in-progress { border-style: dashed; }
.meta { font-size: .9rem; color: var(--muted); }
.summary { font-weight: 500; }
.badge { display: inline-block; font-size: .8rem; padding: .05rem .45rem; border-radius: .25rem; background: var(--tint); color: var(--ink); border: 1px solid var(--line); }
.badge-progress { color: var(--warn); border-color: #e5c27a; background: #fff6e0; }
.label { font-weight: 600; color: var(--muted); }
.sources { font-size: .88rem; color: var(--muted); border-top: 1px solid var(--line); padding-top: .4rem; }
ul.list-checklist { list-style: none; padding-left: 0; }
ul.list-checklist > li { padding-left: 1.6rem; position: relative; }
ul.list-checklist > li::before { content: ""; position: absolute; left: .1rem; top: .3em; width: .85em; height: .85em; border: 2px solid var(--accent); border-radius: .15em; }
ol.list-steps > li { margin-bottom: .3rem; }
.profile table { border-collapse: collapse; width: 100%; font-size: .95rem; }
.profile th, .profile td { text-align: left; padding: .4rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
.profile thead th { border-bottom: 2px solid var(--ink); }
.profile tbody th { font-weight: 400; }
.not-assessed { color: var(--muted); font-style: italic; }
.glossary dt { font-weight: 650; margin-top: .75rem; }
.glossary dd { margin: 0 0 .5rem 1.25rem; }
.tool-index ul { padding-left: 1.25rem; }
.tool-section { color: var(--muted); font-size: .92rem; }
`;
