import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Notice } from '../../../common/api/contract.ts';
import type { ReceiptDocument } from '../../../common/receipt.ts';
import type { DenominationCount } from '../../../common/shift.ts';
import { DEMO_STORE_FILE, readStoreFile } from '../../../main/ledger/demo-store.ts';
import type { Ledger } from '../../../main/ledger/ledger.ts';
import { CredentialCheck } from '../../../main/terminal/credentials.ts';
import { Lane, type LanePaymentTerminal } from '../../../main/terminal/lane.ts';
import { laneLedger } from '../../../main/terminal/lane-ledger.ts';
import { OperatorSession } from '../../../main/terminal/operator-session.ts';
import { postVoidDesk, type PostVoidDesk } from '../../../main/terminal/post-void.ts';
import { shiftDesk, type ShiftDesk } from '../../../main/terminal/shifts.ts';
import { tenderDesk, type TenderDesk } from '../../../main/terminal/tendering.ts';
import { fixedContext } from '../checkout/basket-builder.ts';
import { useTempDir } from '../ledger/temp-dir.ts';
import { ledgerWithOperators } from '../operators/fixtures.ts';
import { refusal } from '../../support/refusal.ts';

const store = readStoreFile(DEMO_STORE_FILE);
const dir = useTempDir();
const log = pino({ level: 'silent' });

let ledger: Ledger;
let lane: Lane;
let tenders: TenderDesk;
let shifts: ShiftDesk;
let notices: Notice[];
let kicks: number;
let printed: ReceiptDocument[];
let voids: PostVoidDesk;
let request = 0;
const next = (): string => `req-${String((request += 1)).padStart(6, '0')}`;

/** What the card reader of the next test approves at most (a partial approval), and whether it voids. */
let approvesUpTo: number | null = null;
let voidsPayments = true;
let voided: string[] = [];

/** A card reader that approves whatever it is asked for (or up to `approvesUpTo`), and voids on request. */
const approvingReader: LanePaymentTerminal = {
  sale: (request) =>
    Promise.resolve({ status: 'approved', amount: Math.min(request.amount, approvesUpTo ?? request.amount), brand: 'VISA', last4: '0119', authCode: 'A12345', reference: `T${request.reference}` }),
  abort: () => Promise.resolve(),
  void: (request) => {
    if (!voidsPayments) return Promise.resolve({ status: 'declined', reason: 'void window closed' });
    voided.push(request.target);
    return Promise.resolve({ status: 'approved', amount: 0, brand: 'VISA', last4: '0119', authCode: 'V12345', reference: `T${request.reference}` });
  },
  transactionStatus: () => Promise.resolve({ state: 'unknown' }),
  onPrompt: () => undefined,
};

async function setUp(options: { drawer: boolean }): Promise<void> {
  ledger = await ledgerWithOperators(dir());
  ledger.catalog.importCatalog(store);
  const context = fixedContext('2026-11-22T15:00:00.000Z');
  const credentials = new CredentialCheck({ operators: ledger.operators, audit: ledger.audit, laneId: 'L01', now: context.now });
  const session = new OperatorSession({ terminalRole: 'associate', laneId: 'L01', credentials, audit: ledger.audit, now: context.now, newApprovalId: () => 'apv_1' });
  await session.signIn({ kind: 'pin', operatorId: '3001', pin: '9012' });
  lane = new Lane({
    role: 'associate',
    settings: { laneId: 'L01', currency: 'USD', taxMode: 'exclusive', timeZone: 'America/New_York' },
    storeName: store.store.name,
    locale: 'en-US',
    taxCategories: ledger.catalog.taxCategories(),
    ledger: laneLedger(ledger, context.now),
    payment: approvingReader,
    context,
    devices: () => [],
    log,
  });
  notices = [];
  kicks = 0;
  approvesUpTo = null;
  voidsPayments = true;
  voided = [];
  printed = [];
  const drawer = options.drawer
    ? {
        open: () => {
          kicks += 1;
          return Promise.resolve();
        },
      }
    : null;
  const notify = (notice: Notice): void => {
    notices.push(notice);
  };
  voids = postVoidDesk({ ledger, session, laneId: 'L01', now: context.now, newVoidId: () => `void_${(request += 1)}`, payment: approvingReader });
  tenders = tenderDesk({ lane, ledger, session, drawer, laneId: 'L01', currency: 'USD', context, notify, log });
  let ids = 0;
  shifts = shiftDesk({
    ledger,
    session,
    drawer,
    printer: {
      print: (document) => {
        printed.push(document);
        return Promise.resolve();
      },
    },
    laneId: 'L01',
    storeName: store.store.name,
    currency: 'USD',
    timeZone: 'America/New_York',
    now: context.now,
    newId: (prefix) => `${prefix}_${(ids += 1)}`,
    notify,
    log,
  });
}

afterEach(() => ledger.close());

const twenties = (count: number): DenominationCount[] => [{ denomination: 2000, count }];
const firstItem = (): string => {
  const item = store.items.find((candidate) => candidate.soldBy === 'each' && candidate.minimumAge === null && candidate.barcodes.length > 0);
  if (!item?.barcodes[0]) throw new Error('the demo store sells nothing by each');
  return item.barcodes[0];
};


describe('cash at the lane', () => {
  beforeEach(() => setUp({ drawer: true }));

  it('is refused until a shift is open, so no drawer money goes unaccounted', () => {
    lane.scan(firstItem(), 'keyed', next());
    expect(refusal(() => tenders.cash(10_000, next())).code).toBe('NO_OPEN_SHIFT');
  });

  it('pays part of a sale, a card pays the rest, the drawer opens once and the audit log has the cash', async () => {
    await shifts.open(twenties(5), next());
    const scanned = lane.scan(firstItem(), 'keyed', next());
    lane.scan(firstItem(), 'keyed', next());
    const total = lane.state().basket?.total ?? 0;
    expect(scanned.basket).not.toBeNull();
    const partial = tenders.cash(100, next());
    expect(partial.basket?.due).toBe(total - 100);
    expect(kicks).toBe(2); // the float went in, then the cash tender
    lane.startPayment(next());
    await lane.settled();
    const receipt = lane.state().receipt;
    expect(receipt?.tenders.map((tender) => [tender.method, tender.amount])).toEqual([
      ['cash', 100],
      ['card', total - 100],
    ]);
    const audit = ledger.audit.recent({ action: 'cash.tender' });
    expect(audit).toHaveLength(1);
    expect(audit[0]?.details).toMatchObject({ amount: 100, tendered: 100, change: 0 });
    expect(ledger.sales.verifyChain().ok).toBe(true);
  });

  it('settles a sale with change due, and a retried request takes the cash once', async () => {
    await shifts.open(twenties(5), next());
    lane.scan(firstItem(), 'keyed', next());
    const id = next();
    const done = tenders.cash(5000, id);
    tenders.cash(5000, id);
    const tender = done.receipt?.tenders[0];
    expect(tender?.method).toBe('cash');
    if (tender?.method !== 'cash') throw new Error('not cash');
    expect(tender.change).toBe(5000 - (done.receipt?.total ?? 0));
    expect(ledger.audit.recent({ action: 'cash.tender' })).toHaveLength(1);
    expect(shifts.xReport().report.shifts[0]?.expectedCash).toBe(10_000 + tender.amount);
  });
});

describe('a lane without a cash drawer', () => {
  beforeEach(() => setUp({ drawer: false }));

  it('tells the cashier to use the till by hand', async () => {
    const outcome = await shifts.move('no-sale', 0, 'no-sale', undefined, next()).catch((error: unknown) => error);
    expect(outcome).toMatchObject({ code: 'NO_OPEN_SHIFT' });
    await shifts.open(twenties(1), next());
    const noSale = await shifts.move('no-sale', 0, 'no-sale', undefined, next());
    expect(noSale.drawer).toBe('no-drawer');
    expect(notices.at(-1)?.message).toMatch(/No cash drawer on this lane/);
    expect(ledger.audit.recent({ action: 'drawer.noSale' })).toHaveLength(1);
  });
});

describe('closing a shift', () => {
  beforeEach(() => setUp({ drawer: true }));

  it('works out expected cash from float, cash sales, paid in and paid out, and over/short from the blind count', async () => {
    await shifts.open([{ denomination: 2000, count: 5 }, { denomination: 25, count: 40 }], next()); // 110.00
    lane.scan(firstItem(), 'keyed', next());
    const sale = tenders.cash(10_000, next()).receipt;
    const kept = sale?.total ?? 0;
    await shifts.move('paid-in', 2_500, 'change-fund', undefined, next());
    await shifts.move('paid-out', 1_234, 'supplier-delivery', 'milk delivery', next());
    const expected = 11_000 + kept + 2_500 - 1_234;
    const closed = shifts.close([{ denomination: 2000, count: 6 }, { denomination: 1, count: 7 }], next());
    expect(closed).toMatchObject({ expectedCash: expected, countedTotal: 12_007, overShort: 12_007 - expected });
    expect(shifts.current()).toBeNull();
  });

  it('refuses a denomination the currency does not have', async () => {
    await shifts.open(twenties(1), next());
    expect(refusal(() => shifts.close([{ denomination: 300, count: 1 }], next())).message).toMatch(/USD has no 300/);
  });

  it('refuses a paid out of more than the drawer holds', async () => {
    await shifts.open(twenties(1), next());
    await expect(shifts.move('paid-out', 2_001, 'petty-cash', undefined, next())).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});

describe('the Z report', () => {
  beforeEach(() => setUp({ drawer: true }));

  it('refuses while a shift is open, then closes the day once and answers the same report again', async () => {
    await shifts.open(twenties(5), next());
    lane.scan(firstItem(), 'keyed', next());
    tenders.cash(10_000, next());
    expect(refusal(() => shifts.zReport(next())).code).toBe('SHIFT_ALREADY_OPEN');
    shifts.close(twenties(5), next());
    const first = shifts.zReport(next());
    const again = shifts.zReport(next());
    expect(first.report.zNumber).toBe(1);
    expect(again).toEqual(first);
    expect(first.report.saleCount).toBe(1);
    expect(first.text).toContain('Z REPORT 0001');
    // Printed on the lane's receipt printer, line for line, then cut.
    const lines = printed[0]?.blocks.flatMap((block) => (block.type === 'line' ? [block.text] : [])) ?? [];
    expect(`${lines.join('\n')}\n`).toBe(first.text);
    expect(printed[0]?.blocks.at(-1)).toEqual({ type: 'cut' });
    expect(ledger.outbox.pending(1000).filter((entry) => entry.topic === 'day.closed')).toHaveLength(1);
    await expect(shifts.open(twenties(5), next())).rejects.toMatchObject({ code: 'DAY_CLOSED' });
  });
});

describe('gift cards', () => {
  beforeEach(() => setUp({ drawer: true }));

  it('are issued once per request, pay part of a sale from their balance, and keep what is left', async () => {
    const id = next();
    tenders.issue('GIFT-0001-7777', 500, 'goodwill', id);
    expect(tenders.issue('GIFT-0001-7777', 500, 'goodwill', id).balance).toBe(500);
    lane.scan(firstItem(), 'keyed', next());
    const total = lane.state().basket?.total ?? 0;
    const paid = tenders.giftCard('GIFT-0001-7777', undefined, next());
    expect(paid.basket?.due ?? 0).toBe(Math.max(0, total - 500));
    expect(tenders.balance('GIFT-0001-7777').balance).toBe(Math.max(0, 500 - total));
    if (paid.basket) {
      lane.startPayment(next());
      await lane.settled();
    }
    expect(lane.state().receipt?.tenders[0]).toMatchObject({ method: 'gift-card', last4: '7777' });
  });

  it('are refused when unknown or when the code is a payment card number', () => {
    lane.scan(firstItem(), 'keyed', next());
    expect(refusal(() => tenders.giftCard('NOPE-123456', undefined, next())).code).toBe('GIFT_CARD_REFUSED');
    expect(refusal(() => tenders.balance('4111111111111111')).code).toBe('GIFT_CARD_REFUSED');
  });
});

describe('voiding a basket after payments were taken', () => {
  beforeEach(() => setUp({ drawer: true }));

  async function partlyPaid(): Promise<{ cardReference: string }> {
    await shifts.open(twenties(5), next());
    tenders.issue('GIFT-0002-8888', 500, 'goodwill', next());
    lane.scan(firstItem(), 'keyed', next());
    lane.scan(firstItem(), 'keyed', next());
    lane.scan(firstItem(), 'keyed', next());
    tenders.cash(100, next());
    tenders.giftCard('GIFT-0002-8888', 50, next());
    approvesUpTo = 75;
    lane.startPayment(next());
    await lane.settled();
    const card = lane.tenders.find((tender) => tender.method === 'card');
    if (card?.method !== 'card') throw new Error('the partial card approval was not taken');
    await lane.cancelPayment(next()); // the shopper leaves instead of paying the rest
    return { cardReference: card.reference };
  }

  it('voids the card on the card reader, re-credits the gift card and records how each payment went back', async () => {
    const { cardReference } = await partlyPaid();
    const basketId = lane.state().basket?.basketId ?? '';
    const after = await lane.cancel(next());
    expect(after.basket).toBeNull();
    expect(voided).toEqual([cardReference]);
    expect(tenders.balance('GIFT-0002-8888').balance).toBe(500);
    const cancelled = ledger.baskets.events(basketId).at(-1)?.payload;
    expect(cancelled).toMatchObject({
      type: 'basket.cancelled',
      reversals: [
        { method: 'cash', amount: 100 },
        { method: 'gift-card', amount: 50 },
        { method: 'card', amount: 75, reference: expect.stringMatching(/^TV/) as string },
      ],
    });
  });

  it('keeps the basket and its payments when the card reader will not void the card', async () => {
    await partlyPaid();
    voidsPayments = false;
    expect(await lane.cancel(next()).catch((error: unknown) => error)).toMatchObject({ code: 'PAYMENT_DECLINED', message: expect.stringMatching(/void window closed; the basket stays open/) as string });
    expect(lane.state().basket?.tenders).toHaveLength(3);
    expect(lane.state().payment.state).toBe('idle');
    expect(tenders.balance('GIFT-0002-8888').balance).toBe(450);
    voidsPayments = true;
    expect((await lane.cancel(next())).basket).toBeNull();
  });
});

describe('a post-void', () => {
  beforeEach(() => setUp({ drawer: true }));

  it('gives each tender back what it paid: the cash leaves the drawer, the gift card gets its amount back', async () => {
    await shifts.open(twenties(5), next());
    tenders.issue('GIFT-0002-5555', 300, 'goodwill', next());
    lane.scan(firstItem(), 'keyed', next());
    tenders.giftCard('GIFT-0002-5555', undefined, next());
    const sale = tenders.cash(10_000, next()).receipt;
    if (!sale) throw new Error('the sale did not complete');
    const cash = sale.tenders.find((tender) => tender.method === 'cash');
    expect(tenders.balance('GIFT-0002-5555').balance).toBe(0);
    const before = shifts.xReport().report.shifts[0]?.expectedCash ?? 0;
    await voids.postVoid(sale.receiptNumber, 'customer-request', next());
    expect(voided).toEqual([]); // nothing was paid by card
    const after = shifts.xReport().report.shifts[0];
    expect(after?.cashRefunds).toBe(cash?.amount);
    expect(after?.expectedCash).toBe(before - (cash?.amount ?? 0));
    expect(cash?.amount).toBe(sale.total - 300);
    expect(tenders.balance('GIFT-0002-5555').balance).toBe(300);
    expect(shifts.xReport().text).toContain('Cash refunds');
  });

  it('voids the card payments on the card reader first, and writes nothing when the reader will not void', async () => {
    lane.scan(firstItem(), 'keyed', next());
    approvesUpTo = 100;
    lane.startPayment(next());
    await lane.settled();
    await lane.cancelPayment(next());
    approvesUpTo = null;
    lane.startPayment(next());
    await lane.settled();
    const sale = lane.state().receipt;
    if (!sale) throw new Error('the sale did not complete');
    const cards = ledger.sales.paymentsOf(sale.saleId).map((card) => card.reference);
    expect(cards).toHaveLength(2);

    voidsPayments = false;
    expect(await voids.postVoid(sale.receiptNumber, 'customer-request', next()).catch((error: unknown) => error)).toMatchObject({ code: 'REFUND_DECLINED' });
    expect(ledger.postVoids.voidOf(sale.saleId)).toBeNull();

    voidsPayments = true;
    const id = next();
    await voids.postVoid(sale.receiptNumber, 'customer-request', id);
    expect(voided).toEqual(cards);
    expect(ledger.postVoids.voidOf(sale.saleId)).not.toBeNull();
  });
});
