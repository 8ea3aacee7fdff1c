import { z } from 'zod';
import { TerminalError } from '../../common/api/result.ts';
import { BasketLineViewSchema, TenderViewSchema } from '../../common/basket.ts';
import type { ReturnableSale } from '../../common/returns.ts';
import { returnableUnits, type RefundableTender, type SoldLine } from '../checkout/index.ts';
import type { Ledger } from '../ledger/ledger.ts';
import type { CommittedSale } from '../ledger/sales-journal.ts';

/** The sale's receipt document as a return reads it: its lines and how its tenders were shown. */
const SaleDocument = z.object({
  lines: z.array(BasketLineViewSchema.pick({ lineId: true, name: true, code: true, soldBy: true, quantity: true, amountPaid: true })),
  tenders: z.array(TenderViewSchema).default([]),
});

/** A tender of the sale with what a refund to it needs: its card id, and how to name it. */
export type SaleTender = RefundableTender & { readonly label: string; readonly giftCardId: string | null };

/** A completed sale read for a return: its lines, tenders and what earlier returns took back. */
export interface SaleForReturn {
  readonly sale: CommittedSale;
  readonly lines: readonly SoldLine[];
  readonly tenders: readonly SaleTender[];
  readonly returnedUnits: ReadonlyMap<string, number>;
  readonly refunded: ReadonlyMap<string, number>;
  readonly voided: { readonly receiptNumber: string; readonly voidedAt: string } | null;
}

/** Finds the sale of a receipt number in this lane's ledger, or refuses naming what was wrong. */
export function saleForReturn(ledger: Ledger, receiptNumber: string): SaleForReturn {
  const sale = ledger.sales.findByReceiptNumber(receiptNumber.trim().toUpperCase());
  if (!sale) throw new TerminalError('UNKNOWN_SALE', `no completed sale has the receipt number ${receiptNumber}`, 'receiptNumber');
  const document = SaleDocument.safeParse(sale.document);
  if (!document.success) throw new TerminalError('UNKNOWN_SALE', `the sale ${sale.receiptNumber} has no itemised receipt to return from`, 'receiptNumber');
  const cards = new Map(ledger.sales.paymentsOf(sale.saleId).map((payment) => [payment.paymentId, `${payment.brand} ****${payment.last4}`]));
  const shown = new Map(document.data.tenders.map((tender) => [tender.tenderId, tender]));
  const tenders = ledger.shifts.tendersOfSale(sale.saleId).map((tender): SaleTender => {
    switch (tender.method) {
      case 'card':
        return { tenderId: tender.tenderId, method: 'card', amount: tender.amount, label: cards.get(tender.tenderId) ?? 'Card', giftCardId: null };
      case 'gift-card': {
        const view = shown.get(tender.tenderId);
        return { tenderId: tender.tenderId, method: 'gift-card', amount: tender.amount, label: `Gift card ****${view?.method === 'gift-card' ? view.last4 : ''}`, giftCardId: tender.giftCardId };
      }
      case 'cash':
        return { tenderId: tender.tenderId, method: 'cash', amount: tender.amount, rounding: tender.rounding, label: 'Cash', giftCardId: null };
      default: {
        const unreachable: never = tender.method;
        throw new Error(`unknown tender ${String(unreachable)}`);
      }
    }
  });
  const voided = ledger.postVoids.voidOf(sale.saleId);
  return {
    sale,
    lines: document.data.lines,
    tenders,
    returnedUnits: ledger.returns.returnedUnits(sale.saleId),
    refunded: ledger.returns.refundedByTender(sale.saleId),
    voided: voided && { receiptNumber: voided.receiptNumber, voidedAt: voided.voidedAt },
  };
}

/** The view of a sale the Returns screen shows. */
export function returnableView(ledger: Ledger, found: SaleForReturn): ReturnableSale {
  const { sale } = found;
  return {
    saleId: sale.saleId,
    receiptNumber: sale.receiptNumber,
    laneId: sale.laneId,
    completedAt: sale.completedAt,
    currency: sale.currency,
    total: sale.total,
    lines: found.lines.map((line) => ({ ...line, units: returnableUnits(line), returnedUnits: found.returnedUnits.get(line.lineId) ?? 0 })),
    tenders: found.tenders.map((tender) => ({
      tenderId: tender.tenderId,
      method: tender.method,
      label: tender.label,
      paid: tender.amount - (tender.method === 'cash' ? tender.rounding : 0),
      refunded: found.refunded.get(tender.tenderId) ?? 0,
    })),
    voided: found.voided,
    returns: ledger.returns.returnsOf(sale.saleId).map((entry) => ({ receiptNumber: entry.receiptNumber, returnedAt: entry.returnedAt, total: -entry.total })),
  };
}
