import { describe, expect, it } from 'vitest';
import { expandUpcE, withCheckDigit } from '../../../common/gs1.ts';
import { classifyCode } from '../../../common/scanned-code.ts';
import { NO_PROMOTIONS } from '../../../main/terminal/pricing-setup.ts';
import { decideScan, weighableKey, type ItemLookup } from '../../../main/terminal/scan-decision.ts';
import { ITEMS, fixedContext, Till } from '../checkout/basket-builder.ts';

function catalog(keys: readonly string[]): ItemLookup & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    find: (key) => {
      asked.push(key);
      return keys.includes(key) ? { code: key, item: ITEMS.cola } : null;
    },
    unknown: () => {
      throw Object.assign(new Error('unknown'), { code: 'UNKNOWN_ITEM' });
    },
  };
}

/** An 8-digit code that is a valid EAN-8 and a valid UPC-E at once. */
const both = ['0', '1']
  .flatMap((ns) => Array.from({ length: 1000 }, (_, n) => withCheckDigit(`${ns}${String(n).padStart(3, '0')}456`)))
  .find((code) => withCheckDigit(expandUpcE(code).slice(0, 11)) === expandUpcE(code)) as string;

describe('deciding what a scan does', () => {
  it('looks an 8-digit code up as EAN-8 first and as its UPC-E expansion when no item has the EAN-8', () => {
    const scanned = classifyCode(both);
    expect(scanned.kind).toBe('product');
    const upcA = expandUpcE(both).padStart(14, '0');
    const lookup = catalog([upcA]);
    const events = decideScan(both, 1, NO_PROMOTIONS, lookup, fixedContext())(new Till().basket);
    expect(lookup.asked).toEqual([both.padStart(14, '0'), upcA]);
    expect(events).toEqual([expect.objectContaining({ type: 'line.added', code: upcA })]);
  });

  it('refuses a code no item has through the lane’s refusal', () => {
    expect(() => decideScan('036000291452', 1, NO_PROMOTIONS, catalog([]), fixedContext())).toThrow('unknown');
  });

  it('weighs only PLUs and product codes', () => {
    expect(weighableKey('4011', NO_PROMOTIONS)).toBe('4011');
    expect(weighableKey('036000291452', NO_PROMOTIONS)).toBe('00036000291452');
    expect(() => weighableKey('9910000005015', NO_PROMOTIONS)).toThrowError(expect.objectContaining({ code: 'INVALID_BARCODE' }) as Error);
  });

  it('refuses a receipt at self-checkout, saying returns are taken at a staffed lane; at a staffed lane it points to Returns', () => {
    expect(() => decideScan('RCPT-L01-000042', 1, NO_PROMOTIONS, catalog([]), fixedContext())).toThrowError(
      expect.objectContaining({ code: 'INVALID_BARCODE', message: 'L01-000042 is a receipt; returns are taken at a staffed lane' }) as Error,
    );
    expect(() => decideScan('RCPT-L01-000042', 1, NO_PROMOTIONS, catalog([]), fixedContext(), true)).toThrowError(expect.objectContaining({ message: expect.stringContaining('open Returns (F7)') as string }) as Error);
  });
});
