import type { ReactNode } from 'react';
import type { PaymentStatus, Phase } from '../../../../common/api/contract.ts';
import type { BasketView } from '../../../../common/basket.ts';
import { useTranslator } from '../../api/hooks.ts';
import { money } from '../../format.ts';

export interface SaleKeys {
  readonly pay: (() => void) | null;
  readonly tender: (() => void) | null;
  readonly cancel: (() => void) | null;
  readonly retry: (() => void) | null;
  readonly back: (() => void) | null;
  readonly cancelPayment: (() => void) | null;
  readonly newSale: (() => void) | null;
  /** The customer's ID is checked for the age-restricted items (only while payment waits for it). */
  readonly checkId: (() => void) | null;
}

interface SidePanelProps {
  readonly phase: Phase;
  readonly basket: BasketView | null;
  readonly payment: PaymentStatus;
  readonly keys: SaleKeys;
  readonly payBlockedReason: string | null;
  /** Shown under the sale's state, e.g. the change to hand back. */
  readonly children?: ReactNode;
}

function Key({ label, hint, onPress, testId, tone }: { label: string; hint: string; onPress: (() => void) | null; testId?: string; tone: 'primary' | 'secondary' | 'danger' }): ReactNode {
  return (
    <button type="button" className={`btn as-key as-key-${tone}`} onClick={onPress ?? undefined} disabled={!onPress} data-testid={testId}>
      <span>{label}</span>
      <kbd>{hint}</kbd>
    </button>
  );
}

/** Totals, and the keys that apply in this phase, each with its function key. */
export function SidePanel({ phase, basket, payment, keys, payBlockedReason, children }: SidePanelProps): ReactNode {
  const translator = useTranslator();
  const { t, locale } = translator;
  const currency = basket?.currency ?? 'USD';
  const amount = (value: number): string => money(value, currency, locale);
  const stopped = payment.state === 'declined' || payment.state === 'failed';

  return (
    <aside className="as-side">
      {basket && phase !== 'receipt' && (
        <dl className="as-totals">
          <div>
            <dt>{translator.count('summary.items', basket.itemCount)}</dt>
            <dd />
          </div>
          <div>
            <dt>{t('summary.subtotal')}</dt>
            <dd>{amount(basket.subtotal)}</dd>
          </div>
          {basket.discountTotal > 0 && (
            <div className="as-savings" data-testid="basket-savings">
              <dt>{t('summary.savings')}</dt>
              <dd>−{amount(basket.discountTotal)}</dd>
            </div>
          )}
          {basket.customer.memberId !== null && (
            <div className="as-member">
              <dt>{t('summary.member')}</dt>
              <dd className="mono">••••{basket.customer.memberId.slice(-4)}</dd>
            </div>
          )}
          {basket.taxes.map((tax) => (
            <div key={tax.category}>
              <dt>{basket.taxMode === 'inclusive' ? t('summary.taxIncluded', { label: tax.label }) : tax.label}</dt>
              <dd>{amount(tax.tax)}</dd>
            </div>
          ))}
          {basket.paid > 0 && (
            <div>
              <dt>{t('summary.paid')}</dt>
              <dd>−{amount(basket.paid)}</dd>
            </div>
          )}
          <div className="as-total">
            <dt>{basket.paid > 0 ? t('summary.due') : t('summary.total')}</dt>
            <dd data-testid="basket-total">{amount(basket.paid > 0 ? basket.due : basket.total)}</dd>
          </div>
        </dl>
      )}
      {!basket && phase !== 'receipt' && (
        <dl className="as-totals">
          <div className="as-total">
            <dt>{t('summary.total')}</dt>
            <dd data-testid="basket-total">—</dd>
          </div>
        </dl>
      )}

      {phase === 'paying' && (
        <div className={stopped ? 'as-paying is-stopped' : 'as-paying'} data-testid="paying-screen">
          <h2>{t('associate.paying')}</h2>
          <p className="as-payment-message" data-testid="payment-message" role={stopped ? 'alert' : 'status'}>
            {payment.message || t('paying.waiting')}
          </p>
        </div>
      )}
      {phase === 'receipt' && (
        <div className="as-complete">
          <h2>{t('associate.receipt')}</h2>
        </div>
      )}
      {children}

      <div className="as-keys">
        {(phase === 'welcome' || phase === 'shopping') && (
          <>
            <Key label={t('associate.pay')} hint="F10" onPress={keys.pay} testId="pay-button" tone="primary" />
            <Key label={t('tender.open')} hint="F9" onPress={keys.tender} testId="tender-button" tone="secondary" />
            {payBlockedReason && <p className="as-blocked">{payBlockedReason}</p>}
            {keys.checkId && <Key label={t('associate.checkId')} hint="F11" onPress={keys.checkId} testId="check-id-button" tone="secondary" />}
            <Key label={t('associate.cancel')} hint="F12" onPress={keys.cancel} testId="cancel-order" tone="danger" />
          </>
        )}
        {phase === 'paying' &&
          (stopped ? (
            <>
              <Key label={t('associate.retry')} hint="F10" onPress={keys.retry} tone="primary" />
              <Key label={t('associate.back')} hint="F12" onPress={keys.back} tone="secondary" />
            </>
          ) : (
            <Key label={t('associate.cancelPayment')} hint="F12" onPress={keys.cancelPayment} tone="danger" />
          ))}
        {phase === 'receipt' && <Key label={t('associate.newSale')} hint="F10" onPress={keys.newSale} testId="done-button" tone="primary" />}
      </div>
    </aside>
  );
}
