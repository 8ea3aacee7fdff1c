import { describe, expect, it } from 'vitest';
import { en, type MessageKey } from '../../../renderer/src/i18n/en.ts';
import { catalogs, translatorFor } from '../../../renderer/src/i18n/index.ts';
import { languageOf, shopperLanguages, shopperLocale } from '../../../renderer/src/i18n/languages.ts';
import { formatClockTime, formatKilograms, money } from '../../../renderer/src/format.ts';

const englishKeys = Object.keys(en).sort();
const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort();
// Spaces in formatted money and numbers differ by locale (no-break, narrow no-break): compare them as plain spaces.
const plain = (text: string): string => text.replace(/[\u00a0\u202f]/g, ' ');

describe('the shopper languages', () => {
  it('offers English, Spanish and German, each with a catalog', () => {
    expect(shopperLanguages.map((language) => language.code)).toEqual(['en', 'es', 'de']);
    for (const { code } of shopperLanguages) expect(catalogs[code], code).toBeDefined();
  });

  for (const { code } of shopperLanguages.filter((language) => language.code !== 'en')) {
    describe(code, () => {
      const catalog: Readonly<Record<string, string>> = catalogs[code] ?? {};

      it('has every English key and no other', () => {
        expect(Object.keys(catalog).sort()).toEqual(englishKeys);
      });

      it('fills every message and keeps exactly the placeholders of the English one', () => {
        for (const key of englishKeys) {
          const text = catalog[key] ?? '';
          expect(text.trim(), key).not.toBe('');
          expect(placeholders(text), key).toEqual(placeholders(en[key as MessageKey]));
        }
      });

      it('is really translated: the shopper-facing screens do not fall back to English', () => {
        const shopperKeys = englishKeys.filter((key) => /^(welcome|basket|summary|cancel|paying|receipt|help|assist|keypad)\./.test(key));
        const hasWords = (text: string): boolean => /[A-Za-z]{3,}/.test(text.replace(/\{\w+\}/g, ''));
        const untranslated = shopperKeys.filter((key) => hasWords(en[key as MessageKey]) && catalog[key] === en[key as MessageKey]);
        // A few words are the same in both languages (Total, Subtotal); nothing more than that.
        expect(untranslated.length, untranslated.join(', ')).toBeLessThanOrEqual(3);
      });
    });
  }

  it('translates a message and picks the plural form by the language’s rules', () => {
    expect(translatorFor('es-US').t('welcome.greeting', { store: 'Greenleaf' })).toBe('Bienvenido a Greenleaf');
    expect(translatorFor('de-US').t('summary.pay')).toBe('Bezahlen');
    expect(translatorFor('es-US').count('summary.items', 1)).toBe('1 artículo');
    expect(translatorFor('es-US').count('summary.items', 3)).toBe('3 artículos');
    expect(translatorFor('de-DE').count('receipt.countdown', 1)).toBe('Zurück zum Start in 1 Sekunde');
    expect(translatorFor('fr-FR').t('summary.pay')).toBe('Pay');
  });
});

describe('the shopper’s locale', () => {
  it('keeps the store’s region, so the store’s currency is written as that language writes it there', () => {
    expect(shopperLocale('en', 'en-US')).toBe('en-US');
    expect(shopperLocale('es', 'en-US')).toBe('es-US');
    expect(shopperLocale('de', 'en-US')).toBe('de-US');
    expect(shopperLocale('en', 'de-DE')).toBe('en-DE');
    expect(shopperLocale('de', 'de-AT')).toBe('de-AT');
    expect(shopperLocale('es', 'not a locale')).toBe('es-US');
    expect(languageOf('es-US')).toBe('es');
  });

  it('formats the store’s money per locale', () => {
    expect(plain(money(123450, 'USD', shopperLocale('en', 'en-US')))).toBe('$1,234.50');
    expect(plain(money(123450, 'USD', shopperLocale('es', 'en-US')))).toBe('$1,234.50');
    expect(plain(money(123450, 'USD', shopperLocale('de', 'en-US')))).toBe('1.234,50 $');
    expect(plain(money(123450, 'EUR', shopperLocale('de', 'de-DE')))).toBe('1.234,50 €');
    expect(plain(money(123450, 'EUR', shopperLocale('en', 'de-DE')))).toBe('€1,234.50');
  });

  it('formats weights and times per locale', () => {
    expect(formatKilograms(1452, 'en-US')).toBe('1.452');
    expect(formatKilograms(1452, 'de-US')).toBe('1,452');
    expect(plain(formatClockTime('2026-11-30T15:42:00Z', 'en-US', 'UTC'))).toBe('3:42 PM');
    expect(formatClockTime('2026-11-30T15:42:00Z', 'de-DE', 'UTC')).toBe('15:42');
    expect(plain(formatClockTime('2026-11-30T15:42:00Z', 'es-US', 'UTC'))).toMatch(/^3:42 p\.\s?m\.$/);
    expect(formatClockTime('not a time', 'en-US')).toBe('not a time');
  });
});
