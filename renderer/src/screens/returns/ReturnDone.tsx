import type { ReactNode } from 'react';
import type { ReturnView } from '../../../../common/returns.ts';
import { useTranslator } from '../../api/hooks.ts';
import { money } from '../../format.ts';

/** A finished return: what went back to which tender, and the return receipt as printed. */
export function ReturnDone({ result, onAnother, onClose }: { readonly result: ReturnView; readonly onAnother: () => void; readonly onClose: () => void }): ReactNode {
  const { t, locale } = useTranslator();
  const amount = (value: number): string => money(value, result.currency, locale);
  const cash = result.refunds.filter((refund) => refund.method === 'cash').reduce((sum, refund) => sum + refund.amount, 0);
  return (
    <div className="returns-done" data-testid="return-done">
      <div className="returns-done-summary">
        <div className="returns-done-icon" aria-hidden="true">
          <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.6" strokeLinecap="round" strokeLinejoin="round">
            <path d="M5 12.5l4.5 4.5L19 7.5" />
          </svg>
        </div>
        <h3>{t('returns.doneTitle')}</h3>
        <p data-testid="return-done-body">{t('returns.doneBody', { number: result.receiptNumber, amount: amount(result.total) })}</p>
        <ul className="returns-refunds" data-testid="return-refunds">
          {result.refunds.map((refund) => (
            <li key={`${refund.method}-${refund.label}`} data-testid={`return-refund-${refund.method}`}>
              <span>{refund.label}</span>
              <strong>{amount(refund.amount)}</strong>
            </li>
          ))}
        </ul>
        {cash > 0 && (
          <p className="returns-cash-hint" data-testid="return-cash-hint">
            {t('returns.cashHint', { amount: amount(cash) })}
          </p>
        )}
        <div className="returns-actions">
          <button type="button" className="btn btn-secondary" onClick={onAnother} data-testid="return-another">
            {t('returns.another')}
          </button>
          <button type="button" className="btn btn-primary" onClick={onClose} autoFocus data-testid="return-close">
            {t('returns.close')}
          </button>
        </div>
      </div>
      <figure className="returns-slip">
        <figcaption>{t('returns.receiptText')}</figcaption>
        <pre data-testid="return-receipt-text">{result.text}</pre>
      </figure>
    </div>
  );
}
