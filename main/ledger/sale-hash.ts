import { createHash } from 'node:crypto';

/** prev_hash of the first sale of a ledger. */
export const GENESIS_HASH = '0'.repeat(64);

/** The columns of a sale that its hash covers: all of them but prev_hash and hash. */
export interface SaleHashFields {
  readonly sale_id: string;
  readonly seq: number;
  readonly basket_id: string;
  readonly lane_id: string;
  readonly receipt_number: string;
  readonly completed_at: string;
  readonly currency: string;
  readonly total: number;
  /** The parsed receipt document, hashed as JSON (not as the stored text). */
  readonly document: unknown;
}

/**
 * JSON with object keys sorted (by UTF-16 code units, as Array.prototype.sort does) at every
 * level and no whitespace, so the same value always gives the same text, whoever writes it.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`${value} has no JSON form`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((element: unknown) => canonicalJson(element)).join(',')}]`;
  if (typeof value === 'object') {
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
export interface PostVoidHashFields {
  readonly kind: 'post-void';
  readonly sale_id: string;
  readonly seq: number;
  readonly voids_sale_id: string;
  readonly lane_id: string;
  readonly receipt_number: string;
  readonly completed_at: string;
  readonly currency: string;
  readonly total: number;
  readonly document: unknown;
}

/** sha256 (hex) of `prevHash + "\n" + canonicalJson(fields)`: each entry seals the one before. */
export function saleHash(prevHash: string, fields: SaleHashFields | PostVoidHashFields): string {
  return createHash('sha256').update(`${prevHash}\n${canonicalJson(fields)}`, 'utf8').digest('hex');
}
