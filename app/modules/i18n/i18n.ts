import i18next, { type i18n } from "i18next";
import { initReactI18next } from "react-i18next";

const instances = new Map<string, { json: string; instance: i18n }>();

/**
 * A synchronous i18next instance for one language, built from the messages (as JSON) the root
 * loader sends, so server render and hydration use the same text and no translation file is
 * fetched later. One instance per language and message set, reused across requests.
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
