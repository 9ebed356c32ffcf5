import type { DocumentEntry, EntryPart, TocItem, VademecumDocument, VademecumSection } from "./document";
import { formatLabel } from "./labels";
import { embeddedFaces, STANDARD_FACES, toWinAnsi, type PdfFaces } from "./pdf-fonts.server";
import { parseRichText, richAttribute, type RichNode } from "./rich-text";

export interface PdfRenderOptions {
  /**
   * "embedded" (the default) uses the Unicode fonts found in the installation and falls back to
   * "standard", the PDF base fonts, which show only Windows-1252 characters.
   */
  fonts?: "embedded" | "standard";
}

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;
type Face = "regular" | "bold" | "italic" | "mono";

interface Run {
  text: string;
  face: Face;
  link?: string;
}

interface Anchor {
  /** Zero-based page index. */
  page: number;
}

/** pdfkit accepts these, but its type definitions do not list them. */
type OutlineItemOptions = { pageNumber: number; fit: boolean };
type AddOutlineItem = (title: string, options: OutlineItemOptions) => PDFKit.PDFOutline;
type PageLinkOptions = Omit<PDFKit.Mixins.TextOptions, "link"> & { link?: string | number };
type ImageOpener = { openImage(src: Buffer): PDFKit.Mixins.ImageSrc & { width: number; height: number } };

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { top: 64, bottom: 68, left: 62, right: 62 };
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const BOTTOM = PAGE.height - MARGIN.bottom;
const COLOR = { ink: "#1d2330", muted: "#4f5666", accent: "#0b5d7a", line: "#c9ced6", warn: "#7a4b00" };
const SIZE = { body: 10.5, small: 9, h1: 28, h2: 19, h3: 11.5, h4: 13, h5: 9.5 };
const LINE_GAP = 2.5;
const LIST_INDENT = 16;
const TOC_NUMBER_WIDTH = 36;
const TOC_TITLE_LIMIT = 110;

/**
 * A tagged, bookmarked A4 PDF of a compiled vademecum. The bytes depend only on the document
 * and the fonts: dates come from the document and pdfkit derives the file ID from them.
 */
export async function renderPdf(doc: VademecumDocument, options: PdfRenderOptions = {}): Promise<Buffer> {
  const faces = (options.fonts === "standard" ? null : embeddedFaces()) ?? STANDARD_FACES;
  const date = new Date(doc.date);
  // Loaded when first needed: pdfkit holds several megabytes that most server threads never use.
  const { default: PDFDocument } = await import("pdfkit");
  const pdf = new PDFDocument({
    size: "A4",
    margins: MARGIN,
    bufferPages: true,
    autoFirstPage: false,
    tagged: true,
    lang: doc.lang,
    displayTitle: true,
    pdfVersion: "1.7",
    info: {
      Title: `${doc.title} — ${doc.reader.name}`,
      Author: doc.reader.name,
      Subject: doc.subtitle,
      Creator: "Vademecum",
      Producer: "Vademecum (PDFKit)",
      CreationDate: date,
      ModDate: date,
    },
  });
  const chunks: Buffer[] = [];
  pdf.on("data", (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    pdf.on("end", resolve);
    pdf.on("error", reject);
  });
  new PdfWriter(pdf, doc, faces).write();
  pdf.end();
  await finished;
  return Buffer.concat(chunks);
}

class PdfWriter {
  private readonly anchors = new Map<string, Anchor>();
  private readonly text: (value: string) => string;

  constructor(
    private readonly pdf: Doc,
    private readonly doc: VademecumDocument,
    private readonly faces: PdfFaces,
  ) {
    this.text = faces.unicode ? (value) => value : toWinAnsi;
    pdf.registerFont("regular", faces.regular);
    pdf.registerFont("bold", faces.bold);
    if (faces.italic !== faces.bold) pdf.registerFont("italic", faces.italic);
    pdf.registerFont("mono", faces.mono);
  }

  write(): void {
    const { pdf, doc } = this;
    const root = pdf.struct("Document");
    pdf.addStructure(root);

    this.newPage();
    this.cover(root);

    const contents = pdf.struct("Sect");
    root.add(contents);
    const contentsPages = this.layoutContents(false);
    const contentsStart = this.pageCount();
    for (let page = 0; page < contentsPages; page += 1) this.newPage();

    for (const section of doc.sections) this.section(root, section);
    if (doc.profile.length > 0) this.profile(root);
    if (doc.glossary.length > 0) this.glossary(root);
    if (doc.tools.length > 0) this.toolIndex(root);

    this.anchors.set("contents", { page: contentsStart });
    this.layoutContents(true, contents, contentsStart);
    contents.end();
    root.end();
    this.outline();
    this.pageNumbers();
  }

  private pageCount(): number {
    return this.pdf.bufferedPageRange().count;
  }

  private newPage(): void {
    this.pdf.addPage();
  }

  /** Starts a new page when less than `height` is left on this one. */
  private ensureSpace(height: number): void {
    if (this.pdf.y + height > BOTTOM) this.newPage();
  }

  private mark(id: string): void {
    this.anchors.set(id, { page: this.pageCount() - 1 });
  }

  /** Adds a structure element whose content is drawn by `draw`. */
  private leaf(parent: Struct, type: string, draw: () => void, lang?: string): void {
    parent.add(this.pdf.struct(type, lang ? { lang } : {}, [draw]));
  }

  /** Adds a structure element that will hold others; call end() on it when done. */
  private container(parent: Struct, type: string, lang?: string): Struct {
    const element = this.pdf.struct(type, lang ? { lang } : {});
    parent.add(element);
    return element;
  }

  private lang(lang: string): string | undefined {
    return lang === this.doc.lang ? undefined : lang;
  }

  private font(face: Face, size: number, color: string = COLOR.ink): void {
    // A font without an italic face emphasises with its bold one, loaded once.
    const name = face === "italic" && this.faces.italic === this.faces.bold ? "bold" : face;
    this.pdf.font(name).fontSize(size).fillColor(color);
  }

  /** Draws runs of differently styled text as one flowing paragraph. */
  private runs(runs: Run[], x: number, width: number, size: number, color: string = COLOR.ink): void {
    const { pdf } = this;
    const visible = runs.filter((run) => run.text.length > 0);
    if (visible.length === 0) return;
    visible.forEach((run, index) => {
      this.font(run.face, size, run.link ? COLOR.accent : color);
      const options: PDFKit.Mixins.TextOptions = {
        continued: index < visible.length - 1,
        lineGap: LINE_GAP,
        underline: Boolean(run.link),
        ...(run.link ? { link: run.link } : { link: null }),
      };
      if (index === 0) pdf.text(this.text(run.text), x, pdf.y, { ...options, width });
      else pdf.text(this.text(run.text), options);
    });
  }

  private plain(value: string, face: Face, size: number, color: string = COLOR.ink, x = MARGIN.left, width = CONTENT_WIDTH): void {
    this.runs([{ text: value, face }], x, width, size, color);
  }

  private gap(points: number): void {
    this.pdf.y += points;
  }

  private rule(color: string = COLOR.line, width = 0.8): void {
    const { pdf } = this;
    const y = pdf.y;
    pdf.markContent("Artifact", { type: "Layout" });
    pdf.save().moveTo(MARGIN.left, y).lineTo(MARGIN.left + CONTENT_WIDTH, y).lineWidth(width).strokeColor(color).stroke().restore();
    pdf.endMarkedContent();
  }

  private cover(root: Struct): void {
    const { pdf, doc } = this;
    const sect = this.container(root, "Sect");
    pdf.y = 210;
    this.leaf(sect, "P", () => this.plain("VADEMECUM", "bold", 10, COLOR.accent));
    this.gap(6);
    this.mark("cover");
    this.leaf(sect, "H1", () => this.plain(doc.title, "bold", SIZE.h1));
    this.gap(10);
    this.leaf(sect, "P", () => this.plain(doc.subtitle, "regular", 14, COLOR.muted));
    this.gap(4);
    this.leaf(sect, "P", () => this.plain(doc.dateText, "regular", 11, COLOR.muted));
    if (doc.modules.length > 0) {
      this.gap(40);
      this.mark("modules");
      this.leaf(sect, "H2", () => this.plain(doc.labels.modulesHeading, "bold", 12));
      this.gap(6);
      const list = this.container(sect, "L");
      for (const module of doc.modules) {
        const label = module.inProgress ? ` (${doc.labels.inProgress.toLowerCase()})` : "";
        this.listItem(list, "•", [{ text: module.title.text + label, face: "regular" }], SIZE.body, this.lang(module.title.lang));
      }
      list.end();
    }
    sect.end();
  }

  /**
   * Lays out the table of contents. Run first without drawing to learn how many pages to keep
   * for it, then again at the end, when every page number is known, on those same pages.
   */
  private layoutContents(draw: false): number;
  private layoutContents(draw: true, parent: Struct, firstPage: number): number;
  private layoutContents(draw: boolean, parent?: Struct, firstPage = 0): number {
    const { pdf, doc } = this;
    let page = 0;
    this.font("bold", SIZE.h2);
    const heading = this.text(doc.labels.contents);
    const headingHeight = pdf.heightOfString(heading, { width: CONTENT_WIDTH, lineGap: LINE_GAP });
    if (draw && parent) {
      pdf.switchToPage(firstPage);
      pdf.x = MARGIN.left;
      pdf.y = MARGIN.top;
      this.leaf(parent, "H2", () => this.plain(doc.labels.contents, "bold", SIZE.h2, COLOR.accent));
    }
    let y = MARGIN.top + headingHeight + 14;
    const toc = draw && parent ? this.container(parent, "TOC") : undefined;

    const item = (entry: TocItem, level: number, list: Struct | undefined) => {
      const face: Face = level === 0 ? "bold" : "regular";
      const size = level === 0 ? 11 : 9.5;
      const indent = level * 14;
      const width = CONTENT_WIDTH - indent - TOC_NUMBER_WIDTH;
      const title = this.text(entry.title.length > TOC_TITLE_LIMIT ? `${entry.title.slice(0, TOC_TITLE_LIMIT - 1)}…` : entry.title);
      this.font(face, size);
      const height = pdf.heightOfString(title, { width, lineGap: LINE_GAP }) + (level === 0 ? 7 : 2.5);
      const extra = level === 0 ? 8 : 0;
      if (y + extra + height > BOTTOM) {
        page += 1;
        y = MARGIN.top;
      } else {
        y += extra;
      }
      const top = y;
      y += height;
      if (draw && list) {
        pdf.switchToPage(firstPage + page);
        const anchor = this.anchors.get(entry.id);
        const number = anchor ? String(anchor.page + 1) : "";
        const tocItem = this.container(list, "TOCI");
        this.leaf(
          tocItem,
          "Link",
          () => {
            this.font(face, size);
            const linkOptions: PageLinkOptions = { width, lineGap: LINE_GAP, ...(anchor ? { link: anchor.page } : {}) };
            pdf.text(title, MARGIN.left + indent, top, linkOptions as PDFKit.Mixins.TextOptions);
            const lastLineY = pdf.y - pdf.currentLineHeight(true);
            pdf.text(number, MARGIN.left + CONTENT_WIDTH - TOC_NUMBER_WIDTH, lastLineY, {
              width: TOC_NUMBER_WIDTH,
              align: "right",
              lineGap: LINE_GAP,
              ...(anchor ? ({ link: anchor.page } as PageLinkOptions) : {}),
            } as PDFKit.Mixins.TextOptions);
          },
          this.lang(entry.lang),
        );
        if (entry.children.length > 0) {
          const nested = this.container(tocItem, "TOC");
          for (const child of entry.children) item(child, level + 1, nested);
          nested.end();
        }
        tocItem.end();
      } else {
        for (const child of entry.children) item(child, level + 1, undefined);
      }
    };
    for (const entry of doc.contents) item(entry, 0, toc);
    toc?.end();
    return page + 1;
  }

  private sectionHeading(parent: Struct, id: string, title: string, lang?: string): void {
    this.newPage();
    this.mark(id);
    this.leaf(parent, "H2", () => this.plain(title, "bold", SIZE.h2, COLOR.accent), lang);
    this.gap(4);
    this.rule(COLOR.accent, 1.5);
    this.gap(12);
  }

  private section(root: Struct, section: VademecumSection): void {
    const sect = this.container(root, "Sect");
    const title = section.code ? `${section.code}. ${section.title.text}` : section.title.text;
    this.sectionHeading(sect, section.id, title, this.lang(section.title.lang));
    section.groups.forEach((group, index) => {
      const part = this.container(sect, "Sect");
      if (index > 0) this.gap(10);
      this.ensureSpace(90);
      this.mark(group.id);
      this.leaf(part, "H3", () => this.plain(group.title.toUpperCase(), "bold", SIZE.h3, COLOR.accent));
      this.gap(8);
      for (const entry of group.entries) this.entry(part, entry);
      part.end();
    });
    sect.end();
  }

  private entry(parent: Struct, entry: DocumentEntry): void {
    const { doc } = this;
    const lang = this.lang(entry.lang);
    const article = this.container(parent, "Art");
    this.ensureSpace(80);
    this.mark(entry.id);
    this.leaf(article, "H4", () => this.plain(entry.title, "bold", SIZE.h4), lang);
    this.gap(2);
    const meta = [
      entry.competence ? `${entry.competence.code} ${entry.competence.name.text}` : "",
      entry.inProgress ? doc.labels.inProgress : "",
      entry.fallbackNote ?? "",
    ].filter(Boolean);
    if (meta.length > 0) this.leaf(article, "P", () => this.plain(meta.join(" · "), "regular", SIZE.small, COLOR.muted));
    if (entry.summary) {
      this.gap(3);
      this.leaf(article, "P", () => this.plain(entry.summary ?? "", "bold", SIZE.body), lang);
    }
    for (const part of entry.parts) this.part(article, part, lang);
    this.gap(4);
    const sources = entry.sources
      .map((source) => source.title.text + (source.inProgress ? ` (${doc.labels.inProgress.toLowerCase()})` : ""))
      .join("; ");
    this.ensureSpace(14);
    this.leaf(article, "P", () => this.plain(`${doc.labels.from}: ${sources}`, "regular", SIZE.small, COLOR.muted));
    this.gap(6);
    this.rule();
    this.gap(12);
    article.end();
  }

  private part(parent: Struct, part: EntryPart, lang: string | undefined): void {
    if (part.type === "html" || part.type === "list") {
      if (part.label) {
        this.gap(5);
        this.ensureSpace(36);
        const label = part.label;
        this.leaf(parent, "H5", () => this.plain(label.toUpperCase(), "bold", SIZE.h5, COLOR.muted));
        this.gap(1);
      } else {
        this.gap(3);
      }
    }
    switch (part.type) {
      case "html":
        this.blocks(parent, parseRichText(part.html), MARGIN.left, lang);
        return;
      case "list": {
        const list = this.container(parent, "L", lang);
        part.items.forEach((item, index) => {
          const label = part.style === "steps" ? `${index + 1}.` : part.style === "bullets" ? "•" : "checkbox";
          this.richListItem(list, label, parseRichText(item), MARGIN.left);
        });
        list.end();
        return;
      }
      case "text":
        this.gap(3);
        this.leaf(parent, "P", () =>
          this.runs(
            [
              { text: `${part.label}: `, face: "bold" },
              { text: part.text, face: "regular" },
            ],
            MARGIN.left,
            CONTENT_WIDTH,
            SIZE.body,
          ),
        );
        return;
      case "link":
        this.gap(3);
        this.leaf(parent, "P", () =>
          this.runs(
            [
              { text: `${part.label}: `, face: "bold" },
              { text: part.href, face: "regular", link: part.href },
            ],
            MARGIN.left,
            CONTENT_WIDTH,
            SIZE.body,
          ),
        );
        return;
    }
  }

  /** Draws authored block content: paragraphs, lists, quotes, images, tables as rows. */
  private blocks(parent: Struct, nodes: RichNode[], x: number, lang?: string): void {
    const width = MARGIN.left + CONTENT_WIDTH - x;
    let inline: RichNode[] = [];
    const flush = () => {
      const runs = inlineRuns(inline, "regular");
      inline = [];
      if (runs.length === 0) return;
      this.ensureSpace(16);
      this.leaf(parent, "P", () => this.runs(runs, x, width, SIZE.body), lang);
      this.gap(4);
    };
    for (const node of nodes) {
      if (typeof node === "string" || !BLOCK_TAGS.has(node.tag)) {
        inline.push(node);
        continue;
      }
      flush();
      switch (node.tag) {
        case "p":
        case "dt":
        case "figcaption":
        case "caption":
        case "h6": {
          const runs = inlineRuns(node.children, node.tag === "p" || node.tag === "figcaption" ? "regular" : "bold");
          if (runs.length === 0) break;
          this.ensureSpace(16);
          this.leaf(parent, "P", () => this.runs(runs, x, width, SIZE.body), lang);
          this.gap(4);
          break;
        }
        case "pre": {
          const text = textOf(node.children);
          this.ensureSpace(16);
          this.leaf(parent, "P", () => this.runs([{ text, face: "mono" }], x, width, SIZE.small), lang);
          this.gap(4);
          break;
        }
        case "ul":
        case "ol": {
          const list = this.container(parent, "L", lang);
          const start = Number(richAttribute(node, "start") ?? "1") || 1;
          let index = 0;
          for (const child of node.children) {
            if (typeof child === "string" || child.tag !== "li") continue;
            this.richListItem(list, node.tag === "ol" ? `${start + index}.` : "•", child.children, x);
            index += 1;
          }
          list.end();
          break;
        }
        case "blockquote":
        case "dd": {
          const quote = this.container(parent, node.tag === "blockquote" ? "BlockQuote" : "Div", lang);
          this.blocks(quote, node.children, x + LIST_INDENT);
          quote.end();
          break;
        }
        case "img":
          this.image(parent, node.attributes, x, width);
          break;
        case "hr":
          this.gap(4);
          this.rule();
          this.gap(8);
          break;
        case "tr": {
          const cells = node.children
            .filter((cell): cell is Exclude<RichNode, string> => typeof cell !== "string")
            .map((cell) => textOf(cell.children).trim())
            .filter(Boolean);
          if (cells.length === 0) break;
          this.ensureSpace(16);
          this.leaf(parent, "P", () => this.runs([{ text: cells.join(" | "), face: "regular" }], x, width, SIZE.body), lang);
          this.gap(3);
          break;
        }
        default:
          this.blocks(parent, node.children, x, lang);
      }
    }
    flush();
  }

  private image(parent: Struct, attributes: Array<[string, string]>, x: number, width: number): void {
    const { pdf } = this;
    const src = attributes.find(([name]) => name === "src")?.[1] ?? "";
    const alt = attributes.find(([name]) => name === "alt")?.[1]?.trim() ?? "";
    const match = /^data:image\/(png|jpeg);base64,(.*)$/is.exec(src);
    if (match) {
      try {
        const data = Buffer.from(match[2], "base64");
        const image = (pdf as Doc & ImageOpener).openImage(data);
        const scale = Math.min(1, width / image.width, 220 / image.height);
        const drawnWidth = Math.max(1, image.width * scale);
        const drawnHeight = Math.max(1, image.height * scale);
        this.ensureSpace(drawnHeight + 6);
        const y = pdf.y;
        parent.add(
          pdf.struct("Figure", { alt: alt || " " }, [
            () => pdf.image(image, x, y, { width: drawnWidth, height: drawnHeight }),
          ]),
        );
        pdf.x = MARGIN.left;
        pdf.y = y + drawnHeight + 6;
        return;
      } catch {
        // An image pdfkit cannot decode is described by its alternative text below.
      }
    }
    if (alt) {
      this.ensureSpace(16);
      this.leaf(parent, "P", () => this.runs([{ text: `[${alt}]`, face: "italic" }], x, width, SIZE.small, COLOR.muted));
      this.gap(4);
    }
  }

  /** A list item whose body is authored rich text: its inline text, then any nested blocks. */
  private richListItem(list: Struct, label: string, children: RichNode[], x: number): void {
    const inline = children.filter((child) => typeof child === "string" || !BLOCK_TAGS.has(child.tag));
    const nested = children.filter((child) => typeof child !== "string" && BLOCK_TAGS.has(child.tag));
    const item = this.listItem(list, label, inlineRuns(inline, "regular"), SIZE.body, undefined, x, false);
    if (nested.length > 0) {
      const body = this.container(item, "LBody");
      this.blocks(body, nested, x + LIST_INDENT);
      body.end();
    }
    item.end();
  }

  /**
   * A list item: its label (a bullet, a number, or a drawn check box) and its text beside it.
   * Returns the item, ended unless `end` is false.
   */
  private listItem(
    list: Struct,
    label: string,
    runs: Run[],
    size: number,
    lang?: string,
    x = MARGIN.left,
    end = true,
  ): Struct {
    const { pdf } = this;
    const item = this.container(list, "LI", lang);
    this.ensureSpace(size * 1.6);
    const y = pdf.y;
    if (label === "checkbox") {
      pdf.markContent("Artifact", { type: "Layout" });
      pdf.save().lineWidth(1).strokeColor(COLOR.accent).rect(x + 1, y + 1.5, size * 0.8, size * 0.8).stroke().restore();
      pdf.endMarkedContent();
    } else {
      this.leaf(item, "Lbl", () => {
        this.font("regular", size);
        pdf.text(this.text(label), x, y, { width: LIST_INDENT, lineBreak: false });
      });
    }
    pdf.y = y;
    if (runs.length > 0) {
      this.leaf(item, "LBody", () => this.runs(runs, x + LIST_INDENT, MARGIN.left + CONTENT_WIDTH - x - LIST_INDENT, size));
    }
    this.gap(2);
    if (end) item.end();
    return item;
  }

  private profile(root: Struct): void {
    const { pdf, doc } = this;
    const sect = this.container(root, "Sect");
    this.sectionHeading(sect, "profile", doc.labels.profile);
    const columns = [CONTENT_WIDTH * 0.56, CONTENT_WIDTH * 0.22, CONTENT_WIDTH * 0.22];
    const table = this.container(sect, "Table");
    const row = (cells: Array<{ text: string; face: Face; header: boolean; lang?: string }>, size: number) => {
      this.font("regular", size);
      const heights = cells.map((cell, index) => {
        this.font(cell.face, size);
        return pdf.heightOfString(this.text(cell.text), { width: columns[index] - 8, lineGap: LINE_GAP });
      });
      const height = Math.max(...heights) + 8;
      this.ensureSpace(height + 2);
      const y = pdf.y;
      const tr = this.container(table, "TR");
      let x = MARGIN.left;
      cells.forEach((cell, index) => {
        const cellX = x;
        this.leaf(
          tr,
          cell.header ? "TH" : "TD",
          () => {
            this.font(cell.face, size, cell.header && index > 0 ? COLOR.muted : COLOR.ink);
            pdf.text(this.text(cell.text), cellX + 4, y + 4, { width: columns[index] - 8, lineGap: LINE_GAP });
          },
          cell.lang,
        );
        x += columns[index];
      });
      tr.end();
      pdf.x = MARGIN.left;
      pdf.y = y + height;
      this.rule();
    };
    row(
      [
        { text: doc.labels.competence, face: "bold", header: true },
        { text: doc.labels.level, face: "bold", header: true },
        { text: doc.labels.selfRatedLevel, face: "bold", header: true },
      ],
      SIZE.small,
    );
    const level = (value: number | null, name: { text: string } | undefined) =>
      value === null ? doc.labels.notAssessed : `${value}${name ? ` · ${name.text}` : ""}`;
    for (const item of doc.profile) {
      row(
        [
          { text: `${item.code} ${item.name.text}`, face: "regular", header: true, lang: this.lang(item.name.lang) },
          { text: level(item.level, item.levelName), face: "regular", header: false },
          { text: level(item.selfRatedLevel, item.selfRatedLevelName), face: "regular", header: false },
        ],
        SIZE.body,
      );
    }
    table.end();
    sect.end();
  }

  private glossary(root: Struct): void {
    const { doc } = this;
    const sect = this.container(root, "Sect");
    this.sectionHeading(sect, "glossary", doc.labels.glossary);
    const list = this.container(sect, "L");
    for (const entry of doc.glossary) {
      const lang = this.lang(entry.lang);
      const item = this.container(list, "LI", lang);
      this.ensureSpace(44);
      this.mark(entry.id);
      this.leaf(item, "Lbl", () => this.plain(entry.title, "bold", SIZE.body + 0.5));
      this.gap(1);
      const body = this.container(item, "LBody");
      for (const part of entry.parts) {
        if (part.type === "html") this.blocks(body, parseRichText(part.html), MARGIN.left + LIST_INDENT);
      }
      const note = entry.fallbackNote ? `${entry.fallbackNote} · ` : "";
      const sources = entry.sources.map((source) => source.title.text).join("; ");
      this.leaf(
        body,
        "P",
        () => this.plain(`${note}${doc.labels.from}: ${sources}`, "regular", SIZE.small, COLOR.muted, MARGIN.left + LIST_INDENT, CONTENT_WIDTH - LIST_INDENT),
        lang ? doc.lang : undefined,
      );
      body.end();
      item.end();
      this.gap(8);
    }
    list.end();
    sect.end();
  }

  private toolIndex(root: Struct): void {
    const { pdf, doc } = this;
    const sect = this.container(root, "Sect");
    this.sectionHeading(sect, "tools", doc.labels.toolIndex);
    const list = this.container(sect, "L");
    for (const tool of doc.tools) {
      const anchor = this.anchors.get(tool.entryId);
      const item = this.container(list, "LI");
      this.ensureSpace(18);
      const body = this.container(item, "LBody");
      const y = pdf.y;
      this.leaf(
        body,
        "Link",
        () => {
          this.font("bold", SIZE.body, COLOR.ink);
          const options: PageLinkOptions = { width: CONTENT_WIDTH - TOC_NUMBER_WIDTH, lineGap: LINE_GAP, ...(anchor ? { link: anchor.page } : {}) };
          pdf.text(this.text(tool.title), MARGIN.left, y, options as PDFKit.Mixins.TextOptions);
        },
        this.lang(tool.lang),
      );
      const afterTitle = pdf.y;
      this.leaf(body, "P", () => {
        this.font("regular", SIZE.body);
        pdf.text(anchor ? String(anchor.page + 1) : "", MARGIN.left + CONTENT_WIDTH - TOC_NUMBER_WIDTH, y, {
          width: TOC_NUMBER_WIDTH,
          align: "right",
          lineGap: LINE_GAP,
        });
      });
      pdf.y = afterTitle;
      this.leaf(
        body,
        "P",
        () => this.plain(tool.sectionTitle.text, "regular", SIZE.small, COLOR.muted, MARGIN.left + LIST_INDENT, CONTENT_WIDTH - LIST_INDENT),
        this.lang(tool.sectionTitle.lang),
      );
      body.end();
      item.end();
      this.gap(6);
    }
    list.end();
    sect.end();
  }

  /** Bookmarks mirroring the table of contents: areas with their entries, then the back matter. */
  private outline(): void {
    const { pdf, doc } = this;
    const add = (parent: PDFKit.PDFOutline, title: string, id: string) => {
      const anchor = this.anchors.get(id);
      if (!anchor) return undefined;
      return (parent.addItem as AddOutlineItem).call(parent, this.text(title), { pageNumber: anchor.page, fit: true });
    };
    add(pdf.outline, doc.labels.contents, "contents");
    for (const item of doc.contents) {
      const node = add(pdf.outline, item.title, item.id);
      if (!node) continue;
      for (const child of item.children) add(node, child.title, child.id);
    }
  }

  private pageNumbers(): void {
    const { pdf, doc } = this;
    const count = this.pageCount();
    for (let page = 1; page < count; page += 1) {
      pdf.switchToPage(page);
      pdf.markContent("Artifact", { type: "Pagination" });
      this.font("regular", 8.5, COLOR.muted);
      const footer = formatLabel(doc.labels.page, { page: page + 1 });
      pdf.text(this.text(footer), MARGIN.left, PAGE.height - MARGIN.bottom + 26, {
        width: CONTENT_WIDTH,
        align: "center",
        lineBreak: false,
        height: 12,
      });
      pdf.endMarkedContent();
    }
  }
}

const BLOCK_TAGS = new Set([
  "p", "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "figure", "figcaption",
  "table", "caption", "thead", "tbody", "tfoot", "tr", "img", "hr", "h6",
]);

/** Inline nodes as styled runs, with white space collapsed as a browser would. */
function inlineRuns(nodes: readonly RichNode[], face: Face): Run[] {
  const runs: Run[] = [];
  const walk = (node: RichNode, current: Face, link?: string) => {
    if (typeof node === "string") {
      const text = node.replace(/\s+/g, " ");
      if (text) runs.push({ text, face: current, ...(link ? { link } : {}) });
      return;
    }
    if (node.tag === "br") {
      runs.push({ text: "\n", face: current });
      return;
    }
    if (node.tag === "img") {
      const alt = richAttribute(node, "alt")?.trim();
      if (alt) runs.push({ text: `[${alt}]`, face: current });
      return;
    }
    const next: Face = ["strong", "b"].includes(node.tag)
      ? "bold"
      : ["em", "i", "cite", "dfn"].includes(node.tag)
        ? current === "bold" ? "bold" : "italic"
        : ["code", "kbd"].includes(node.tag)
          ? "mono"
          : current;
    const href = node.tag === "a" ? richAttribute(node, "href") : undefined;
    const nextLink = href && /^(https?|mailto):/i.test(href) ? href : link;
    for (const child of node.children) walk(child, next, nextLink);
  };
  for (const node of nodes) walk(node, face);
  // Trim the paragraph's ends and the spaces around forced line breaks.
  while (runs.length > 0 && !runs[0].text.trimStart()) runs.shift();
  while (runs.length > 0 && !runs[runs.length - 1].text.trimEnd()) runs.pop();
  if (runs.length === 0) return runs;
  runs[0] = { ...runs[0], text: runs[0].text.trimStart() };
  const last = runs.length - 1;
  runs[last] = { ...runs[last], text: runs[last].text.trimEnd() };
  return runs;
}

function textOf(nodes: readonly RichNode[]): string {
  return nodes.map((node) => (typeof node === "string" ? node : textOf(node.children))).join("");
}
