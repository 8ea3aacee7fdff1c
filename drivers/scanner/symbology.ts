/** Symbologies a grocery lane tells apart; anything else is `unknown` and keeps its AIM id. */
export type Symbology =
  | 'ean-13'
  | 'ean-8'
  | 'upc-a'
  | 'upc-e'
  | 'gs1-128'
  | 'code-128'
  | 'gs1-databar'
  | 'qr'
  | 'data-matrix'
  | 'code-39'
  | 'itf'
  | 'unknown';

/** A decoded label: its data without the AIM id, its symbology, and the AIM id as sent (`]E0`). */
export interface ScanLabel {
  readonly code: string;
  readonly symbology: Symbology;
  readonly aim: string | null;
}

/** A label that cannot be what its AIM id says (wrong length, letters in an EAN, bad check digit). */
export class LabelError extends Error {
  override readonly name = 'LabelError';
}

const AIM = /^\][A-Za-z][0-9A-Za-z]/;
const DIGITS = /^[0-9]+$/;

/**
 * Splits an AIM symbology identifier (ISO/IEC 15424, `]cm`, PROTOCOLS §1.5) off the front of a
 * label and names the symbology. Without an AIM id the symbology is guessed from the length and
 * the GS1 check digit. UPC-A that arrives as 13 digits with a leading 0 is reported as 12-digit
 * UPC-A either way, so one physical label always yields the same code.
 */
export function parseLabel(text: string): ScanLabel {
  if (text.length === 0) throw new LabelError('empty label');
  if (!text.startsWith(']')) return guess(text, null);
  const match = AIM.exec(text);
  if (!match) throw new LabelError(`malformed AIM identifier at the start of "${text.slice(0, 8)}"`);
  const aim = match[0];
  const data = text.slice(aim.length);
  if (data.length === 0) throw new LabelError(`no data after the AIM identifier ${aim}`);
  const code = aim.charAt(1);
  const modifier = aim.charAt(2);
  switch (code) {
    case 'E':
      return eanUpc(data, aim, modifier);
    case 'C':
      return { code: data, symbology: modifier === '1' ? 'gs1-128' : 'code-128', aim };
    case 'e':
      return { code: data, symbology: 'gs1-databar', aim };
    case 'A':
      return { code: data, symbology: 'code-39', aim };
    case 'I':
      return { code: data, symbology: 'itf', aim };
    case 'd':
      return { code: data, symbology: 'data-matrix', aim };
    case 'Q':
      return { code: data, symbology: 'qr', aim };
    default:
      // Vendor ids (`]X0`) often carry UPC/EAN: trust the digits, not the id (PROTOCOLS §1.5).
      return guess(data, aim);
  }
}

/** GS1 mod-10 check digit of the data digits (all digits but the check digit). */
export function gs1CheckDigit(dataDigits: string): number {
  let sum = 0;
  for (let i = 0; i < dataDigits.length; i += 1) {
    const digit = dataDigits.charCodeAt(dataDigits.length - 1 - i) - 48;
    sum += i % 2 === 0 ? digit * 3 : digit;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when the last digit of a GTIN (8, 12, 13 or 14 digits) is its GS1 check digit. */
export function hasValidCheckDigit(gtin: string): boolean {
  if (!DIGITS.test(gtin) || gtin.length < 2) return false;
  return gs1CheckDigit(gtin.slice(0, -1)) === Number(gtin.slice(-1));
}

/** Expands an 8-digit UPC-E (number system 0 or 1) to its 12-digit UPC-A, or null (PROTOCOLS §1.6). */
export function expandUpcE(upcE: string): string | null {
  if (!/^[01][0-9]{7}$/.test(upcE)) return null;
  const [ns, d1, d2, d3, d4, d5, d6, check] = [...upcE] as [string, string, string, string, string, string, string, string];
  let middle: string;
  if (d6 === '0' || d6 === '1' || d6 === '2') middle = `${d1}${d2}${d6}0000${d3}${d4}${d5}`;
  else if (d6 === '3') middle = `${d1}${d2}${d3}00000${d4}${d5}`;
  else if (d6 === '4') middle = `${d1}${d2}${d3}${d4}00000${d5}`;
  else middle = `${d1}${d2}${d3}${d4}${d5}0000${d6}`;
  return `${ns}${middle}${check}`;
}

function isUpcE(digits: string): boolean {
  const expanded = expandUpcE(digits);
  return expanded !== null && hasValidCheckDigit(expanded);
}

/** `]E0` carries EAN-13, UPC-A (13 digits) or UPC-E; `]E4` EAN-8; `]E3` a main symbol with its add-on. */
function eanUpc(data: string, aim: string, modifier: string): ScanLabel {
  if (!DIGITS.test(data)) throw new LabelError(`${aim} label must be digits only, got "${data}"`);
  if (modifier === '1' || modifier === '2') return { code: data, symbology: 'unknown', aim }; // a lone add-on
  if (modifier === '4') {
    if (data.length !== 8 || !hasValidCheckDigit(data)) throw new LabelError(`${aim} label ${data} is not a valid EAN-8`);
    return { code: data, symbology: 'ean-8', aim };
  }
  if (modifier === '3') {
    const main = data.slice(0, 13);
    const addOn = data.slice(13);
    if ((addOn.length !== 2 && addOn.length !== 5) || !hasValidCheckDigit(main)) {
      throw new LabelError(`${aim} label ${data} is not an EAN-13/UPC-A with a 2- or 5-digit add-on`);
    }
    return main.startsWith('0') ? { code: data.slice(1), symbology: 'upc-a', aim } : { code: data, symbology: 'ean-13', aim };
  }
  if (data.length === 13 && hasValidCheckDigit(data)) {
    return data.startsWith('0') ? { code: data.slice(1), symbology: 'upc-a', aim } : { code: data, symbology: 'ean-13', aim };
  }
  if (data.length === 12 && hasValidCheckDigit(data)) return { code: data, symbology: 'upc-a', aim };
  if (data.length === 8 && isUpcE(data)) return { code: data, symbology: 'upc-e', aim };
  throw new LabelError(`${aim} label ${data} is not a valid EAN-13, UPC-A or UPC-E (length or check digit)`);
}

function guess(data: string, aim: string | null): ScanLabel {
  if (DIGITS.test(data)) {
    if (data.length === 13 && hasValidCheckDigit(data)) {
      return data.startsWith('0') ? { code: data.slice(1), symbology: 'upc-a', aim } : { code: data, symbology: 'ean-13', aim };
    }
    if (data.length === 12 && hasValidCheckDigit(data)) return { code: data, symbology: 'upc-a', aim };
    if (data.length === 8 && hasValidCheckDigit(data)) return { code: data, symbology: 'ean-8', aim };
    if (data.length === 8 && isUpcE(data)) return { code: data, symbology: 'upc-e', aim };
  }
  return { code: data, symbology: 'unknown', aim };
}
