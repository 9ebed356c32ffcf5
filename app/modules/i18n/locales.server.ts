import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { DEFAULT_LANGUAGE } from "./languages";

/**
 * UI translations: one folder per language in app/locales/, holding one JSON file per area of
 * the app (common.json, library.json, …) whose top-level keys are merged. Adding a language is
 * adding a folder: the list of languages is read from app/locales/.
 */
export type Messages = { [key: string]: string | Messages };

export interface Locale {
  language: string;
  /** The language's own name, from its file's "language.name". */
  name: string;
  messages: Messages;
}

const LOCALES_DIR = path.resolve(process.env.LOCALES_DIR ?? path.join("app", "locales"));

let cache: Map<string, Locale> | undefined;

function loadLocales(): Map<string, Locale> {
  const locales = new Map<string, Locale>();
  for (const entry of fs.readdirSync(LOCALES_DIR, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const language = entry.name;
    const folder = path.join(LOCALES_DIR, language);
    let messages: Messages = {};
    for (const file of fs.readdirSync(folder).filter((name) => name.endsWith(".json")).sort()) {
      messages = mergeMessages(messages, JSON.parse(fs.readFileSync(path.join(folder, file), "utf8")) as Messages);
    }
    const languageMessages = messages.language as Messages | undefined;
    const name = typeof languageMessages?.name === "string" ? languageMessages.name : language;
    locales.set(language, { language, name, messages });
  }
  if (!locales.has(DEFAULT_LANGUAGE)) {
    throw new Error(`The default language folder ${DEFAULT_LANGUAGE}/ is missing from ${LOCALES_DIR}`);
  }
  return locales;
}

function locales(): Map<string, Locale> {
  cache ??= loadLocales();
  return cache;
}

export function supportedLanguages(): string[] {
  return [...locales().keys()];
}

export function languageNames(): { language: string; name: string }[] {
  return [...locales().values()].map(({ language, name }) => ({ language, name }));
}

/** A language's messages over the default language's, so a partial translation still works. */
export function messagesFor(language: string): Messages {
  const all = locales();
  const base = all.get(DEFAULT_LANGUAGE)!.messages;
  const own = all.get(language)?.messages;
  return own && language !== DEFAULT_LANGUAGE ? mergeMessages(base, own) : base;
}

function mergeMessages(base: Messages, over: Messages): Messages {
  const result: Messages = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const existing = result[key];
    result[key] =
      typeof value === "object" && typeof existing === "object" ? mergeMessages(existing, value) : value;
  }
  return result;
}

const serialized = new Map<string, string>();

/** messagesFor as a JSON string, serialized once per language: the root sends it to the browser. */
export function messagesJsonFor(language: string): string {
  let json = serialized.get(language);
  if (json === undefined) {
    json = JSON.stringify(messagesFor(language));
    serialized.set(language, json);
  }
  return json;
}

/** A short fingerprint of a language's messages, so browsers can cache them until they change. */
const versions = new Map<string, string>();

export function messagesVersion(language: string): string {
  let version = versions.get(language);
  if (version === undefined) {
    version = crypto.createHash("sha256").update(messagesJsonFor(language)).digest("hex").slice(0, 12);
    versions.set(language, version);
  }
  return version;
}

/** A translate function for server-side text (e-mails, exports, CLI output). */
export function translator(language: string) {
  const messages = messagesFor(language);
  return (key: string, values: Record<string, string | number> = {}): string => {
    let node: string | Messages | undefined = messages;
    for (const part of key.split(".")) {
      node = typeof node === "object" ? node[part] : undefined;
    }
    const text = typeof node === "string" ? node : key;
    return text.replace(/\{\{(\w+)\}\}/g, (match, name: string) =>
      values[name] === undefined ? match : String(values[name]),
    );
  };
}
