import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ShiftReport, ShiftTotals } from '../../../common/shift.ts';
import { renderReportText } from '../../../main/checkout/report-text.ts';

// Golden files: set UPDATE_GOLDEN=1 to rewrite them after an intended change, then review the diff.
const GOLDEN = path.resolve(import.meta.dirname, '..', '..', 'fixtures', 'reports');

function golden(name: string, text: string): void {
  const file = path.join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(file, text);
  expect(text).toBe(fs.readFileSync(file, 'utf8'));
}

const morning: ShiftTotals = {
  shiftId: 'shift_01JD8M3Q',
  operatorId: '1001',
  openedAt: '2026-11-22T12:58:00.000Z',
  closedAt: '2026-11-22T21:02:00.000Z',
  openingFloat: 15_000,
  cashSales: 48_217,
  paidIn: 2_500,
  paidOut: 1_234,
  cashRefunds: 0,
  expectedCash: 64_483,
  countedCash: 64_443,
  overShort: -40,
};

const evening: ShiftTotals = {
  ...morning,
  shiftId: 'shift_01JD9A7K',
  operatorId: '1002',
  openedAt: '2026-11-22T21:05:00.000Z',
  closedAt: '2026-11-23T02:10:00.000Z',
  openingFloat: 15_000,
  cashSales: 12_005,
  paidIn: 0,
  paidOut: 0,
  expectedCash: 27_005,
  countedCash: 27_030,
  overShort: 25,
};

const day: ShiftReport = {
  kind: 'Z',
  laneId: 'L01',
  storeName: 'Corner Market',
  currency: 'USD',
  businessDate: '2026-11-22',
  generatedAt: '2026-11-23T02:15:00.000Z',
  zNumber: 17,
  saleCount: 212,
  salesTotal: 311_842,
  tenders: [
    { method: 'cash', count: 96, amount: 60_222 },
    { method: 'card', count: 121, amount: 246_620 },
    { method: 'gift-card', count: 4, amount: 5_000 },
  ],
  cashRounding: 0,
  changeGiven: 18_345,
  paidIn: 2_500,
  paidOut: 1_234,
  noSales: 3,
  shifts: [morning, evening],
  overShort: -15,
};

describe('shift reports as text', () => {
  it('print the Z report of a day with two shifts, their counts and the day’s over/short (golden)', () => {
    golden('z-report-us.txt', renderReportText(day, { timeZone: 'America/New_York' }));
  });

  it('print the X report of an open shift with its expected cash and nothing counted (golden)', () => {
    const open: ShiftTotals = { ...morning, closedAt: null, countedCash: null, overShort: null };
    const x: ShiftReport = { ...day, kind: 'X', zNumber: null, generatedAt: '2026-11-22T18:30:00.000Z', shifts: [open], overShort: 0, saleCount: 120, salesTotal: 180_011, tenders: [{ method: 'cash', count: 60, amount: 48_217 }, { method: 'card', count: 60, amount: 131_794 }], noSales: 1 };
    golden('x-report-us.txt', renderReportText(x, { timeZone: 'America/New_York' }));
  });

  it('print CHF cash rounding and fit a 32-column printer', () => {
    const chf: ShiftReport = { ...day, currency: 'CHF', cashRounding: -7, storeName: 'Quartierladen Zürich' };
    const text = renderReportText(chf, { width: 32, timeZone: 'Europe/Zurich' });
    expect(text.split('\n').every((line) => line.length <= 32)).toBe(true);
    expect(text).toContain('Cash rounding');
    expect(text).toContain('QUARTIERLADEN ZURICH');
  });

  it('refuse a width a receipt printer does not have', () => {
    expect(() => renderReportText(day, { width: 20 })).toThrowError(/32–64 characters wide/);
  });
});
