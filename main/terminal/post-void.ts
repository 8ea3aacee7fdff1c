import { TerminalError } from '../../common/api/result.ts';
import type { PostVoidReason, PostVoidView, SaleSummary } from '../../common/session.ts';
import { LedgerError } from '../ledger/errors.ts';
import type { Ledger } from '../ledger/ledger.ts';
import type { OperatorSession } from './operator-session.ts';

export interface PostVoidDesk {
  lookup(receiptNumber: string): SaleSummary;
  postVoid(receiptNumber: string, reason: PostVoidReason, requestId: string): PostVoidView;
}

/** The ledger's refusals a cashier can cause become API errors with the same meaning. */
function translate<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof LedgerError && (error.code === 'UNKNOWN_SALE' || error.code === 'SALE_ALREADY_VOIDED' || error.code === 'SALE_HAS_RETURNS' || error.code === 'NO_OPEN_SHIFT' || error.code === 'INVALID_INPUT')) {
      throw new TerminalError(error.code, error.message, error.field);
    }
    throw error;
  }
}

/**
 * Gives each tender of a post-voided sale back what it paid, in the void's transaction: cash
 * leaves the open shift's drawer (so the count still adds up), a gift card gets its amount back.
 * A card is refunded on the card reader; the ledger's reversing entry is its record.
 */
function refundTenders(ledger: Ledger, voided: { voidId: string; saleId: string; receiptNumber: string; laneId: string; at: string; operatorId: string | null; approverId: string | null }): void {
  ledger.shifts.tendersOfSale(voided.saleId).forEach((tender, index) => {
    const requestId = `${voided.voidId}-r${index + 1}`;
    switch (tender.method) {
      case 'cash':
        ledger.shifts.moveCash({
          movementId: requestId,
          laneId: voided.laneId,
          kind: 'refund',
          amount: tender.amount - tender.rounding,
          reason: 'post-void',
          note: `receipt ${voided.receiptNumber}`,
          operatorId: voided.operatorId,
          approverId: voided.approverId,
          requestId,
          at: voided.at,
        });
        break;
      case 'gift-card':
        if (tender.giftCardId !== null) ledger.giftCards.refund({ cardId: tender.giftCardId, amount: tender.amount, basketId: voided.saleId, laneId: voided.laneId, requestId, at: voided.at });
        break;
      case 'card':
        break;
      default: {
        const unreachable: never = tender.method;
        throw new Error(`unknown tender ${String(unreachable)}`);
      }
    }
  });
}

/**
 * Finding a completed sale by its receipt number and post-voiding it: the reversing journal
 * entry, its outbox message and the audit record are committed together.
 */
export function postVoidDesk(options: { ledger: Ledger; session: OperatorSession; laneId: string; now: () => string; newVoidId: () => string }): PostVoidDesk {
  const { ledger, session } = options;
  return {
    lookup(receiptNumber) {
      const sale = ledger.sales.findByReceiptNumber(receiptNumber);
      if (!sale) throw new TerminalError('UNKNOWN_SALE', `no completed sale has the receipt number ${receiptNumber}`, 'receiptNumber');
      const voided = ledger.postVoids.voidOf(sale.saleId);
      const lines = sale.document.lines;
      return {
        saleId: sale.saleId,
        receiptNumber: sale.receiptNumber,
        laneId: sale.laneId,
        completedAt: sale.completedAt,
        currency: sale.currency,
        total: sale.total,
        lineCount: Array.isArray(lines) ? lines.length : 0,
        voided: voided && { receiptNumber: voided.receiptNumber, voidedAt: voided.voidedAt },
      };
    },
    postVoid(receiptNumber, reason, requestId) {
      const actor = session.actor();
      const entry = translate(() =>
        ledger.transaction(() => {
          const done = ledger.postVoids.postVoid({
            voidId: options.newVoidId(),
            receiptNumber,
            laneId: options.laneId,
            voidedAt: options.now(),
            reason,
            operatorId: actor.operatorId,
            approverId: actor.approverId,
            requestId,
          });
          if (!done.replayed) {
            refundTenders(ledger, { voidId: done.voidId, saleId: done.voidedSaleId, receiptNumber: done.voidedReceiptNumber, laneId: options.laneId, at: options.now(), ...actor });
            session.record({
              action: 'sale.postVoid',
              subject: done.voidedSaleId,
              details: { receiptNumber: done.voidedReceiptNumber, voidReceiptNumber: done.receiptNumber, total: done.total, currency: done.currency, reason },
            });
          }
          return done;
        }),
      );
      return {
        voidId: entry.voidId,
        receiptNumber: entry.receiptNumber,
        voidedSaleId: entry.voidedSaleId,
        voidedReceiptNumber: entry.voidedReceiptNumber,
        currency: entry.currency,
        total: entry.total,
        voidedAt: entry.voidedAt,
      };
    },
  };
}
