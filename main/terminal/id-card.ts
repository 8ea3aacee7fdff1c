/**
 * Reads a North American driver licence or ID card from the PDF417 on its back (AAMVA DL/ID card
 * design standard): the date of birth (element DBB) and the expiry date (DBA). US cards write
 * dates MMDDCCYY, Canadian ones CCYYMMDD (and cards before the 2000 standard did too); the
 * country (DCG) decides, and a date that is not valid one way is tried the other way.
 */
export interface IdCard {
  /** YYYY-MM-DD */
  readonly dateOfBirth: string;
  /** YYYY-MM-DD, or null when the card carries none. */
  readonly expires: string | null;
}

/** The compliance indicator "@", then the separators (LF, RS, CR; RS made LF first), then the header. */
const HEADER = /^@\s*(ANSI |AAMVA)(\d{6})(\d{2})/;
const RECORD_SEPARATOR = String.fromCharCode(0x1e);

function isoDate(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2200) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function readDate(digits: string, yearFirst: boolean): string | null {
  const n = (from: number, to: number): number => Number(digits.slice(from, to));
  const first = yearFirst ? isoDate(n(0, 4), n(4, 6), n(6, 8)) : isoDate(n(4, 8), n(0, 2), n(2, 4));
  if (first) return first;
  return yearFirst ? isoDate(n(4, 8), n(0, 2), n(2, 4)) : isoDate(n(0, 4), n(4, 6), n(6, 8));
}

function element(text: string, id: string): string | null {
  // Elements start a line (or follow the subfile designator "DL"/"ID"); their value runs to the line's end.
  const match = new RegExp(`(?:^|[\\n\\r]|DL|ID)${id}([^\\n\\r]*)`).exec(text);
  return match?.[1]?.trim() ?? null;
}

/** The card's dates, or null when the text is not an AAMVA card (an ordinary barcode). */
export function readIdCard(scanned: string): IdCard | null {
  const text = scanned.split(RECORD_SEPARATOR).join('\n');
  const header = HEADER.exec(text);
  if (!header) return null;
  const yearFirst = element(text, 'DCG') === 'CAN' || Number(header[3]) < 1;
  const born = element(text, 'DBB');
  if (!born || !/^\d{8}$/.test(born)) return null;
  const dateOfBirth = readDate(born, yearFirst);
  if (!dateOfBirth) return null;
  const expiry = element(text, 'DBA');
  const expires = expiry && /^\d{8}$/.test(expiry) ? readDate(expiry, yearFirst) : null;
  return { dateOfBirth, expires };
}
