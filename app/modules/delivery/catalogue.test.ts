import { describe, expect, it } from "vitest";
import { inTimeRange, matchesFilters, parseCatalogueFilters } from "./catalogue";

const entry = { languages: ["en", "it"], competenceCodes: ["2.1", "4.2"], learningTimeMinutes: 85, difficulty: "medium", searchText: "secure communication with service users" };

describe("catalogue filters", () => {
  it("reads the GET form, ignoring empty and unknown values", () => {
    expect(parseCatalogueFilters(new URLSearchParams("language=it&competence=&time=forever&q=%20secure%20"))).toEqual({
      language: "it",
      q: "secure",
    });
  });

  it("filters by language (regional tags match), competence, learning time, difficulty and words", () => {
    expect(matchesFilters(entry, { language: "it-IT" })).toBe(true);
    expect(matchesFilters(entry, { language: "nl" })).toBe(false);
    expect(matchesFilters(entry, { competence: "4.2", time: "60-to-90", difficulty: "medium", q: "Secure" })).toBe(true);
    expect(matchesFilters(entry, { competence: "1.1" })).toBe(false);
    expect(matchesFilters(entry, { difficulty: "easy" })).toBe(false);
  });

  it("puts range bounds in one range only and leaves out courses without a learning time", () => {
    expect(inTimeRange(60, "up-to-60")).toBe(true);
    expect(inTimeRange(60, "60-to-90")).toBe(false);
    expect(inTimeRange(91, "over-90")).toBe(true);
    expect(inTimeRange(null, "up-to-60")).toBe(false);
    expect(inTimeRange(null, undefined)).toBe(true);
  });
});
