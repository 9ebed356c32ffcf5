import { describe, expect, it } from "vitest";
import { contentLanguages, fileDelivery, localizedPath, safeRelativePath } from "./package-paths";

const pack = { languages: ["en", "it"], defaultLanguage: "en" };
const files = new Set(["content/en/welcome.xhtml", "content/it/welcome.xhtml", "content/en/only-english.xhtml"]);
const exists = (path: string) => files.has(path);

describe("the learner's language version of a page", () => {
  it("serves content/<lang>/<same name> when the package has it, matching regional tags", () => {
    expect(localizedPath("content/en/welcome.xhtml", "it", pack, exists)).toEqual({ path: "content/it/welcome.xhtml", language: "it" });
    expect(localizedPath("content/en/welcome.xhtml", "it-CH", pack, exists)).toEqual({ path: "content/it/welcome.xhtml", language: "it" });
  });

  it("falls back to the default language's file when the translation or the language is missing", () => {
    expect(localizedPath("content/en/only-english.xhtml", "it", pack, exists)).toEqual({ path: "content/en/only-english.xhtml", language: "en" });
    expect(localizedPath("content/en/welcome.xhtml", "nl", pack, exists)).toEqual({ path: "content/en/welcome.xhtml", language: "en" });
    expect(localizedPath("pages/intro.xhtml", "it", pack, exists)).toEqual({ path: "pages/intro.xhtml", language: "en" });
  });

  it("keeps only the languages the LOM record declares (a content/sco/ folder is not Scots)", () => {
    const lom = { general: { languages: ["en"] }, educational: [{ languages: ["en", "it"] }] };
    expect(contentLanguages({ languages: ["en", "it", "sco"], lom })).toEqual(["en", "it"]);
    expect(contentLanguages({ languages: ["en", "sco"], lom: null })).toEqual(["en", "sco"]);
  });
});

describe("paths asked of the file route", () => {
  it.each(["../secret", "content/../../x", "%2e%2e/x", "content%2F..%2Fx", "/etc/passwd", "C:/x", "a\\b", "a//b", "./a", "", "%E0%A4%A"])(
    "refuses %j",
    (requested) => expect(safeRelativePath(requested)).toBeNull(),
  );

  it("accepts and decodes paths inside the package", () => {
    expect(safeRelativePath("content/en/data%20groups.csv")).toBe("content/en/data groups.csv");
  });

  it("shows images and PDFs, downloads everything else and never serves pages or scripts", () => {
    expect(fileDelivery("a/photo.JPG")).toEqual({ contentType: "image/jpeg", disposition: "inline" });
    expect(fileDelivery("a/guide.pdf")).toEqual({ contentType: "application/pdf", disposition: "inline" });
    expect(fileDelivery("a/data.csv")).toEqual({ contentType: "text/csv; charset=utf-8", disposition: "attachment" });
    expect(fileDelivery("a/drawing.svg")?.disposition).toBe("attachment");
    expect(fileDelivery("a/unknown.bin")).toEqual({ contentType: "application/octet-stream", disposition: "attachment" });
    for (const page of ["a/page.xhtml", "a/page.html", "a/page.htm", "a/app.js"]) expect(fileDelivery(page)).toBeNull();
  });
});
