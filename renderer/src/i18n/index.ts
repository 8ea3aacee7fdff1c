import { displayLocale } from '../format.ts';
import { de } from './de.ts';
import { en, type Catalog, type MessageKey } from './en.ts';
import { es } from './es.ts';

export type { Catalog, MessageKey } from './en.ts';
export type MessageParams = Readonly<Record<string, string | number>>;

/** Keys that exist as a `.one`/`.other` pair, chosen by the count's plural category. */
export type CountedKey = MessageKey extends infer K ? (K extends `${infer Base}.one` ? Base : never) : never;

export interface Translator {
  readonly locale: string;
  t(key: MessageKey, params?: MessageParams): string;
  count(key: CountedKey, count: number, params?: MessageParams): string;
}

// Add a language by writing its file (`export const fr: Catalog = {…}`), listing it here and in languages.ts.
export const catalogs: Readonly<Record<string, Catalog>> = { en, es, de };

function fill(template: string, params: MessageParams | undefined): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

function createTranslator(requested: string): Translator {
  const locale = displayLocale(requested);
  const language = locale.split('-')[0]?.toLowerCase() ?? 'en';
  const catalog = catalogs[language] ?? en;
  const plurals = new Intl.PluralRules(locale);
  const t = (key: MessageKey, params?: MessageParams): string => fill(catalog[key], params);
  return {
    locale,
    t,
    count(key, count, params) {
      const form = plurals.select(count) === 'one' ? 'one' : 'other';
      return t(`${key}.${form}` as MessageKey, { count, ...params });
    },
  };
}

const translators = new Map<string, Translator>();

/** The translator for a BCP 47 locale such as "en-US"; unknown languages fall back to English. */
export function translatorFor(locale: string): Translator {
  let translator = translators.get(locale);
  if (!translator) {
    translator = createTranslator(locale);
    translators.set(locale, translator);
  }
  return translator;
}

/** English messages, for code that runs before the lane has said which locale it uses. */
export const t = translatorFor('en-US').t;
