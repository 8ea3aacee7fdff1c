import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { Ledger } from '../../../main/ledger/ledger.ts';
import { LedgerError } from '../../../main/ledger/errors.ts';
import type { CardPayment, CompleteSaleInput } from '../../../main/ledger/sales-journal.ts';
import { useTempDir } from './temp-dir.ts';

/** The lane's ledger during one test; a test that reopens it assigns the new one, which is then closed. */
export interface LaneLedger {
  ledger: Ledger;
  /** The ledger's file, in a directory of its own that is removed after the test. */
  readonly file: string;
  /** That directory, for other files the test writes. */
  readonly dir: string;
}

/** A ledger in a fresh temp file for every test, closed after it. */
export function useLedger(): LaneLedger {
  const dir = useTempDir();
  let current: { ledger: Ledger; file: string } | null = null;
  beforeEach(() => {
    const file = path.join(dir(), 'ledger.sqlite');
    current = { ledger: Ledger.open(file), file };
  });
  afterEach(() => {
    current?.ledger.close();
    current = null;
  });
  const running = (): { ledger: Ledger; file: string } => {
    if (current === null) throw new Error('useLedger: no test is running');
    return current;
  };
  return {
    get ledger() {
      return running().ledger;
    },
    set ledger(ledger: Ledger) {
      running().ledger = ledger;
    },
    get file() {
      return running().file;
    },
    get dir() {
      return dir();
    },
  };
}

export const minute = (n: number): string => `2026-03-14T09:${String(n).padStart(2, '0')}:00.000Z`;

export function cardPayment(n: number, amount: number): CardPayment {
  return { paymentId: `pay-${n}`, method: 'card', amount, brand: 'VISA', last4: '4242', authCode: `A${n}`, reference: `SIM-${n}`, approvedAt: minute(n) };
}

/** Opens basket n on lane L01 at minute n, scans one item and returns what completes it, paid by card. */
export function saleInput(ledger: Ledger, n: number, total = 549): CompleteSaleInput {
  const basketId = `basket-${n}`;
  ledger.baskets.openBasket(basketId, 'L01', minute(n));
  ledger.baskets.append(basketId, [{ type: 'item.added', payload: { code: '4006381333931', quantity: 1 }, recordedAt: minute(n) }]);
  return {
    saleId: `sale-${n}`,
    basketId,
    laneId: 'L01',
    completedAt: minute(n),
    currency: 'USD',
    total,
    document: (receiptNumber) => ({ receiptNumber, total, currency: 'USD', lines: [{ name: 'Sourdough Loaf', amount: total }] }),
    finalEvents: [{ type: 'basket.completed', payload: { saleId: `sale-${n}` }, recordedAt: minute(n) }],
    payments: [cardPayment(n, total)],
  };
}

/** The LedgerError `work` throws; fails the test when it throws nothing or something else. */
export function ledgerError(work: () => unknown): LedgerError {
  try {
    work();
  } catch (error) {
    if (error instanceof LedgerError) return error;
    throw error;
  }
  throw new Error('expected a LedgerError');
}
