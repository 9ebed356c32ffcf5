import { describe, expect, it } from "vitest";
import { parseLibraryFilters, searchWords } from "./library-search";
import { throttleProgress } from "./import-jobs";

describe("library filters", () => {
  it("reads a shared search link", () => {
    const filters = parseLibraryFilters(new URLSearchParams("q=Golf+Explained&language=it&competence=1.1&type=exercise&time=30-60"));
    expect(filters).toEqual({ q: "Golf Explained", language: "it", competence: "1.1", type: "exercise", time: "30-60" });
  });

  it("drops values that make no sense instead of failing", () => {
    const filters = parseLibraryFilters(new URLSearchParams("language=<script>&competence=all&time=forever"));
    expect(filters).toEqual({ q: "", language: "", competence: "", type: "", time: "" });
  });

  it("searches for every word, lower-cased", () => {
    expect(searchWords("  Secure  COMMUNICATION secure ")).toEqual(["secure", "communication"]);
  });
});

describe("import progress", () => {
  it("writes at most four times a second, but every new step at once", () => {
    let clock = 0;
    const written: string[] = [];
    const report = throttleProgress((p) => written.push(`${p.step}@${p.progress}`), 250, () => clock);
    report({ step: "validating", progress: 0 });
    for (let i = 1; i <= 100; i += 1) {
      clock += 10;
      report({ step: "storing-files", progress: i / 100 });
    }
    report({ step: "saving", progress: 0.95 });
    expect(written).toEqual([
      "validating@0",
      "storing-files@0.01",
      "storing-files@0.26",
      "storing-files@0.51",
      "storing-files@0.76",
      "saving@0.95",
    ]);
  });
});
