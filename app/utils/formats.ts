// Building an Intl formatter costs far more than using one (a tenth of a millisecond each), and
// pages format many dates: formatters are made once per language and options, then shared.

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

function remembered<T>(cache: Map<string, T>, key: string, make: () => T): T {
  let format = cache.get(key);
  if (!format) {
    format = make();
    cache.set(key, format);
  }
  return format;
}

/** The shared `Intl.DateTimeFormat` for a language and options. */
export function dateTimeFormat(language: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return remembered(dateTimeFormats, `${language}|${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(language, options));
}

/** The shared `Intl.NumberFormat` for a language and options. */
export function numberFormat(language: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  return remembered(numberFormats, `${language}|${JSON.stringify(options)}`, () => new Intl.NumberFormat(language, options));
}

const displayNameSets = new Map<string, Intl.DisplayNames>();

/** The shared `Intl.DisplayNames` for a language and options. */
export function displayNames(language: string, options: Intl.DisplayNamesOptions): Intl.DisplayNames {
  return remembered(displayNameSets, `${language}|${JSON.stringify(options)}`, () => new Intl.DisplayNames([language], options));
}
