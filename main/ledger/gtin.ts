/**
 * Barcode keys of the catalog. EAN-8, UPC-A (12), EAN-13 and GTIN-14 are the same number space:
 * left-padded with zeros to 14 digits they compare equal, so a UPC-A scanned as EAN-13 by a
 * European-configured scanner still finds its item. Produce carries an IFPS PLU instead.
 */

import { gtinProblem, isPlu } from '../../common/gs1.ts';

// The GS1 arithmetic is shared with the lane's scan classification (common/scanned-code.ts).
export { gtinCheckDigit, gtinProblem, isPlu, isValidGtin, withCheckDigit } from '../../common/gs1.ts';

/** The 14-digit form of a valid GTIN; throws on an invalid one. */
export function toGtin14(code: string): string {
  const problem = gtinProblem(code);
  if (problem !== null) throw new RangeError(`${code}: ${problem}`);
  return code.padStart(14, '0');
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
