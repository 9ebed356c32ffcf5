import { describe, expect, it } from "vitest";
import { CSV_MAX_ROWS, markExistingMembers, parseMemberCsv, splitRecords } from "./csv";

describe("member CSV", () => {
  it("reads a comma-separated file with a header", () => {
    const result = parseMemberCsv("email,name,role,team,job role\nana@example.org,Ana Rossi,manager,Quartiere Navile,social worker\n");
    expect(result).toEqual({
      ok: true,
      rows: [
        {
          line: 2,
          email: "ana@example.org",
          name: "Ana Rossi",
          role: "manager",
          roleText: "manager",
          team: "Quartiere Navile",
          jobRole: "social worker",
          errors: [],
        },
      ],
    });
  });

  it("reads semicolons, a byte-order mark, CRLF, quotes and columns in any order", () => {
    const text = '\uFEFFName;E-mail;Job Role\r\n"Rossi; Ana";ANA@example.org;"peer ""expert"""\r\n';
    const result = parseMemberCsv(text);
    if (!result.ok) throw new Error(result.problem);
    expect(result.rows[0]).toMatchObject({ email: "ana@example.org", name: "Rossi; Ana", jobRole: 'peer "expert"', role: "learner" });
  });

  it("keeps quoted line breaks inside one field", () => {
    expect(splitRecords('a,"b\nc"\nd,e', ",").records).toEqual([["a", "b\nc"], ["d", "e"]]);
  });

  it("flags bad e-mails, unknown roles and duplicate rows with their line numbers", () => {
    const result = parseMemberCsv("email,role\nnot-an-email,learner\nbo@example.org,boss\n\nbo@example.org,learner\n");
    if (!result.ok) throw new Error(result.problem);
    expect(result.rows.map((row) => [row.line, row.errors])).toEqual([
      [2, ["email-invalid"]],
      [3, ["role-unknown"]],
      [5, ["duplicate"]],
    ]);
  });

  it("marks people who are already members", () => {
    const result = parseMemberCsv("email\nold@example.org\nnew@example.org");
    if (!result.ok) throw new Error(result.problem);
    const rows = markExistingMembers(result.rows, new Set(["old@example.org"]));
    expect(rows.map((row) => row.errors)).toEqual([["already-member"], []]);
  });

  it("refuses files without a header, with unknown columns, too many rows or an open quote", () => {
    expect(parseMemberCsv("")).toEqual({ ok: false, problem: "empty" });
    expect(parseMemberCsv("ana@example.org,Ana")).toMatchObject({ ok: false, problem: "unknown-column" });
    expect(parseMemberCsv("name\nAna")).toEqual({ ok: false, problem: "no-email-column" });
    expect(parseMemberCsv(`email\n${"a@example.org\n".repeat(CSV_MAX_ROWS + 1)}`)).toEqual({ ok: false, problem: "too-many-rows" });
    expect(parseMemberCsv('email\n"a@example.org')).toEqual({ ok: false, problem: "unclosed-quote" });
    expect(parseMemberCsv(`email\n${"x".repeat(300 * 1024)}`)).toEqual({ ok: false, problem: "too-large" });
  });
});
