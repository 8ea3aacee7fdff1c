import { useId, useState, type ReactNode } from 'react';
import type { ReturnView } from '../../../../common/returns.ts';
import { useTranslator } from '../../api/hooks.ts';
import { Icon } from '../../components/illustrations.tsx';
import { Modal } from '../../components/Modal.tsx';
import { ReturnByReceipt } from './ReturnByReceipt.tsx';
import { ReturnDone } from './ReturnDone.tsx';
import { ReturnWithoutReceipt } from './ReturnWithoutReceipt.tsx';
import '../../styles/returns.css';

type Mode = 'receipt' | 'no-receipt';

interface ReturnsDialogProps {
  /** A receipt scanned at the lane (its number and a count that changes with every scan), or null. */
  readonly scanned: { readonly receiptNumber: string; readonly scan: number } | null;
  readonly currency: string;
  readonly onClose: () => void;
}

/**
 * Returns at the associate lane: by receipt (scanned or keyed), or without one (a manager's
 * permission). Refunds are decided and made in main; this screen picks and shows.
 */
export function ReturnsDialog({ scanned, currency, onClose }: ReturnsDialogProps): ReactNode {
  const { t } = useTranslator();
  const titleId = useId();
  const [mode, setMode] = useState<Mode>('receipt');
  const [done, setDone] = useState<ReturnView | null>(null);
  const [busy, setBusy] = useState(false);
  // A new receipt scan while a finished return is shown starts the next return.
  const [shownScan, setShownScan] = useState(scanned?.scan ?? 0);
  if (scanned && scanned.scan !== shownScan) {
    setShownScan(scanned.scan);
    setDone(null);
    setMode('receipt');
  }

  return (
    <Modal labelledBy={titleId} onDismiss={busy ? undefined : onClose} className="returns" testId="returns-dialog">
      <div className="returns-head">
        <h2 id={titleId}>{t('returns.title')}</h2>
        {!done && (
          <div className="returns-modes" role="tablist" aria-label={t('returns.title')}>
            {(['receipt', 'no-receipt'] as const).map((option) => (
              <button
                key={option}
                type="button"
                role="tab"
                aria-selected={mode === option}
                className={`returns-mode${mode === option ? ' returns-mode-on' : ''}`}
                onClick={() => setMode(option)}
                disabled={busy}
                data-testid={`returns-mode-${option}`}
              >
                {t(option === 'receipt' ? 'returns.withReceipt' : 'returns.withoutReceipt')}
              </button>
            ))}
          </div>
        )}
        <button type="button" className="btn btn-icon btn-ghost" onClick={onClose} aria-label={t('returns.close')} disabled={busy}>
          <Icon name="close" />
        </button>
      </div>
      {done ? (
        <ReturnDone result={done} onAnother={() => setDone(null)} onClose={onClose} />
      ) : mode === 'receipt' ? (
        <ReturnByReceipt scanned={scanned} onDone={setDone} onBusy={setBusy} />
      ) : (
        <ReturnWithoutReceipt currency={currency} onDone={setDone} onBusy={setBusy} />
      )}
    </Modal>
  );
}
