import { describe, expect, it } from "vitest";
import { downloadFileName, parseVademecumQuery, readerLanguages } from "./options";

const TODAY = "2026-02-01";

describe("the vademecum's query", () => {
  it("defaults to today without modules in progress", () => {
    expect(parseVademecumQuery(new URLSearchParams(""), TODAY)).toEqual({
      ok: true,
      choice: { date: TODAY, includeInProgress: false },
      format: undefined,
    });
  });

  it("reads a pinned date, the checkbox and a format", () => {
    const parsed = parseVademecumQuery(new URLSearchParams("date=2025-03-14&inProgress=1&format=pdf"), TODAY);
    expect(parsed).toEqual({ ok: true, choice: { date: "2025-03-14", includeInProgress: true }, format: "pdf" });
  });

  it("reports a date that does not exist and falls back to today", () => {
    expect(parseVademecumQuery(new URLSearchParams("date=2025-02-30"), TODAY)).toEqual({
      ok: false,
      choice: { date: TODAY, includeInProgress: false },
      invalid: ["date"],
    });
    expect(parseVademecumQuery(new URLSearchParams("date=2025-02-28&format=docx"), TODAY)).toMatchObject({
      ok: false,
      choice: { date: "2025-02-28" },
      invalid: ["format"],
    });
  });
});

describe("download file names", () => {
  it("are ASCII letters, digits and hyphens, whatever the name", () => {
    expect(downloadFileName("Lucia Learner", "2025-03-14", "pdf")).toBe("vademecum-lucia-learner-2025-03-14.pdf");
    expect(downloadFileName('Çağla "../../etc" Öz', "2025-03-14", "epub")).toBe("vademecum-cagla-etc-oz-2025-03-14.epub");
    expect(downloadFileName("Мария", "2025-03-14", "html")).toBe("vademecum-2025-03-14.html");
  });
});

describe("the reader's languages", () => {
  it("put the browser's regional variants of the interface language first", () => {
    expect(readerLanguages("en", "en-GB,en;q=0.9,it;q=0.8")).toEqual(["en-GB", "en"]);
    expect(readerLanguages("it", "en-US,it-CH;q=0.5,it-IT;q=0.7")).toEqual(["it-IT", "it-CH", "it"]);
    expect(readerLanguages("en", null)).toEqual(["en"]);
  });
});
