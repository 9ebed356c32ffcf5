import { DEFAULT_LANGUAGE, matchLanguage } from "../i18n/languages";

/** The main language of a country (ISO 3166-1 alpha-2), for people who chose none. */
const COUNTRY_LANGUAGES: Record<string, string> = {
  AT: "de", BE: "nl", BG: "bg", CH: "de", CY: "el", CZ: "cs", DE: "de", DK: "da", EE: "et", ES: "es",
  FI: "fi", FR: "fr", GB: "en", GR: "el", HR: "hr", HU: "hu", IE: "en", IT: "it", LT: "lt", LU: "fr",
  LV: "lv", MT: "mt", NL: "nl", NO: "nb", PL: "pl", PT: "pt", RO: "ro", SE: "sv", SI: "sl", SK: "sk",
  SM: "it", VA: "it",
};

/**
 * The language an e-mail is written in: the recipient's own choice, else the main language of
 * their organisation's country, else English.
 */
export function mailLanguage(
  recipient: { locale?: string | null; country?: string | null },
  supported: readonly string[],
): string {
  return (
    matchLanguage(recipient.locale, supported) ??
    matchLanguage(recipient.country ? COUNTRY_LANGUAGES[recipient.country.toUpperCase()] : null, supported) ??
    DEFAULT_LANGUAGE
  );
}
