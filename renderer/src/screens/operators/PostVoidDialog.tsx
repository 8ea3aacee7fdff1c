import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { PostVoidReason, SaleSummary } from '../../../../common/session.ts';
import { useSession, usePendingCommand, useTranslator } from '../../api/hooks.ts';
import { Icon } from '../../components/illustrations.tsx';
import { Modal } from '../../components/Modal.tsx';
import { formatReceiptTime, money } from '../../format.ts';
import '../../styles/operators.css';

const REASONS: readonly PostVoidReason[] = ['customer-request', 'operator-error', 'tender-error', 'other'];

type Step =
  | { readonly kind: 'find' }
  | { readonly kind: 'confirm'; readonly sale: SaleSummary }
  | { readonly kind: 'waiting'; readonly sale: SaleSummary }
  | { readonly kind: 'done'; readonly sale: SaleSummary; readonly voidNumber: string };

/**
 * Post-void of a completed sale: find it by its receipt number (keyed, or scanned: the lane's
 * own wedge listener is off while this is open, so a scan types into the field), confirm with a
 * reason, and, for anyone but a manager, wait for a manager's approval.
 */
export function PostVoidDialog({ onClose }: { readonly onClose: () => void }): ReactNode {
  const translator = useTranslator();
  const { t, locale } = translator;
  const titleId = useId();
  const [step, setStep] = useState<Step>({ kind: 'find' });
  const [receipt, setReceipt] = useState('');
  const [reason, setReason] = useState<PostVoidReason>('customer-request');
  const [error, setError] = useState<string | null>(null);
  const [pending, run] = usePendingCommand({ quiet: true });
  const approval = useSession()?.approval ?? null;
  const sawApproval = useRef(false);
  const field = useRef<HTMLInputElement>(null);

  const find = async (receiptNumber: string): Promise<SaleSummary | null> => {
    const result = await run('sale.lookup', { receiptNumber });
    if (!result.ok) {
      setError(t(`error.${result.error.code}`));
      return null;
    }
    setError(null);
    return result.value;
  };

  // After an approval was asked for, its end (granted, refused, cancelled or expired) sends us to what the ledger now says.
  useEffect(() => {
    if (step.kind !== 'waiting') return;
    if (approval) {
      sawApproval.current = true;
      return;
    }
    if (!sawApproval.current) return;
    sawApproval.current = false;
    void find(step.sale.receiptNumber).then((sale) => {
      if (!sale) return;
      setStep(sale.voided ? { kind: 'done', sale, voidNumber: sale.voided.receiptNumber } : { kind: 'confirm', sale });
    });
    // find is recreated each render; the step and the approval are what matter here.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [approval, step]);

  const confirm = async (sale: SaleSummary): Promise<void> => {
    setStep({ kind: 'waiting', sale });
    const result = await run('sale.postVoid', { receiptNumber: sale.receiptNumber, reason });
    if (result.ok) {
      setStep({ kind: 'done', sale, voidNumber: result.value.receiptNumber });
      return;
    }
    if (result.error.code === 'APPROVAL_REQUIRED') return;
    setError(t(`error.${result.error.code}`));
    setStep({ kind: 'confirm', sale });
  };

  const amount = (value: number, currency: string): string => money(value, currency, locale);
  return (
    <Modal labelledBy={titleId} onDismiss={step.kind === 'waiting' ? undefined : onClose} className="post-void" testId="post-void-dialog">
      <div className="post-void-head">
        <h2 id={titleId}>{t('postVoid.title')}</h2>
        <button type="button" className="btn btn-icon btn-ghost" onClick={onClose} aria-label={t('postVoid.close')} disabled={step.kind === 'waiting'}>
          <Icon name="close" />
        </button>
      </div>

      {step.kind === 'find' && (
        <form
          className="post-void-find"
          onSubmit={(event) => {
            event.preventDefault();
            const receiptNumber = (field.current?.value ?? receipt).trim();
            if (receiptNumber === '' || pending) return;
            void find(receiptNumber).then((sale) => sale && setStep({ kind: 'confirm', sale }));
          }}
        >
          <p className="post-void-explain">{t('postVoid.explain')}</p>
          <label htmlFor="post-void-receipt" className="post-void-label">
            {t('postVoid.receipt')}
          </label>
          <div className="post-void-row">
            <input
              ref={field}
              id="post-void-receipt"
              className="post-void-input"
              data-testid="post-void-receipt"
              value={receipt}
              autoFocus
              autoComplete="off"
              placeholder={t('postVoid.receiptPlaceholder')}
              onChange={(event) => {
                setError(null);
                setReceipt(event.target.value.toUpperCase());
              }}
            />
            <button type="submit" className="btn btn-primary" disabled={pending || receipt.trim() === ''} data-testid="post-void-find">
              {t('postVoid.find')}
            </button>
          </div>
          <p className="post-void-error" role="alert" data-testid="post-void-error">
            {error}
          </p>
        </form>
      )}

      {(step.kind === 'confirm' || step.kind === 'waiting') && (
        <div className="post-void-confirm">
          <div className="post-void-sale" data-testid="post-void-sale">
            <div>
              <p className="post-void-number">{t('postVoid.saleTitle', { number: step.sale.receiptNumber })}</p>
              <p className="post-void-meta">
                {t('postVoid.saleMeta', { lane: step.sale.laneId, time: formatReceiptTime(step.sale.completedAt, locale) })} ·{' '}
                {translator.count('postVoid.items', step.sale.lineCount)}
              </p>
            </div>
            <div className="post-void-total">
              <span>{t('postVoid.total')}</span>
              <strong>{amount(step.sale.total, step.sale.currency)}</strong>
            </div>
          </div>
          {step.sale.voided ? (
            <p className="post-void-already" data-testid="post-void-already">
              {t('postVoid.alreadyVoided', { number: step.sale.voided.receiptNumber })}
            </p>
          ) : (
            <>
              <fieldset className="post-void-reasons">
                <legend>{t('postVoid.reason')}</legend>
                {REASONS.map((option) => (
                  <label key={option} className={`post-void-reason${reason === option ? ' post-void-reason-on' : ''}`}>
                    <input type="radio" name="post-void-reason" value={option} checked={reason === option} onChange={() => setReason(option)} disabled={step.kind === 'waiting'} />
                    {t(`postVoid.reason.${option}`)}
                  </label>
                ))}
              </fieldset>
              <p className="post-void-note">{step.kind === 'waiting' ? t('postVoid.waiting') : t('postVoid.managerOnly')}</p>
              <p className="post-void-error" role="alert" data-testid="post-void-error">
                {error}
              </p>
            </>
          )}
          <div className="post-void-actions">
            <button type="button" className="btn btn-secondary" onClick={() => setStep({ kind: 'find' })} disabled={step.kind === 'waiting'}>
              {t('postVoid.another')}
            </button>
            {!step.sale.voided && (
              <button type="button" className="btn btn-danger" onClick={() => void confirm(step.sale)} disabled={pending || step.kind === 'waiting'} data-testid="post-void-confirm">
                {t('postVoid.confirm')}
              </button>
            )}
          </div>
        </div>
      )}

      {step.kind === 'done' && (
        <div className="post-void-done" data-testid="post-void-done">
          <div className="post-void-done-icon" aria-hidden="true">
            <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.6" strokeLinecap="round" strokeLinejoin="round">
              <path d="M5 12.5l4.5 4.5L19 7.5" />
            </svg>
          </div>
          <h3>{t('postVoid.doneTitle')}</h3>
          <p>{t('postVoid.doneBody', { receipt: step.sale.receiptNumber, number: step.voidNumber, amount: amount(step.sale.total, step.sale.currency) })}</p>
          <div className="post-void-actions">
            <button type="button" className="btn btn-secondary" onClick={() => setStep({ kind: 'find' })}>
              {t('postVoid.another')}
            </button>
            <button type="button" className="btn btn-primary" onClick={onClose} autoFocus>
              {t('postVoid.close')}
            </button>
          </div>
        </div>
      )}
    </Modal>
  );
}
