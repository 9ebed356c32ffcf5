import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compileVademecum, type VademecumInput } from "./compile";
import { SECURE_MESSAGING, sampleInput } from "./fixtures";
import { embeddedFaces } from "./pdf-fonts.server";
import { renderPdf, type PdfRenderOptions } from "./render-pdf.server";

const dir = mkdtempSync(join(tmpdir(), "vademecum-pdf-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileCount = 0;
function save(pdf: Buffer): string {
  fileCount += 1;
  const file = join(dir, `vademecum-${fileCount}.pdf`);
  writeFileSync(file, pdf);
  return file;
}

/** Runs a poppler or qpdf tool; the tests need poppler-utils and qpdf installed. */
function tool(command: string, args: string[]): string {
  return execFileSync(command, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
}

async function render(input: VademecumInput = sampleInput("it"), date = "2025-03-14", options?: PdfRenderOptions) {
  return renderPdf(compileVademecum(input, { includeInProgress: true, date }), options);
}

interface OutlineItem {
  title: string;
  destpageposfrom1: number;
  kids: OutlineItem[];
}

const hasQpdf = spawnSync("qpdf", ["--version"]).status === 0;

describe("renderPdf", async () => {
  const pdf = await render();
  const file = save(pdf);

  it("is an A4, tagged PDF titled for the reader", () => {
    const info = tool("pdfinfo", [file]);
    expect(info).toMatch(/Title:\s+Il mio vademecum digitale — Maria Rossi/);
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBeGreaterThanOrEqual(8);
    expect(info).toMatch(/CreationDate:\s+Fri Mar 14 00:00:00 2025 UTC/);
  });

  it("declares its language, structure tree and title display for assistive technology", () => {
    const raw = pdf.toString("latin1");
    expect(raw).toMatch(/\/MarkInfo \d+ 0 R/);
    expect(raw).toMatch(/\/Marked true/);
    expect(raw).toMatch(/\/StructTreeRoot \d+ 0 R/);
    expect(raw).toContain("/Lang (it)");
    expect(raw).toContain("/DisplayDocTitle true");
    for (const type of ["Document", "H1", "H2", "H3", "H4", "P", "L", "LI", "LBody", "TOC", "TOCI", "Table", "Figure"]) {
      expect(raw, type).toContain(`/S /${type}\n`);
    }
    // The guide exists only in English and says so to screen readers.
    expect(raw).toContain("/Lang (en)");
  });

  it("has selectable text with every entry, the footer page numbers and the fallback note", () => {
    const text = tool("pdftotext", ["-layout", file, "-"]);
    for (const title of [
      "Prima della prima videochiamata",
      "Signal",
      "Instagram per il lavoro di strada",
      "Verify a safety number",
      "Digital rights of service users",
      "Crittografia end-to-end",
      "Il mio profilo di competenze",
      "Indice degli strumenti",
    ]) {
      expect(text).toContain(title);
    }
    expect(text).toContain("Mostrato in inglese");
    expect(text).toContain("Pagina 2");
    expect(text).toContain("Da: Messaggistica sicura con le persone seguite; Outreach online con i giovani");
    expect(text.match(/A CHE COSA SERVE/g)).toHaveLength(2);
  });

  it.skipIf(!hasQpdf)("has bookmarks for the contents, each area with its entries, and the back matter", () => {
    const json = JSON.parse(tool("qpdf", ["--json", "--json-key=outlines", file])) as { outlines: OutlineItem[] };
    expect(json.outlines.map((item) => item.title)).toEqual([
      "Indice",
      "2. Comunicazione e collaborazione",
      "4. Sicurezza",
      "Altro",
      "Il mio profilo di competenze",
      "Glossario",
      "Indice degli strumenti",
    ]);
    const communication = json.outlines[1];
    expect(communication.kids.map((item) => item.title)).toEqual([
      "Prima della prima videochiamata",
      "Signal",
      "Jitsi Meet",
      "Instagram per il lavoro di strada",
      "La chat di gruppo che diceva troppo",
    ]);
    // Bookmarks point at the pages the printed contents give.
    const text = tool("pdftotext", ["-layout", "-f", "2", "-l", "2", file, "-"]);
    const signal = communication.kids[1];
    expect(text).toMatch(new RegExp(`Signal\\s+${signal.destpageposfrom1}\\n`));
    const page = tool("pdftotext", ["-f", String(signal.destpageposfrom1), "-l", String(signal.destpageposfrom1), file, "-"]);
    expect(page).toContain("Signal");
  });

  it("is byte-for-byte the same for the same input, and differs for another date", async () => {
    expect((await render()).equals(pdf)).toBe(true);
    const later = await render(sampleInput("it"), "2025-04-01");
    expect(later.equals(pdf)).toBe(false);
    expect(tool("pdfinfo", [save(later)])).toMatch(/CreationDate:\s+Tue Apr {2}1 00:00:00 2025 UTC/);
  });

  describe("characters beyond Western European", () => {
    const input = sampleInput("en");
    input.modules = [
      {
        ...SECURE_MESSAGING,
        entries: [
          {
            key: "takeaway-lodz",
            kind: "takeaway",
            competence: "2.1",
            content: { en: { title: "Łódź → Ελληνικά", body: "<p>Zażółć gęślą jaźń</p>" } },
          },
        ],
      },
    ];

    it.skipIf(!embeddedFaces())("keeps them with the embedded Unicode font", async () => {
      const file = save(await render(input));
      expect(tool("pdffonts", [file])).toMatch(/DejaVuSans\b/);
      const text = tool("pdftotext", [file, "-"]);
      expect(text).toContain("Łódź → Ελληνικά");
      expect(text).toContain("Zażółć gęślą jaźń");
    });

    it("falls back to the standard fonts when DejaVu is not installed", () => {
      expect(embeddedFaces(join(dir, "no-fonts-here"))).toBeNull();
    });

    it("transliterates them with the standard fonts instead of printing wrong glyphs", async () => {
      const standard = save(await render(input, "2025-03-14", { fonts: "standard" }));
      expect(tool("pdffonts", [standard])).toContain("Helvetica");
      const text = tool("pdftotext", [standard, "-"]);
      expect(text).toContain("Lódz -> ????????");
      expect(text).toContain("Zazólc gesla jazn");
    });
  });
});
