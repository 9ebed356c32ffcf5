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
 * time). An instance's messages never change, so the answers to plain lookups (a key, no
 * options) are remembered per instance; lookups with options go to i18next as before.
 */
function rememberPlainLookups(instance: i18n): void {
  const answers = new Map<string, string>();
  type Translate = ((...args: unknown[]) => unknown) & { lng?: string; lngs?: readonly string[]; ns?: unknown; keyPrefix?: unknown };
  const getFixedT = instance.getFixedT.bind(instance) as unknown as (...args: unknown[]) => Translate;
  instance.getFixedT = ((lng: unknown, ns?: unknown, keyPrefix?: unknown) => {
    const fixed = getFixedT(lng, ns, keyPrefix);
    if (keyPrefix) return fixed;
    const scope = `${String(lng)}|${String(ns)}|`;
    const remembering = (key: unknown, ...rest: unknown[]) => {
      if (rest.length > 0 || typeof key !== "string") return fixed(key, ...rest);
      let answer = answers.get(scope + key);
      if (answer === undefined) {
        answer = String(fixed(key));
        answers.set(scope + key, answer);
      }
      return answer;
    };
    return Object.assign(remembering, { lng: fixed.lng, lngs: fixed.lngs, ns: fixed.ns, keyPrefix: fixed.keyPrefix });
  }) as unknown as i18n["getFixedT"];
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
