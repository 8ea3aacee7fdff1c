import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Notice } from '../../common/api/contract.ts';
import { TerminalError } from '../../common/api/result.ts';
import type { TaxCategory } from '../../common/catalog.ts';
import type { ReceiptDocument } from '../../common/receipt.ts';
import { receiptBarcodePayload } from '../../common/scanned-code.ts';
import { RefundViewSchema, ReturnedLineSchema, type NoReceiptRefund, type RefundView, type ReturnableSale, type ReturnQuote, type ReturnSelection, type ReturnView } from '../../common/returns.ts';
import { planReturn, renderReturnReceiptText, shelfUnitPrice, type LaneSettings, type ReturnPlan } from '../checkout/index.ts';
import { LedgerError } from '../ledger/errors.ts';
import type { Ledger } from '../ledger/ledger.ts';
import type { RecordReturnInput } from '../ledger/returns.ts';
import { openDrawer, type DrawerKick } from './cash-drawer.ts';
import type { PaymentOutcome } from './lane.ts';
import type { Logger } from './log.ts';
import type { OperatorSession } from './operator-session.ts';
import { rulesFor, type LanePricing } from './pricing-setup.ts';
import { returnableView, saleForReturn, type SaleTender } from './returnable-sale.ts';
import { weighableKey } from './scan-decision.ts';

/** What a return needs of the card reader: a refund, once per reference. */
export interface CardRefunds {
  refund(request: { reference: string; amount: number; currency: string }): Promise<PaymentOutcome>;
}

/** What the desk needs of the lane's receipt printer (drivers/printer/receipt-printer.ts). */
export interface ReturnPrinter {
  readonly columns: number;
  print(document: ReceiptDocument): Promise<void>;
}

export interface ReturnDeskOptions {
  readonly ledger: Ledger;
  readonly printer: ReturnPrinter | null;
  /** Returns are taken only where an operator works the lane (associate, attendant). */
  readonly staffedLane: boolean;
  readonly session: OperatorSession;
  readonly payment: CardRefunds | null;
  readonly drawer: DrawerKick | null;
  readonly settings: LaneSettings;
  readonly storeName: string;
  readonly taxCategories: readonly TaxCategory[];
  readonly pricing: LanePricing;
  /** How far back a return without a receipt looks for the lowest price paid. */
  readonly noReceiptDays: number;
  /** Whether the lane is taking a payment (the card reader is then busy). */
  readonly paymentUnderWay: () => boolean;
  readonly now: () => string;
  readonly newId: (prefix: string) => string;
  readonly notify: (notice: Notice) => void;
  readonly log: Logger;
}

export interface ReturnDesk {
  lookup(receiptNumber: string): ReturnableSale;
  quote(receiptNumber: string, lines: ReturnSelection): ReturnQuote;
  returnByReceipt(receiptNumber: string, lines: ReturnSelection, requestId: string): Promise<ReturnView>;
  quoteWithoutReceipt(code: string, quantity: number): ReturnQuote;
  returnWithoutReceipt(code: string, quantity: number, refund: NoReceiptRefund, requestId: string): ReturnView;
  /** The return committed under a request id (after a step-up approval ran it), or UNKNOWN_SALE. */
  byRequest(requestId: string): ReturnView;
}

/** The return's journal document: everything its receipt prints, and who did it. */
const ReturnDocument = z.object({
  type: z.literal('return'),
  returnId: z.string(),
  receiptNumber: z.string(),
  originalReceiptNumber: z.string().nullable(),
  laneId: z.string(),
  storeName: z.string(),
  returnedAt: z.string(),
  currency: z.string(),
  lines: z.array(ReturnedLineSchema),
  /** Negative, like the entry's total. */
  total: z.number().int(),
  refunds: z.array(RefundViewSchema),
  operatorId: z.string().nullable(),
  approverId: z.string().nullable(),
});

/** The ledger's refusals an operator can cause become API errors with the same meaning. */
function translate<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof LedgerError) {
      switch (error.code) {
        case 'UNKNOWN_SALE':
        case 'SALE_ALREADY_VOIDED':
        case 'ALREADY_RETURNED':
        case 'NO_OPEN_SHIFT':
        case 'GIFT_CARD_REFUSED':
        case 'DAY_CLOSED':
        case 'INVALID_INPUT':
          throw new TerminalError(error.code, error.message, error.field);
        default:
          break;
      }
    }
    throw error;
  }
}

/** A card refund's reference, the same for every retry of one request (the reader then refunds once). */
export function cardRefundReference(requestId: string, index: number): string {
  return `RF${createHash('sha256').update(requestId).digest('hex').slice(0, 24)}-${index + 1}`;
}

/**
 * Returns at a staffed lane. By receipt: the picked lines refund what was paid for them to the
 * sale's own tenders (card first, then gift card, cash last; see refundToTenders), a card through
 * the card reader before anything is written. Without a receipt (a manager's permission): the
 * lowest price the item sold for in the last days, or its shelf price if lower, in cash or onto
 * store credit. Each return is a journal entry committed with its cash, gift card and audit rows.
 */
export function returnDesk(options: ReturnDeskOptions): ReturnDesk {
  const { ledger, session, settings } = options;
  const currency = settings.currency;
  const shelfRules = rulesFor(options.taxCategories, { ...options.pricing, promotions: [], coupons: [] });

  /** Prints a new return on the lane's printer; a printer problem never undoes it (it is on screen). */
  const print = (document: unknown): void => {
    const printer = options.printer;
    if (!printer) return;
    const doc = ReturnDocument.parse(document);
    const lines = renderReturnReceiptText({ ...doc, total: -doc.total }, { timeZone: settings.timeZone ?? 'UTC', width: Math.max(32, Math.min(64, printer.columns)) }).trimEnd().split('\n');
    const payload = receiptBarcodePayload(doc.receiptNumber);
    const blocks: ReceiptDocument['blocks'] = [
      ...lines.map((text): ReceiptDocument['blocks'][number] => (text.trim() === payload ? { type: 'barcode', symbology: 'code128', data: payload } : text === '' ? { type: 'feed' } : { type: 'line', text })),
      { type: 'feed', lines: 3 },
      { type: 'cut' },
    ];
    printer.print({ blocks }).catch((error: unknown) => {
      options.log.error({ err: error, receiptNumber: doc.receiptNumber }, 'return receipt not printed');
      options.notify({ level: 'error', code: 'DEVICE', message: `The return receipt ${doc.receiptNumber} was not printed; it is shown on screen.` });
    });
  };

  const viewOf = (document: unknown, returnId: string): ReturnView => {
    const doc = ReturnDocument.parse(document);
    const text = renderReturnReceiptText({ ...doc, total: -doc.total }, { timeZone: settings.timeZone ?? 'UTC' });
    return {
      returnId,
      receiptNumber: doc.receiptNumber,
      originalReceiptNumber: doc.originalReceiptNumber,
      returnedAt: doc.returnedAt,
      currency: doc.currency,
      lines: doc.lines,
      total: -doc.total,
      refunds: doc.refunds,
      text,
    };
  };

  const linesOf = (plan: ReturnPlan): ReturnQuote['lines'] =>
    plan.lines.map(({ line, units, amount }) => ({
      lineId: line.lineId,
      name: line.name,
      code: line.code,
      soldBy: line.soldBy,
      units,
      grams: line.soldBy === 'weight' ? line.quantity : null,
      amount,
    }));

  const refundViews = (plan: ReturnPlan, tenders: readonly SaleTender[]): RefundView[] =>
    plan.refunds.map((refund) => ({ method: refund.method, label: tenders.find((tender) => tender.tenderId === refund.tenderId)?.label ?? refund.method, amount: refund.amount }));

  const planFor = (receiptNumber: string, lines: ReturnSelection) => {
    const found = saleForReturn(ledger, receiptNumber);
    if (found.voided) {
      throw new TerminalError('SALE_ALREADY_VOIDED', `the sale ${found.sale.receiptNumber} was post-voided (void ${found.voided.receiptNumber}); nothing of it can be returned`, 'receiptNumber');
    }
    const plan = planReturn({ lines: found.lines, tenders: found.tenders }, { returnedUnits: found.returnedUnits, refunded: found.refunded }, lines);
    return { found, plan };
  };

  /** The item of a code keyed or scanned for a return without a receipt, priced for it. */
  const noReceiptLine = (code: string, quantity: number) => {
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > 999) throw new TerminalError('INVALID_INPUT', 'return 1 to 999 units', 'quantity');
    const hit = ledger.catalog.findByCode(weighableKey(code, options.pricing));
    if (!hit) throw new TerminalError('UNKNOWN_ITEM', `no item has the code ${code}`, 'code');
    if (hit.item.soldBy === 'weight') throw new TerminalError('INVALID_INPUT', `${hit.item.name} is sold by weight: it is returned only with its receipt`, 'code');
    const at = options.now();
    const since = new Date(Date.parse(at) - options.noReceiptDays * 86_400_000).toISOString();
    const paid = ledger.returns.lowestPaidUnitPrice(hit.item.itemId, since);
    const shelf = shelfUnitPrice(hit.code, hit.item, settings, shelfRules, at);
    const unitPrice = paid === null ? shelf : Math.min(paid, shelf);
    return { lineId: null, name: hit.item.name, code: hit.code, soldBy: 'each' as const, units: quantity, grams: null, amount: unitPrice * quantity };
  };

  const record = (input: Omit<RecordReturnInput, 'operatorId' | 'approverId' | 'document' | 'returnedAt' | 'laneId' | 'currency'>, original: string | null, refunds: readonly RefundView[], alongside: (returnId: string, at: string) => void): ReturnView => {
    const actor = session.actor();
    const at = options.now();
    const total = input.lines.reduce((sum, line) => sum + line.amount, 0);
    const entry = translate(() =>
      ledger.transaction(() => {
        const done = ledger.returns.record({
          ...input,
          laneId: settings.laneId,
          currency,
          returnedAt: at,
          operatorId: actor.operatorId,
          approverId: actor.approverId,
          document: (receiptNumber) => ({
            type: 'return',
            returnId: input.returnId,
            receiptNumber,
            originalReceiptNumber: original,
            laneId: settings.laneId,
            storeName: options.storeName,
            returnedAt: at,
            currency,
            lines: input.lines.map(({ lineId, name, itemCode, soldBy, units, grams, amount }) => ({ lineId, name, code: itemCode, soldBy, units, grams, amount })),
            total: -total,
            refunds,
            operatorId: actor.operatorId,
            approverId: actor.approverId,
          }),
        });
        if (!done.replayed) {
          alongside(done.returnId, at);
          session.record({
            action: input.saleId === null ? 'sale.returnWithoutReceipt' : 'sale.return',
            subject: done.returnId,
            details: { receiptNumber: done.receiptNumber, originalReceiptNumber: original, total, currency, refunds: refunds.map((refund) => ({ method: refund.method, amount: refund.amount })) },
          });
        }
        return done;
      }),
    );
    if (!entry.replayed) print(entry.document);
    return viewOf(entry.document, entry.returnId);
  };

  const giveBackCash = (returnId: string, amount: number, at: string, note: string): void => {
    const actor = session.actor();
    ledger.shifts.moveCash({ movementId: `${returnId}-cash`, laneId: settings.laneId, kind: 'refund', amount, reason: 'return', note, ...actor, requestId: `${returnId}-cash`, at });
  };

  const requireStaffedLane = (): void => {
    if (!options.staffedLane) throw new TerminalError('FORBIDDEN', 'returns are taken at a staffed lane');
  };

  const requireShiftFor = (cash: number): void => {
    if (cash > 0 && !ledger.shifts.openShiftOf(settings.laneId)) throw new TerminalError('NO_OPEN_SHIFT', 'open a shift with a cash float before giving cash back');
  };

  return {
    lookup(receiptNumber) {
      return returnableView(ledger, saleForReturn(ledger, receiptNumber));
    },

    quote(receiptNumber, lines) {
      const { found, plan } = planFor(receiptNumber, lines);
      return { currency, lines: linesOf(plan), total: plan.total, refunds: refundViews(plan, found.tenders) };
    },

    async returnByReceipt(receiptNumber, lines, requestId) {
      requireStaffedLane();
      const earlier = ledger.returns.byRequest(requestId);
      if (earlier) return viewOf(earlier.document, earlier.returnId);
      const { found, plan } = planFor(receiptNumber, lines);
      const cash = plan.refunds.filter((refund) => refund.method === 'cash').reduce((sum, refund) => sum + refund.amount, 0);
      requireShiftFor(cash);
      const cardRefunds = plan.refunds.filter((refund) => refund.method === 'card');
      if (cardRefunds.length > 0 && (!options.payment || options.paymentUnderWay())) {
        throw new TerminalError('DEVICE_UNAVAILABLE', options.payment ? 'the card reader is taking a payment; finish it first' : 'this lane has no card reader to refund the card');
      }
      // The card reader refunds first; nothing is written unless it approves. A retry of the same
      // request uses the same references, so a refund the reader already made is not made twice.
      const approvals = new Map<string, { brand: string; last4: string; authCode: string; reference: string }>();
      for (const [index, refund] of cardRefunds.entries()) {
        const outcome = await (options.payment as CardRefunds).refund({ reference: cardRefundReference(requestId, index), amount: refund.amount, currency });
        if (outcome.status === 'failed') {
          // The reader may or may not have refunded: the same request again asks it first.
          options.log.warn({ receiptNumber, cause: outcome.cause }, 'card refund failed');
          throw new TerminalError('DEVICE_UNAVAILABLE', `the card reader did not complete the refund of ${refund.amount} (${outcome.reason}); try again: nothing is refunded twice`);
        }
        if (outcome.status !== 'approved' || outcome.amount !== refund.amount) {
          const why = outcome.status === 'declined' ? outcome.reason : outcome.status === 'aborted' ? 'cancelled on the card reader' : `approved ${outcome.amount} of ${refund.amount}`;
          options.log.warn({ receiptNumber, status: outcome.status }, 'card refund not approved');
          throw new TerminalError('REFUND_DECLINED', `the card refund of ${refund.amount} was not approved: ${why}`);
        }
        approvals.set(refund.tenderId, { brand: outcome.brand, last4: outcome.last4, authCode: outcome.authCode, reference: outcome.reference });
      }
      const returnId = options.newId('rtn');
      const view = record(
        {
          returnId,
          saleId: found.sale.saleId,
          requestId,
          lines: plan.lines.map(({ line, units, amount }) => ({ lineId: line.lineId, itemCode: line.code, name: line.name, soldBy: line.soldBy, units, grams: line.soldBy === 'weight' ? line.quantity : null, amount })),
          refunds: plan.refunds.map((refund) => ({
            method: refund.method,
            amount: refund.amount,
            tenderId: refund.tenderId,
            giftCardId: found.tenders.find((tender) => tender.tenderId === refund.tenderId)?.giftCardId ?? null,
            card: approvals.get(refund.tenderId) ?? null,
          })),
        },
        found.sale.receiptNumber,
        refundViews(plan, found.tenders),
        (id, at) => {
          for (const refund of plan.refunds) {
            const tender = found.tenders.find((candidate) => candidate.tenderId === refund.tenderId);
            if (refund.method === 'cash') giveBackCash(id, refund.amount, at, `return of receipt ${found.sale.receiptNumber}`);
            if (refund.method === 'gift-card' && tender?.giftCardId) {
              ledger.giftCards.refund({ cardId: tender.giftCardId, amount: refund.amount, basketId: found.sale.basketId, laneId: settings.laneId, requestId: `${id}-${refund.tenderId}`.slice(0, 64), at });
            }
          }
        },
      );
      if (cash > 0) void openDrawer(options.drawer, 'return', options.notify, options.log);
      return view;
    },

    quoteWithoutReceipt(code, quantity) {
      const line = noReceiptLine(code, quantity);
      return { currency, lines: [line], total: line.amount, refunds: [] };
    },

    returnWithoutReceipt(code, quantity, refund, requestId) {
      requireStaffedLane();
      const earlier = ledger.returns.byRequest(requestId);
      if (earlier) return viewOf(earlier.document, earlier.returnId);
      const line = noReceiptLine(code, quantity);
      if (line.amount === 0) throw new TerminalError('INVALID_INPUT', `${line.name} has no price to refund`, 'code');
      if (refund.method === 'cash') requireShiftFor(line.amount);
      const label = refund.method === 'cash' ? 'Cash' : `Store credit ****${refund.code.slice(-4)}`;
      const refunds: RefundView[] = [{ method: refund.method, label, amount: line.amount }];
      const view = record(
        {
          returnId: options.newId('rtn'),
          saleId: null,
          requestId,
          lines: [{ lineId: null, itemCode: line.code, name: line.name, soldBy: 'each', units: quantity, grams: null, amount: line.amount }],
          refunds: [{ method: refund.method, amount: line.amount, tenderId: null, giftCardId: null, card: null }],
        },
        null,
        refunds,
        (id, at) => {
          if (refund.method === 'cash') {
            giveBackCash(id, line.amount, at, 'return without receipt');
            return;
          }
          ledger.giftCards.issue({ code: refund.code, amount: line.amount, currency, laneId: settings.laneId, operatorId: session.actor().operatorId, reason: 'store-credit', requestId: `${id}-credit`, at });
        },
      );
      if (refund.method === 'cash') void openDrawer(options.drawer, 'return', options.notify, options.log);
      return view;
    },

    byRequest(requestId) {
      const entry = ledger.returns.byRequest(requestId);
      if (!entry) throw new TerminalError('UNKNOWN_SALE', 'no return was made under that request', 'requestId');
      return viewOf(entry.document, entry.returnId);
    },
  };
}

