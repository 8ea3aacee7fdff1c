import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { SuspendTicketView } from '../../../../common/suspend.ts';
import { usePendingCommand, useTranslator } from '../../api/hooks.ts';
import { Modal } from '../../components/Modal.tsx';
import { formatReceiptTime, money } from '../../format.ts';
import '../../styles/corrections.css';

/** The ticket of the sale just suspended: the code to give the customer (printed with its barcode when the lane has a printer). */
export function SuspendedTicketDialog({ ticket, onClose }: { readonly ticket: SuspendTicketView; readonly onClose: () => void }): ReactNode {
  const translator = useTranslator();
  const { t, locale } = translator;
  const titleId = useId();
  return (
    <Modal labelledBy={titleId} onDismiss={onClose} className="corr suspend" testId="suspended-dialog">
      <div className="corr-head">
        <h2 id={titleId}>{t('suspend.title')}</h2>
        <kbd>F6</kbd>
      </div>
      <div className="suspend-ticket">
        <span className="suspend-ticket-label">{t('suspend.ticket')}</span>
        <strong className="suspend-ticket-code" data-testid="suspend-ticket">
          {ticket.ticket}
        </strong>
        <span className="suspend-ticket-meta">
          {translator.count('suspend.lines', ticket.lineCount)} · {money(ticket.total, ticket.currency, locale)}
        </span>
      </div>
      <p className="suspend-body">{t('suspend.body')}</p>
      <p className={ticket.printed ? 'suspend-print' : 'suspend-print suspend-print-none'}>{ticket.printed ? t('suspend.printed') : t('suspend.notPrinted')}</p>
      <p className="corr-note">{t('suspend.expires', { time: formatReceiptTime(ticket.expiresAt, locale) })}</p>
      <div className="corr-actions">
        <button type="button" className="btn btn-primary" onClick={onClose} autoFocus data-testid="suspend-done">
          {t('suspend.done')} <kbd>Enter</kbd>
        </button>
      </div>
    </Modal>
  );
}

/**
 * Resume a suspended sale: the ticket scanned (the lane's own scan listener is off while this is
 * open, so a scan types into the field) or keyed, or picked from this lane's waiting tickets.
 */
export function ResumeDialog({ onClose }: { readonly onClose: () => void }): ReactNode {
  const translator = useTranslator();
  const { t, locale } = translator;
  const titleId = useId();
  const [ticket, setTicket] = useState('');
  const [waiting, setWaiting] = useState<readonly SuspendTicketView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, run] = usePendingCommand({ quiet: true });
  const field = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void run('basket.suspended', {}).then((result) => setWaiting(result.ok ? result.value : []));
    // Once, when the dialog opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const resume = async (code: string): Promise<void> => {
    if (code === '' || pending) return;
    const result = await run('basket.resume', { ticket: code });
    if (result.ok) {
      onClose();
      return;
    }
    setError(result.error.code === 'INVALID_INPUT' ? t('resume.explain') : result.error.code === 'TICKET_EXPIRED' || result.error.code === 'TICKET_ALREADY_RESUMED' ? result.error.message : t(`error.${result.error.code}`));
    field.current?.select();
  };

  return (
    <Modal labelledBy={titleId} onDismiss={onClose} className="corr resume" testId="resume-dialog">
      <div className="corr-head">
        <h2 id={titleId}>{t('resume.title')}</h2>
        <kbd>F7</kbd>
      </div>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void resume((field.current?.value ?? ticket).trim());
        }}
      >
        <p className="corr-explain">{t('resume.explain')}</p>
        <div className="corr-field">
          <label htmlFor={`${titleId}-ticket`}>{t('resume.ticket')}</label>
          <div className="corr-row">
            <input
              id={`${titleId}-ticket`}
              ref={field}
              type="text"
              className="corr-input corr-input-code"
              value={ticket}
              autoFocus
              autoComplete="off"
              spellCheck={false}
              placeholder={t('resume.placeholder')}
              onChange={(event) => {
                setError(null);
                setTicket(event.target.value.toUpperCase());
              }}
              data-testid="resume-ticket"
            />
            <button type="submit" className="btn btn-primary" disabled={pending || ticket.trim() === ''} data-testid="resume-submit">
              {t('resume.submit')}
            </button>
          </div>
        </div>
        <p className="corr-error" role="alert" data-testid="resume-error">
          {error}
        </p>
      </form>
      <h3 className="resume-waiting-title">{t('resume.waiting')}</h3>
      {waiting !== null && waiting.length === 0 && <p className="resume-none">{t('resume.none')}</p>}
      {waiting !== null && waiting.length > 0 && (
        <ul className="resume-list">
          {waiting.map((entry) => (
            <li key={entry.ticket}>
              <button type="button" className="resume-entry" onClick={() => void resume(entry.ticket)} disabled={pending} data-testid="resume-waiting">
                <span className="mono">{entry.ticket}</span>
                <span>{formatReceiptTime(entry.suspendedAt, locale)}</span>
                <span>{translator.count('suspend.lines', entry.lineCount)}</span>
                <strong>{money(entry.total, entry.currency, locale)}</strong>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="corr-actions">
        <button type="button" className="btn btn-secondary" onClick={onClose}>
          {t('resume.close')} <kbd>Esc</kbd>
        </button>
      </div>
    </Modal>
  );
}
