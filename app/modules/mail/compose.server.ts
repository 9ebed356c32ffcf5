import { supportedLanguages, translator } from "../i18n/locales.server";
import { mailLanguage } from "./language";

/** The translate function for a recipient's language (see mailLanguage). */
export function mailTranslator(recipient: { locale?: string | null; country?: string | null }) {
  const language = mailLanguage(recipient, supportedLanguages());
  return { language, t: translator(language) };
}
