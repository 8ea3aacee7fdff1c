import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { addItem, applyEvent, approveTender, openBasket, priceBasket, pricingRules, type Basket, type BasketEvent } from '../../main/checkout/index.ts';
import { readStoreFile } from '../../main/ledger/demo-store.ts';
import { Ledger } from '../../main/ledger/ledger.ts';
import { laneLedger } from '../../main/terminal/lane-ledger.ts';
import { systemContext } from '../../main/terminal/system-context.ts';
import { ratio, summarise, type Summary } from './stats.ts';

export interface SaleCommitResult {
  readonly what: string;
  readonly saleCommit: Summary;
  readonly baseline: Summary & { readonly what: string };
  readonly ratio: { readonly p50: number; readonly p99: number };
}

const LINES_PER_SALE = 6;

/**
 * The commit of a completed sale exactly as the lane makes it (sale row with its hash link,
 * final basket events, payment, outbox row, basket closed: one transaction), against the floor
 * under it: one raw better-sqlite3 INSERT of the same receipt document per transaction, with the
 * same durability settings (WAL, synchronous=FULL) on the same disk.
 */
export function benchSaleCommit(storeFile: string, sales: number): SaleCommitResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-sale-'));
  try {
    const store = readStoreFile(storeFile);
    const ledger = Ledger.open(path.join(dir, 'ledger.sqlite'));
    ledger.catalog.importCatalog(store);
    const lane = laneLedger(ledger, systemContext.now);
    const rules = pricingRules(ledger.catalog.taxCategories());
    const codes = store.items.flatMap((item) => (item.soldBy === 'each' && item.minimumAge === null ? item.barcodes.slice(0, 1) : [])).slice(0, 200);
    const settings = { laneId: 'B01', currency: store.store.currency, taxMode: store.store.taxMode };
    const documents: string[] = [];
    const commitMs: number[] = [];

    for (let sale = 0; sale < sales; sale++) {
      // Build and journal the basket as the lane does (not timed).
      const opened = openBasket(settings, systemContext);
      let basket: Basket = applyEvent(null, opened);
      lane.appendBasketEvents(basket.basketId, [opened], `bench-open-${sale}`, { laneId: settings.laneId, at: opened.openedAt });
      for (let line = 0; line < LINES_PER_SALE; line++) {
        const code = codes[(sale * LINES_PER_SALE + line) % codes.length] ?? '';
        const hit = lane.findItem(code);
        if (!hit) throw new Error(`bench: ${code} is not in the catalog`);
        const events = addItem(basket, hit.code, hit.item, systemContext);
        lane.appendBasketEvents(basket.basketId, events, `bench-add-${sale}-${line}`);
        basket = events.reduce<Basket>((current, event) => applyEvent(current, event), basket);
      }
      const total = priceBasket(basket, rules).total;
      const approval = { method: 'card' as const, amount: total, brand: 'VISA', last4: '0119', authCode: '123456', reference: `B${sale}`, approvedAt: systemContext.now() };
      const events: BasketEvent[] = approveTender(basket, approval, total, systemContext);
      const after = events.reduce<Basket>((current, event) => applyEvent(current, event), basket);
      const completed = events.find((event) => event.type === 'basket.completed');
      if (!completed) throw new Error('bench: the tender did not complete the basket');
      const view = priceBasket(after, rules);
      const receipt = (receiptNumber: string) => ({ ...view, saleId: completed.saleId, receiptNumber, laneId: 'B01', storeName: store.store.name, completedAt: completed.completedAt });
      documents.push(JSON.stringify(receipt('B01-000000')));

      const started = performance.now();
      lane.completeSale({
        saleId: completed.saleId,
        basketId: basket.basketId,
        laneId: 'B01',
        completedAt: completed.completedAt,
        currency: basket.currency,
        total: view.total,
        finalEvents: events,
        tenders: after.tenders,
        businessDate: basket.businessDate,
        receipt,
        requestId: `bench-sale-${sale}`,
      });
      commitMs.push(performance.now() - started);
    }
    ledger.close();

    // The floor: the same document, one INSERT per transaction, same pragmas.
    const raw = new Database(path.join(dir, 'raw.sqlite'));
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = FULL');
    raw.exec('CREATE TABLE sales (seq INTEGER PRIMARY KEY, document TEXT NOT NULL) STRICT');
    const insert = raw.prepare('INSERT INTO sales (document) VALUES (?)');
    const insertOne = raw.transaction((document: string) => insert.run(document));
    const rawMs: number[] = [];
    for (const document of documents) {
      const started = performance.now();
      insertOne(document);
      rawMs.push(performance.now() - started);
    }
    raw.close();

    const saleCommit = summarise(commitMs);
    const baseline = summarise(rawMs);
    return {
      what: `commit of a ${LINES_PER_SALE}-line card sale (sale + events + payment + outbox, one transaction)`,
      saleCommit,
      baseline: { what: 'raw better-sqlite3 INSERT of the same receipt JSON, one per transaction, WAL + synchronous=FULL', ...baseline },
      ratio: { p50: ratio(saleCommit.p50Ms, baseline.p50Ms), p99: ratio(saleCommit.p99Ms, baseline.p99Ms) },
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
