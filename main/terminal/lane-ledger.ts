import { TerminalError } from '../../common/api/result.ts';
import { BasketEventSchema, type BasketEvent } from '../checkout/index.ts';
import { LedgerError } from '../ledger/errors.ts';
import type { JournalEvent } from '../ledger/journal-event.ts';
import type { Ledger } from '../ledger/ledger.ts';
import type { LaneLedger } from './lane.ts';

/** A journaled basket event keeps the engine's event as its payload, stamped with its time. */
function toJournal(events: readonly BasketEvent[], recordedAt: string): JournalEvent[] {
  return events.map((event) => ({ type: event.type, payload: event, recordedAt }));
}

/** The ledger's refusals that a shopper can cause become API errors; the rest are faults. */
function translate<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof LedgerError && error.code === 'INVALID_BARCODE') {
      throw new TerminalError('INVALID_BARCODE', error.message, 'code');
    }
    throw error;
  }
}

/** Fits the ledger's repositories to what a lane needs of them. */
export function laneLedger(ledger: Ledger, now: () => string): LaneLedger {
  return {
    findItem: (code) => translate(() => ledger.catalog.findByCode(code)),
    appendBasketEvents(basketId, events, requestId, opened) {
      return ledger.transaction(() => {
        if (ledger.baskets.isRequestApplied(requestId)) return false;
        if (opened) ledger.baskets.openBasket(basketId, opened.laneId, opened.at);
        return ledger.baskets.append(basketId, toJournal(events, now()), requestId);
      });
    },
    cancelBasket: (basketId, events, requestId) => ledger.baskets.cancel(basketId, now(), toJournal(events, now()), requestId),
    completeSale(sale) {
      const completion = ledger.sales.completeSale({
        saleId: sale.saleId,
        basketId: sale.basketId,
        laneId: sale.laneId,
        completedAt: sale.completedAt,
        currency: sale.currency,
        total: sale.total,
        document: sale.receipt,
        finalEvents: toJournal(sale.finalEvents, sale.completedAt),
        payments: sale.tenders.map((tender) => ({
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
      });
      return { receiptNumber: completion.receiptNumber };
    },
    findOpenBasket(laneId) {
      const open = ledger.baskets.findOpenBasket(laneId);
      // Read journal rows through the engine's parser, never a cast.
      return open ? open.events.map((event) => BasketEventSchema.parse(event.payload)) : null;
    },
  };
}
