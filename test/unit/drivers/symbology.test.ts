import { describe, expect, it } from 'vitest';
import { expandUpcE, gs1CheckDigit, hasValidCheckDigit, LabelError, parseLabel } from '../../../drivers/scanner/symbology.ts';

// Expected values are the computed examples of PROTOCOLS §1.5–1.6, or computed by hand from its rules.

describe('GS1 check digits', () => {
  it.each([
    ['03600029145', 2],
    ['400638133393', 1],
    ['9638507', 4],
    ['501234567890', 0],
    ['9001234567890', 8],
  ])('the check digit of %s is %i', (data, check) => {
    expect(gs1CheckDigit(data)).toBe(check);
    expect(hasValidCheckDigit(`${data}${check}`)).toBe(true);
    expect(hasValidCheckDigit(`${data}${(check + 1) % 10}`)).toBe(false);
  });

  it('refuses non-digits and too-short codes', () => {
    expect(hasValidCheckDigit('4006381333931A')).toBe(false);
    expect(hasValidCheckDigit('0')).toBe(false);
    expect(hasValidCheckDigit('')).toBe(false);
  });
});

describe('UPC-E expansion', () => {
  it.each([
    ['04252614', '042100005264'], // d6 = 1
    ['01234531', '012300000451'], // d6 = 3
    ['01234543', '012340000053'], // d6 = 4
    ['01234565', '012345000065'], // d6 = 5
  ])('%s expands to %s', (upcE, upcA) => {
    expect(expandUpcE(upcE)).toBe(upcA);
    expect(hasValidCheckDigit(upcA)).toBe(true);
  });

  it('expands only 8 digits with number system 0 or 1', () => {
    expect(expandUpcE('24252614')).toBeNull();
    expect(expandUpcE('0425261')).toBeNull();
    expect(expandUpcE('0425261A')).toBeNull();
  });
});

describe('parseLabel', () => {
  it.each([
    [']E04006381333931', { code: '4006381333931', symbology: 'ean-13', aim: ']E0' }],
    [']E00036000291452', { code: '036000291452', symbology: 'upc-a', aim: ']E0' }],
    [']E0036000291452', { code: '036000291452', symbology: 'upc-a', aim: ']E0' }],
    [']E004252614', { code: '04252614', symbology: 'upc-e', aim: ']E0' }],
    [']E496385074', { code: '96385074', symbology: 'ean-8', aim: ']E4' }],
    [']E3400638133393112', { code: '400638133393112', symbology: 'ean-13', aim: ']E3' }],
    [']E3003600029145212345', { code: '03600029145212345', symbology: 'upc-a', aim: ']E3' }],
    [']E212345', { code: '12345', symbology: 'unknown', aim: ']E2' }],
    [']C0LANE-7', { code: 'LANE-7', symbology: 'code-128', aim: ']C0' }],
    [']C10104012345678908\x1d10ABC', { code: '0104012345678908\x1d10ABC', symbology: 'gs1-128', aim: ']C1' }],
    [']e001900123456789083103001750', { code: '01900123456789083103001750', symbology: 'gs1-databar', aim: ']e0' }],
    [']d2010401234567890817260101', { code: '010401234567890817260101', symbology: 'data-matrix', aim: ']d2' }],
    [']Q1https://id.gs1.org/01/04012345678908', { code: 'https://id.gs1.org/01/04012345678908', symbology: 'qr', aim: ']Q1' }],
    [']A0ABC-123', { code: 'ABC-123', symbology: 'code-39', aim: ']A0' }],
    [']I112345670', { code: '12345670', symbology: 'itf', aim: ']I1' }],
    [']X0036000291452', { code: '036000291452', symbology: 'upc-a', aim: ']X0' }],
    [']L0PDF-DATA', { code: 'PDF-DATA', symbology: 'unknown', aim: ']L0' }],
  ])('reads %j', (text, label) => {
    expect(parseLabel(text)).toEqual(label);
  });

  it.each([
    ['4006381333931', { code: '4006381333931', symbology: 'ean-13' }],
    ['0036000291452', { code: '036000291452', symbology: 'upc-a' }],
    ['036000291452', { code: '036000291452', symbology: 'upc-a' }],
    ['96385074', { code: '96385074', symbology: 'ean-8' }],
    ['04252614', { code: '04252614', symbology: 'upc-e' }],
    ['4006381333932', { code: '4006381333932', symbology: 'unknown' }],
    ['94011', { code: '94011', symbology: 'unknown' }],
    ['LANE-7', { code: 'LANE-7', symbology: 'unknown' }],
  ])('guesses the symbology of %s without an AIM id', (text, label) => {
    expect(parseLabel(text)).toEqual({ ...label, aim: null });
  });

  it.each([
    ['', /empty label/],
    [']1E0123', /malformed AIM identifier/],
    [']E0', /no data after the AIM identifier \]E0/],
    [']E04006A81333931', /digits only/],
    [']E04006381333932', /not a valid EAN-13, UPC-A or UPC-E/],
    [']E49638507', /not a valid EAN-8/],
    [']E34006381333931123', /add-on/],
  ])('refuses %j naming the problem', (text, message) => {
    expect(() => parseLabel(text)).toThrow(LabelError);
    expect(() => parseLabel(text)).toThrow(message);
  });
});
