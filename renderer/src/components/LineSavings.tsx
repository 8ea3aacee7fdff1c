import type { ReactNode } from 'react';
import type { BasketLineView } from '../../../common/basket.ts';
import { money } from '../format.ts';

/** The savings on one line ("Avocados 3 for $3  −$0.87"), as the lane allocated them. */
export function LineSavings({ line, currency, locale, className }: { readonly line: BasketLineView; readonly currency: string; readonly locale: string; readonly className: string }): ReactNode {
  if (line.discounts.length === 0) return null;
  return (
    <ul className={className} data-testid="line-savings">
      {line.discounts.map((discount) => (
        <li key={`${discount.source}-${discount.id}`}>
          <span>{discount.label}</span>
          <span className="saving-amount">−{money(discount.amount, currency, locale)}</span>
        </li>
      ))}
    </ul>
  );
}
