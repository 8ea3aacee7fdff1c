import type { ReactNode } from 'react';
import type { ReceiptView } from '../../../common/basket.ts';
import { useTranslator } from '../api/hooks.ts';
import { formatReceiptTime, money } from '../format.ts';
import { lineDetail } from '../screens/line-text.ts';
import { LineSavings } from './LineSavings.tsx';

/** The receipt as the lane wrote it, laid out like the printed slip. */
export function ReceiptPaper({ receipt, className }: { readonly receipt: ReceiptView; readonly className?: string }): ReactNode {
  const translator = useTranslator();
  const { t, locale } = translator;
  const amount = (value: number): string => money(value, receipt.currency, locale);
  return (
    <article className={['receipt-paper', className].filter(Boolean).join(' ')} aria-label={t('receipt.title')}>
      <header className="receipt-head">
        <h3 className="receipt-store">{receipt.storeName}</h3>
        <p>
          {t('receipt.lane', { lane: receipt.laneId })} · <span data-testid="receipt-number">{t('receipt.number', { number: receipt.receiptNumber })}</span>
        </p>
        <p>
          <time dateTime={receipt.completedAt}>{formatReceiptTime(receipt.completedAt, locale)}</time>
        </p>
      </header>
      <ul className="receipt-lines">
        {receipt.lines.map((line) => (
          <li key={line.lineId} className="receipt-line">
            <span className="receipt-line-name">{line.name}</span>
            <span className="receipt-line-amount">{amount(line.extendedPrice)}</span>
            {(line.soldBy === 'weight' || line.quantity > 1 || line.priceSource === 'label') && (
              <span className="receipt-line-detail">{lineDetail(line, receipt.currency, translator)}</span>
            )}
            <LineSavings line={line} currency={receipt.currency} locale={locale} className="receipt-line-savings" />
          </li>
        ))}
      </ul>
      <dl className="receipt-sums">
        <div>
          <dt>{t('summary.subtotal')}</dt>
          <dd>{amount(receipt.subtotal)}</dd>
        </div>
        {receipt.discountTotal > 0 && (
          <div className="receipt-savings">
            <dt>{t('summary.savings')}</dt>
            <dd>−{amount(receipt.discountTotal)}</dd>
          </div>
        )}
        {receipt.taxes.map((tax) => (
          <div key={tax.category}>
            <dt>{receipt.taxMode === 'inclusive' ? t('summary.taxIncluded', { label: tax.label }) : tax.label}</dt>
            <dd>{amount(tax.tax)}</dd>
          </div>
        ))}
        <div className="receipt-total">
          <dt>{t('summary.total')}</dt>
          <dd>{amount(receipt.total)}</dd>
        </div>
      </dl>
      {receipt.tenders.map((tender) => {
        switch (tender.method) {
          case 'card':
            return (
              <div key={tender.tenderId} className="receipt-tender">
                <div>
                  <span>{t('receipt.card', { brand: tender.brand, last4: tender.last4 })}</span>
                  <span>{amount(tender.amount)}</span>
                </div>
                <div className="receipt-tender-auth">
                  <span>{t('receipt.approved')}</span>
                  <span>{t('receipt.auth', { code: tender.authCode })}</span>
                </div>
              </div>
            );
          case 'cash':
            return (
              <div key={tender.tenderId} className="receipt-tender">
                <div>
                  <span>{t('receipt.cash')}</span>
                  <span>{amount(tender.tendered)}</span>
                </div>
                <div className="receipt-tender-auth">
                  <span>{t('receipt.change')}</span>
                  <span>{amount(tender.change)}</span>
                </div>
              </div>
            );
          case 'gift-card':
            return (
              <div key={tender.tenderId} className="receipt-tender">
                <div>
                  <span>{t('receipt.giftCard', { last4: tender.last4 })}</span>
                  <span>{amount(tender.amount)}</span>
                </div>
              </div>
            );
          default: {
            const unreachable: never = tender;
            return unreachable;
          }
        }
      })}
    </article>
  );
}
