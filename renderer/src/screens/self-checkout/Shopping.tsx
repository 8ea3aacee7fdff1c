import type { ReactNode } from 'react';
import type { BasketView } from '../../../../common/basket.ts';
import { BasketList } from './BasketList.tsx';
import { SummaryPanel } from './SummaryPanel.tsx';

export function Shopping({ basket, onKeypad }: { readonly basket: BasketView; readonly onKeypad: () => void }): ReactNode {
  return (
    <section className="shopping" data-testid="basket-screen">
      <BasketList basket={basket} />
      <SummaryPanel basket={basket} onKeypad={onKeypad} />
    </section>
  );
}
