import type { ReactNode } from 'react';
import type { BasketView } from '../../../../common/basket.ts';
import { useTranslator } from '../../api/hooks.ts';
import { Icon } from '../../components/illustrations.tsx';
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
  const { t } = useTranslator();
  return (
    <section className="shopping" data-testid="basket-screen">
      <BasketList
        basket={basket}
        action={
          <button type="button" className="btn btn-secondary basket-lookup" onClick={onPicker} data-testid="picker-button">
            <Icon name="search" />
            {t('picker.open')}
          </button>
        }
      />
      <SummaryPanel basket={basket} onKeypad={onKeypad} baggingBlocked={baggingBlocked} />
    </section>
  );
}
