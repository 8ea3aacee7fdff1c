import type { BasketView, TaxLineView } from '../../common/basket.ts';
import type { TaxCategory } from '../../common/catalog.ts';
import { roundHalfUp, type Minor } from '../../common/money.ts';
import type { Basket, BasketLine } from './basket.ts';

const PPM = 1_000_000;
const GRAMS_PER_KG = 1000;

/** Price of one line: unit price times count, or price per kilogram times grams. */
export function extendedPrice(line: BasketLine): Minor {
  return line.item.soldBy === 'weight'
    ? roundHalfUp(line.item.unitPrice * line.quantity, GRAMS_PER_KG)
    : line.item.unitPrice * line.quantity;
}

/**
 * Tax is computed per category on the category's taxable total and rounded half up once per
 * category, so the receipt's tax lines add up to the tax charged.
 */
export function taxLines(basket: Basket, categories: ReadonlyMap<string, TaxCategory>): TaxLineView[] {
  const taxable = new Map<string, Minor>();
  for (const line of basket.lines) {
    taxable.set(line.item.taxCategory, (taxable.get(line.item.taxCategory) ?? 0) + extendedPrice(line));
  }
  return [...taxable.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, amount]) => {
      const category = categories.get(code);
      if (!category) throw new Error(`tax category "${code}" is not configured`);
      const tax =
        basket.taxMode === 'exclusive'
          ? roundHalfUp(amount * category.ratePpm, PPM)
          : amount - roundHalfUp(amount * PPM, PPM + category.ratePpm);
      return { category: code, label: category.label, ratePpm: category.ratePpm, taxable: amount, tax };
    });
}

/** Everything a screen or receipt shows of a basket, priced. */
export function priceBasket(basket: Basket, categories: ReadonlyMap<string, TaxCategory>): BasketView {
  const lines = basket.lines.map((line) => ({
    lineId: line.lineId,
    itemId: line.item.itemId,
    name: line.item.name,
    code: line.code,
    soldBy: line.item.soldBy,
    quantity: line.quantity,
    unitPrice: line.item.unitPrice,
    extendedPrice: extendedPrice(line),
    taxCategory: line.item.taxCategory,
    minimumAge: line.item.minimumAge,
  }));
  const subtotal = lines.reduce((sum, line) => sum + line.extendedPrice, 0);
  const taxes = taxLines(basket, categories);
  const taxTotal = taxes.reduce((sum, tax) => sum + tax.tax, 0);
  const total = basket.taxMode === 'exclusive' ? subtotal + taxTotal : subtotal;
  const paid = basket.tenders.reduce((sum, tender) => sum + tender.amount, 0);
  return {
    basketId: basket.basketId,
    currency: basket.currency,
    taxMode: basket.taxMode,
    lines,
    itemCount: lines.reduce((count, line) => count + (line.soldBy === 'weight' ? 1 : line.quantity), 0),
    subtotal,
    taxes,
    taxTotal,
    total,
    paid,
    due: Math.max(0, total - paid),
    tenders: basket.tenders.map(({ tenderId, method, amount, brand, last4, authCode, reference }) => ({
      tenderId,
      method,
      amount,
      brand,
      last4,
      authCode,
      reference,
    })),
    ageCheckRequired: lines.some((line) => line.minimumAge !== null),
  };
}
