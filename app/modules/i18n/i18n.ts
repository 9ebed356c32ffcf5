import i18next, { type i18n } from "i18next";
import { initReactI18next } from "react-i18next";

/**
 * A synchronous i18next instance for one language, built from messages the root loader sends,
 * so server render and hydration use the same text and no translation file is fetched later.
 */
export function createI18n(language: string, messages: Record<string, unknown>): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: language,
    fallbackLng: false,
    resources: { [language]: { translation: messages } },
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  return instance;
}
