import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderReturnReceiptText, type ReturnReceipt } from '../../../main/checkout/index.ts';

// Golden files: set UPDATE_GOLDEN=1 to rewrite them after an intended change, then review the diff.
const GOLDEN = path.resolve(import.meta.dirname, '..', '..', 'fixtures', 'receipts');

function golden(name: string, text: string): void {
  const file = path.join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(file, text);
  expect(text).toBe(fs.readFileSync(file, 'utf8'));
}

const byReceipt: ReturnReceipt = {
  storeName: 'Harbor Street Market',
  laneId: 'L01',
  receiptNumber: 'L01-000057',
  originalReceiptNumber: 'L01-000042',
  returnedAt: '2026-11-23T16:12:00.000Z',
  currency: 'USD',
  lines: [
    { lineId: 'line_1', name: 'Greek Yogurt Plain 5.3 oz', code: '00000000000101', soldBy: 'each', units: 2, grams: null, amount: 233 },
    { lineId: 'line_2', name: 'Honeycrisp Apples', code: '3283', soldBy: 'weight', units: 1, grams: 1234, amount: 813 },
  ],
  total: 1046,
  refunds: [
    { method: 'card', label: 'VISA ****1111', amount: 900 },
    { method: 'cash', label: 'Cash', amount: 146 },
  ],
  operatorId: '1001',
  approverId: null,
};

describe('return receipts', () => {
  it('print what came back at the price paid and which tender got how much (golden)', () => {
    golden('us-return-by-receipt.txt', renderReturnReceiptText(byReceipt, { timeZone: 'America/New_York' }));
  });

  it('print a return without a receipt with its approving manager (golden)', () => {
    const text = renderReturnReceiptText(
      {
        ...byReceipt,
        receiptNumber: 'L01-000058',
        originalReceiptNumber: null,
        lines: [{ lineId: null, name: 'Cola 12-pack', code: '00036000291452', soldBy: 'each', units: 1, grams: null, amount: 849 }],
        total: 849,
        refunds: [{ method: 'store-credit', label: 'Store credit ****8899', amount: 849 }],
        approverId: '3001',
      },
      { timeZone: 'America/New_York', width: 32 },
    );
    golden('us-return-no-receipt-58mm.txt', text);
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(32);
  });
});
