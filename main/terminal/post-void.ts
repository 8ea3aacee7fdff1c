import { TerminalError } from '../../common/api/result.ts';
import type { PostVoidReason, PostVoidView, SaleSummary } from '../../common/session.ts';
import { LedgerError } from '../ledger/errors.ts';
import type { Ledger } from '../ledger/ledger.ts';
import { safeReference, type LanePaymentTerminal } from './lane.ts';
import type { OperatorSession } from './operator-session.ts';

export interface PostVoidDesk {
  lookup(receiptNumber: string): SaleSummary;
  postVoid(receiptNumber: string, reason: PostVoidReason, requestId: string): Promise<PostVoidView>;
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
 * Card payments were voided on the card reader just before (`voidCards`); the reversing entry is
 * their record.
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
export function postVoidDesk(options: {
  ledger: Ledger;
  session: OperatorSession;
  laneId: string;
  now: () => string;
  newVoidId: () => string;
  /** The lane's card reader, which voids the sale's card payments; null on a lane without one. */
  payment: LanePaymentTerminal | null;
}): PostVoidDesk {
  const { ledger, session, payment } = options;

  /**
   * Voids the sale's card payments on the card reader before anything is written: a sale whose
   * card money did not go back is not post-voided. Each void's reference comes from the request,
   * so a retry voids nothing twice; a void that was done and then the ledger refused (the sale was
   * voided or returned meanwhile) is logged by the caller.
   */
  const voidCards = async (receiptNumber: string, requestId: string): Promise<void> => {
    const sale = ledger.sales.findByReceiptNumber(receiptNumber);
    if (!sale || ledger.postVoids.voidOf(sale.saleId) || ledger.returns.returnsOf(sale.saleId).length > 0) return; // the ledger refuses it with the reason
    const cards = ledger.sales.paymentsOf(sale.saleId);
    if (cards.length === 0) return;
    if (!payment) throw new TerminalError('DEVICE_UNAVAILABLE', `sale ${receiptNumber} was paid by card, and this lane has no card reader to void it on`);
    for (const [index, card] of cards.entries()) {
      const outcome = await payment.void({ reference: `PV${safeReference(requestId)}${index + 1}`.slice(-40), target: card.reference });
      if (outcome.status !== 'approved') {
        const why = outcome.status === 'declined' || outcome.status === 'failed' ? outcome.reason : 'the void was stopped';
        throw new TerminalError('REFUND_DECLINED', `the card reader did not void the card payment of ${card.amount} (card ending ${card.last4}): ${why}; the sale is not post-voided`);
      }
    }
  };

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
    async postVoid(receiptNumber, reason, requestId) {
      await voidCards(receiptNumber, requestId);
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
