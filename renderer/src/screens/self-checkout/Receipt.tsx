import { useEffect, useState, type ReactNode } from 'react';
import type { ReceiptPrintStatus } from '../../../../common/api/contract.ts';
import type { ReceiptView } from '../../../../common/basket.ts';
import { usePendingCommand, useTranslator } from '../../api/hooks.ts';
import { newRequestId } from '../../api/request-id.ts';
import { DoneArt } from '../../components/illustrations.tsx';
import { ReceiptPaper } from '../../components/ReceiptPaper.tsx';
import { ReceiptPrintNote } from '../../components/ReceiptPrintNote.tsx';

export const RECEIPT_SHOWN_SECONDS = 20;

/** Thanks the shopper, shows the receipt, and goes back to the welcome screen on its own. */
export function Receipt({ receipt, print }: { readonly receipt: ReceiptView; readonly print: ReceiptPrintStatus | null }): ReactNode {
  const translator = useTranslator();
  const { t } = translator;
  const [secondsLeft, setSecondsLeft] = useState(RECEIPT_SHOWN_SECONDS);
  // Done and the timer are the same action: one key, so the lane finishes the sale once.
  const [requestId] = useState(newRequestId);
  const [pending, run] = usePendingCommand();

  useEffect(() => {
    const started = performance.now();
    const timer = setInterval(() => {
      const elapsed = Math.floor((performance.now() - started) / 1000);
      setSecondsLeft(Math.max(0, RECEIPT_SHOWN_SECONDS - elapsed));
    }, 250);
    return () => clearInterval(timer);
  }, []);

  useEffect(() => {
    if (secondsLeft === 0) void run('sale.finish', {}, requestId);
  }, [secondsLeft, run, requestId]);

  return (
    <section className="receipt-screen" data-testid="receipt-screen" aria-labelledby="receipt-thanks">
      <div className="receipt-thanks">
        <DoneArt className="receipt-art" label={t('receipt.approved')} />
        <h1 id="receipt-thanks">{t('receipt.thanks')}</h1>
        <p className="receipt-subtitle">{t('receipt.subtitle')}</p>
        <ReceiptPrintNote status={print} />
        <button type="button" className="btn btn-primary btn-xl receipt-done" data-testid="done-button" disabled={pending} onClick={() => void run('sale.finish', {}, requestId)}>
          {t('receipt.done')}
        </button>
        <div className="countdown">
          <p className="countdown-text">{translator.count('receipt.countdown', secondsLeft)}</p>
          <div className="countdown-track" aria-hidden="true">
            <span className="countdown-fill" style={{ animationDuration: `${RECEIPT_SHOWN_SECONDS}s` }} />
          </div>
        </div>
      </div>
      <ReceiptPaper receipt={receipt} className="receipt-side" />
    </section>
  );
}
