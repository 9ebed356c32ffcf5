import i18next, { type i18n } from "i18next";
import { initReactI18next } from "react-i18next";

const instances = new Map<string, { json: string; instance: i18n }>();

/**
 * A synchronous i18next instance for one language, built from its messages (as JSON): on the
 * server from app/locales, in the browser from /locales/<language> fetched before hydration
 * (see entry.client.tsx). One instance per language and message set, reused across requests.
 */
export function i18nFor(language: string, messagesJson: string): i18n {
  const cached = instances.get(language);
  if (cached && cached.json === messagesJson) return cached.instance;
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: language,
    fallbackLng: false,
    resources: { [language]: { translation: JSON.parse(messagesJson) as Record<string, unknown> } },
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  rememberPlainLookups(instance);
  instances.set(language, { json: messagesJson, instance });
  return instance;
}

/**
 * i18next copies its whole set of options on every call of `t` (a tenth of a page's rendering
 * time). An instance's messages never change, so its answers are remembered:
 * - plain lookups (a key, no options): the answer itself;
 * - lookups with values for the message's {{placeholders}} (and `count`): the message i18next
 *   chose for the key (and plural form), whose placeholders are then filled in here.
 * Anything else (other options, formats, nesting, a value that is missing) goes to i18next as
 * before; i18n.test.ts checks that every message of every language reads the same both ways.
 */
function rememberPlainLookups(instance: i18n): void {
  const answers = new Map<string, string>();
  const templates = new Map<string, Template | null>();
  type Translate = ((...args: unknown[]) => unknown) & { lng?: string; lngs?: readonly string[]; ns?: unknown; keyPrefix?: unknown };
  const getFixedT = instance.getFixedT.bind(instance) as unknown as (...args: unknown[]) => Translate;
  instance.getFixedT = ((lng: unknown, ns?: unknown, keyPrefix?: unknown) => {
    const fixed = getFixedT(lng, ns, keyPrefix);
    if (keyPrefix) return fixed;
    const scope = `${String(lng)}|${String(ns)}|`;
    const withValues = (key: string, values: Record<string, unknown>): string | undefined => {
      let form = "";
      if ("count" in values) {
        if (typeof values.count !== "number") return undefined;
        // i18next prefers a key's "_zero" message for a count of 0, whatever the language.
        form = values.count === 0 ? "zero" : pluralRules(typeof lng === "string" ? lng : instance.language).select(values.count);
      }
      const templateKey = `${scope}${key}|${form}`;
      let template = templates.get(templateKey);
      if (template === undefined) {
        const message = fixed(key, { ...values, skipInterpolation: true });
        template = typeof message === "string" ? compileTemplate(message) : null;
        templates.set(templateKey, template);
      }
      return template ? fillTemplate(template, values) : undefined;
    };
    const remembering = (key: unknown, ...rest: unknown[]) => {
      if (typeof key !== "string") return fixed(key, ...rest);
      if (rest.length === 0) {
        let answer = answers.get(scope + key);
        if (answer === undefined) {
          answer = String(fixed(key));
          answers.set(scope + key, answer);
        }
        return answer;
      }
      const values = rest[0];
      if (rest.length === 1 && values !== null && typeof values === "object" && !Array.isArray(values)) {
        const answer = withValues(key, values as Record<string, unknown>);
        if (answer !== undefined) return answer;
      }
      return fixed(key, ...rest);
    };
    return Object.assign(remembering, { lng: fixed.lng, lngs: fixed.lngs, ns: fixed.ns, keyPrefix: fixed.keyPrefix });
  }) as unknown as i18n["getFixedT"];
}

const pluralRulesByLanguage = new Map<string, Intl.PluralRules>();

/** The plural rules of a language, made once (each costs as much as rendering a small page). */
function pluralRules(language: string): Intl.PluralRules {
  let rules = pluralRulesByLanguage.get(language);
  if (!rules) {
    rules = new Intl.PluralRules(language);
    pluralRulesByLanguage.set(language, rules);
  }
  return rules;
}

/** A message cut at its placeholders: text, name, text, name, …, text. */
interface Template {
  parts: string[];
  names: Set<string>;
}

const PLACEHOLDER = /\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}/g;

/** The template of a message whose only markup is {{name}} placeholders; null for any other. */
function compileTemplate(message: string): Template | null {
  const parts = message.split(PLACEHOLDER);
  const texts = parts.filter((_, index) => index % 2 === 0);
  if (texts.some((text) => text.includes("{{") || text.includes("$t("))) return null;
  return { parts, names: new Set(parts.filter((_, index) => index % 2 === 1)) };
}

/** The message with its placeholders filled; undefined when the values do not fit it exactly. */
function fillTemplate(template: Template, values: Record<string, unknown>): string | undefined {
  for (const name in values) {
    const value = values[name];
    if (name !== "count" && !template.names.has(name)) return undefined;
    if (typeof value !== "string" && typeof value !== "number") return undefined;
  }
  let text = template.parts[0];
  for (let index = 1; index < template.parts.length; index += 2) {
    const value = values[template.parts[index]];
    if (value === undefined) return undefined;
    text += String(value) + template.parts[index + 1];
  }
  return text;
}

/** The instance prepared for a language, or one without messages when none was prepared. */
export function preparedI18n(language: string): i18n {
  return instances.get(language)?.instance ?? i18nFor(language, "{}");
}

const directions = new Map<string, "ltr" | "rtl">();

/** The writing direction of a language ("ltr" or "rtl"), worked out once per language. */
export function textDirection(language: string): "ltr" | "rtl" {
  let direction = directions.get(language);
  if (!direction) {
    direction = preparedI18n(language).dir(language);
    directions.set(language, direction);
  }
  return direction;
}
