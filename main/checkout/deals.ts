import type { ItemSnapshot } from '../../common/catalog.ts';
import { roundHalfUp } from '../../common/money.ts';
import { basisPoints, type Promotion } from '../../common/promotions.ts';

/**
 * Quantity deals (multi-buy, mix-and-match, buy-get) competing for the units of a basket.
 *
 * Deals that can take the same units form a group; groups are independent. In a group of up to
 * MAX_EXACT_GROUP deals the engine tries every order of priority between them (each deal takes
 * as many sets as still save money, then the next) besides the greedy below, and keeps the
 * result that saves the shopper most; the greedy one wins ties, then the orders in promotion-id
 * order. Larger groups use the greedy: every deal proposes its best next set (the highest-ranked
 * free units it accepts) and the set that saves most over its units' item discounts is taken,
 * ties to the smaller promotion id, until no set saves anything more.
 */

export type DealPromotion = Extract<Promotion, { type: 'multi-buy' | 'mix-and-match' | 'buy-get' }>;

export interface Unit<P> {
  readonly key: string;
  readonly line: { readonly lineId: string; readonly item: ItemSnapshot; readonly kind: 'each' | 'whole' };
  readonly value: number;
  /** The best item discount of this unit, and the promotion it comes from. */
  readonly itemDiscount: number;
  readonly itemPromotion: P | null;
  used: boolean;
}

export interface DealSet<P> {
  readonly promotion: DealPromotion;
  readonly units: readonly Unit<P>[];
  /** Saving against the regular price of the units. */
  readonly discount: number;
  /** Saving over what the units had from their item discounts. */
  readonly benefit: number;
}

/** Up to 5 deals sharing units: at most 120 orders of priority are tried. */
const MAX_EXACT_GROUP = 5;
const BASIS = 10_000;

/** Ranks units by their price after item discounts, highest first; ties by item id, then key. */
export function compareUnits<P>(a: Unit<P>, b: Unit<P>): number {
  const ea = a.value - a.itemDiscount;
  const eb = b.value - b.itemDiscount;
  if (ea !== eb) return eb - ea;
  if (a.value !== b.value) return b.value - a.value;
  if (a.line.item.itemId !== b.line.item.itemId) return a.line.item.itemId < b.line.item.itemId ? -1 : 1;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

function firstFree<P>(units: readonly Unit<P>[], count: number): Unit<P>[] | null {
  const picked: Unit<P>[] = [];
  for (const unit of units) {
    if (unit.used) continue;
    picked.push(unit);
    if (picked.length === count) return picked;
  }
  return null;
}

function makeSet<P>(promotion: DealPromotion, units: Unit<P>[]): DealSet<P> | null {
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

interface DealUnits<P> {
  readonly deal: DealPromotion;
  /** The units the deal accepts, in rank order. */
  readonly eligible: readonly Unit<P>[];
  /** For a multi-buy: the eligible units per item, items in id order. */
  readonly byItem: readonly (readonly Unit<P>[])[];
}

/** The best next set a deal can make from the free units it accepts. */
function nextSet<P>({ deal, eligible, byItem }: DealUnits<P>): DealSet<P> | null {
  switch (deal.type) {
    case 'mix-and-match': {
      const units = firstFree(eligible, deal.quantity);
      return units && makeSet(deal, units);
    }
    case 'buy-get': {
      const units = firstFree(eligible, deal.buy + deal.get);
      return units && makeSet(deal, units);
    }
    case 'multi-buy': {
      let best: DealSet<P> | null = null;
      for (const units of byItem) {
        const picked = firstFree(units, deal.quantity);
        const set = picked && makeSet(deal, picked);
        if (set && (!best || set.benefit > best.benefit)) best = set;
      }
      return best;
    }
    default: {
      const unreachable: never = deal;
      throw new Error(`unknown deal ${JSON.stringify(unreachable)}`);
    }
  }
}

function take<P>(set: DealSet<P>, sets: DealSet<P>[]): void {
  for (const unit of set.units) unit.used = true;
  sets.push(set);
}

/** Best set first, over all the group's deals. Proposals are remade only when a unit of theirs was taken. */
function greedy<P>(group: readonly DealUnits<P>[], limit: number): DealSet<P>[] {
  const sets: DealSet<P>[] = [];
  const proposals = group.map((entry) => nextSet(entry));
  for (let round = 0; round < limit; round += 1) {
    let best: DealSet<P> | null = null;
    for (const set of proposals) {
      if (set && set.benefit > 0 && (!best || set.benefit > best.benefit)) best = set;
    }
    if (!best) break;
    take(best, sets);
    proposals.forEach((set, index) => {
      const entry = group[index];
      if (entry && set && set.units.some((unit) => unit.used)) proposals[index] = nextSet(entry);
    });
  }
  return sets;
}

/** Each deal in turn takes every set that still saves money. */
function inOrder<P>(order: readonly DealUnits<P>[], limit: number): DealSet<P>[] {
  const sets: DealSet<P>[] = [];
  for (const entry of order) {
    for (let round = 0; round < limit; round += 1) {
      const set = nextSet(entry);
      if (!set || set.benefit <= 0) break;
      take(set, sets);
    }
  }
  return sets;
}

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, index) => permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]));
}

const benefitOf = <P>(sets: readonly DealSet<P>[]): number => sets.reduce((sum, set) => sum + set.benefit, 0);

/** Groups of deals that share units (union-find over the units' deals). */
function groups<P>(entries: readonly DealUnits<P>[]): DealUnits<P>[][] {
  const parent = entries.map((_, index) => index);
  const root = (index: number): number => {
    let at = index;
    while (parent[at] !== at) at = parent[at] ?? at;
    return at;
  };
  const firstDealOf = new Map<string, number>();
  entries.forEach((entry, index) => {
    for (const unit of entry.eligible) {
      const other = firstDealOf.get(unit.key);
      if (other === undefined) firstDealOf.set(unit.key, index);
      else parent[root(index)] = root(other);
    }
  });
  const byRoot = new Map<number, DealUnits<P>[]>();
  entries.forEach((entry, index) => {
    if (entry.eligible.length === 0) return;
    const key = root(index);
    byRoot.set(key, [...(byRoot.get(key) ?? []), entry]);
  });
  return [...byRoot.values()];
}

/**
 * The sets of units the deals take, the best for the shopper found as described above.
 * `deals` come sorted by id and `units` ranked by compareUnits.
 */
export function chooseDealSets<P>(deals: readonly DealPromotion[], units: readonly Unit<P>[], dealsOfLine: (lineId: string) => readonly number[]): DealSet<P>[] {
  if (deals.length === 0) return [];
  const eligibleOf: Unit<P>[][] = deals.map(() => []);
  for (const unit of units) {
    if (unit.line.kind !== 'each') continue;
    for (const index of dealsOfLine(unit.line.lineId)) eligibleOf[index]?.push(unit);
  }
  const entries: DealUnits<P>[] = deals.map((deal, index) => {
    const eligible = eligibleOf[index] ?? [];
    const perItem = new Map<string, Unit<P>[]>();
    if (deal.type === 'multi-buy') {
      for (const unit of eligible) {
        const list = perItem.get(unit.line.item.itemId);
        if (list) list.push(unit);
        else perItem.set(unit.line.item.itemId, [unit]);
      }
    }
    const byItem = [...perItem.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, list]) => list);
    return { deal, eligible, byItem };
  });

  const chosen: DealSet<P>[] = [];
  for (const group of groups(entries)) {
    const groupUnits = [...new Set(group.flatMap((entry) => entry.eligible))];
    const reset = (): void => {
      for (const unit of groupUnits) unit.used = false;
    };
    let best = greedy(group, groupUnits.length);
    if (group.length > 1 && group.length <= MAX_EXACT_GROUP) {
      for (const order of permutations(group)) {
        reset();
        const sets = inOrder(order, groupUnits.length);
        if (benefitOf(sets) > benefitOf(best)) best = sets;
      }
    }
    reset();
    for (const set of best) take(set, chosen);
  }
  return chosen;
}
