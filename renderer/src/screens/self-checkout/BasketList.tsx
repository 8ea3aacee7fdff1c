import { useRef, type ReactNode } from 'react';
import type { BasketLineView, BasketView } from '../../../../common/basket.ts';
import { usePendingCommand, useTranslator } from '../../api/hooks.ts';
import { Icon } from '../../components/illustrations.tsx';
import { LineSavings } from '../../components/LineSavings.tsx';
import { money } from '../../format.ts';
import { lineDetail } from '../line-text.ts';
import { useRecentLine, useScrollToLine } from '../useRecentLine.ts';

const MAX_QUANTITY = 999;

function QuantityStepper({ line }: { readonly line: BasketLineView }): ReactNode {
  const { t } = useTranslator();
  const [pending, run] = usePendingCommand();
  const change = (quantity: number): void => {
    void run('basket.setQuantity', { lineId: line.lineId, quantity });
  };
  return (
    <div className="stepper" role="group" aria-label={t('basket.quantity')}>
      <button
        type="button"
        className="btn btn-icon stepper-button"
        onClick={() => change(line.quantity - 1)}
        disabled={pending || line.quantity <= 1}
        aria-label={t('basket.decrease', { name: line.name })}
      >
        <Icon name="minus" />
      </button>
      <span className="stepper-value" aria-live="polite">
        {line.quantity}
      </span>
      <button
        type="button"
        className="btn btn-icon stepper-button"
        onClick={() => change(line.quantity + 1)}
        disabled={pending || line.quantity >= MAX_QUANTITY}
        aria-label={t('basket.increase', { name: line.name })}
      >
        <Icon name="plus" />
      </button>
    </div>
  );
}

/** The shopper's items, newest touched line highlighted and kept in view. */
/** `action`: a control in the list's header, such as the item lookup. */
export function BasketList({ basket, action }: { readonly basket: BasketView; readonly action?: ReactNode }): ReactNode {
  const translator = useTranslator();
  const { t, locale } = translator;
  const recent = useRecentLine(basket.lines);
  const recentLine = basket.lines.find((line) => line.lineId === recent);
  const list = useRef<HTMLOListElement>(null);
  // A line grows when a saving appears under it (a coupon, a member card): keep it all in view.
  useScrollToLine(list, recent, (recentLine?.quantity ?? 0) * 100 + (recentLine?.discounts.length ?? 0));
  return (
    <section className="basket-card" aria-labelledby="basket-title">
      <header className="basket-head">
        <h2 id="basket-title">{t('basket.title')}</h2>
        <span className="basket-count">{translator.count('summary.items', basket.itemCount)}</span>
        {action}
      </header>
      <ol className="basket-lines" ref={list}>
        {basket.lines.map((line) => (
          <li
            key={line.lineId}
            className={line.lineId === recent ? 'basket-line is-recent' : 'basket-line'}
            data-testid="basket-line"
            data-code={line.code}
            data-quantity={line.quantity}
            data-line-id={line.lineId}
          >
            <div className="line-main">
              <span className="line-name">
                {line.name}
                {line.minimumAge !== null && (
                  <span className="badge badge-age" title={t('basket.ageCheckTitle', { age: line.minimumAge })}>
                    {t('basket.ageCheck')}
                  </span>
                )}
              </span>
              <span className="line-detail">{lineDetail(line, basket.currency, translator)}</span>
              <LineSavings line={line} currency={basket.currency} locale={locale} className="line-savings" />
            </div>
            {line.soldBy === 'each' && line.priceSource !== 'label' ? <QuantityStepper line={line} /> : <span className="stepper-spacer" />}
            <span className="line-total">
              {line.discountTotal > 0 && (
                <s className="line-was" aria-label={t('basket.was', { price: money(line.extendedPrice, basket.currency, locale) })}>
                  {money(line.extendedPrice, basket.currency, locale)}
                </s>
              )}
              {money(line.netPrice, basket.currency, locale)}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
