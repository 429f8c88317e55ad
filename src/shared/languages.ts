/**
 * The languages Fieldbook speaks (issue 13): which exist, how each is written, and which one a
 * person gets. Shared because the server stores a person's choice and words notifications in it.
 */

/**
 * `prs` is Dari (ISO 639-3); browsers know it as `fa-AF`, so `intl` is what Intl APIs are given.
 * Arabic is Iraq's (`ar-IQ`), whose convention is Eastern Arabic digits.
 */
export const LANGUAGE_DETAILS = {
  en: { name: 'English', dir: 'ltr', intl: 'en-GB' },
  ar: { name: 'العربية', dir: 'rtl', intl: 'ar-IQ' },
  prs: { name: 'دری', dir: 'rtl', intl: 'fa-AF' },
  ps: { name: 'پښتو', dir: 'rtl', intl: 'ps-AF' },
  so: { name: 'Soomaali', dir: 'ltr', intl: 'so-SO' },
} as const satisfies Record<string, { name: string; dir: 'ltr' | 'rtl'; intl: string }>;

export type Language = keyof typeof LANGUAGE_DETAILS;
/** The language codes, in the order a choice lists them. */
export const LANGUAGES = ['en', 'ar', 'prs', 'ps', 'so'] as const satisfies readonly Language[];
export const SOURCE_LANGUAGE: Language = 'en';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && Object.hasOwn(LANGUAGE_DETAILS, value);
}

/**
 * The first of the browser's languages Fieldbook speaks: `fa-AF` and `fa` mean Dari, `ar-IQ`
 * Arabic. Anything else gets English.
 */
export function languageFrom(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    const base = lower.split('-')[0];
    if (base === 'fa' || base === 'prs') return 'prs';
    if (isLanguage(base)) return base;
  }
  return SOURCE_LANGUAGE;
}

/** Digits: the language's own (Eastern Arabic in ar, prs, ps) or Latin ones, a per-person choice. */
export type DigitChoice = 'native' | 'latin';

/**
 * The Intl locale of `language` with the digits chosen (`nu-latn` asks for Latin digits). The
 * calendar is always the Gregorian one: assignments, timesheets and payments run by its months,
 * where `fa-AF` alone would give Solar Hijri dates.
 */
export function intlLocale(language: Language, digits: DigitChoice = 'native'): string {
  const tag = LANGUAGE_DETAILS[language].intl;
  return digits === 'latin' ? `${tag}-u-ca-gregory-nu-latn` : `${tag}-u-ca-gregory`;
}
