import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { inflateSync } from "node:zlib";

/**
 * The faces a PDF vademecum is set in. `unicode` faces are embedded TrueType/WOFF fonts that
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

let embedded: PdfFaces | null | undefined;

/**
 * Inter and JetBrains Mono (both SIL Open Font License), as the installed Prisma CLI ships them
 * for Prisma Studio. Their file names carry a content hash, so they are found by pattern; when
 * they are missing (another Prisma version, a pruned install) the standard fonts are used.
 */
export function embeddedFaces(): PdfFaces | null {
  if (embedded !== undefined) return embedded;
  embedded = null;
  try {
    const require = createRequire(import.meta.url);
    const assets = join(dirname(require.resolve("prisma/package.json")), "build", "public", "assets");
    const names = readdirSync(assets);
    const find = (pattern: RegExp) => {
      const name = names.filter((candidate) => pattern.test(candidate)).sort()[0];
      return name ? woffToSfnt(readFileSync(join(assets, name))) : undefined;
    };
    const regular = find(/^inter-all-400-normal\.[0-9a-f]+\.woff$/);
    const bold = find(/^inter-all-600-normal\.[0-9a-f]+\.woff$/);
    const mono = find(/^jetbrains-mono-all-400-normal\.[0-9a-f]+\.woff$/);
    if (regular && bold && mono) embedded = { unicode: true, regular, bold, italic: bold, mono };
  } catch {
    embedded = null;
  }
  return embedded;
}

/**
 * Unpacks a WOFF 1.0 font into the TrueType/OpenType file it wraps. fontkit can read WOFF
 * itself, but inflates it in JavaScript on every document; zlib does it once, natively.
 */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.toString("latin1", 0, 4) !== "wOFF") return woff;
  const count = woff.readUInt16BE(12);
  const tables = Array.from({ length: count }, (_, index) => {
    const entry = 44 + index * 20;
    const offset = woff.readUInt32BE(entry + 4);
    const compressedLength = woff.readUInt32BE(entry + 8);
    const length = woff.readUInt32BE(entry + 12);
    const stored = woff.subarray(offset, offset + compressedLength);
    return {
      tag: woff.subarray(entry, entry + 4),
      checksum: woff.readUInt32BE(entry + 16),
      data: compressedLength < length ? inflateSync(stored) : stored,
    };
  });
  const power = 2 ** Math.floor(Math.log2(count));
  const header = Buffer.alloc(12 + count * 16);
  woff.copy(header, 0, 4, 8);
  header.writeUInt16BE(count, 4);
  header.writeUInt16BE(power * 16, 6);
  header.writeUInt16BE(Math.log2(power), 8);
  header.writeUInt16BE(count * 16 - power * 16, 10);
  const parts: Buffer[] = [header];
  let offset = header.length;
  tables.forEach((table, index) => {
    const record = 12 + index * 16;
    table.tag.copy(header, record);
    header.writeUInt32BE(table.checksum, record + 4);
    header.writeUInt32BE(offset, record + 8);
    header.writeUInt32BE(table.data.length, record + 12);
    const padding = (4 - (table.data.length % 4)) % 4;
    parts.push(table.data, Buffer.alloc(padding));
    offset += table.data.length + padding;
  });
  return Buffer.concat(parts);
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
