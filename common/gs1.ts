/**
 * GS1 arithmetic for grocery barcodes (see PROTOCOLS.md §1.6): check digits, UPC-E expansion and
 * the price/weight verifier digits of variable-measure codes. Pure; shared by the ledger (catalog
 * keys) and the lane (classifying a scan).
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

/**
 * An IFPS price look-up code: 4 digits in 3000–4999, or 5 digits with prefix 9 (organic) or 8
 * (the 83000–84999 range). PLUs carry no check digit.
 */
export function isPlu(code: string): boolean {
  return /^[89]?[34]\d{3}$/.test(code);
}

/**
 * Expands an 8-digit UPC-E (number system, six digits, check) to its 12-digit UPC-A, keeping the
 * number system and check digit. Throws when the code cannot be a UPC-E.
 */
export function expandUpcE(code: string): string {
  if (!/^[01]\d{7}$/.test(code)) throw new RangeError(`${code}: a UPC-E has 8 digits and number system 0 or 1`);
  const ns = code.charAt(0);
  const [d1, d2, d3, d4, d5, d6] = code.slice(1, 7);
  const check = code.charAt(7);
  let manufacturerAndProduct: string;
  switch (d6) {
    case '0':
    case '1':
    case '2':
      manufacturerAndProduct = `${d1}${d2}${d6}0000${d3}${d4}${d5}`;
      break;
    case '3':
      manufacturerAndProduct = `${d1}${d2}${d3}00000${d4}${d5}`;
      break;
    case '4':
      manufacturerAndProduct = `${d1}${d2}${d3}${d4}00000${d5}`;
      break;
    default:
      manufacturerAndProduct = `${d1}${d2}${d3}${d4}${d5}0000${d6}`;
  }
  return `${ns}${manufacturerAndProduct}${check}`;
}

// GS1 General Specifications §7.9.3, "weighted products" digit tables.
const TWO_MINUS = [0, 2, 4, 6, 8, 9, 1, 3, 5, 7] as const;
const THREE = [0, 3, 6, 9, 2, 5, 8, 1, 4, 7] as const;
const FIVE_PLUS = [0, 5, 1, 6, 2, 7, 3, 8, 4, 9] as const;
const FIVE_MINUS = [0, 5, 9, 4, 8, 3, 7, 2, 6, 1] as const;

function digitsOf(field: string, length: number): number[] {
  if (!new RegExp(`^\\d{${length}}$`).test(field)) throw new RangeError(`"${field}" is not ${length} digits`);
  return [...field].map((char) => char.charCodeAt(0) - 48);
}

const at = (table: readonly number[], digit: number | undefined): number => table[digit ?? 0] ?? 0;

/** Verifier digit of a 4-digit price or weight field: weights 2-, 2-, 3, 5-; sum × 3, units digit. */
export function verifierDigit4(field: string): number {
  const [a, b, c, d] = digitsOf(field, 4);
  const sum = at(TWO_MINUS, a) + at(TWO_MINUS, b) + at(THREE, c) + at(FIVE_MINUS, d);
  return (sum * 3) % 10;
}

/** Verifier digit of a 5-digit field: weights 5+, 2-, 5-, 5+, 2-; the digit whose 5- product completes the sum to 10. */
export function verifierDigit5(field: string): number {
  const [a, b, c, d, e] = digitsOf(field, 5);
  const sum = at(FIVE_PLUS, a) + at(TWO_MINUS, b) + at(FIVE_MINUS, c) + at(FIVE_PLUS, d) + at(TWO_MINUS, e);
  const remainder = (10 - (sum % 10)) % 10;
  return FIVE_MINUS.indexOf(remainder as (typeof FIVE_MINUS)[number]);
}

/** The verifier digit of a 4- or 5-digit value field. */
export function verifierDigit(field: string): number {
  if (field.length === 4) return verifierDigit4(field);
  if (field.length === 5) return verifierDigit5(field);
  throw new RangeError(`a verified field has 4 or 5 digits, not ${field.length}`);
}
