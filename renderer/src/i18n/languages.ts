import { displayLocale } from '../format.ts';

/** The languages a shopper can pick at self-checkout, each named in itself. */
export const shopperLanguages = [
  { code: 'en', name: 'English' },
  { code: 'es', name: 'Español' },
  { code: 'de', name: 'Deutsch' },
] as const;
export type ShopperLanguage = (typeof shopperLanguages)[number]['code'];

export function isShopperLanguage(value: unknown): value is ShopperLanguage {
  return shopperLanguages.some((language) => language.code === value);
}

/** The language part of a locale ("es" of "es-US"). */
export function languageOf(locale: string): string {
  return displayLocale(locale).split('-')[0]?.toLowerCase() ?? 'en';
}

/**
 * The shopper's language in the store's region: a Spanish speaker in a US store reads "es-US"
 * (US dollars as Spanish speakers in the US write them), a German speaker there "de-US". The
 * currency is always the store's; only how numbers, money and dates are written follows the language.
 */
export function shopperLocale(language: ShopperLanguage, storeLocale: string): string {
  const store = displayLocale(storeLocale);
  if (languageOf(store) === language) return store;
  const region = new Intl.Locale(store).region;
  return displayLocale(region ? `${language}-${region}` : language);
}
