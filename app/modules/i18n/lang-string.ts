/**
 * A text in several languages, keyed by BCP 47 language tag ("en", "it", "nl-BE").
 * Text whose language is unknown uses the key "x-none", as LOM records do.
 */
export type LangString = Record<string, string>;

export const NO_LANGUAGE = "x-none";

export interface PickedText {
  text: string;
  /** The language of the text returned ("x-none" when unknown). */
  language: string;
  /** True when the text is not in any of the preferred languages. */
  fallback: boolean;
}

/**
 * Picks the text in the first preferred language that has one (matching "it" to "it-CH" and
 * back), else in the fallback languages, else the first text there is.
 */
export function pickLanguage(
  value: LangString | undefined,
  preferred: readonly string[],
  fallbacks: readonly string[] = ["en"],
): PickedText | undefined {
  if (!value) return undefined;
  const languages = Object.keys(value).filter((language) => value[language]?.trim());
  if (languages.length === 0) return undefined;
  const find = (wanted: string) => {
    const lower = wanted.toLowerCase();
    return (
      languages.find((language) => language.toLowerCase() === lower) ??
      languages.find((language) => language.toLowerCase().split("-")[0] === lower.split("-")[0])
    );
  };
  for (const wanted of preferred) {
    const found = find(wanted);
    if (found) return { text: value[found], language: found, fallback: false };
  }
  for (const wanted of [...fallbacks, NO_LANGUAGE]) {
    const found = find(wanted);
    if (found) return { text: value[found], language: found, fallback: true };
  }
  const first = languages[0];
  return { text: value[first], language: first, fallback: true };
}
