import { useState, type ReactNode } from 'react';
import type { BasketView } from '../../../../common/basket.ts';
import { usePendingCommand, useTranslator } from '../../api/hooks.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { Icon } from '../../components/illustrations.tsx';
import { money } from '../../format.ts';

interface SummaryPanelProps {
  readonly basket: BasketView;
  readonly onKeypad: () => void;
  readonly baggingBlocked?: boolean;
}

/** Totals as the lane priced them, and the way to pay. */
export function SummaryPanel({ basket, onKeypad, baggingBlocked = false }: SummaryPanelProps): ReactNode {
  const translator = useTranslator();
  const { t, locale } = translator;
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [paying, runPay] = usePendingCommand();
  const [cancelling, runCancel] = usePendingCommand();
  const amount = (value: number): string => money(value, basket.currency, locale);

  const blocked =
    basket.lines.length === 0 ? t('summary.payEmpty') : basket.ageCheckRequired ? t('summary.payAgeCheck') : baggingBlocked ? t('summary.payBagging') : null;

  return (
    <aside className="summary" aria-label={t('summary.total')}>
      <dl className="summary-rows">
        <div className="summary-row summary-row-muted">
          <dt>{translator.count('summary.items', basket.itemCount)}</dt>
          <dd>{basket.customer.memberId !== null && <span className="badge badge-member">{t('summary.member')}</span>}</dd>
        </div>
        <div className="summary-row">
          <dt>{t('summary.subtotal')}</dt>
          <dd>{amount(basket.subtotal)}</dd>
        </div>
        {basket.discountTotal > 0 && (
          <div className="summary-row summary-row-savings" data-testid="basket-savings">
            <dt>{t('summary.savings')}</dt>
            <dd>−{amount(basket.discountTotal)}</dd>
          </div>
        )}
        {basket.coupons
          .filter((coupon) => !coupon.applied)
          .map((coupon) => (
            <div className="summary-row summary-row-muted" key={coupon.entryId}>
              <dt>{t('summary.couponWaiting', { label: coupon.label })}</dt>
              <dd />
            </div>
          ))}
        {basket.taxes.map((tax) => (
          <div className="summary-row" key={tax.category}>
            <dt>{basket.taxMode === 'inclusive' ? t('summary.taxIncluded', { label: tax.label }) : tax.label}</dt>
            <dd>{amount(tax.tax)}</dd>
          </div>
        ))}
        {basket.paid > 0 && (
          <div className="summary-row">
            <dt>{t('summary.paid')}</dt>
            <dd>−{amount(basket.paid)}</dd>
          </div>
        )}
      </dl>
      <div className="summary-total">
        <span className="summary-total-label">{basket.paid > 0 ? t('summary.due') : t('summary.total')}</span>
        <span className="summary-total-amount" data-testid="basket-total">
          {amount(basket.paid > 0 ? basket.due : basket.total)}
        </span>
      </div>
      <button
        type="button"
        className="btn btn-primary btn-xl summary-pay"
        data-testid="pay-button"
        disabled={blocked !== null || paying}
        aria-describedby={blocked ? 'pay-blocked' : undefined}
        onClick={() => void runPay('payment.start', { method: 'card' })}
      >
        {t('summary.pay')}
      </button>
      {blocked && (
        <p id="pay-blocked" className={basket.ageCheckRequired ? 'pay-blocked pay-blocked-age' : 'pay-blocked'}>
          {basket.ageCheckRequired && <Icon name="alert" />}
          {blocked}
        </p>
      )}
      <div className="summary-secondary">
        <button type="button" className="btn btn-secondary btn-lg" onClick={onKeypad} data-testid="keypad-button">
          <Icon name="keypad" />
          {t('keypad.open')}
        </button>
        <button type="button" className="btn btn-secondary btn-lg btn-danger-text" onClick={() => setConfirmCancel(true)} data-testid="cancel-order">
          {t('summary.cancelOrder')}
        </button>
      </div>
      {confirmCancel && (
        <ConfirmDialog
          title={t('cancel.title')}
          body={t('cancel.body')}
          keepLabel={t('cancel.keep')}
          confirmLabel={t('cancel.confirm')}
          confirmTestId="confirm-cancel"
          busy={cancelling}
          onKeep={() => setConfirmCancel(false)}
          onConfirm={() => {
            void runCancel('basket.cancel', {}).then(() => setConfirmCancel(false));
          }}
        />
      )}
    </aside>
  );
}
