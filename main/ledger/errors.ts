import type { z } from 'zod';

export const ledgerErrorCodes = [
  /** The file was written by a newer terminal version than this one. */
  'DATABASE_TOO_NEW',
  /** The file is an SQLite database, but not a lane ledger. */
  'NOT_A_LEDGER',
  'INVALID_INPUT',
  'INVALID_BARCODE',
  'UNKNOWN_BASKET',
  'BASKET_ALREADY_OPEN',
  'BASKET_CLOSED',
  'DUPLICATE_SALE',
  'DUPLICATE_PAYMENT',
  /** No completed sale has that id or receipt number. */
  'UNKNOWN_SALE',
  /** The sale was post-voided before; a sale is post-voided at most once. */
  'SALE_ALREADY_VOIDED',
  /** Unknown gift card, not enough balance, or a code that looks like a payment card. */
  'GIFT_CARD_REFUSED',
  /** Cash moves only through a shift that is open on the lane. */
  'NO_OPEN_SHIFT',
  'SHIFT_ALREADY_OPEN',
  /** The business day was closed by a Z report. */
  'DAY_CLOSED',
  /** A card payment of the basket is still unresolved: the card reader must be asked first. */
  'PAYMENT_IN_DOUBT',
  /** An idempotency key was used before for a different write. */
  'IDEMPOTENCY_CONFLICT',
  /** More of a sale line would be returned than was sold, less what earlier returns took back. */
  'ALREADY_RETURNED',
  /** A post-void of a sale that returns already gave part of back. */
  'SALE_HAS_RETURNS',
] as const;
export type LedgerErrorCode = (typeof ledgerErrorCodes)[number];

/** A refusal of the ledger, with a stable code the terminal maps to its API errors. */
export class LedgerError extends Error {
  readonly code: LedgerErrorCode;
  /** Path of the offending input field, e.g. `items[12].barcodes[0]`. */
  readonly field: string | undefined;

  constructor(code: LedgerErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'LedgerError';
    this.code = code;
    this.field = field;
  }
}

/** Formats a zod issue path the way a reader of the JSON finds it: `items[12].barcodes[0]`. */
export function formatPath(root: string, path: readonly PropertyKey[]): string {
  let out = root;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

/** Parses input or throws INVALID_INPUT naming the first bad field (and how many more there are). */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown, root: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const [first, ...rest] = parsed.error.issues;
  const field = formatPath(root, first?.path ?? []);
  const more = rest.length === 0 ? '' : ` (and ${rest.length} more ${rest.length === 1 ? 'problem' : 'problems'})`;
  throw new LedgerError('INVALID_INPUT', `${field}: ${first?.message ?? 'invalid'}${more}`, field);
}
