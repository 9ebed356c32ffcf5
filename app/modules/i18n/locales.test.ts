import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

type Messages = { [key: string]: string | Messages };

function keys(messages: Messages, prefix = ""): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === "string" ? [`${prefix}${key}`] : keys(value, `${prefix}${key}.`),
  );
}

const dir = path.resolve("app", "locales");
const languages = fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
const filesOf = (language: string) => fs.readdirSync(path.join(dir, language)).filter((f) => f.endsWith(".json")).sort();
const keysOf = (language: string, file: string) =>
  new Set(keys(JSON.parse(fs.readFileSync(path.join(dir, language, file), "utf8")) as Messages));
const english = new Set(filesOf("en").flatMap((file) => [...keysOf("en", file)]));

describe("interface translations", () => {
  it.each(languages.filter((language) => language !== "en"))("%s has the same files as English", (language) => {
    expect(filesOf(language)).toEqual(filesOf("en"));
  });

  it.each(
    languages.filter((language) => language !== "en").flatMap((language) => filesOf("en").map((file) => [language, file])),
  )("%s/%s translates every English text and nothing else", (language, file) => {
    const theirs = fs.existsSync(path.join(dir, language, file)) ? keysOf(language, file) : new Set<string>();
    const ours = keysOf("en", file);
    expect([...ours].filter((key) => !theirs.has(key)), "missing").toEqual([]);
    expect([...theirs].filter((key) => !ours.has(key)), "unknown").toEqual([]);
  });

  it("has every key the code asks for", () => {
    const used = new Set<string>();
    const walk = (folder: string) => {
      for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
        const full = path.join(folder, entry.name);
        if (entry.isDirectory()) {
          if (entry.name !== "generated") walk(full);
        } else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
          // Tests bring messages of their own.
          for (const match of fs.readFileSync(full, "utf8").matchAll(/\bt\("([a-zA-Z0-9_.-]+)"/g)) used.add(match[1]);
        }
      }
    };
    walk(path.resolve("app"));
    const plural = (key: string) => english.has(`${key}_one`) && english.has(`${key}_other`);
    expect([...used].filter((key) => !english.has(key) && !plural(key))).toEqual([]);
  });
});
