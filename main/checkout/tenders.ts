import { TerminalError } from '../../common/api/result.ts';
import type { BasketView } from '../../common/basket.ts';
import type { Basket } from './basket.ts';
import { amountToPay, type EngineContext } from './engine.ts';
import type { BasketEvent, CashTender, GiftCardTender, Tender } from './events.ts';

/** The view fields a tender decision reads: what is due, exactly and in cash. */
export type DueView = Pick<BasketView, 'total' | 'due' | 'cash' | 'ageCheckRequired'>;

/** The tender event, and the completion when the tender settles what was due. */
function taken(tender: Tender, settles: boolean, ctx: EngineContext): BasketEvent[] {
  const events: BasketEvent[] = [{ type: 'tender.approved', tender }];
  if (settles) events.push({ type: 'basket.completed', saleId: ctx.newId('sale'), completedAt: ctx.now() });
  return events;
}

/**
 * Cash handed over for the rest of a basket. Enough for the rest rounded to the smallest coin
 * settles the sale (with rounding and change); less pays exactly what was handed over and leaves
 * the rest for another tender (split tender), so the change is never negative.
 */
export function tenderCash(basket: Basket, view: DueView, tendered: number, ctx: EngineContext): BasketEvent[] {
  if (!Number.isSafeInteger(tendered) || tendered <= 0) {
    throw new TerminalError('INVALID_INPUT', 'the cash handed over must be a positive whole number of minor units', 'tendered');
  }
  const due = amountToPay(basket, view.total, view.ageCheckRequired);
  if (due <= 0) throw new TerminalError('INVALID_INPUT', 'nothing is due', 'tendered');
  const cashDue = view.cash.due;
  const settles = tendered >= cashDue;
  const amount = settles ? cashDue : tendered;
  // A rest that rounds to nothing in cash (CHF 0.02 → 0.00) is paid by card, not with no coin at all.
  if (amount === 0) throw new TerminalError('INVALID_INPUT', 'nothing is due in cash; take the rest by card', 'tendered');
  const tender: CashTender = {
    tenderId: ctx.newId('tender'),
    method: 'cash',
    amount,
    tendered,
    change: tendered - amount,
    rounding: settles ? cashDue - due : 0,
    takenAt: ctx.now(),
  };
  return taken(tender, settles, ctx);
}

export interface GiftCardAccount {
  readonly cardId: string;
  readonly last4: string;
  readonly balance: number;
  readonly currency: string;
}

/**
 * Redeems a gift card or store credit: at most its balance, at most what is due, and at most the
 * amount asked for (to split the rest onto another tender).
 */
export function tenderGiftCard(basket: Basket, view: DueView, card: GiftCardAccount, requested: number | null, ctx: EngineContext): BasketEvent[] {
  const due = amountToPay(basket, view.total, view.ageCheckRequired);
  if (due <= 0) throw new TerminalError('INVALID_INPUT', 'nothing is due', 'amount');
  if (card.currency !== basket.currency) throw new TerminalError('GIFT_CARD_REFUSED', `the card holds ${card.currency}, the sale is in ${basket.currency}`, 'code');
  if (card.balance <= 0) throw new TerminalError('GIFT_CARD_REFUSED', `gift card ****${card.last4} has no balance left`, 'code');
  if (requested !== null && (!Number.isSafeInteger(requested) || requested <= 0)) {
    throw new TerminalError('INVALID_INPUT', 'the amount to take from the card must be a positive whole number of minor units', 'amount');
  }
  const amount = Math.min(card.balance, due, requested ?? due);
  const tender: GiftCardTender = {
    tenderId: ctx.newId('tender'),
    method: 'gift-card',
    amount,
    cardId: card.cardId,
    last4: card.last4,
    balanceAfter: card.balance - amount,
    redeemedAt: ctx.now(),
  };
  return taken(tender, amount === due, ctx);
}

/** What a refund needs to know of a tender that paid a sale. */
export type RefundableTender =
  | { readonly tenderId: string; readonly method: 'card' | 'gift-card'; readonly amount: number }
  | { readonly tenderId: string; readonly method: 'cash'; readonly amount: number; readonly rounding: number };

/** What a tender contributed to the sale's total: cash rounding belongs to the currency. */
export function contribution(tender: RefundableTender): number {
  return tender.amount - (tender.method === 'cash' ? tender.rounding : 0);
}

export interface TenderRefund {
  readonly tenderId: string;
  readonly method: Tender['method'];
  readonly amount: number;
}

/** Refunds go back to the card first, then the gift card, cash last: cash can be handed back anywhere. */
const REFUND_ORDER: readonly Tender['method'][] = ['card', 'gift-card', 'cash'];

/**
 * Splits a refund over the tenders that paid the sale, never giving a tender back more than it
 * paid (less what earlier refunds gave it): a full refund returns each tender exactly its share.
 */
export function refundToTenders(tenders: readonly RefundableTender[], refund: number, alreadyRefunded: ReadonlyMap<string, number> = new Map()): TenderRefund[] {
  if (!Number.isSafeInteger(refund) || refund <= 0) throw new TerminalError('INVALID_INPUT', 'a refund is a positive whole number of minor units', 'amount');
  const ordered = [...tenders].sort((a, b) => REFUND_ORDER.indexOf(a.method) - REFUND_ORDER.indexOf(b.method));
  const refundable = ordered.reduce((sum, tender) => sum + contribution(tender) - (alreadyRefunded.get(tender.tenderId) ?? 0), 0);
  if (refund > refundable) throw new TerminalError('INVALID_INPUT', `${refund} is more than the ${refundable} left to refund on this sale`, 'amount');
  const refunds: TenderRefund[] = [];
  let left = refund;
  for (const tender of ordered) {
    if (left === 0) break;
    const room = contribution(tender) - (alreadyRefunded.get(tender.tenderId) ?? 0);
    const amount = Math.min(room, left);
    if (amount > 0) refunds.push({ tenderId: tender.tenderId, method: tender.method, amount });
    left -= amount;
  }
  return refunds;
}
