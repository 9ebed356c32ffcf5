import { MEMBERSHIP_ROLES, type MembershipRole } from "../auth/roles";

/**
 * CSV in both directions, pure.
 *
 * Reading: a list of people to add as members, as managers export it from a spreadsheet
 * (commas or semicolons, a byte order mark, CRLF, quoted fields, columns in any order).
 *
 * Writing: files that open correctly in spreadsheet programs: UTF-8 with a byte order mark (so
 * Excel reads accents right), CRLF line ends and RFC 4180 quoting. Cells that a spreadsheet would
 * run as a formula (starting with =, +, -, @, a tab or a carriage return) get a leading single
 * quote, so an exported name like "=HYPERLINK(...)" stays text (CSV injection).
 */

// ---------------------------------------------------------------- reading

/** The most people one file may add. */
export const CSV_MAX_ROWS = 1000;
const MAX_BYTES = 256 * 1024;

export type MemberCsvProblem = "empty" | "too-large" | "unclosed-quote" | "unknown-column" | "no-email-column" | "too-many-rows";
export type MemberCsvRowError = "email-invalid" | "role-unknown" | "duplicate" | "already-member";

export interface MemberCsvRow {
  /** The line of the file the row starts on, counting the header as line 1. */
  line: number;
  email: string;
  name: string;
  role: MembershipRole;
  /** The role as written in the file. */
  roleText: string;
  team: string;
  jobRole: string;
  errors: MemberCsvRowError[];
}

export type MemberCsvResult = { ok: true; rows: MemberCsvRow[] } | { ok: false; problem: MemberCsvProblem; column?: string };

type Column = "email" | "name" | "role" | "team" | "jobRole";

const COLUMN_NAMES: Record<string, Column> = {
  email: "email",
  "e-mail": "email",
  name: "name",
  role: "role",
  team: "team",
  "job role": "jobRole",
  jobrole: "jobRole",
  "job-role": "jobRole",
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Splits CSV text into records of fields (RFC 4180: quotes around fields, "" inside quotes,
 * line breaks inside quotes kept). Each record keeps the line it starts on.
 */
export function splitRecords(
  text: string,
  delimiter: string,
): { records: string[][]; lines: number[]; unclosedQuote: boolean } {
  const records: string[][] = [];
  const lines: number[] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  const endRecord = () => {
    record.push(field);
    records.push(record);
    lines.push(recordLine);
    record = [];
    field = "";
  };
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (quoted) {
      if (char === '"') {
        if (text[index + 1] === '"') {
          field += '"';
          index++;
        } else quoted = false;
      } else {
        if (char === "\n") line++;
        field += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === delimiter) {
      record.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[index + 1] === "\n") index++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += char;
    }
  }
  if (field !== "" || record.length > 0) endRecord();
  return { records, lines, unclosedQuote: quoted };
}

/** Reads a member list; the first record is the header. Rows keep their problems, flagged. */
export function parseMemberCsv(input: string): MemberCsvResult {
  if (input.length > MAX_BYTES) return { ok: false, problem: "too-large" };
  const text = input.replace(/^\uFEFF/, "");
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  const { records, lines, unclosedQuote } = splitRecords(text, delimiter);
  if (unclosedQuote) return { ok: false, problem: "unclosed-quote" };
  const nonEmpty = records
    .map((fields, index) => ({ fields, line: lines[index] }))
    .filter(({ fields }) => fields.some((field) => field.trim() !== ""));
  if (nonEmpty.length === 0) return { ok: false, problem: "empty" };
  const [header, ...body] = nonEmpty;
  const columns: Column[] = [];
  for (const name of header.fields) {
    const column = COLUMN_NAMES[name.trim().toLowerCase()];
    if (!column) return { ok: false, problem: "unknown-column", column: name.trim() };
    columns.push(column);
  }
  if (!columns.includes("email")) return { ok: false, problem: "no-email-column" };
  if (body.length > CSV_MAX_ROWS) return { ok: false, problem: "too-many-rows" };

  const seen = new Set<string>();
  const rows = body.map(({ fields, line }): MemberCsvRow => {
    const value = (column: Column) => {
      const index = columns.indexOf(column);
      return index === -1 ? "" : (fields[index] ?? "").trim();
    };
    const email = value("email").toLowerCase();
    const roleText = value("role");
    const roleKey = roleText.toLowerCase() || "learner";
    const knownRole = (MEMBERSHIP_ROLES as readonly string[]).includes(roleKey);
    const errors: MemberCsvRowError[] = [];
    if (!EMAIL.test(email)) errors.push("email-invalid");
    if (!knownRole) errors.push("role-unknown");
    if (seen.has(email)) errors.push("duplicate");
    seen.add(email);
    return {
      line,
      email,
      name: value("name"),
      role: knownRole ? (roleKey as MembershipRole) : "learner",
      roleText,
      team: value("team"),
      jobRole: value("jobRole"),
      errors,
    };
  });
  return { ok: true, rows };
}

/** Flags the rows of people who are members already. */
export function markExistingMembers(rows: readonly MemberCsvRow[], memberEmails: ReadonlySet<string>): MemberCsvRow[] {
  return rows.map((row) =>
    memberEmails.has(row.email) ? { ...row, errors: [...row.errors, "already-member" as const] } : row,
  );
}

// ---------------------------------------------------------------- writing

export type CsvCell = string | number | boolean | null | undefined;

const BOM = "\uFEFF";
const LINE_END = "\r\n";
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",;\r\n]/;

/** One cell as it appears in the file. Numbers stay numbers; text is neutralised and quoted when needed. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  let text = typeof value === "boolean" ? String(value) : value;
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record with its line end. */
export function csvLine(cells: readonly CsvCell[]): string {
  return cells.map(csvCell).join(",") + LINE_END;
}

const ROWS_PER_CHUNK = 500;

/**
 * The file as a stream: the byte order mark and the header first, then the rows, a few hundred
 * per chunk, taken from the iterable only as fast as the reader consumes them.
 */
export function csvStream(header: readonly string[], rows: Iterable<readonly CsvCell[]>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let iterator: Iterator<readonly CsvCell[]> | undefined;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(BOM + csvLine(header)));
    },
    pull(controller) {
      iterator ??= rows[Symbol.iterator]();
      let chunk = "";
      for (let count = 0; count < ROWS_PER_CHUNK; count++) {
        const next = iterator.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += csvLine(next.value);
      }
      controller.enqueue(encoder.encode(chunk));
    },
    cancel() {
      iterator?.return?.();
    },
  });
}

/** A file name safe in a Content-Disposition header: lower-case letters, digits and dashes. */
export function csvFileName(...parts: string[]): string {
  const name = parts
    .join("-")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return `${name || "export"}.csv`;
}

/** The download response: the stream, its type and an attachment with the file name. */
export function csvResponse(fileName: string, body: ReadableStream<Uint8Array>): Response {
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
