import type { ReactNode } from 'react';
import type { BasketView } from '../../../../common/basket.ts';
import { BasketList } from './BasketList.tsx';
import { SummaryPanel } from './SummaryPanel.tsx';

interface ShoppingProps {
  readonly basket: BasketView;
  readonly onKeypad: () => void;
  readonly onPicker: () => void;
  /** The bagging area has an open intervention: paying waits for it. */
  readonly baggingBlocked?: boolean;
}

export function Shopping({ basket, onKeypad, onPicker, baggingBlocked = false }: ShoppingProps): ReactNode {
  return (
    <section className="shopping" data-testid="basket-screen">
      <BasketList basket={basket} />
      <SummaryPanel basket={basket} onKeypad={onKeypad} onPicker={onPicker} baggingBlocked={baggingBlocked} />
    </section>
  );
}
