import type Database from 'better-sqlite3';
import { z } from 'zod';
import { CouponSchema, PromotionFileSchema, PromotionSchema, type Coupon, type Promotion, type PromotionFile } from '../../common/promotions.ts';
import { LedgerError, parseInput } from './errors.ts';
import { canonicalJson } from './sale-hash.ts';

/** One version of a promotion or coupon, as a sale pins it. */
export interface PromotionVersion {
  readonly promotionId: string;
  readonly version: number;
}

/** The promotions and coupons a lane prices with: the newest version of each, and which version that is. */
export interface CurrentPromotions extends PromotionFile {
  readonly versions: ReadonlyMap<string, number>;
}

export interface PromotionImportSummary {
  /** Versions new to the ledger. */
  readonly added: number;
  /** Versions the ledger already held with the same terms (an import is idempotent). */
  readonly unchanged: number;
}

interface DefinitionRow {
  readonly promotion_id: string;
  readonly version: number;
  readonly kind: 'promotion' | 'coupon';
  readonly definition: string;
}

const versionOf = (entry: { readonly version?: number | undefined }): number => entry.version ?? 1;

/**
 * Promotions and coupons kept in the ledger by id and version, append-only: a change of terms is
 * a new version, never an edit, and every completed sale records the versions it was priced
 * with. Definitions are validated on import and again when read back (they are few, and read
 * once per start), so the engine only ever sees terms that pass `common/promotions.ts`.
 */
export class PromotionLedger {
  readonly #db: Database.Database;
  readonly #find: Database.Statement<[string, number], DefinitionRow>;
  readonly #insert: Database.Statement<[string, number, string, string, string | null, string | null, string]>;
  readonly #current: Database.Statement<[], DefinitionRow>;
  readonly #activeOn: Database.Statement<[{ day: string }], DefinitionRow>;
  readonly #recordUse: Database.Statement<[string, string, number]>;
  readonly #usedBy: Database.Statement<[string], { promotion_id: string; version: number }>;

  constructor(db: Database.Database) {
    this.#db = db;
    this.#find = db.prepare('SELECT promotion_id, version, kind, definition FROM promotions WHERE promotion_id = ? AND version = ?');
    this.#insert = db.prepare(
      'INSERT INTO promotions (promotion_id, version, kind, definition, valid_from, valid_to, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const newest = `SELECT p.promotion_id, p.version, p.kind, p.definition FROM promotions p
      WHERE p.version = (SELECT max(version) FROM promotions WHERE promotion_id = p.promotion_id)`;
    this.#current = db.prepare(`${newest} ORDER BY p.promotion_id`);
    this.#activeOn = db.prepare(`${newest} AND (p.valid_from IS NULL OR p.valid_from <= @day) AND (p.valid_to IS NULL OR p.valid_to >= @day) ORDER BY p.promotion_id`);
    this.#recordUse = db.prepare('INSERT INTO sale_promotions (sale_id, promotion_id, version) VALUES (?, ?, ?)');
    this.#usedBy = db.prepare('SELECT promotion_id, version FROM sale_promotions WHERE sale_id = ? ORDER BY promotion_id');
  }

  /**
   * Imports a promotions file (already checked against the store's catalog by the caller):
   * validated whole, then written in one transaction. A version the ledger holds with the same
   * terms is skipped; the same id and version with other terms refuses the whole file, naming
   * the entry, since a sale may already be pinned to the terms it has.
   */
  importFile(input: unknown, importedAt: string): PromotionImportSummary {
    const file = parseInput(PromotionFileSchema, input, '');
    const entries = [
      ...file.promotions.map((definition, index) => ({ definition, kind: 'promotion' as const, at: `promotions[${index}]` })),
      ...file.coupons.map((definition, index) => ({ definition, kind: 'coupon' as const, at: `coupons[${index}]` })),
    ];
    return this.#db.transaction(() => {
      let added = 0;
      let unchanged = 0;
      for (const { definition, kind, at } of entries) {
        const version = versionOf(definition);
        const json = canonicalJson(definition);
        const held = this.#find.get(definition.id, version);
        if (held) {
          if (held.kind === kind && held.definition === json) {
            unchanged += 1;
            continue;
          }
          throw new LedgerError(
            'INVALID_INPUT',
            `${at}: ${definition.id} version ${version} is already in the ledger with other terms; publish the change as version ${version + 1} or higher`,
            `${at}.version`,
          );
        }
        this.#insert.run(definition.id, version, kind, json, definition.validFrom ?? null, definition.validTo ?? null, importedAt);
        added += 1;
      }
      return { added, unchanged };
    })();
  }

  /** The newest version of every promotion and coupon, whatever its dates (the engine checks those per basket). */
  current(): CurrentPromotions {
    return this.#collect(this.#current.all());
  }

  /** The newest versions whose date range includes `date` (YYYY-MM-DD, the store's business date). */
  activeOn(date: string): CurrentPromotions {
    const day = parseInput(z.iso.date(), date, 'date');
    return this.#collect(this.#activeOn.all({ day }));
  }

  /** The terms of one version, as a sale that used it was priced. */
  definition(promotionId: string, version: number): Promotion | Coupon | null {
    const row = this.#find.get(promotionId, version);
    return row ? parseDefinition(row) : null;
  }

  /** Records, with the completing sale, the promotion and coupon versions it used. */
  recordSaleUse(saleId: string, used: readonly PromotionVersion[]): void {
    for (const { promotionId, version } of used) this.#recordUse.run(saleId, promotionId, version);
  }

  usedBy(saleId: string): PromotionVersion[] {
    return this.#usedBy.all(saleId).map((row) => ({ promotionId: row.promotion_id, version: row.version }));
  }

  #collect(rows: readonly DefinitionRow[]): CurrentPromotions {
    const promotions: Promotion[] = [];
    const coupons: Coupon[] = [];
    const versions = new Map<string, number>();
    for (const row of rows) {
      const json: unknown = JSON.parse(row.definition);
      if (row.kind === 'coupon') coupons.push(CouponSchema.parse(json));
      else promotions.push(PromotionSchema.parse(json));
      versions.set(row.promotion_id, row.version);
    }
    return { promotions, coupons, versions };
  }
}

function parseDefinition(row: DefinitionRow): Promotion | Coupon {
  const json: unknown = JSON.parse(row.definition);
  return row.kind === 'coupon' ? CouponSchema.parse(json) : PromotionSchema.parse(json);
}

/** The versions of the promotions and coupons behind a sale's savings (manual discounts have none). */
export function versionsUsed(savings: readonly { readonly source: string; readonly id: string }[], versions: ReadonlyMap<string, number>): PromotionVersion[] {
  const ids = [...new Set(savings.filter((saving) => saving.source !== 'manual').map((saving) => saving.id))].sort();
  return ids.flatMap((promotionId) => {
    const version = versions.get(promotionId);
    return version === undefined ? [] : [{ promotionId, version }];
  });
}
