import type { DiscountSource } from '../../common/basket.ts';
import type { ItemSnapshot } from '../../common/catalog.ts';
import { roundHalfUp } from '../../common/money.ts';
import { basisPoints, type Promotion, type Target } from '../../common/promotions.ts';
import { allocate } from './allocate.ts';

/**
 * Item promotions: the savings of percent-off, amount-off, member prices and the quantity deals
 * (multi-buy, mix-and-match, buy-get), allocated to lines to the minor unit.
 *
 * How the engine picks what is best for the shopper, deterministically:
 * 1. Each unit first gets its best single item discount (percent-off, amount-off or member
 *    price; they never stack). Ties go to the promotion with the smaller id.
 * 2. Quantity deals then compete for units. Units are ranked by their price after step 1
 *    (highest first; ties by item id, line id, unit number). Repeatedly, every deal proposes its
 *    best next set (the highest-ranked free units it accepts), and the set that saves the most
 *    over what its units already had from step 1 is taken; ties go to the smaller promotion id.
 *    A unit belongs to at most one set and then loses its step-1 discount. This stops when no set
 *    saves anything more. It is exactly the best result when no unit qualifies for two quantity
 *    deals (how stores set their deals up); with overlapping deals it is the greedy best set by set.
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
type DealPromotion = Extract<Promotion, { type: 'multi-buy' | 'mix-and-match' | 'buy-get' }>;

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

interface Unit {
  readonly key: string;
  readonly line: PromotableLine;
  readonly value: number;
  /** The best item discount of this unit and where it comes from. */
  readonly itemDiscount: number;
  readonly itemPromotion: ItemPromotion | null;
  used: boolean;
}

interface DealSet {
  readonly promotion: DealPromotion;
  readonly units: readonly Unit[];
  /** Saving against the regular price of the units. */
  readonly discount: number;
  /** Saving over what the units had from their item discounts. */
  readonly benefit: number;
}

function compareUnits(a: Unit, b: Unit): number {
  const ea = a.value - a.itemDiscount;
  const eb = b.value - b.itemDiscount;
  if (ea !== eb) return eb - ea;
  if (a.value !== b.value) return b.value - a.value;
  if (a.line.item.itemId !== b.line.item.itemId) return a.line.item.itemId < b.line.item.itemId ? -1 : 1;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

function firstFree(units: readonly Unit[], count: number): Unit[] | null {
  const picked: Unit[] = [];
  for (const unit of units) {
    if (unit.used) continue;
    picked.push(unit);
    if (picked.length === count) return picked;
  }
  return null;
}

function makeSet(promotion: DealPromotion, units: Unit[]): DealSet | null {
  const regular = units.reduce((sum, unit) => sum + unit.value, 0);
  const alreadySaved = units.reduce((sum, unit) => sum + unit.itemDiscount, 0);
  let discount: number;
  if (promotion.type === 'buy-get') {
    const cheapest = [...units].sort((a, b) => a.value - b.value || (a.key < b.key ? -1 : 1)).slice(0, promotion.get);
    discount = cheapest.reduce((sum, unit) => sum + roundHalfUp(unit.value * basisPoints(promotion.percentOff), BASIS), 0);
  } else {
    discount = regular - promotion.price;
  }
  if (discount <= 0) return null;
  return { promotion, units, discount, benefit: discount - alreadySaved };
}

/** The best next set a deal can make from the free units it accepts. */
function nextSet(promotion: DealPromotion, eligible: readonly Unit[], byItem: readonly (readonly Unit[])[]): DealSet | null {
  switch (promotion.type) {
    case 'mix-and-match': {
      const units = firstFree(eligible, promotion.quantity);
      return units && makeSet(promotion, units);
    }
    case 'buy-get': {
      const units = firstFree(eligible, promotion.buy + promotion.get);
      return units && makeSet(promotion, units);
    }
    case 'multi-buy': {
      let best: DealSet | null = null;
      for (const units of byItem) {
        const picked = firstFree(units, promotion.quantity);
        const set = picked && makeSet(promotion, picked);
        if (set && (!best || set.benefit > best.benefit)) best = set;
      }
      return best;
    }
    default: {
      const unreachable: never = promotion;
      throw new Error(`unknown deal ${JSON.stringify(unreachable)}`);
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
  const units: Unit[] = [];

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

  const sets: DealSet[] = [];
  if (deals.length > 0) {
    // Which deals each line qualifies for, then every deal's units in the global ranking.
    const dealsOf = new Map<string, number[]>();
    for (const line of lines) {
      if (line.kind !== 'each') continue;
      dealsOf.set(line.lineId, deals.flatMap((deal, index) => (targets(deal.target, line.item) ? [index] : [])));
    }
    const eligibleOf: Unit[][] = deals.map(() => []);
    for (const unit of units) {
      for (const index of dealsOf.get(unit.line.lineId) ?? []) eligibleOf[index]?.push(unit);
    }
    const dealUnits = deals.map((deal, index) => {
      const eligible = eligibleOf[index] ?? [];
      const perItem = new Map<string, Unit[]>();
      if (deal.type === 'multi-buy') {
        for (const unit of eligible) {
          const list = perItem.get(unit.line.item.itemId);
          if (list) list.push(unit);
          else perItem.set(unit.line.item.itemId, [unit]);
        }
      }
      // Items in id order, so equal sets of two items resolve to the smaller item id.
      const byItem = [...perItem.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, list]) => list);
      return { deal, eligible, byItem };
    });
    // A deal's proposal only changes when a unit of it was taken, so proposals are kept between
    // rounds and remade only then. Each round takes one set: at most as many rounds as units.
    const proposals = dealUnits.map(({ deal, eligible, byItem }) => nextSet(deal, eligible, byItem));
    for (let round = 0; round < units.length; round += 1) {
      let best: DealSet | null = null;
      for (const set of proposals) {
        if (set && set.benefit > 0 && (!best || set.benefit > best.benefit)) best = set;
      }
      if (!best) break;
      for (const unit of best.units) unit.used = true;
      sets.push(best);
      proposals.forEach((set, index) => {
        const entry = dealUnits[index];
        if (entry && set && set.units.some((unit) => unit.used)) proposals[index] = nextSet(entry.deal, entry.eligible, entry.byItem);
      });
    }
  }

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
