import type { ReactNode } from 'react';
import type { ReturnQuote } from '../../../../common/returns.ts';
import { useTranslator } from '../../api/hooks.ts';
import { money } from '../../format.ts';

interface RefundSummaryProps {
  readonly currency: string;
  readonly quote: ReturnQuote | null;
  readonly busy: boolean;
  readonly note: string | null;
  readonly confirmLabel: string;
  readonly onConfirm: () => void;
  /** Tenders to show when the quote names none (a return without a receipt picks its own). */
  readonly tenderLabel?: string;
}

/** The refund total, the tenders it goes back to, and the key that makes it (F10). */
export function RefundSummary({ currency, quote, busy, note, confirmLabel, onConfirm, tenderLabel }: RefundSummaryProps): ReactNode {
  const { t, locale } = useTranslator();
  const amount = (value: number): string => money(value, currency, locale);
  return (
    <aside className="returns-summary" aria-live="polite">
      <div className="returns-total">
        <span>{t('returns.refundTotal')}</span>
        <strong data-testid="return-total">{amount(quote?.total ?? 0)}</strong>
      </div>
      <p className="returns-summary-label">{t('returns.refundTo')}</p>
      <ul className="returns-refunds" data-testid="return-tenders">
        {quote && quote.refunds.length > 0
          ? quote.refunds.map((refund) => (
              <li key={`${refund.method}-${refund.label}`} data-testid={`return-tender-${refund.method}`}>
                <span>{refund.label}</span>
                <strong>{amount(refund.amount)}</strong>
              </li>
            ))
          : quote && tenderLabel && (
              <li data-testid="return-tender-chosen">
                <span>{tenderLabel}</span>
                <strong>{amount(quote.total)}</strong>
              </li>
            )}
      </ul>
      {note && <p className="returns-note">{note}</p>}
      <button type="button" className="btn btn-primary btn-lg returns-confirm" disabled={!quote || busy} onClick={onConfirm} data-testid="return-confirm">
        {confirmLabel} <kbd>F10</kbd>
      </button>
    </aside>
  );
}
