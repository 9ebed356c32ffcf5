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
const files = fs.readdirSync(dir).filter((file) => file.endsWith(".json"));
const english = new Set(keys(JSON.parse(fs.readFileSync(path.join(dir, "en.json"), "utf8"))));

describe("interface translations", () => {
  it.each(files.filter((file) => file !== "en.json"))("%s translates every English text and nothing else", (file) => {
    const other = new Set(keys(JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"))));
    expect([...english].filter((key) => !other.has(key)), "missing").toEqual([]);
    expect([...other].filter((key) => !english.has(key)), "unknown").toEqual([]);
  });

  it("has every key the code asks for", () => {
    const used = new Set<string>();
    const walk = (folder: string) => {
      for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
        const full = path.join(folder, entry.name);
        if (entry.isDirectory()) {
          if (entry.name !== "generated") walk(full);
        } else if (/\.tsx?$/.test(entry.name)) {
          for (const match of fs.readFileSync(full, "utf8").matchAll(/\bt\("([a-zA-Z0-9_.-]+)"/g)) used.add(match[1]);
        }
      }
    };
    walk(path.resolve("app"));
    const plural = (key: string) => english.has(`${key}_one`) && english.has(`${key}_other`);
    expect([...used].filter((key) => !english.has(key) && !plural(key))).toEqual([]);
  });
});
