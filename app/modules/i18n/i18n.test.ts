import i18next from "i18next";
import { describe, expect, it } from "vitest";
import { i18nFor, textDirection } from "./i18n";
import { messagesJsonFor } from "./locales.server";

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

describe("remembered translations", () => {
  /** Every message of a language as its key and the names of its placeholders. */
  function messagesOf(tree: Record<string, unknown>, prefix = ""): { key: string; names: string[] }[] {
    return Object.entries(tree).flatMap(([name, value]) => {
      const key = prefix + name;
      if (typeof value === "object" && value !== null) return messagesOf(value as Record<string, unknown>, `${key}.`);
      const names = [...String(value).matchAll(/\{\{\s*([^},\s]+)/g)].map((match) => match[1]);
      return [{ key: key.replace(/_(zero|one|two|few|many|other)$/, ""), names }];
    });
  }

  it.each(["en", "it"])("read exactly as i18next's own in %s, for every message, value and count", async (language) => {
    const json = messagesJsonFor(language);
    const plain = i18next.createInstance();
    await plain.init({
      lng: language,
      fallbackLng: false,
      resources: { [language]: { translation: JSON.parse(json) as Record<string, unknown> } },
      interpolation: { escapeValue: false },
    });
    const remembered = i18nFor(language, json).getFixedT(language);
    const reference = plain.getFixedT(language);
    const messages = messagesOf(JSON.parse(json) as Record<string, unknown>);
    expect(messages.length).toBeGreaterThan(300);
    for (const { key, names } of messages) {
      for (const count of [0, 1, 2, 5, 21]) {
        const values: Record<string, string | number> = Object.fromEntries(names.map((name) => [name, `‹${name}›`]));
        if (names.includes("count") || /_(one|other)$/.test(key)) values.count = count;
        // Twice: the second answer comes from what the first remembered.
        expect(remembered(key, values), key).toBe(reference(key, values));
        expect(remembered(key, values), key).toBe(reference(key, values));
      }
    }
  });

  it("leave options they do not know, and missing values, to i18next", () => {
    const i18n = i18nFor("en", JSON.stringify({ greeting: "Hello, {{name}}", item_zero: "No items", item_one: "{{count}} item", item_other: "{{count}} items" }));
    const t = i18n.getFixedT("en");
    expect(t("greeting", { name: "Ada" })).toBe("Hello, Ada");
    expect(t("greeting", {})).toBe("Hello, {{name}}");
    expect(t("item", { count: 1 })).toBe("1 item");
    expect(t("item", { count: 3 })).toBe("3 items");
    expect(t("item", { count: 0 })).toBe("No items");
    expect(t("missing", { defaultValue: "Fallback" })).toBe("Fallback");
    expect(t("greeting", { name: "Ada", context: "formal" })).toBe("Hello, Ada");
  });
});
