import fs from 'node:fs';
import path from 'node:path';
import { PromotionFileSchema, type PromotionFile } from '../../common/promotions.ts';
import { formatPath, LedgerError } from './errors.ts';
import type { StoreFile } from './store-file.ts';

/** The demo store's promotions and coupons (Harbor Street Market). */
export const DEMO_PROMOTIONS_FILE = path.resolve(import.meta.dirname, '..', '..', 'data', 'demo-promotions.json');

function refuse(file: string, field: string, message: string): never {
  throw new LedgerError('INVALID_INPUT', `${file}: ${field}: ${message}`, field);
}

/**
 * Reads and validates a promotions file against the store it is for: every item and department
 * it names must exist in the store file. The error names the file and the first bad field.
 * Promotions are read at every start; they are not stored in the ledger.
 */
export function readPromotionsFile(file: string, store: StoreFile): PromotionFile {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new LedgerError('INVALID_INPUT', `${file}: cannot be read as JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = PromotionFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    refuse(file, formatPath('', issue?.path ?? []), issue?.message ?? 'invalid');
  }
  const items = new Set(store.items.map((item) => item.itemId));
  const departments = new Set(store.items.map((item) => item.department));
  const check = (target: { items: string[]; departments: string[] }, at: string): void => {
    target.items.forEach((itemId, index) => {
      if (!items.has(itemId)) refuse(file, `${at}.target.items[${index}]`, `no item ${itemId} in the store file`);
    });
    target.departments.forEach((department, index) => {
      if (!departments.has(department)) refuse(file, `${at}.target.departments[${index}]`, `no department "${department}" in the store file`);
    });
  };
  parsed.data.promotions.forEach((promotion, index) => {
    if (promotion.type !== 'basket-threshold') check(promotion.target, `promotions[${index}]`);
    else {
      promotion.excludeDepartments.forEach((department, position) => {
        if (!departments.has(department)) refuse(file, `promotions[${index}].excludeDepartments[${position}]`, `no department "${department}" in the store file`);
      });
    }
  });
  parsed.data.coupons.forEach((coupon, index) => check(coupon.target, `coupons[${index}]`));
  return parsed.data;
}
