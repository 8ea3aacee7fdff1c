import type { PromotionFile } from '../../common/promotions.ts';
import { readPromotionsFile } from '../ledger/promotions-file.ts';
import type { StoreFile } from '../ledger/store-file.ts';
import type { LanePricing } from './pricing-setup.ts';

/**
 * The lane's pricing setup from the store file (tax rounding, cash rounding, label layouts,
 * loyalty cards, tares) and the promotions: as the ledger holds them (the terminal imports the
 * promotions file into it at start), or read straight from a promotions file (tools and tests).
 */
export function lanePricing(store: StoreFile, promotions: PromotionFile | string | null): LanePricing {
  const file: PromotionFile =
    typeof promotions === 'string' ? readPromotionsFile(promotions, store) : (promotions ?? { promotions: [], coupons: [] });
  const tares = new Map<string, number>();
  for (const item of store.items) if (item.tareGrams !== undefined && item.tareGrams > 0) tares.set(item.itemId, item.tareGrams);
  return {
    promotions: file.promotions,
    coupons: file.coupons,
    scanRules: { variableMeasure: store.store.variableMeasure, memberCardPrefixes: store.store.memberCardPrefixes },
    taxRounding: store.store.taxRounding,
    cashIncrement: store.store.cashRoundingIncrement ?? null,
    manufacturerCouponsReduceTax: store.store.manufacturerCouponsReduceTax,
    tares,
    taxJurisdictions: new Map(store.taxCategories.flatMap((category) => (category.jurisdictions ? [[category.code, category.jurisdictions] as const] : []))),
  };
}
