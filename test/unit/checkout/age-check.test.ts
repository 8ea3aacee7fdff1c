import { describe, expect, it } from 'vitest';
import { addItem, ageCheckNeeded, ageOn, amountToPay, priceBasket, pricingRules, replay, verifyAge } from '../../../main/checkout/index.ts';
import { refusal } from '../../support/refusal.ts';
import { ITEMS, TAX, Till } from './basket-builder.ts';

const rules = pricingRules(TAX);
const wine = { ...ITEMS.cola, itemId: 'wine', name: 'Red Wine', minimumAge: 18 };

describe('the age check', () => {
  it('counts whole years up to the day before the birthday', () => {
    expect(ageOn('2005-06-15', '2026-06-14')).toBe(20);
    expect(ageOn('2005-06-15', '2026-06-15')).toBe(21);
    expect(ageOn('2005-12-31', '2026-01-01')).toBe(20);
  });

  it('lets someone born on 29 February come of age on 1 March in a common year', () => {
    expect(ageOn('2004-02-29', '2025-02-28')).toBe(20);
    expect(ageOn('2004-02-29', '2025-03-01')).toBe(21);
  });

  it('refuses a date of birth that is not a date or lies in the future, naming the field', () => {
    expect(refusal(() => ageOn('2005-02-30', '2026-01-01'))).toMatchObject({ code: 'INVALID_INPUT', field: 'dateOfBirth' });
    expect(refusal(() => ageOn('15/06/2005', '2026-01-01'))).toMatchObject({ code: 'INVALID_INPUT', field: 'dateOfBirth' });
    expect(refusal(() => ageOn('2027-01-01', '2026-01-01'))).toMatchObject({ code: 'INVALID_INPUT', field: 'dateOfBirth' });
  });

  it('lets an age-restricted basket be paid once an attendant has verified the buyer is old enough', () => {
    const till = new Till().do((basket, ctx) => addItem(basket, 'ipa', ITEMS.ipa, ctx));
    expect(priceBasket(till.basket, rules).ageCheckRequired).toBe(true);
    till.do((basket, ctx) => verifyAge(basket, { dateOfBirth: '2000-01-01', today: '2026-11-22', method: 'dob', authorizedBy: 'op-7' }, ctx));
    const view = priceBasket(till.basket, rules);
    expect(view.ageCheckRequired).toBe(false);
    expect(amountToPay(till.basket, view.total, view.ageCheckRequired)).toBe(view.total);
    // Only the age is journaled, never the date of birth, and the journal replays to the same basket.
    expect(JSON.stringify(till.journal)).not.toContain('2000-01-01');
    expect(replay(till.journal)).toEqual(till.basket);
  });

  it('refuses an under-age buyer with UNDER_AGE and keeps the basket waiting', () => {
    const till = new Till().do((basket, ctx) => addItem(basket, 'ipa', ITEMS.ipa, ctx));
    const refused = refusal(() => verifyAge(till.basket, { dateOfBirth: '2006-11-23', today: '2026-11-22', method: 'dob', authorizedBy: 'op-7' }, till.ctx));
    expect(refused.code).toBe('UNDER_AGE');
    expect(refused.message).toContain('21');
    expect(ageCheckNeeded(till.basket)).toBe(21);
  });

  it('asks again when an item with a higher minimum age follows a check that covered a lower one', () => {
    const till = new Till()
      .do((basket, ctx) => addItem(basket, 'wine', wine, ctx))
      .do((basket, ctx) => verifyAge(basket, { dateOfBirth: '2007-01-01', today: '2026-11-22', method: 'dob', authorizedBy: 'op-7' }, ctx));
    expect(ageCheckNeeded(till.basket)).toBeNull();
    till.do((basket, ctx) => addItem(basket, 'ipa', ITEMS.ipa, ctx));
    expect(ageCheckNeeded(till.basket)).toBe(21);
  });

  it('refuses a check when nothing in the basket is age-restricted', () => {
    const till = new Till().do((basket, ctx) => addItem(basket, 'cola', ITEMS.cola, ctx));
    expect(refusal(() => verifyAge(till.basket, { dateOfBirth: '1990-01-01', today: '2026-11-22', method: 'dob', authorizedBy: 'op-7' }, till.ctx)).code).toBe('INVALID_INPUT');
  });
});
