import type { BasketLineView } from '../../../common/basket.ts';
import { formatKilograms, money } from '../format.ts';
import type { Translator } from '../i18n/index.ts';

/** "2 × $1.99" or "0.452 kg × $3.99/kg": what the line's total is made of, as priced by the lane. */
export function lineDetail(line: BasketLineView, currency: string, translator: Translator): string {
  const unitPrice = money(line.unitPrice, currency, translator.locale);
  if (line.priceSource === 'label') return translator.t('basket.priceFromLabel');
  return line.soldBy === 'weight'
    ? translator.t('basket.lineWeight', { weight: formatKilograms(line.quantity, translator.locale), unitPrice })
    : translator.t('basket.lineEach', { quantity: line.quantity, unitPrice });
}
