import { createHash } from 'node:crypto';
import { z } from 'zod';

/** prev_hash of the first sale of a ledger. */
export const GENESIS_HASH = '0'.repeat(64);

/** A journal entry (sale or post-void) as its row is read back: every column but `prev_hash` and `hash` is hashed. */
export const JournalEntryRow = z.object({
  sale_id: z.string(),
  seq: z.number().int(),
  kind: z.enum(['sale', 'post-void', 'return']),
  basket_id: z.string().nullable(),
  voids_sale_id: z.string().nullable(),
  /** Absent before returns existed (schema 7). */
  returns_sale_id: z.string().nullable().default(null),
  lane_id: z.string(),
  receipt_number: z.string(),
  completed_at: z.string(),
  currency: z.string(),
  total: z.number().int(),
  document: z.string(),
  prev_hash: z.string(),
  hash: z.string(),
});
export type JournalEntryRow = z.infer<typeof JournalEntryRow>;

/** A journal row's columns but its document and hashes; `returns_sale_id` only for returns. */
export type EntryRowFields = Omit<JournalEntryRow, 'document' | 'prev_hash' | 'hash' | 'returns_sale_id'> & { readonly returns_sale_id?: string | null };

/** The columns every entry's hash covers. */
interface EntryHashFields {
  readonly sale_id: string;
  readonly seq: number;
  readonly lane_id: string;
  readonly receipt_number: string;
  readonly completed_at: string;
  readonly currency: string;
  readonly total: number;
  /** The parsed receipt document, hashed as JSON (not as the stored text). */
  readonly document: unknown;
}

/** The columns of a sale that its hash covers: all of them but prev_hash and hash. */
export interface SaleHashFields extends EntryHashFields {
  readonly basket_id: string;
}

/** JSON text already rendered by canonicalJson, embedded as is: a document is rendered once per commit. */
export class CanonicalText {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

/**
 * JSON with object keys sorted (by UTF-16 code units, as Array.prototype.sort does) at every
 * level and no whitespace, so the same value always gives the same text, whoever writes it.
 * Only JSON values render: a Date, Map, class instance, function or non-finite number throws.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`${value} has no JSON form`);
    return JSON.stringify(value);
  }
  if (value instanceof CanonicalText) return value.text;
  if (Array.isArray(value)) return `[${value.map((element: unknown) => canonicalJson(element)).join(',')}]`;
  if (typeof value === 'object') {
    const prototype: unknown = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) throw new TypeError(`a ${value.constructor.name} has no JSON form`);
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, v]) => `${JSON.stringify(key)}:${canonicalJson(v)}`).join(',')}}`;
  }
  throw new TypeError(`a ${typeof value} has no JSON form`);
}

/**
 * The columns a post-void's hash covers. A sale's fields stay as they were before post-voids
 * existed (no `kind`), so ledgers written earlier still verify.
 */
export interface PostVoidHashFields extends EntryHashFields {
  readonly kind: 'post-void';
  readonly voids_sale_id: string;
}

/** The columns a return's hash covers; `returns_sale_id` is null for a return without a receipt. */
export interface ReturnHashFields extends EntryHashFields {
  readonly kind: 'return';
  readonly returns_sale_id: string | null;
}

/** sha256 (hex) of `prevHash + "\n" + canonicalJson(fields)`: each entry seals the one before. */
export function saleHash(prevHash: string, fields: SaleHashFields | PostVoidHashFields | ReturnHashFields): string {
  return createHash('sha256').update(`${prevHash}\n${canonicalJson(fields)}`, 'utf8').digest('hex');
}

/** What the hash of an entry covers; a sale's fields predate post-voids. */
export function entryHashFields(row: EntryRowFields, document: unknown): SaleHashFields | PostVoidHashFields | ReturnHashFields {
  const { sale_id, seq, lane_id, receipt_number, completed_at, currency, total } = row;
  const common = { sale_id, seq, lane_id, receipt_number, completed_at, currency, total, document };
  switch (row.kind) {
    case 'post-void':
      return { kind: 'post-void', voids_sale_id: row.voids_sale_id ?? '', ...common };
    case 'return':
      return { kind: 'return', returns_sale_id: row.returns_sale_id ?? null, ...common };
    case 'sale':
      return { basket_id: row.basket_id ?? '', ...common };
    default: {
      const unreachable: never = row.kind;
      throw new Error(`unknown journal entry kind ${String(unreachable)}`);
    }
  }
}

/** The hash of a journal entry, sealing `prevHash`: the one computation writers and the verifier share. */
export function entryHash(prevHash: string, row: EntryRowFields, document: unknown): string {
  return saleHash(prevHash, entryHashFields(row, document));
}
