import type { ItemSnapshot, TaxCategory } from '../../../common/catalog.ts';
import type { Coupon, Promotion } from '../../../common/promotions.ts';
import { CouponSchema, PromotionSchema } from '../../../common/promotions.ts';
import { applyEvent, openBasket, type Basket, type BasketEvent, type EngineContext, type TaxMode } from '../../../main/checkout/index.ts';

export function fixedContext(now = '2026-11-22T10:00:00.000Z'): EngineContext {
  let n = 0;
  return { now: () => now, newId: (kind) => `${kind}_${String((n += 1)).padStart(4, '0')}` };
}

export const TAX: TaxCategory[] = [
  { code: 'grocery', label: 'Grocery 2.25%', ratePpm: 22_500 },
  {
    code: 'general',
    label: 'General 8.875%',
    ratePpm: 88_750,
    jurisdictions: [
      { name: 'New York State', ratePpm: 40_000 },
      { name: 'New York City', ratePpm: 45_000 },
      { name: 'MCTD', ratePpm: 3_750 },
    ],
  },
  { code: 'alcohol', label: 'Alcohol 10.25%', ratePpm: 102_500 },
];

const each = (itemId: string, name: string, unitPrice: number, department: string, taxCategory = 'grocery'): ItemSnapshot => ({
  itemId,
  name,
  unitPrice,
  taxCategory,
  soldBy: 'each',
  minimumAge: null,
  department,
});

export const ITEMS = {
  avocado: each('hass-avocado', 'Hass Avocado', 129, 'Produce'),
  yogurtPlain: each('greek-plain', 'Greek Yogurt Plain 5.3 oz', 139, 'Dairy & Eggs'),
  yogurtPeach: each('greek-peach', 'Greek Yogurt Peach 5.3 oz', 139, 'Dairy & Eggs'),
  yogurtBig: each('greek-32', 'Greek Yogurt Plain 32 oz', 649, 'Dairy & Eggs'),
  whiteBread: each('white-bread', 'White Sandwich Bread', 299, 'Bakery'),
  ryeBread: each('rye-bread', 'Rye Bread', 399, 'Bakery'),
  iceVanilla: each('ice-vanilla', 'Vanilla Ice Cream 48 oz', 549, 'Frozen'),
  iceMint: each('ice-mint', 'Mint Ice Cream 48 oz', 579, 'Frozen'),
  strawberries: each('strawberries', 'Strawberries 1 lb', 449, 'Produce'),
  cereal: each('oat-rings', 'Toasted Oat Rings 12 oz', 429, 'Pantry'),
  ribeye: each('ribeye', 'Ribeye Steak 12 oz', 1499, 'Meat & Seafood'),
  cola: each('cola', 'Cola 12-pack', 799, 'Beverages', 'general'),
  ipa: { ...each('ipa', 'IPA 6-pack', 1099, 'Beer & Wine', 'alcohol'), minimumAge: 21 },
  honeycrisp: { ...each('honeycrisp', 'Honeycrisp Apples', 659, 'Produce'), soldBy: 'weight' as const },
  oliveBar: { ...each('olive-bar', 'Olive Bar Mix', 2202, 'Produce'), soldBy: 'weight' as const, tareGrams: 18 },
  turkey: { ...each('deli-turkey', 'Deli Turkey Breast', 2202, 'Meat & Seafood'), soldBy: 'weight' as const },
} satisfies Record<string, ItemSnapshot>;

export const promotion = (data: Record<string, unknown>): Promotion => PromotionSchema.parse(data);
export const coupon = (data: Record<string, unknown>): Coupon => CouponSchema.parse(data);

/** Runs engine commands against a journal and keeps the journal, as the lane does. */
export class Till {
  readonly ctx: EngineContext;
  readonly journal: BasketEvent[] = [];
  basket: Basket;

  constructor(options: { currency?: string; taxMode?: TaxMode; now?: string; timeZone?: string } = {}) {
    this.ctx = fixedContext(options.now);
    const settings = { laneId: 'L01', currency: options.currency ?? 'USD', taxMode: options.taxMode ?? 'exclusive' as TaxMode };
    const opened = openBasket(options.timeZone ? { ...settings, timeZone: options.timeZone } : settings, this.ctx);
    this.journal.push(opened);
    this.basket = applyEvent(null, opened);
  }

  do(command: (basket: Basket, ctx: EngineContext) => BasketEvent[]): this {
    for (const event of command(this.basket, this.ctx)) {
      this.journal.push(event);
      this.basket = applyEvent(this.basket, event);
    }
    return this;
  }

  line(index: number): string {
    const line = this.basket.lines[index];
    if (!line) throw new Error(`the basket has no line ${index}`);
    return line.lineId;
  }
}
