import { describe, expect, it } from 'vitest';
import { readIdCard } from '../../../main/terminal/id-card.ts';

// The layout of the AAMVA sample card: compliance indicator, separators, header, subfile, elements.
const usCard = [
  '@',
  '\x1e\rANSI 636014080102DL00410278ZC03190008DLDAQD1234562',
  'DCSPUBLIC',
  'DACJOHN',
  'DBD08312013',
  'DBB05171990',
  'DBA08312028',
  'DBC1',
  'DCGUSA',
  'DAJCA',
  '\r',
].join('\n');

describe('reading an ID card’s PDF417', () => {
  it('reads a US licence: dates as MMDDCCYY', () => {
    expect(readIdCard(usCard)).toEqual({ dateOfBirth: '1990-05-17', expires: '2028-08-31' });
  });

  it('reads a Canadian licence: dates as CCYYMMDD', () => {
    const canadian = usCard.replace('DBB05171990', 'DBB19900517').replace('DBA08312028', 'DBA20280831').replace('DCGUSA', 'DCGCAN');
    expect(readIdCard(canadian)).toEqual({ dateOfBirth: '1990-05-17', expires: '2028-08-31' });
  });

  it('takes a date that is impossible one way the other way', () => {
    expect(readIdCard(usCard.replace('DBB05171990', 'DBB19900517'))?.dateOfBirth).toBe('1990-05-17');
  });

  it('is not a card for an ordinary barcode, or for a card without a date of birth', () => {
    expect(readIdCard('4006381333931')).toBeNull();
    expect(readIdCard(usCard.replace('DBB05171990\n', ''))).toBeNull();
    expect(readIdCard(usCard.replace('DBB05171990', 'DBB99999999'))).toBeNull();
  });
});
