import path from 'node:path';
import pino from 'pino';
import type { Role } from '../../../common/api/contract.ts';
import { DEMO_STORE_FILE, readStoreFile } from '../../../main/ledger/demo-store.ts';
import { Ledger } from '../../../main/ledger/ledger.ts';
import { DEMO_PROMOTIONS_FILE } from '../../../main/ledger/promotions-file.ts';
import { Lane, type LaneOptions } from '../../../main/terminal/lane.ts';
import { laneLedger } from '../../../main/terminal/lane-ledger.ts';
import { lanePricing } from '../../../main/terminal/lane-pricing.ts';
import { fixedContext } from '../../unit/checkout/basket-builder.ts';

export const demoStore = readStoreFile(DEMO_STORE_FILE);

/** A lane on the demo store with a fresh ledger file in `dir`; close the ledger in the test's teardown. */
export function demoLane(dir: string, role: Role, extra: Partial<LaneOptions> = {}): { lane: Lane; ledger: Ledger } {
  const ledger = Ledger.open(path.join(dir, 'ledger.sqlite'));
  ledger.catalog.importCatalog(demoStore);
  const context = fixedContext();
  const lane = new Lane({
    role,
    settings: { laneId: 'L01', currency: 'USD', taxMode: 'exclusive' },
    storeName: demoStore.store.name,
    locale: 'en-US',
    taxCategories: ledger.catalog.taxCategories(),
    pricing: lanePricing(demoStore, DEMO_PROMOTIONS_FILE),
    ledger: laneLedger(ledger, context.now),
    payment: null,
    context,
    devices: () => [],
    log: pino({ level: 'silent' }),
    ...extra,
  });
  return { lane, ledger };
}

let request = 0;
/** A fresh request id. */
export const nextRequest = (): string => `req-${String((request += 1)).padStart(6, '0')}`;
