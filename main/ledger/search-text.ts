/**
 * Text as the catalog search compares it: lower case, accents and other marks removed, letters
 * that decompose to no base letter spelled out (ß → ss, æ → ae, ø → o, ł → l), and everything
 * that is not a letter or digit a word break. "Plátanos", "PLATANOS" and "platanos" are one word;
 * so are "Straße" and "strasse".
 */
const SPELLED_OUT: Readonly<Record<string, string>> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', þ: 'th', ı: 'i' };

export function normaliseText(text: string): string {
  // Most names are plain ASCII: the Unicode decomposition and property classes cost ten times more.
  if (/^[\x20-\x7e]*$/.test(text)) return text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[ßæœøłđþı]/g, (letter) => SPELLED_OUT[letter] ?? letter)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The distinct words of a text, normalised; the order is the text's. */
export function searchWords(text: string): string[] {
  const normalised = normaliseText(text);
  return normalised === '' ? [] : [...new Set(normalised.split(' '))];
}

/**
 * The first key after every key that starts with `prefix`, for a range scan of an index:
 * `term >= prefix AND term < prefixEnd(prefix)`. Normalised words hold no U+FFFF.
 */
export function prefixEnd(prefix: string): string {
  return `${prefix}\uffff`;
}
