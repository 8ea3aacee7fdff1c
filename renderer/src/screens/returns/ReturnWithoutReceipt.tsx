import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { NoReceiptRefund, ReturnQuote, ReturnView } from '../../../../common/returns.ts';
import { usePendingCommand, useSession, useTranslator } from '../../api/hooks.ts';
import { newRequestId } from '../../api/request-id.ts';
import { money } from '../../format.ts';
import { RefundSummary } from './RefundSummary.tsx';

interface ReturnWithoutReceiptProps {
  readonly currency: string;
  readonly onDone: (result: ReturnView) => void;
  readonly onBusy: (busy: boolean) => void;
}

/**
 * A return without a receipt: the item's barcode and how many, priced by main at the lowest recent
 * price, refunded in cash or onto store credit. Anyone but a manager waits for a manager's
 * approval; the screen then asks main what became of the request.
 */
export function ReturnWithoutReceipt({ currency, onDone, onBusy }: ReturnWithoutReceiptProps): ReactNode {
  const { t, locale } = useTranslator();
  const [code, setCode] = useState('');
  const [quantity, setQuantity] = useState(1);
  const [method, setMethod] = useState<NoReceiptRefund['method']>('cash');
  const [creditCode, setCreditCode] = useState('');
  const [quote, setQuote] = useState<ReturnQuote | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [waiting, setWaiting] = useState<string | null>(null);
  const [pending, run] = usePendingCommand({ quiet: true });
  const approval = useSession()?.approval ?? null;
  const sawApproval = useRef(false);
  /** A refund request is on its way to main: the approval it asks for may show (and even end) before its answer. */
  const inFlight = useRef(false);

  const check = async (): Promise<void> => {
    if (code.trim() === '') return;
    const result = await run('return.quoteNoReceipt', { code: code.trim(), quantity });
    if (result.ok) {
      setQuote(result.value);
      setError(null);
    } else {
      setQuote(null);
      setError(t(`error.${result.error.code}`));
    }
  };

  // An approval asked for ends (granted, refused, cancelled, expired): ask main whether the return was made.
  // A quick approver may end it before this screen has the refund's answer, so seeing it counts from the request on.
  useEffect(() => {
    if (approval) {
      if (inFlight.current || waiting) sawApproval.current = true;
      return;
    }
    if (!waiting || !sawApproval.current) return;
    sawApproval.current = false;
    void run('return.view', {}, waiting).then((result) => {
      setWaiting(null);
      onBusy(false);
      if (result.ok) onDone(result.value);
      else setError(t('returns.notDone'));
    });
    // run, t and the callbacks are stable for this purpose; the approval ending is the trigger.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [approval, waiting]);

  const refund = async (): Promise<void> => {
    if (!quote || pending || waiting) return;
    const chosen: NoReceiptRefund = method === 'cash' ? { method: 'cash' } : { method: 'store-credit', code: creditCode.trim() };
    const requestId = newRequestId();
    sawApproval.current = false;
    inFlight.current = true;
    const result = await run('return.noReceipt', { code: code.trim(), quantity, refund: chosen }, requestId).finally(() => {
      inFlight.current = false;
    });
    if (result.ok) {
      onDone(result.value);
      return;
    }
    if (result.error.code === 'APPROVAL_REQUIRED') {
      setWaiting(requestId);
      onBusy(true);
      return;
    }
    setError(t(`error.${result.error.code}`));
  };

  const line = quote?.lines[0];
  const tenderLabel = method === 'cash' ? t('returns.method.cash') : t('returns.method.store-credit');
  return (
    <div
      className="returns-no-receipt"
      onKeyDown={(event) => {
        if (event.key === 'F10') {
          event.preventDefault();
          void refund();
        }
      }}
    >
      <div className="returns-sale">
        <form
          className="returns-lines-panel returns-form"
          onSubmit={(event) => {
            event.preventDefault();
            void check();
          }}
        >
          <p className="returns-explain">{t('returns.priceRule')}</p>
          <div className="returns-fields">
            <label className="returns-field returns-field-wide">
              <span className="returns-label">{t('returns.item')}</span>
              <input
                className="returns-input"
                value={code}
                autoFocus
                autoComplete="off"
                placeholder={t('returns.itemPlaceholder')}
                onChange={(event) => {
                  setCode(event.target.value);
                  setQuote(null);
                }}
                disabled={waiting !== null}
                data-testid="no-receipt-code"
              />
            </label>
            <label className="returns-field">
              <span className="returns-label">{t('returns.quantity')}</span>
              <input
                type="number"
                className="returns-input returns-input-short"
                min={1}
                max={999}
                value={quantity}
                onChange={(event) => {
                  setQuantity(Math.max(1, Math.min(999, Number.parseInt(event.target.value || '1', 10) || 1)));
                  setQuote(null);
                }}
                disabled={waiting !== null}
                data-testid="no-receipt-quantity"
              />
            </label>
            <button type="submit" className="btn btn-secondary returns-check" disabled={pending || waiting !== null || code.trim() === ''} data-testid="no-receipt-check">
              {t('returns.check')}
            </button>
          </div>
          {line && (
            <p className="returns-quoted" data-testid="no-receipt-line">
              <span>{t('returns.unitLine', { units: line.units, name: line.name })}</span>
              <strong>{money(line.amount, currency, locale)}</strong>
            </p>
          )}
          <fieldset className="returns-methods">
            <legend className="returns-label">{t('returns.refundAs')}</legend>
            {(['cash', 'store-credit'] as const).map((option) => (
              <label key={option} className={`returns-method${method === option ? ' returns-method-on' : ''}`}>
                <input type="radio" name="no-receipt-method" value={option} checked={method === option} onChange={() => setMethod(option)} disabled={waiting !== null} />
                {t(`returns.method.${option}`)}
              </label>
            ))}
          </fieldset>
          {method === 'store-credit' && (
            <label className="returns-field returns-field-wide">
              <span className="returns-label">{t('returns.storeCredit')}</span>
              <input
                className="returns-input"
                value={creditCode}
                autoComplete="off"
                placeholder={t('returns.storeCreditPlaceholder')}
                onChange={(event) => setCreditCode(event.target.value)}
                disabled={waiting !== null}
                data-testid="no-receipt-credit"
              />
            </label>
          )}
          <p className="returns-manager">{waiting ? t('returns.waiting') : t('returns.managerOnly')}</p>
          <p className="returns-error" role="alert" data-testid="returns-error">
            {error}
          </p>
        </form>
        <RefundSummary
          currency={currency}
          quote={quote}
          busy={pending || waiting !== null || (method === 'store-credit' && creditCode.trim().length < 6)}
          note={null}
          tenderLabel={tenderLabel}
          confirmLabel={t('returns.confirm', { amount: money(quote?.total ?? 0, currency, locale) })}
          onConfirm={() => void refund()}
        />
      </div>
    </div>
  );
}
