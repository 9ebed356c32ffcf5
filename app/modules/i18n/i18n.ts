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
  instances.set(language, { json: messagesJson, instance });
  return instance;
}

/** The instance prepared for a language, or one without messages when none was prepared. */
export function preparedI18n(language: string): i18n {
  return instances.get(language)?.instance ?? i18nFor(language, "{}");
}
