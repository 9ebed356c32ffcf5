import { describe, expect, it } from "vitest";
import { csvCell, csvFileName, csvLine, csvResponse, csvStream } from "./csv";
import { expandAssignments } from "./reports";
import { trainingCsvHeader, trainingCsvRows } from "./reports-csv";

async function bytes(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

describe("CSV cells", () => {
  it("quotes fields with quotes, commas, semicolons and line breaks (RFC 4180)", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("Rossi, Ana")).toBe('"Rossi, Ana"');
    expect(csvCell("a;b")).toBe('"a;b"');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("two\r\nlines")).toBe('"two\r\nlines"');
    expect(csvCell("Città è già")).toBe("Città è già");
  });

  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ["+39 051 123", "'+39 051 123"],
    ["-1+2", "'-1+2"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tcmd", "'\tcmd"],
    ["\rcmd", `"'\rcmd"`],
  ])("neutralises the formula %j", (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it("quotes a neutralised formula that also needs quoting", () => {
    expect(csvCell("=1,2")).toBe(`"'=1,2"`);
  });

  it("writes numbers as numbers and empty values as empty cells", () => {
    expect(csvLine([-3, 0.5, null, undefined, true, Number.NaN])).toBe("-3,0.5,,,true,\r\n");
  });
});

describe("CSV files", () => {
  it("starts with a byte order mark and ends every line with CRLF", async () => {
    const body = await bytes(csvStream(["Name", "Città"], [["Ana", "Bologna"]]));
    expect([...body.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(body.slice(3))).toBe("Name,Città\r\nAna,Bologna\r\n");
  });

  it("is produced row by row, in chunks, as the reader asks", async () => {
    let produced = 0;
    function* rows() {
      for (let index = 0; index < 2000; index++) {
        produced++;
        yield [index];
      }
    }
    const reader = csvStream(["n"], rows()).getReader();
    await reader.read();
    await reader.read();
    expect(produced).toBeLessThan(2000);
    let chunks = 2;
    while (!(await reader.read()).done) chunks++;
    expect(produced).toBe(2000);
    expect(chunks).toBeGreaterThan(3);
  });

  it("is sent as an attachment with a safe file name", async () => {
    expect(csvFileName("Cooperativa Città", "training", "2026-06-15")).toBe("cooperativa-citta-training-2026-06-15.csv");
    expect(csvFileName('"; rm -rf')).toBe("rm-rf.csv");
    const response = csvResponse("a.csv", csvStream(["x"], []));
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="a.csv"');
    expect(new TextDecoder("utf-8", { ignoreBOM: true }).decode(await bytes(response.body!))).toBe("\uFEFFx\r\n");
  });
});

describe("the training export", () => {
  it("writes one translated line per assignment and learner, names neutralised", () => {
    const now = new Date("2026-06-15T12:00:00Z");
    const rows = expandAssignments(
      {
        members: [{ membershipId: "m1", userId: "u1", name: "=cmd|' /C calc'!A0", email: "a@example.org", jobRole: "volunteer", deleted: false }],
        teams: [{ id: "t1", name: "Navile, Bologna" }],
        teamMembers: [{ teamId: "t1", userId: "u1" }],
        assignments: [
          { id: "a1", courseId: "c1", courseTitle: "Safe online", nodeId: null, teamId: "t1", userId: null, dueAt: new Date("2026-06-01T00:00:00Z"), mandatory: true },
        ],
        progress: [{ userId: "u1", courseId: "c1", nodeId: "", status: "passed", score: 0.87, lastAccessAt: new Date("2026-05-30T10:00:00Z"), completedAt: new Date("2026-05-30T10:00:00Z") }],
      },
      now,
    );
    const t = (key: string) => `«${key.split(".").at(-1)}»`;
    const lines = [...trainingCsvRows(rows, new Map([["u1", ["t1"]]]), new Map([["t1", "Navile, Bologna"]]), t)].map(csvLine);
    expect(trainingCsvHeader(t)[0]).toBe("«member»");
    expect(lines).toEqual([
      `'=cmd|' /C calc'!A0,a@example.org,volunteer,"Navile, Bologna",Safe online,,"Navile, Bologna",2026-06-01,«yes»,«completed»,87,2026-05-30,2026-05-30\r\n`,
    ]);
  });
});
