import type { ItemSnapshot, TaxCategory, TaxJurisdiction } from '../../common/catalog.ts';
import type { Coupon, Promotion } from '../../common/promotions.ts';
import { DEFAULT_SCAN_RULES, type ScanRules } from '../../common/scanned-code.ts';
import { pricingRules, type PricingRules, type TaxRounding } from '../checkout/index.ts';

/** The store's pricing setup besides tax categories: promotions, coupons, label layouts, rounding. */
export interface LanePricing {
  readonly promotions: readonly Promotion[];
  readonly coupons: readonly Coupon[];
  readonly scanRules: ScanRules;
  readonly taxRounding: TaxRounding;
  readonly cashIncrement: number | null;
  readonly manufacturerCouponsReduceTax: boolean;
  /** Tare per item id, from the store file (the ledger's catalog has no tare column yet). */
  readonly tares: ReadonlyMap<string, number>;
  /** Jurisdictions per tax category code, from the store file (no ledger column yet either). */
  readonly taxJurisdictions: ReadonlyMap<string, readonly TaxJurisdiction[]>;
}

export const NO_PROMOTIONS: LanePricing = {
  promotions: [],
  coupons: [],
  scanRules: DEFAULT_SCAN_RULES,
  taxRounding: 'invoice',
  cashIncrement: null,
  manufacturerCouponsReduceTax: true,
  tares: new Map(),
  taxJurisdictions: new Map(),
};

/** The engine's pricing rules from the ledger's tax categories and the store's setup. */
export function rulesFor(taxCategories: readonly TaxCategory[], pricing: LanePricing): PricingRules {
  const categories = taxCategories.map((category) => {
    const parts = pricing.taxJurisdictions.get(category.code);
    // Only a breakdown that adds up to the rate the ledger charges is shown.
    return parts && parts.reduce((sum, part) => sum + part.ratePpm, 0) === category.ratePpm ? { ...category, jurisdictions: [...parts] } : category;
  });
  return pricingRules(categories, {
    promotions: pricing.promotions,
    taxRounding: pricing.taxRounding,
    cashIncrement: pricing.cashIncrement,
    manufacturerCouponsReduceTax: pricing.manufacturerCouponsReduceTax,
  });
}

/** The snapshot the lane sells: the ledger's item with the store file's tare, when it has one. */
export function withTare<T extends { readonly item: ItemSnapshot }>(hit: T, pricing: LanePricing): T {
  const tareGrams = pricing.tares.get(hit.item.itemId);
  return tareGrams === undefined ? hit : { ...hit, item: { ...hit.item, tareGrams } };
}
