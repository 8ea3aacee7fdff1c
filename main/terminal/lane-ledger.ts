import { TerminalError } from '../../common/api/result.ts';
import { BasketEventSchema, contribution, type BasketEvent, type Tender } from '../checkout/index.ts';
import type { SaleTenderEntry } from '../ledger/shifts.ts';
import { LedgerError } from '../ledger/errors.ts';
import type { JournalEvent } from '../ledger/journal-event.ts';
import type { Ledger } from '../ledger/ledger.ts';
import { versionsUsed } from '../ledger/promotions.ts';
import { safeReference, type LaneLedger } from './lane.ts';

/** A journaled basket event keeps the engine's event as its payload, stamped with its time. */
function toJournal(events: readonly BasketEvent[], recordedAt: string): JournalEvent[] {
  return events.map((event) => ({ type: event.type, payload: event, recordedAt }));
}

/** The ledger's refusals that a shopper or cashier can cause become API errors; the rest are faults. */
export function translate<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof LedgerError) {
      switch (error.code) {
        case 'INVALID_BARCODE':
          throw new TerminalError('INVALID_BARCODE', error.message, 'code');
        case 'GIFT_CARD_REFUSED':
        case 'NO_OPEN_SHIFT':
        case 'SHIFT_ALREADY_OPEN':
        case 'DAY_CLOSED':
          throw new TerminalError(error.code, error.message, error.field);
        case 'PAYMENT_IN_DOUBT':
          throw new TerminalError('BASKET_LOCKED', error.message, error.field);
        default:
          break;
      }
    }
    throw error;
  }
}

/** A sale's tender as the drawer and the reports count it. */
function tenderEntry(tender: Tender): SaleTenderEntry {
  switch (tender.method) {
    case 'card':
      return { tenderId: tender.tenderId, method: 'card', amount: tender.amount, tendered: tender.amount, change: 0, rounding: 0, giftCardId: null, takenAt: tender.approvedAt };
    case 'cash':
      return { tenderId: tender.tenderId, method: 'cash', amount: tender.amount, tendered: tender.tendered, change: tender.change, rounding: tender.rounding, giftCardId: null, takenAt: tender.takenAt };
    case 'gift-card':
      return { tenderId: tender.tenderId, method: 'gift-card', amount: tender.amount, tendered: tender.amount, change: 0, rounding: 0, giftCardId: tender.cardId, takenAt: tender.redeemedAt };
    default: {
      const unreachable: never = tender;
      throw new Error(`unknown tender ${JSON.stringify(unreachable)}`);
    }
  }
}

/**
 * Fits the ledger's repositories to what a lane needs of them. `promotionVersions` are the
 * versions of the promotions the lane prices with; a completed sale records those it used.
 */
export function laneLedger(ledger: Ledger, now: () => string, promotionVersions: ReadonlyMap<string, number> = new Map()): LaneLedger {
  return {
    findItem: (code) => translate(() => ledger.catalog.findByCode(code)),
    appendBasketEvents(basketId, events, requestId, opened, alongside) {
      return ledger.transaction(() => {
        if (ledger.baskets.isRequestApplied(requestId)) return false;
        if (opened) ledger.baskets.openBasket(basketId, opened.laneId, opened.at);
        const appended = ledger.baskets.append(basketId, toJournal(events, now()), requestId);
        alongside?.();
        return appended;
      });
    },
    cancelBasket: (basketId, laneId, events, requestId) =>
      translate(() =>
        ledger.transaction(() => {
          const cancelled = ledger.baskets.cancel(basketId, now(), toJournal(events, now()), requestId);
          if (!cancelled) return false;
          for (const reversal of events.flatMap((event) => (event.type === 'basket.cancelled' ? (event.reversals ?? []) : []))) {
            if (reversal.method !== 'gift-card' || reversal.cardId === undefined) continue;
            ledger.giftCards.refund({ cardId: reversal.cardId, amount: reversal.amount, basketId, laneId, requestId: `void-${safeReference(reversal.tenderId)}`.slice(0, 64), at: now() });
          }
          return true;
        }),
      ),
    takeTender(basketId, events, requestId, alongside) {
      return ledger.transaction(() => {
        if (ledger.baskets.isRequestApplied(requestId)) return false;
        alongside?.();
        return ledger.baskets.append(basketId, toJournal(events, now()), requestId);
      });
    },
    completeSale: (sale) => translate(() => ledger.transaction(() => {
      sale.alongside?.();
      const cards = sale.tenders.filter((tender) => tender.method === 'card');
      const completion = ledger.sales.completeSale({
        saleId: sale.saleId,
        basketId: sale.basketId,
        laneId: sale.laneId,
        completedAt: sale.completedAt,
        currency: sale.currency,
        total: sale.total,
        document: sale.receipt,
        finalEvents: toJournal(sale.finalEvents, sale.completedAt),
        payments: cards.map((tender) => ({
          paymentId: tender.tenderId,
          method: tender.method,
          amount: tender.amount,
          brand: tender.brand,
          last4: tender.last4,
          authCode: tender.authCode,
          reference: tender.reference,
          approvedAt: tender.approvedAt,
        })),
        requestId: sale.requestId,
        settledByOtherTenders: sale.tenders.filter((tender) => tender.method !== 'card').reduce((sum, tender) => sum + contribution(tender), 0),
      });
      if (!completion.replayed) {
        ledger.shifts.recordSaleTenders(sale.saleId, sale.laneId, sale.businessDate, sale.tenders.map(tenderEntry));
        ledger.promotions.recordSaleUse(sale.saleId, versionsUsed(sale.receipt(completion.receiptNumber).savings, promotionVersions));
      }
      return { receiptNumber: completion.receiptNumber };
    })),
    beginPayment: (attempt) => translate(() => ledger.paymentAttempts.begin({ ...attempt, startedAt: now() })),
    paymentNotCharged: (basketId) => void ledger.paymentAttempts.resolve(basketId, 'not-charged', now()),
    paymentCharged: (basketId) => void ledger.paymentAttempts.resolve(basketId, 'approved', now()),
    paymentInDoubt: (basketId) => ledger.paymentAttempts.unresolved(basketId),
    findOpenBasket(laneId) {
      const open = ledger.baskets.findOpenBasket(laneId);
      // Read journal rows through the engine's parser, never a cast.
      return open ? open.events.map((event) => BasketEventSchema.parse(event.payload)) : null;
    },
  };
}
