/**
 * Barcode keys of the catalog. EAN-8, UPC-A (12), EAN-13 and GTIN-14 are the same number space:
 * left-padded with zeros to 14 digits they compare equal, so a UPC-A scanned as EAN-13 by a
 * European-configured scanner still finds its item. Produce carries an IFPS PLU instead.
 */

const GTIN_LENGTHS: ReadonlySet<number> = new Set([8, 12, 13, 14]);

/** The GS1 mod-10 check digit of a code without its check digit (weights 3,1,3… from the right). */
export function gtinCheckDigit(body: string): number {
  if (!/^\d+$/.test(body)) throw new RangeError(`"${body}" is not a string of digits`);
  let sum = 0;
  for (let i = 0; i < body.length; i += 1) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += i % 2 === 0 ? digit * 3 : digit;
  }
  return (10 - (sum % 10)) % 10;
}

/** Appends the computed check digit to a code body, e.g. `03600029145` → `036000291452`. */
export function withCheckDigit(body: string): string {
  return `${body}${gtinCheckDigit(body)}`;
}

/** What is wrong with a GTIN (EAN-8, UPC-A, EAN-13, GTIN-14), or null when it is valid. */
export function gtinProblem(code: string): string | null {
  if (!/^\d+$/.test(code)) return 'a barcode has digits only';
  if (!GTIN_LENGTHS.has(code.length)) return `a barcode has 8, 12, 13 or 14 digits, not ${code.length}`;
  const expected = gtinCheckDigit(code.slice(0, -1));
  if (code.charCodeAt(code.length - 1) - 48 !== expected) return `check digit should be ${expected}`;
  return null;
}

export function isValidGtin(code: string): boolean {
  return gtinProblem(code) === null;
}

/** The 14-digit form of a valid GTIN; throws on an invalid one. */
export function toGtin14(code: string): string {
  const problem = gtinProblem(code);
  if (problem !== null) throw new RangeError(`${code}: ${problem}`);
  return code.padStart(14, '0');
}

/**
 * An IFPS price look-up code: 4 digits in 3000–4999, or 5 digits with prefix 9 (organic) or 8
 * (the 83000–84999 range). PLUs carry no check digit.
 */
export function isPlu(code: string): boolean {
  return /^[89]?[34]\d{3}$/.test(code);
}

export type CatalogKey = { readonly ok: true; readonly kind: 'gtin' | 'plu'; readonly key: string } | { readonly ok: false; readonly reason: string };

/** The catalog key of a scanned or keyed code: its GTIN-14, or the PLU itself. */
export function catalogKey(scanned: string): CatalogKey {
  const code = scanned.trim();
  if (isPlu(code)) return { ok: true, kind: 'plu', key: code };
  if (/^\d{4,5}$/.test(code)) return { ok: false, reason: `${code} is not a PLU (3000–4999, or 5 digits starting 8 or 9)` };
  const problem = gtinProblem(code);
  if (problem !== null) return { ok: false, reason: `${code}: ${problem}` };
  return { ok: true, kind: 'gtin', key: code.padStart(14, '0') };
}
