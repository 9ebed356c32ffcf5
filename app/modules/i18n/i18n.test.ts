import { describe, expect, it } from "vitest";
import { i18nFor, textDirection } from "./i18n";

describe("translations on the server", () => {
  it("answer plain lookups and lookups with values alike, whichever comes first", () => {
    const i18n = i18nFor("en", JSON.stringify({ greeting: "Hello, {{name}}", title: "My learning" }));
    const t = i18n.getFixedT("en");
    expect(t("title")).toBe("My learning");
    expect(t("title")).toBe("My learning");
    expect(t("greeting", { name: "Ada" })).toBe("Hello, Ada");
    expect(t("greeting", { name: "Bruno" })).toBe("Hello, Bruno");
    expect(t("missing.key")).toBe("missing.key");
  });

  it("answer from the messages of the language asked for", () => {
    i18nFor("en", JSON.stringify({ title: "My learning" }));
    const italian = i18nFor("it", JSON.stringify({ title: "Il mio apprendimento" }));
    expect(italian.getFixedT("it")("title")).toBe("Il mio apprendimento");
    expect(i18nFor("en", JSON.stringify({ title: "My learning" })).getFixedT("en")("title")).toBe("My learning");
  });

  it("pick up new messages for a language", () => {
    i18nFor("de", JSON.stringify({ title: "Mein Lernen" })).getFixedT("de")("title");
    expect(i18nFor("de", JSON.stringify({ title: "Meine Kurse" })).getFixedT("de")("title")).toBe("Meine Kurse");
  });

  it("give the writing direction of a language", () => {
    expect(textDirection("it")).toBe("ltr");
    expect(textDirection("ar")).toBe("rtl");
  });
});
