import { performance } from 'node:perf_hooks';
import type { ItemSnapshot } from '../../common/catalog.ts';
import { PromotionSchema, type Promotion } from '../../common/promotions.ts';
import { addItem, addWeighedItem, applyEvent, openBasket, priceBasket, pricingRules, type Basket, type EngineContext } from '../../main/checkout/index.ts';
import { readStoreFile } from '../../main/ledger/demo-store.ts';
import { DEMO_PROMOTIONS_FILE, readPromotionsFile } from '../../main/ledger/promotions-file.ts';
import { mulberry32 as seeded } from '../../drivers/sim/seeded-random.ts';
import { ratio, summarise, type Summary } from './stats.ts';

export interface PricingResult {
  readonly what: string;
  readonly pricing: Summary;
  readonly baseline: Summary & { readonly what: string };
  readonly ratio: { readonly p50: number; readonly p99: number };
}

const LINES = 200;
const PROMOTIONS = 50;
const WARM_UP = 20;

/**
 * Pricing a 200-line basket (each-items with 1–4 units and weighed produce) under 50 active
 * promotions of every kind (the demo set plus generated multi-buys, mix-and-matches, buy-gets,
 * percent and amount offs over the basket's own items), against the floor: the same basket
 * priced with no promotions (lines, tax and totals only), in the same run.
 */
export function benchPricing(storeFile: string, runs: number): PricingResult {
  const store = readStoreFile(storeFile);
  const random = seeded(0x5052_4943);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const snapshot = (item: (typeof store.items)[number]): ItemSnapshot => ({
    itemId: item.itemId,
    name: item.name,
    unitPrice: item.unitPrice,
    taxCategory: item.taxCategory,
    soldBy: item.soldBy,
    minimumAge: item.minimumAge,
    department: item.department,
  });
  const eachItems = store.items.filter((item) => item.soldBy === 'each');
  const weighed = store.items.filter((item) => item.soldBy === 'weight' && item.plu !== null);

  let n = 0;
  const ctx: EngineContext = { now: () => '2026-11-22T10:00:00.000Z', newId: (kind) => `${kind}_${(n += 1)}` };
  let basket: Basket = applyEvent(null, openBasket({ laneId: 'B01', currency: store.store.currency, taxMode: store.store.taxMode }, ctx));
  const chosen: string[] = [];
  for (let line = 0; line < LINES; line += 1) {
    const events =
      line % 10 === 9
        ? addWeighedItem(basket, 'w', snapshot(pick(weighed)), 200 + Math.floor(random() * 1800), ctx)
        : (() => {
            const item = eachItems[(line * 7) % eachItems.length] ?? pick(eachItems);
            chosen.push(item.itemId);
            return addItem(basket, item.itemId, snapshot(item), ctx, 1 + Math.floor(random() * 4));
          })();
    basket = events.reduce<Basket>((current, event) => applyEvent(current, event), basket);
  }

  const demo = readPromotionsFile(DEMO_PROMOTIONS_FILE, store).promotions;
  const promotions: Promotion[] = [...demo];
  const kinds = ['multi-buy', 'mix-and-match', 'buy-get', 'percent-off', 'amount-off'] as const;
  for (let i = 0; promotions.length < PROMOTIONS; i += 1) {
    const items = Array.from({ length: 2 + Math.floor(random() * 6) }, () => pick(chosen));
    const type = kinds[i % kinds.length] ?? 'percent-off';
    const base = { id: `bench-${i}`, label: `Bench ${i}`, type, target: { items } };
    const extra = {
      'multi-buy': { quantity: 2 + (i % 3), price: 300 + (i % 5) * 100 },
      'mix-and-match': { quantity: 3 + (i % 3), price: 800 + (i % 4) * 150 },
      'buy-get': { buy: 1 + (i % 2), get: 1, percentOff: i % 3 === 0 ? 50 : 100 },
      'percent-off': { percentOff: 5 + (i % 4) * 5 },
      'amount-off': { amountOff: 25 + (i % 4) * 25 },
    }[type];
    promotions.push(PromotionSchema.parse({ ...base, ...extra }));
  }

  const withPromotions = pricingRules(store.taxCategories, { promotions, taxRounding: store.store.taxRounding });
  const without = pricingRules(store.taxCategories, { taxRounding: store.store.taxRounding });
  const time = (rules: typeof without): number[] => {
    const samples: number[] = [];
    for (let run = 0; run < WARM_UP + runs; run += 1) {
      const started = performance.now();
      priceBasket(basket, rules);
      if (run >= WARM_UP) samples.push(performance.now() - started);
    }
    return samples;
  };
  // Interleave the two so machine load hits both alike.
  const promoted: number[] = [];
  const plain: number[] = [];
  for (let round = 0; round < 4; round += 1) {
    plain.push(...time(without));
    promoted.push(...time(withPromotions));
  }
  const check = priceBasket(basket, withPromotions);
  if (check.discountTotal <= 0) throw new Error('bench: the promotions saved nothing, so the bench measures nothing');

  const pricing = summarise(promoted);
  const baseline = summarise(plain);
  return {
    what: `price a ${LINES}-line basket (${basket.lines.reduce((sum, line) => sum + (line.item.soldBy === 'weight' ? 1 : line.quantity), 0)} units) with ${promotions.length} active promotions (saving ${check.discountTotal} of ${check.subtotal})`,
    pricing,
    baseline: { what: 'the same basket priced with no promotions (lines, tax, totals)', ...baseline },
    ratio: { p50: ratio(pricing.p50Ms, baseline.p50Ms), p99: ratio(pricing.p99Ms, baseline.p99Ms) },
  };
}
