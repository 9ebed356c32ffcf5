import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The faces a PDF vademecum is set in. `unicode` faces are embedded TrueType fonts that
 * cover Latin, Greek and Cyrillic; otherwise they are PDF standard fonts, which only encode
 * Windows-1252 (WinAnsi) and need text transliterated first.
 */
export interface PdfFaces {
  unicode: boolean;
  regular: string | Buffer;
  bold: string | Buffer;
  /** The italic face; fonts without one use their bold face for emphasis. */
  italic: string | Buffer;
  mono: string | Buffer;
}

export const STANDARD_FACES: PdfFaces = {
  unicode: false,
  regular: "Helvetica",
  bold: "Helvetica-Bold",
  italic: "Helvetica-Oblique",
  mono: "Courier",
};

/** Where Debian's fonts-dejavu-core package installs DejaVu. */
export const DEJAVU_DIR = "/usr/share/fonts/truetype/dejavu";

const embedded = new Map<string, PdfFaces | null>();

/**
 * DejaVu Sans, DejaVu Sans Bold and DejaVu Sans Mono (a free licence derived from Bitstream
 * Vera), from the fonts-dejavu-core package; they cover Latin, Greek and Cyrillic. The package
 * has no oblique face, so emphasis is set in bold. Returns null when a file is missing: the PDF
 * then uses the standard fonts. Read once per process and folder.
 */
export function embeddedFaces(dir: string = DEJAVU_DIR): PdfFaces | null {
  if (!embedded.has(dir)) embedded.set(dir, readFaces(dir));
  return embedded.get(dir) ?? null;
}

function readFaces(dir: string): PdfFaces | null {
  try {
    const read = (name: string) => readFileSync(join(dir, name));
    const bold = read("DejaVuSans-Bold.ttf");
    return { unicode: true, regular: read("DejaVuSans.ttf"), bold, italic: bold, mono: read("DejaVuSansMono.ttf") };
  } catch {
    return null;
  }
}

/** Characters Windows-1252 has besides ASCII and Latin-1. */
const WIN_ANSI_EXTRA = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");

/** Readable stand-ins for common characters outside Windows-1252. */
const STAND_INS: Record<string, string> = {
  "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ħ": "h", "Ħ": "H", "ı": "i", "ŀ": "l", "Ŀ": "L",
  "ŧ": "t", "Ŧ": "T", "ſ": "s", "ŋ": "ng", "Ŋ": "NG", "ș": "s", "Ș": "S", "ț": "t", "Ț": "T",
  "\u2010": "-", "\u2011": "-", "\u2012": "–", "\u2015": "—", "\u2212": "-", "\u2032": "'", "\u2033": '"',
  "\u2009": " ", "\u200a": " ", "\u202f": " ", "\u2007": " ", "\u2002": " ", "\u2003": " ",
  "\u200b": "", "\u200c": "", "\u200d": "", "\u2060": "", "\ufeff": "", "\t": " ",
  "→": "->", "←": "<-", "↔": "<->", "⇒": "=>", "≤": "<=", "≥": ">=", "≠": "!=", "≈": "~",
  "✓": "v", "✔": "v", "✗": "x", "✘": "x", "☐": "[ ]", "☑": "[x]", "★": "*", "☆": "*", "⁄": "/",
};

function inWinAnsi(character: string): boolean {
  const code = character.codePointAt(0) ?? 0;
  return (
    character === "\n" ||
    (code >= 0x20 && code <= 0x7e) ||
    (code >= 0xa0 && code <= 0xff) ||
    WIN_ANSI_EXTRA.has(character)
  );
}

/**
 * Text the standard fonts can show: accents that Windows-1252 lacks are dropped (ő → o), a few
 * symbols get ASCII stand-ins, and anything else (Greek, Cyrillic, emoji…) becomes "?".
 */
export function toWinAnsi(text: string): string {
  let out = "";
  for (const character of text.normalize("NFC")) {
    if (inWinAnsi(character)) {
      out += character;
      continue;
    }
    const standIn = STAND_INS[character];
    if (standIn !== undefined) {
      out += standIn;
      continue;
    }
    const base = character.normalize("NFD").replace(/\p{M}+/gu, "");
    out += base && [...base].every(inWinAnsi) ? base : "?";
  }
  return out;
}
