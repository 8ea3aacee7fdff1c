import type { ReactNode } from 'react';
import type { ReceiptView } from '../../../../common/basket.ts';
import { useTranslator } from '../../api/hooks.ts';
import { money } from '../../format.ts';

/** The change to hand back, big enough to read from the customer's side of the counter. */
export function ChangeDue({ receipt }: { readonly receipt: ReceiptView }): ReactNode {
  const { t, locale } = useTranslator();
  const change = receipt.tenders.reduce((sum, tender) => sum + (tender.method === 'cash' ? tender.change : 0), 0);
  const gift = receipt.tenders.filter((tender) => tender.method === 'gift-card');
  if (change === 0 && gift.length === 0) return null;
  return (
    <div className="change-due" role="status">
      {change > 0 && (
        <p>
          <span className="change-due-label">{t('tender.changeDue')}</span>
          <strong className="change-due-amount" data-testid="change-due">
            {money(change, receipt.currency, locale)}
          </strong>
        </p>
      )}
      {gift.map((tender) =>
        tender.method === 'gift-card' ? (
          <p key={tender.tenderId} className="change-due-gift">
            {t('tender.giftBalance', { last4: tender.last4, amount: money(tender.balanceAfter, receipt.currency, locale) })}
          </p>
        ) : null,
      )}
    </div>
  );
}
