import { describe, expect, it } from 'vitest';
import { expandUpcE, gtinCheckDigit, verifierDigit4, verifierDigit5, withCheckDigit } from '../../../common/gs1.ts';
import { classifyCode, type ScanRules, type VariableMeasureLayout, VariableMeasureLayoutSchema } from '../../../common/scanned-code.ts';

const US: ScanRules = { variableMeasure: [{ prefix: '2', itemDigits: 5, verifier: true, valueDigits: 4, measure: 'price' }], memberCardPrefixes: ['04'] };

/** A price-embedded UPC-A label `2 IIIII V PPPP C` as a counter scale prints it. */
function usLabel(item: string, cents: number): string {
  const price = String(cents).padStart(4, '0');
  return withCheckDigit(`2${item}${verifierDigit4(price)}${price}`);
}

describe('GS1 check digits and expansions (PROTOCOLS §1.6)', () => {
  it('computes the mod-10 check digit of UPC-A, EAN-13 and EAN-8 bodies', () => {
    expect(gtinCheckDigit('03600029145')).toBe(2);
    expect(gtinCheckDigit('400638133393')).toBe(1);
    expect(gtinCheckDigit('9638507')).toBe(4);
  });

  it('expands UPC-E to UPC-A by the last of its six digits', () => {
    expect(expandUpcE('04252614')).toBe('042100005264');
    expect(expandUpcE('01234565')).toBe('012345000065');
    expect(expandUpcE('01234531')).toBe('012300000451');
    expect(expandUpcE('01234548')).toBe('012340000058');
    expect(() => expandUpcE('21234565')).toThrow(/number system 0 or 1/);
  });

  it('computes price-verifier digits of 4- and 5-digit fields', () => {
    expect(verifierDigit4('2875')).toBe(9);
    expect(verifierDigit5('14685')).toBe(6);
  });
});

describe('classifying a scanned code', () => {
  it('reads EAN-13, UPC-A (also sent as 13 digits), EAN-8, UPC-E and GTIN-14 as product keys', () => {
    expect(classifyCode('4006381333931')).toMatchObject({ kind: 'product', symbology: 'EAN-13', gtin14: '04006381333931' });
    expect(classifyCode('036000291452')).toMatchObject({ kind: 'product', symbology: 'UPC-A', gtin14: '00036000291452' });
    expect(classifyCode('0036000291452')).toMatchObject({ kind: 'product', symbology: 'UPC-A', gtin14: '00036000291452' });
    expect(classifyCode('96385074')).toMatchObject({ kind: 'product', symbology: 'EAN-8', gtin14: '00000096385074' });
    expect(classifyCode('04252614')).toMatchObject({ kind: 'product', symbology: 'UPC-E', gtin14: '00042100005264' });
    expect(classifyCode('10036000291459')).toMatchObject({ kind: 'product', symbology: 'GTIN-14', gtin14: '10036000291459' });
  });

  it('keeps the UPC-E reading as the alternate key of an 8-digit code valid both ways', () => {
    // 01234565 is a valid UPC-E; find an EAN-8 with the same digits that also validates.
    const both = ['0', '1']
      .flatMap((ns) => Array.from({ length: 1000 }, (_, n) => `${ns}${String(n).padStart(3, '0')}456`))
      .map((body) => withCheckDigit(body))
      .find((code) => classifyCode(code).kind === 'product' && withCheckDigit(expandUpcE(code).slice(0, 11)) === expandUpcE(code));
    expect(both).toBeDefined();
    const scanned = classifyCode(both ?? '');
    expect(scanned).toMatchObject({ kind: 'product', symbology: 'EAN-8', alternateGtin14: expandUpcE(both ?? '').padStart(14, '0') });
  });

  it('refuses a bad check digit and names the right one', () => {
    expect(classifyCode('036000291453')).toEqual({ kind: 'invalid', reason: '036000291453: check digit should be 2' });
    expect(classifyCode('96385075')).toMatchObject({ kind: 'invalid' });
    expect(classifyCode('12a4')).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('digits only') as string });
  });

  it('reads PLUs and refuses 4–5 digit codes that are not PLUs', () => {
    expect(classifyCode('4011')).toEqual({ kind: 'plu', plu: '4011' });
    expect(classifyCode('94011')).toEqual({ kind: 'plu', plu: '94011' });
    expect(classifyCode('1234')).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('not a PLU') as string });
  });

  it('reads a US price-embedded label: the price, and the catalog key with price and verifier zeroed', () => {
    const label = usLabel('01001', 749);
    expect(classifyCode(label, US)).toEqual({
      kind: 'variable-measure',
      symbology: 'UPC-A',
      gtin14: '00201001000000',
      itemReference: '01001',
      measure: 'price',
      value: 749,
    });
  });

  it('refuses a price label whose verifier digit does not match its price', () => {
    const good = usLabel('01001', 749);
    const tampered = withCheckDigit(`${good.slice(0, 6)}${(Number(good.charAt(6)) + 1) % 10}${good.slice(7, 11)}`);
    expect(classifyCode(tampered, US)).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('verifier digit should be') as string });
  });

  it('reads EAN-13 restricted-circulation labels by the layout of their prefix (weight with 5 digits, no verifier)', () => {
    const rules: ScanRules = {
      variableMeasure: [
        { prefix: '21', itemDigits: 5, verifier: false, valueDigits: 5, measure: 'price' },
        { prefix: '23', itemDigits: 5, verifier: false, valueDigits: 5, measure: 'weight' },
        { prefix: '28', itemDigits: 4, verifier: true, valueDigits: 5, measure: 'price' },
      ],
      memberCardPrefixes: [],
    };
    expect(classifyCode('2312345012500', rules)).toMatchObject({ kind: 'variable-measure', measure: 'weight', value: 1250, itemReference: '12345', gtin14: `0${withCheckDigit('231234500000')}` });
    expect(classifyCode(withCheckDigit('211234500349'), rules)).toMatchObject({ kind: 'variable-measure', measure: 'price', value: 349 });
    expect(classifyCode(withCheckDigit(`281234${verifierDigit5('14685')}14685`), rules)).toMatchObject({ kind: 'variable-measure', value: 14685, itemReference: '1234' });
    // A prefix without a layout is an ordinary (in-store) product code.
    expect(classifyCode(withCheckDigit('220000000001'), rules)).toMatchObject({ kind: 'product', symbology: 'EAN-13' });
  });

  it('refuses a label layout whose fields do not add up to the barcode length', () => {
    const bad: VariableMeasureLayout = { prefix: '2', itemDigits: 5, verifier: true, valueDigits: 5, measure: 'price' };
    expect(VariableMeasureLayoutSchema.safeParse(bad).success).toBe(false);
  });

  it('reads UPC-A number system 5 and GS1 coupon prefixes as coupons', () => {
    expect(classifyCode('595322321105')).toMatchObject({ kind: 'coupon', scheme: 'upc-coupon', code: '595322321105' });
    expect(classifyCode('0595322321105')).toMatchObject({ kind: 'coupon', scheme: 'upc-coupon', code: '595322321105' });
    expect(classifyCode('9910000005015')).toMatchObject({ kind: 'coupon', scheme: 'gs1-coupon' });
    expect(classifyCode(withCheckDigit('981123456789'))).toMatchObject({ kind: 'coupon', scheme: 'gs1-coupon' });
  });

  it('reads the store loyalty card prefix as a member card', () => {
    const card = withCheckDigit('41234567890');
    expect(classifyCode(card, US)).toEqual({ kind: 'member-card', code: card });
    expect(classifyCode(card)).toMatchObject({ kind: 'product' });
    // A German EAN-13 (GS1 prefix 400) is a product, not a card.
    expect(classifyCode('4006381333931', US)).toMatchObject({ kind: 'product', symbology: 'EAN-13' });
  });
});
