import { createHash } from "node:crypto";
import { ZipFile } from "yazl";
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

interface ContentDocument {
  /** Manifest id. */
  id: string;
  href: string;
  title: string;
  body: string;
}

/**
 * An EPUB 3 (package version 3.0) of a compiled vademecum. The bytes depend on the document
 * only: every zip entry carries the pinned date as its time, entries are written in one fixed
 * order, and the identifier is a hash of the document.
 */
export async function renderEpub(doc: VademecumDocument): Promise<Buffer> {
  const files = new Map<string, string>();
  for (const section of doc.sections) {
    const file = `${section.id}.xhtml`;
    files.set(section.id, file);
    for (const group of section.groups) {
      files.set(group.id, file);
      for (const entry of group.entries) files.set(entry.id, file);
    }
  }
  for (const entry of doc.glossary) files.set(entry.id, "glossary.xhtml");
  files.set("profile", "profile.xhtml");
  files.set("glossary", "glossary.xhtml");
  files.set("tools", "tools.xhtml");
  files.set("cover", "cover.xhtml");
  files.set("modules", "cover.xhtml");
  const context: MarkupContext = {
    doc,
    flavour: "xhtml",
    href: (id) => `${files.get(id) ?? "cover.xhtml"}#${id}`,
  };

  const documents: ContentDocument[] = [
    { id: "cover", href: "cover.xhtml", title: doc.title, body: coverMarkup(context) },
    ...doc.sections.map((section) => ({
      id: `section-${section.id}`,
      href: `${section.id}.xhtml`,
      title: section.code ? `${section.code}. ${section.title.text}` : section.title.text,
      body: sectionMarkup(context, section),
    })),
  ];
  if (doc.profile.length > 0) {
    documents.push({ id: "profile", href: "profile.xhtml", title: doc.labels.profile, body: profileMarkup(context) });
  }
  if (doc.glossary.length > 0) {
    documents.push({ id: "glossary", href: "glossary.xhtml", title: doc.labels.glossary, body: glossaryMarkup(context) });
  }
  if (doc.tools.length > 0) {
    documents.push({ id: "tools", href: "tools.xhtml", title: doc.labels.toolIndex, body: toolIndexMarkup(context) });
  }

  const firstSection = documents[1]?.href ?? "cover.xhtml";
  const nav = xhtmlDocument(
    doc,
    doc.labels.contents,
    `<nav epub:type="toc" id="toc" class="contents" aria-labelledby="toc-title">
<h1 id="toc-title">${escapeXml(doc.labels.contents)}</h1>
${contentsListMarkup(context, doc.contents)}
</nav>
<nav epub:type="landmarks" id="landmarks" hidden="hidden">
<h2>${escapeXml(doc.labels.contents)}</h2>
<ol>
<li><a epub:type="toc" href="nav.xhtml#toc">${escapeXml(doc.labels.contents)}</a></li>
<li><a epub:type="bodymatter" href="${escapeXml(firstSection)}">${escapeXml(doc.title)}</a></li>
</ol>
</nav>`,
  );

  const spine = [documents[0], { id: "nav", href: "nav.xhtml", title: doc.labels.contents, body: "" }, ...documents.slice(1)];
  const manifest = [
    `<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>`,
    `<item id="css" href="style.css" media-type="text/css"/>`,
    ...documents.map((item) => `<item id="${item.id}" href="${item.href}" media-type="application/xhtml+xml"/>`),
  ];
  const lang = escapeXml(doc.lang);
  const opf = `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" xml:lang="${lang}">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:identifier id="book-id">${documentIdentifier(doc)}</dc:identifier>
<dc:title>${escapeXml(doc.title)}</dc:title>
<dc:language>${lang}</dc:language>
<dc:description>${escapeXml(`${doc.subtitle}. ${doc.dateText}.`)}</dc:description>
<dc:date>${escapeXml(doc.date)}</dc:date>
<meta property="dcterms:modified">${escapeXml(doc.date)}</meta>
<meta property="schema:accessMode">textual</meta>
<meta property="schema:accessModeSufficient">textual</meta>
<meta property="schema:accessibilityFeature">structuralNavigation</meta>
<meta property="schema:accessibilityFeature">tableOfContents</meta>
<meta property="schema:accessibilityHazard">none</meta>
</metadata>
<manifest>
${manifest.join("\n")}
</manifest>
<spine>
${spine.map((item) => `<itemref idref="${item.id}"/>`).join("\n")}
</spine>
</package>
`;

  const container = `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles>
<rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>
</rootfiles>
</container>
`;

  const zip = new ZipFile();
  const mtime = zipTime(doc.date);
  const add = (path: string, content: string, compress = true) =>
    zip.addBuffer(Buffer.from(content, "utf8"), path, { mtime, mode: 0o100644, compress, forceDosTimestamp: true });
  add("mimetype", "application/epub+zip", false);
  add("META-INF/container.xml", container);
  add("EPUB/package.opf", opf);
  add("EPUB/nav.xhtml", nav);
  add("EPUB/style.css", VADEMECUM_CSS.trimStart());
  for (const item of documents) add(`EPUB/${item.href}`, xhtmlDocument(doc, item.title, item.body));
  zip.end();

  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function xhtmlDocument(doc: VademecumDocument, title: string, body: string): string {
  const lang = escapeXml(doc.lang);
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="${lang}" xml:lang="${lang}">
<head>
<meta charset="utf-8"/>
<title>${escapeXml(title)}</title>
<link rel="stylesheet" type="text/css" href="style.css"/>
</head>
<body>
${body}
</body>
</html>
`;
}

/** A name-based UUID (version 8, RFC 9562) from a SHA-256 of the whole document. */
function documentIdentifier(doc: VademecumDocument): string {
  const hash = createHash("sha256").update(JSON.stringify(doc)).digest();
  hash[6] = (hash[6] & 0x0f) | 0x80;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Zip entries store a local date and time without a zone, and yazl reads them from a Date in
 * the machine's zone. A Date whose local fields equal the pinned instant's UTC fields makes the
 * stored time the same on every machine.
 */
function zipTime(iso: string): Date {
  const instant = new Date(iso);
  return new Date(
    instant.getUTCFullYear(),
    instant.getUTCMonth(),
    instant.getUTCDate(),
    instant.getUTCHours(),
    instant.getUTCMinutes(),
    instant.getUTCSeconds(),
  );
}
