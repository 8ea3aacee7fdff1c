import type { ReactNode } from 'react';
import type { PaymentStatus } from '../../../../common/api/contract.ts';
import type { BasketView } from '../../../../common/basket.ts';
import { usePendingCommand, useTranslator } from '../../api/hooks.ts';
import { CardArt, Icon } from '../../components/illustrations.tsx';
import { money } from '../../format.ts';
import { usePaymentMessage } from './payment-message.ts';

interface PayingProps {
  readonly basket: BasketView | null;
  readonly payment: PaymentStatus;
}

/** The card reader has the shopper's attention; this screen repeats what it asks. */
export function Paying({ basket, payment }: PayingProps): ReactNode {
  const { t, locale } = useTranslator();
  const [pending, run] = usePendingCommand();
  const stopped = payment.state === 'declined' || payment.state === 'failed';
  const message = usePaymentMessage(payment);
  return (
    <section className={stopped ? 'paying is-stopped' : 'paying'} data-testid="paying-screen" aria-labelledby="paying-title">
      <div className="paying-card">
        <h1 id="paying-title" className="paying-label">
          {stopped ? t('paying.declinedTitle') : t('paying.totalDue')}
        </h1>
        {basket && (
          <p className="paying-amount" data-testid="paying-total">
            {money(basket.due, basket.currency, locale)}
          </p>
        )}
        {stopped ? (
          <div className="paying-stopped-art" aria-hidden="true">
            <Icon name="alert" />
          </div>
        ) : (
          <CardArt className="paying-art" label={t('paying.waitingArt')} />
        )}
        <p className="payment-message" data-testid="payment-message" role={stopped ? 'alert' : 'status'}>
          {message}
        </p>
        <div className="paying-actions">
          {stopped ? (
            <>
              <button type="button" className="btn btn-secondary btn-xl" disabled={pending} onClick={() => void run('payment.cancel', {})}>
                {t('paying.back')}
              </button>
              <button type="button" className="btn btn-primary btn-xl" disabled={pending} onClick={() => void run('payment.start', { method: 'card' })}>
                {t('paying.retry')}
              </button>
            </>
          ) : (
            <button type="button" className="btn btn-secondary btn-xl" disabled={pending} onClick={() => void run('payment.cancel', {})}>
              {t('paying.cancel')}
            </button>
          )}
        </div>
      </div>
    </section>
  );
}
