import { z } from 'zod';
import { expandUpcE, gtinCheckDigit, gtinProblem, isPlu, verifierDigit } from './gs1.ts';

/**
 * How a store reads its variable-measure (random-weight) labels. Their meaning is national or
 * retailer specific (GS1 "restricted circulation"), so it is configuration, keyed by prefix:
 * `2` is a UPC-A with number system 2, `20`…`29` an EAN-13. The fields after the prefix are the
 * item reference, an optional verifier digit over the value, the value, then the check digit.
 */
export const VariableMeasureLayoutSchema = z
  .object({
    prefix: z.string().regex(/^2\d?$/, '"2" (UPC-A number system 2) or "20"…"29" (EAN-13)'),
    itemDigits: z.number().int().min(4).max(5),
    verifier: z.boolean(),
    valueDigits: z.number().int().min(4).max(5),
    /** `price` in minor units of the store's currency, or `weight` in grams. */
    measure: z.enum(['price', 'weight']),
  })
  .superRefine((layout, ctx) => {
    const length = layout.prefix.length + layout.itemDigits + (layout.verifier ? 1 : 0) + layout.valueDigits + 1;
    const expected = layout.prefix.length === 1 ? 12 : 13;
    if (length !== expected) {
      ctx.addIssue({ code: 'custom', path: ['valueDigits'], message: `the fields make ${length} digits; a ${expected === 12 ? 'UPC-A' : 'EAN-13'} has ${expected}` });
    }
  });
export type VariableMeasureLayout = z.infer<typeof VariableMeasureLayoutSchema>;

/** The usual US layout: `2 IIIII V PPPP C`, price in cents with a price-verifier digit. */
export const US_PRICE_EMBEDDED: VariableMeasureLayout = { prefix: '2', itemDigits: 5, verifier: true, valueDigits: 4, measure: 'price' };

export type ProductSymbology = 'EAN-13' | 'EAN-8' | 'UPC-A' | 'UPC-E' | 'GTIN-14';

/** What a scanned or keyed code is, decided once so the lane looks it up by the right key. */
export type ScannedCode =
  | { readonly kind: 'product'; readonly symbology: ProductSymbology; readonly gtin14: string; readonly alternateGtin14: string | null }
  | { readonly kind: 'plu'; readonly plu: string }
  | {
      readonly kind: 'variable-measure';
      readonly symbology: 'UPC-A' | 'EAN-13';
      /** The catalog key: the label with its value (and verifier) zeroed, as GTIN-14. */
      readonly gtin14: string;
      readonly itemReference: string;
      readonly measure: 'price' | 'weight';
      /** Minor units for a price, grams for a weight. */
      readonly value: number;
    }
  | { readonly kind: 'coupon'; readonly scheme: 'upc-coupon' | 'gs1-coupon'; readonly code: string; readonly gtin14: string }
  | { readonly kind: 'member-card'; readonly code: string }
  | { readonly kind: 'receipt'; readonly receiptNumber: string }
  | { readonly kind: 'invalid'; readonly reason: string };

const RECEIPT_PREFIX = 'RCPT-';

/** The Code 128 data printed at the foot of every receipt; scanning it finds the sale (returns). */
export function receiptBarcodePayload(receiptNumber: string): string {
  return `${RECEIPT_PREFIX}${receiptNumber}`;
}

export interface ScanRules {
  readonly variableMeasure: readonly VariableMeasureLayout[];
  /**
   * Prefixes of the store's loyalty cards, matched against the 13-digit (EAN-13) form of the
   * code: `04` is a UPC-A with number system 4 (in-store use), `29` an EAN-13 store code. A bare
   * `4` would also take German EAN-13 products (GS1 prefixes 400–440).
   */
  readonly memberCardPrefixes: readonly string[];
}

export const DEFAULT_SCAN_RULES: ScanRules = { variableMeasure: [US_PRICE_EMBEDDED], memberCardPrefixes: [] };

const gtin14 = (code: string): string => code.padStart(14, '0');

function variableMeasure(code: string, layout: VariableMeasureLayout): ScannedCode {
  const symbology = code.length === 12 ? 'UPC-A' : 'EAN-13';
  let at = layout.prefix.length;
  const itemReference = code.slice(at, at + layout.itemDigits);
  at += layout.itemDigits;
  const verifierAt = layout.verifier ? at : -1;
  if (layout.verifier) at += 1;
  const field = code.slice(at, at + layout.valueDigits);
  if (layout.verifier) {
    const expected = verifierDigit(field);
    if (code.charCodeAt(verifierAt) - 48 !== expected) {
      return { kind: 'invalid', reason: `${code}: the ${layout.measure} verifier digit should be ${expected}` };
    }
  }
  const value = Number(field);
  if (value === 0) return { kind: 'invalid', reason: `${code}: the label carries no ${layout.measure}` };
  const body = `${code.slice(0, verifierAt === -1 ? at : verifierAt)}${'0'.repeat(code.length - 1 - (verifierAt === -1 ? at : verifierAt))}`;
  return { kind: 'variable-measure', symbology, gtin14: gtin14(`${body}${gtinCheckDigit(body)}`), itemReference, measure: layout.measure, value };
}

function twelveOrThirteen(code: string, rules: ScanRules): ScannedCode {
  // A UPC-A read as EAN-13 carries a leading 0; it is the same label.
  const label = code.length === 13 && code.startsWith('0') ? code.slice(1) : code;
  if (label.length === 12 && label.startsWith('5')) return { kind: 'coupon', scheme: 'upc-coupon', code: label, gtin14: gtin14(label) };
  if (label.length === 13 && (label.startsWith('99') || /^98[1-4]/.test(label))) {
    return { kind: 'coupon', scheme: 'gs1-coupon', code: label, gtin14: gtin14(label) };
  }
  const ean13 = label.padStart(13, '0');
  if (rules.memberCardPrefixes.some((prefix) => ean13.startsWith(prefix))) return { kind: 'member-card', code: label };
  const isVariable = label.length === 12 ? label.startsWith('2') : /^2\d/.test(label);
  if (isVariable) {
    const layout = rules.variableMeasure.find((candidate) => (label.length === 12 ? candidate.prefix === '2' : candidate.prefix === label.slice(0, 2)));
    if (layout) return variableMeasure(label, layout);
  }
  return { kind: 'product', symbology: label.length === 12 ? 'UPC-A' : 'EAN-13', gtin14: gtin14(label), alternateGtin14: null };
}

function eight(code: string): ScannedCode {
  const ean8Valid = gtinProblem(code) === null;
  let upcE: string | null = null;
  if (/^[01]/.test(code)) {
    const expanded = expandUpcE(code);
    if (gtinProblem(expanded) === null) upcE = expanded;
  }
  if (ean8Valid && upcE) return { kind: 'product', symbology: 'EAN-8', gtin14: gtin14(code), alternateGtin14: gtin14(upcE) };
  if (ean8Valid) return { kind: 'product', symbology: 'EAN-8', gtin14: gtin14(code), alternateGtin14: null };
  if (upcE) return { kind: 'product', symbology: 'UPC-E', gtin14: gtin14(upcE), alternateGtin14: null };
  return { kind: 'invalid', reason: `${code}: check digit should be ${gtinCheckDigit(code.slice(0, -1))}` };
}

/**
 * Classifies a scanned or keyed code: a PLU, a product GTIN (EAN-13, EAN-8, UPC-A, UPC-E expanded
 * to UPC-A, GTIN-14), a variable-measure label of one of the store's layouts, a coupon (UPC-A
 * number system 5, GS1 coupon prefixes 99 and 981–984), a member card, a receipt's barcode, or
 * invalid with the reason.
 * An 8-digit code valid both as EAN-8 and as UPC-E keeps the UPC-E reading as the alternate key.
 */
export function classifyCode(scanned: string, rules: ScanRules = DEFAULT_SCAN_RULES): ScannedCode {
  const code = scanned.trim();
  if (code.startsWith(RECEIPT_PREFIX) && /^[A-Za-z0-9-]{1,16}-\d{6,}$/.test(code.slice(RECEIPT_PREFIX.length))) {
    return { kind: 'receipt', receiptNumber: code.slice(RECEIPT_PREFIX.length) };
  }
  if (isPlu(code)) return { kind: 'plu', plu: code };
  if (/^\d{4,5}$/.test(code)) return { kind: 'invalid', reason: `${code} is not a PLU (3000–4999, or 5 digits starting 8 or 9)` };
  if (!/^\d+$/.test(code)) return { kind: 'invalid', reason: `${code}: a barcode has digits only` };
  if (code.length === 8) return eight(code);
  const problem = gtinProblem(code);
  if (problem !== null) return { kind: 'invalid', reason: `${code}: ${problem}` };
  if (code.length === 14) return { kind: 'product', symbology: 'GTIN-14', gtin14: code, alternateGtin14: null };
  return twelveOrThirteen(code, rules);
}
