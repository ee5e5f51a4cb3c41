/** Bahasa Indonesia first; English for partners and visitors who need it. */
export const LOCALES = ['id', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'id';

/** The chosen language lives in a plain cookie so that pages render in it on the server, signed in or not. */
export const LOCALE_COOKIE = 'posko_lang';
export const LOCALE_COOKIE_MAX_AGE = 60 * 60 * 24 * 365;

/** BCP 47 tags for Intl: numbers "1.394" and dates "22 Nov" in Indonesian, "1,394" and "Nov 22" in English. */
export const INTL_LOCALE: Record<Locale, string> = { id: 'id-ID', en: 'en-GB' };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}
