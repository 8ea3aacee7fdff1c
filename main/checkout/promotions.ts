import type { DiscountSource } from '../../common/basket.ts';
import type { ItemSnapshot } from '../../common/catalog.ts';
import { roundHalfUp } from '../../common/money.ts';
import { basisPoints, type Promotion, type Target } from '../../common/promotions.ts';
import { allocate } from './allocate.ts';
import { chooseDealSets, compareUnits, type DealPromotion, type Unit } from './deals.ts';

/**
 * Item promotions: the savings of percent-off, amount-off, member prices and the quantity deals
 * (multi-buy, mix-and-match, buy-get), allocated to lines to the minor unit.
 *
 * How the engine picks what is best for the shopper, deterministically:
 * 1. Each unit first gets its best single item discount (percent-off, amount-off or member
 *    price; they never stack). Ties go to the promotion with the smaller id.
 * 2. Quantity deals then compete for units (deals.ts). Units are ranked by their price after
 *    step 1 (highest first; ties by item id, line id, unit number) and a deal takes the
 *    highest-ranked free units it accepts. Deals that share units are settled together: up to
 *    five by trying every order of priority and the best-set-first greedy, keeping what saves
 *    most (the greedy on ties, then orders by promotion id); larger groups by the greedy, which
 *    takes the set that saves most over its units' step-1 discounts first (ties: smaller id).
 *    A unit belongs to at most one set and then loses its step-1 discount.
 * 3. A set's saving is spread over all its units in proportion to their prices (largest
 *    remainder), so returning one unit of a deal refunds what was really paid for it.
 * Items sold by weight and labelled items are one indivisible unit: they take item discounts
 * but no quantity deals.
 */

export interface PromotableLine {
  readonly lineId: string;
  readonly item: ItemSnapshot;
  /** Count, or grams for weighed lines. */
  readonly quantity: number;
  /** `each`: `quantity` units at `unitPrice`; `whole`: one unit worth `extendedPrice`. */
  readonly kind: 'each' | 'whole';
  readonly unitPrice: number;
  readonly extendedPrice: number;
  /** Grams, when the whole line is a weighed amount (per-kilogram discounts need it). */
  readonly grams: number | null;
}

export interface LineSaving {
  readonly lineId: string;
  readonly source: DiscountSource;
  readonly id: string;
  readonly label: string;
  readonly amount: number;
}

const BASIS = 10_000;

const compiled = new WeakMap<Target, { items: ReadonlySet<string>; departments: ReadonlySet<string> }>();

export function targets(target: Target, item: ItemSnapshot): boolean {
  let sets = compiled.get(target);
  if (!sets) {
    sets = { items: new Set(target.items), departments: new Set(target.departments) };
    compiled.set(target, sets);
  }
  return sets.items.has(item.itemId) || (item.department !== undefined && sets.departments.has(item.department));
}

/** Whether a promotion runs on `day` (YYYY-MM-DD) for this shopper. */
export function isActive(promotion: { validFrom?: string | undefined; validTo?: string | undefined; membersOnly?: boolean }, day: string, member: boolean): boolean {
  if (promotion.validFrom !== undefined && day < promotion.validFrom) return false;
  if (promotion.validTo !== undefined && day > promotion.validTo) return false;
  return member || promotion.membersOnly !== true;
}

type ItemPromotion = Extract<Promotion, { type: 'percent-off' | 'amount-off' | 'member-price' }>;

const sourceOf = (promotion: Promotion): DiscountSource => (promotion.type === 'member-price' || promotion.membersOnly ? 'member' : 'promotion');

/** What one item promotion takes off one unit (or the whole weighed line). */
function itemDiscount(promotion: ItemPromotion, line: PromotableLine, value: number): number {
  switch (promotion.type) {
    case 'percent-off':
      return roundHalfUp(value * basisPoints(promotion.percentOff), BASIS);
    case 'amount-off':
      return Math.min(value, line.grams === null ? promotion.amountOff : roundHalfUp(promotion.amountOff * line.grams, 1000));
    case 'member-price': {
      if (line.kind === 'whole' && line.grams === null) return 0; // a label's price is not a per-unit price
      const price = line.grams === null ? promotion.price : roundHalfUp(promotion.price * line.grams, 1000);
      return Math.max(0, value - price);
    }
    default: {
      const unreachable: never = promotion;
      throw new Error(`unknown item promotion ${JSON.stringify(unreachable)}`);
    }
  }
}

function add(savings: Map<string, LineSaving>, saving: LineSaving): void {
  if (saving.amount === 0) return;
  const key = `${saving.lineId}|${saving.source}|${saving.id}`;
  const existing = savings.get(key);
  savings.set(key, existing ? { ...existing, amount: existing.amount + saving.amount } : saving);
}

/**
 * The item promotions' savings for `lines` (lines with an operator's price are not passed in),
 * given the promotions active for this shopper. The result is the same for any order of lines.
 */
export function promotionSavings(lines: readonly PromotableLine[], active: readonly Promotion[]): LineSaving[] {
  const itemPromotions = active.filter((p): p is ItemPromotion => p.type === 'percent-off' || p.type === 'amount-off' || p.type === 'member-price');
  const deals = active
    .filter((p): p is DealPromotion => p.type === 'multi-buy' || p.type === 'mix-and-match' || p.type === 'buy-get')
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const savings = new Map<string, LineSaving>();
  const units: Unit<ItemPromotion>[] = [];

  for (const line of lines) {
    const value = line.kind === 'each' ? line.unitPrice : line.extendedPrice;
    let best: { promotion: ItemPromotion; amount: number } | null = null;
    for (const promotion of itemPromotions) {
      if (!targets(promotion.target, line.item)) continue;
      const amount = itemDiscount(promotion, line, value);
      if (amount > 0 && (!best || amount > best.amount || (amount === best.amount && promotion.id < best.promotion.id))) best = { promotion, amount };
    }
    const count = line.kind === 'each' ? line.quantity : 1;
    for (let n = 0; n < count; n += 1) {
      units.push({ key: `${line.lineId}#${String(n).padStart(3, '0')}`, line, value, itemDiscount: best?.amount ?? 0, itemPromotion: best?.promotion ?? null, used: false });
    }
  }
  units.sort(compareUnits);

  const dealsOf = new Map<string, number[]>();
  for (const line of lines) {
    if (line.kind === 'each') dealsOf.set(line.lineId, deals.flatMap((deal, index) => (targets(deal.target, line.item) ? [index] : [])));
  }
  const sets = chooseDealSets(deals, units, (lineId) => dealsOf.get(lineId) ?? []);

  for (const set of sets) {
    const parts = allocate(set.discount, set.units.map((unit) => ({ key: unit.key, weight: unit.value })));
    for (const unit of set.units) {
      add(savings, { lineId: unit.line.lineId, source: sourceOf(set.promotion), id: set.promotion.id, label: set.promotion.label, amount: parts.get(unit.key) ?? 0 });
    }
  }
  for (const unit of units) {
    if (unit.used || !unit.itemPromotion) continue;
    add(savings, { lineId: unit.line.lineId, source: sourceOf(unit.itemPromotion), id: unit.itemPromotion.id, label: unit.itemPromotion.label, amount: unit.itemDiscount });
  }
  return [...savings.values()].sort((a, b) => (a.lineId === b.lineId ? (a.id < b.id ? -1 : 1) : a.lineId < b.lineId ? -1 : 1));
}
