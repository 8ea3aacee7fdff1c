import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Notice, TerminalEvent, TerminalState } from '../../../common/api/contract.ts';
import type { CommandName } from '../../../common/api/names.ts';
import type { Result } from '../../../common/api/result.ts';
import type { ReturnableSale, ReturnQuote, ReturnView } from '../../../common/returns.ts';
import { DEMO_STORE_FILE, readStoreFile } from '../../../main/ledger/demo-store.ts';
import type { PaymentOutcome } from '../../../main/terminal/lane.ts';
import { lanePricing } from '../../../main/terminal/lane-pricing.ts';
import { runLedgerCli } from '../../../main/terminal/ledger-cli.ts';
import { localExitSale } from '../../../main/terminal/gate-setup.ts';
import { returnDesk, type CardRefunds } from '../../../main/terminal/returns.ts';
import { startTerminal, type RunningTerminal } from '../../../main/terminal/terminal.ts';
import { demoTerminalConfig } from '../../support/terminal-config.ts';
import { useTempDir } from '../../unit/ledger/temp-dir.ts';

const SOURDOUGH = '4006381333931';
const COLA = '036000291452';
const CASHIER = { kind: 'pin', operatorId: '1001', pin: '1234' } as const;
const MANAGER = { kind: 'pin', operatorId: '3001', pin: '9012' } as const;

const dir = useTempDir();
let terminal: RunningTerminal;
const notices: Notice[] = [];
let request = 0;
const nextRequest = (): string => `req-rt-${String((request += 1)).padStart(6, '0')}`;

async function call(command: CommandName, input: Record<string, unknown> = {}): Promise<Result<unknown>> {
  return terminal.api.dispatch(command, { requestId: nextRequest(), ...input });
}

async function value<T>(command: CommandName, input: Record<string, unknown> = {}): Promise<T> {
  const result = await call(command, input);
  if (!result.ok) throw new Error(`${command} failed: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

/** Sells 3 × sourdough and a cola: 5.00 in cash, the rest by card. */
async function sell(): Promise<{ receiptNumber: string; total: number }> {
  await value('basket.scan', { code: SOURDOUGH, source: 'keyed', quantity: 3 });
  await value('basket.scan', { code: COLA, source: 'keyed' });
  await value('tender.cash', { tendered: 500 });
  await value('payment.start', { method: 'card' });
  await terminal.lane.settled();
  const receipt = terminal.lane.state().receipt;
  if (!receipt) throw new Error('the sale did not complete');
  await value('sale.finish');
  return { receiptNumber: receipt.receiptNumber, total: receipt.total };
}

beforeEach(async () => {
  notices.length = 0;
  const config = demoTerminalConfig({ dataDir: dir(), role: 'associate', laneId: 'L01', devices: [{ kind: 'payment', protocol: 'simulator', name: 'Card terminal', delayMs: 0 }] });
  terminal = await startTerminal(config, pino({ level: 'silent' }));
  terminal.api.subscribe((event: TerminalEvent) => {
    if (event.event === 'notice') notices.push(event.payload);
  });
  await value('operator.signIn', { credential: CASHIER });
  await value('shift.open', { float: [{ denomination: 2000, count: 5 }] });
});

afterEach(async () => {
  await terminal.stop();
});

describe('a return by receipt at the associate lane', () => {
  it('refunds the picked units at the price paid, card first and cash last, until the sale is returned in full', async () => {
    const { receiptNumber, total } = await sell();
    const sale = await value<ReturnableSale>('return.lookup', { receiptNumber });
    expect(sale.tenders.map((tender) => [tender.method, tender.paid])).toEqual([
      ['cash', 500],
      ['card', total - 500],
    ]);
    const bread = sale.lines.find((line) => line.code.endsWith(SOURDOUGH));
    const cola = sale.lines.find((line) => line.code.endsWith(COLA));
    if (!bread || !cola) throw new Error('the sale lacks its lines');
    expect(bread).toMatchObject({ quantity: 3, units: 3, returnedUnits: 0 });

    const quote = await value<ReturnQuote>('return.quote', { receiptNumber, lines: [{ lineId: bread.lineId, quantity: 1 }] });
    expect(quote.refunds).toEqual([{ method: 'card', label: expect.stringMatching(/^VISA \*\*\*\*\d{4}$/) as string, amount: quote.total }]);

    const first = await value<ReturnView>('return.byReceipt', { receiptNumber, lines: [{ lineId: bread.lineId, quantity: 1 }] });
    expect(first).toMatchObject({ originalReceiptNumber: receiptNumber, total: quote.total });
    // Partly returned, the receipt still lets its shopper out at the exit gate.
    expect(localExitSale(terminal.ledger, receiptNumber)).toMatchObject({ voided: false });
    expect(first.text).toContain(`Original receipt ${receiptNumber}`);

    // The rest of the sale: the card gets the rest of what it paid, cash the last 5.00, from the drawer.
    const rest = await value<ReturnView>('return.byReceipt', { receiptNumber, lines: [{ lineId: bread.lineId, quantity: 2 }, { lineId: cola.lineId, quantity: 1 }] });
    expect(first.total + rest.total).toBe(total);
    expect(rest.refunds.find((refund) => refund.method === 'cash')?.amount).toBe(500);
    const card = [...first.refunds, ...rest.refunds].filter((refund) => refund.method === 'card').reduce((sum, refund) => sum + refund.amount, 0);
    expect(card).toBe(total - 500);
    expect(terminal.ledger.shifts.totals(terminal.ledger.shifts.openShiftOf('L01') ?? (() => { throw new Error('no shift'); })()).expectedCash).toBe(10_000);

    const over = await call('return.byReceipt', { receiptNumber, lines: [{ lineId: cola.lineId, quantity: 1 }] });
    expect(over).toMatchObject({ ok: false, error: { code: 'ALREADY_RETURNED' } });
    const after = await value<ReturnableSale>('return.lookup', { receiptNumber });
    expect(after.returns.map((entry) => entry.total)).toEqual([first.total, rest.total]);
    expect(after.tenders.every((tender) => tender.refunded === tender.paid)).toBe(true);
    // Returned in full, nothing paid is left to leave with.
    expect(localExitSale(terminal.ledger, receiptNumber)).toMatchObject({ voided: true });

    // A sale with returns is not post-voided on top of them; the chain verifies.
    await value('operator.signOut');
    await value('operator.signIn', { credential: MANAGER });
    expect(await call('sale.postVoid', { receiptNumber, reason: 'customer-request' })).toMatchObject({ ok: false, error: { code: 'SALE_HAS_RETURNS' } });
    expect(terminal.ledger.sales.verifyChain()).toEqual({ ok: true, count: 3 });
    expect(terminal.ledger.audit.recent({ action: 'sale.return' })).toHaveLength(2);
  });

  it('a retry of the same request refunds once', async () => {
    const { receiptNumber } = await sell();
    const sale = await value<ReturnableSale>('return.lookup', { receiptNumber });
    const lineId = sale.lines[0]?.lineId;
    const input = { requestId: 'req-rt-same-retry', receiptNumber, lines: [{ lineId, quantity: 1 }] };
    const once = await terminal.api.dispatch('return.byReceipt', input);
    const again = await terminal.api.dispatch('return.byReceipt', input);
    expect(again).toEqual(once);
    expect(terminal.ledger.returns.returnsOf(sale.saleId)).toHaveLength(1);
  });

  it('refuses a post-voided sale and an unknown receipt', async () => {
    expect(await call('return.lookup', { receiptNumber: 'L01-009999' })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_SALE' } });
    const { receiptNumber } = await sell();
    await value('operator.signOut');
    await value('operator.signIn', { credential: MANAGER });
    await value('sale.postVoid', { receiptNumber, reason: 'customer-request' });
    const sale = await value<ReturnableSale>('return.lookup', { receiptNumber });
    expect(sale.voided).not.toBeNull();
    expect(await call('return.byReceipt', { receiptNumber, lines: [{ lineId: sale.lines[0]?.lineId, quantity: 1 }] })).toMatchObject({ ok: false, error: { code: 'SALE_ALREADY_VOIDED' } });
  });

  it('a scanned receipt barcode opens Returns instead of ringing an item', async () => {
    const { receiptNumber } = await sell();
    const state = await value<TerminalState>('basket.scan', { code: `RCPT-${receiptNumber}`, source: 'scanner' });
    expect(state.basket).toBeNull();
    expect(notices).toContainEqual({ level: 'info', code: 'RECEIPT', message: receiptNumber });
  });
});

describe('the card reader refunding a return', () => {
  /** A desk on the running lane's ledger and session whose card reader answers as `answer` says. */
  function deskWith(answer: (reference: string, calls: number) => PaymentOutcome, staffedLane = true): { desk: ReturnType<typeof returnDesk>; references: string[] } {
    const references: string[] = [];
    const reader: CardRefunds = {
      refund: (request) => {
        references.push(request.reference);
        return Promise.resolve(answer(request.reference, references.length));
      },
    };
    const store = readStoreFile(DEMO_STORE_FILE);
    const desk = returnDesk({
      ledger: terminal.ledger,
      printer: null,
      staffedLane,
      session: terminal.session,
      payment: reader,
      drawer: null,
      settings: { laneId: 'L01', currency: 'USD', taxMode: store.store.taxMode },
      storeName: store.store.name,
      taxCategories: terminal.ledger.catalog.taxCategories(),
      pricing: lanePricing(store, null),
      noReceiptDays: 30,
      paymentUnderWay: () => false,
      now: () => new Date().toISOString(),
      newId: (prefix) => `${prefix}_${String((request += 1))}`,
      notify: () => undefined,
      log: pino({ level: 'silent' }),
    });
    return { desk, references };
  }
  const approved = (amount: number): PaymentOutcome => ({ status: 'approved', amount, brand: 'VISA', last4: '0119', authCode: '123456', reference: 'SIM000077' });

  it('is refused at a lane nobody staffs (self-checkout), even with a manager’s approval', async () => {
    const { receiptNumber } = await sell();
    const sale = await value<ReturnableSale>('return.lookup', { receiptNumber });
    const { desk, references } = deskWith(() => approved(1), false);
    await expect(desk.returnByReceipt(receiptNumber, [{ lineId: sale.lines[0]?.lineId ?? '', quantity: 1 }], 'req-rt-unstaffed')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(() => desk.returnWithoutReceipt(COLA, 1, { method: 'cash' }, 'req-rt-unstaffed-2')).toThrowError(expect.objectContaining({ code: 'FORBIDDEN' }) as Error);
    expect(references).toEqual([]);
  });

  it('writes nothing when the card refund is declined', async () => {
    const { receiptNumber } = await sell();
    const sale = await value<ReturnableSale>('return.lookup', { receiptNumber });
    const { desk } = deskWith(() => ({ status: 'declined', reason: 'Card not accepted' }));
    await expect(desk.returnByReceipt(receiptNumber, [{ lineId: sale.lines[0]?.lineId ?? '', quantity: 1 }], 'req-rt-declined-1')).rejects.toMatchObject({ code: 'REFUND_DECLINED' });
    expect(terminal.ledger.returns.returnsOf(sale.saleId)).toEqual([]);
    expect(terminal.ledger.audit.recent({ action: 'sale.return' })).toEqual([]);
  });

  it('a lost answer, retried under the same request, asks the reader again with the same reference and refunds once', async () => {
    const { receiptNumber } = await sell();
    const sale = await value<ReturnableSale>('return.lookup', { receiptNumber });
    const lines = [{ lineId: sale.lines[0]?.lineId ?? '', quantity: 1 }];
    const quote = await value<ReturnQuote>('return.quote', { receiptNumber, lines });
    const { desk, references } = deskWith((_reference, calls) => (calls === 1 ? { status: 'failed', reason: 'no answer', cause: 'outcome-unknown' } : approved(quote.total)));
    await expect(desk.returnByReceipt(receiptNumber, lines, 'req-rt-lost-answer')).rejects.toMatchObject({ code: 'DEVICE_UNAVAILABLE' });
    expect(terminal.ledger.returns.returnsOf(sale.saleId)).toEqual([]);
    const done = await desk.returnByReceipt(receiptNumber, lines, 'req-rt-lost-answer');
    expect(references).toHaveLength(2);
    expect(references[1]).toBe(references[0]);
    expect(done.refunds).toEqual([expect.objectContaining({ method: 'card', amount: quote.total })]);
    expect(terminal.ledger.returns.returnsOf(sale.saleId)).toHaveLength(1);
  });
});

describe('a return without a receipt', () => {
  it('a cashier cannot make one without a manager’s approval; approved, it is refunded at the lowest recent price and audited with the manager', async () => {
    await sell();
    const quote = await value<ReturnQuote>('return.quoteNoReceipt', { code: COLA, quantity: 2 });
    const unit = (quote.lines[0]?.amount ?? 0) / 2;
    expect(unit).toBeGreaterThan(0);

    const requestId = 'req-rt-no-receipt-1';
    const input = { requestId, code: COLA, quantity: 2, refund: { method: 'cash' } };
    const refused = await terminal.api.dispatch('return.noReceipt', input);
    expect(refused).toMatchObject({ ok: false, error: { code: 'APPROVAL_REQUIRED' } });
    expect(await call('return.view', { requestId })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_SALE' } });
    expect(terminal.ledger.returns.byRequest(requestId)).toBeNull();

    // A supervisor is not enough; the manager is.
    const approval = terminal.session.view().approval;
    if (!approval) throw new Error('no approval is waiting');
    expect(approval).toMatchObject({ permission: 'return.noReceipt', approverRole: 'manager' });
    expect(await call('approval.grant', { approvalId: approval.approvalId, credential: { kind: 'pin', operatorId: '2001', pin: '5678' } })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await value('approval.grant', { approvalId: approval.approvalId, credential: MANAGER });

    const done = await value<ReturnView>('return.view', { requestId });
    expect(done).toMatchObject({ originalReceiptNumber: null, total: quote.total, refunds: [{ method: 'cash', amount: quote.total }] });
    expect(done.text).toContain('Approved by manager 3001');
    const [audit] = terminal.ledger.audit.recent({ action: 'sale.returnWithoutReceipt' });
    expect(audit).toMatchObject({ operatorId: '1001', approverId: '3001' });
    expect(terminal.ledger.sales.verifyChain()).toEqual({ ok: true, count: 2 });
  });

  it('refunds store credit onto a card, and never an item sold by weight', async () => {
    await value('operator.signOut');
    await value('operator.signIn', { credential: MANAGER });
    const done = await value<ReturnView>('return.noReceipt', { code: SOURDOUGH, quantity: 1, refund: { method: 'store-credit', code: 'CREDIT-778899' } });
    expect(done.refunds[0]).toMatchObject({ method: 'store-credit', label: 'Store credit ****8899' });
    expect(terminal.ledger.giftCards.find('CREDIT-778899')?.balance).toBe(done.total);
    const bananas = await call('return.noReceipt', { code: '4011', quantity: 1, refund: { method: 'cash' } });
    expect(bananas).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('sold by weight') as string } });
  });
});

describe('npm run ledger -- verify after returns', () => {
  it('answers 0', async () => {
    const { receiptNumber } = await sell();
    const sale = await value<ReturnableSale>('return.lookup', { receiptNumber });
    await value('return.byReceipt', { receiptNumber, lines: [{ lineId: sale.lines[0]?.lineId, quantity: 1 }] });
    const file = terminal.ledger.file;
    await terminal.stop();
    let out = '';
    expect(runLedgerCli(['verify', '--db', file], { out: (text) => (out += text), err: () => undefined })).toBe(0);
    expect(out).toMatch(/2/);
    terminal = await startTerminal(demoTerminalConfig({ dataDir: dir(), role: 'associate', laneId: 'L01', devices: [] }), pino({ level: 'silent' }));
  });
});
