import { describe, expect, it } from "vitest";
import { negotiateLanguage, parseAcceptLanguage } from "./languages";

const supported = ["en", "it"];

describe("choosing the interface language", () => {
  it.each([
    [{ userSetting: "it", cookie: "en", acceptLanguage: "en" }, "it", "the user's setting comes first"],
    [{ userSetting: null, cookie: "it", acceptLanguage: "en" }, "it", "then the language picked on this browser"],
    [{ acceptLanguage: "it-IT,it;q=0.9,en;q=0.8" }, "it", "then the browser's language"],
    [{ acceptLanguage: "fr-FR,fr;q=0.9,it;q=0.5" }, "it", "skipping languages we do not have"],
    [{ acceptLanguage: "de,fr" }, "en", "falling back to English"],
    [{ userSetting: "xx", acceptLanguage: "it" }, "it", "ignoring a setting for a language no longer offered"],
    [{}, "en", "with nothing to go on"],
  ] as [Parameters<typeof negotiateLanguage>[0], string, string][])("%o gives %s (%s)", (sources, expected) => {
    expect(negotiateLanguage(sources, supported)).toBe(expected);
  });

  it("orders Accept-Language by quality", () => {
    expect(parseAcceptLanguage("en;q=0.3, it-CH, de;q=0.7, *;q=0.1")).toEqual(["it-CH", "de", "en"]);
  });
});
