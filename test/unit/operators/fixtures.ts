import path from 'node:path';
import { Ledger } from '../../../main/ledger/ledger.ts';
import { importOperators, type OperatorsFile } from '../../../main/ledger/operators-file.ts';

/** The demo operators (see data/README.md), with a cheap scrypt cost so tests stay quick. */
export const demoOperators: OperatorsFile = {
  operators: [
    { operatorId: '1001', name: 'Alex Rivera', role: 'cashier', pin: '1234', badge: 'EMP-1001-K7QX', active: true },
    { operatorId: '1002', name: 'Jordan Lee', role: 'cashier', pin: '2468', badge: 'EMP-1002-M3RT', active: true },
    { operatorId: '2001', name: 'Sam Patel', role: 'supervisor', pin: '5678', badge: 'EMP-2001-V9LD', active: true },
    { operatorId: '3001', name: 'Morgan Chen', role: 'manager', pin: '9012', badge: 'EMP-3001-H2WN', active: true },
    { operatorId: '1003', name: 'Former Cashier', role: 'cashier', pin: '1111', badge: 'EMP-1003-GONE', active: false },
  ],
};

export const TEST_PIN_COST = 10;

export async function ledgerWithOperators(dir: string): Promise<Ledger> {
  const ledger = Ledger.open(path.join(dir, 'ledger.sqlite'));
  await importOperators(ledger.operators, demoOperators, '2026-03-14T09:00:00.000Z', TEST_PIN_COST);
  return ledger;
}

/** A clock the test moves by hand. */
export function manualClock(start = '2026-03-14T09:00:00.000Z'): { now: () => string; advance: (ms: number) => void } {
  let current = Date.parse(start);
  return {
    now: () => new Date(current).toISOString(),
    advance: (ms) => {
      current += ms;
    },
  };
}
