import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { ReturnableSale, ReturnQuote, ReturnView } from '../../../../common/returns.ts';
import { usePendingCommand, useTranslator } from '../../api/hooks.ts';
import { newRequestId } from '../../api/request-id.ts';
import { formatKilograms, formatReceiptTime, money } from '../../format.ts';
import { RefundSummary } from './RefundSummary.tsx';

interface ReturnByReceiptProps {
  readonly scanned: { readonly receiptNumber: string; readonly scan: number } | null;
  readonly onDone: (result: ReturnView) => void;
  readonly onBusy: (busy: boolean) => void;
}

/** Units picked per sale line (0: not returned). */
type Picks = Readonly<Record<string, number>>;

/**
 * Finds a sale by its receipt and returns chosen lines: a count of a multi-unit line, a weighed
 * line whole. Main quotes every pick (the refund at the price paid, and to which tenders) and makes
 * the refund; F10 refunds, Esc closes.
 */
export function ReturnByReceipt({ scanned, onDone, onBusy }: ReturnByReceiptProps): ReactNode {
  const translator = useTranslator();
  const { t, locale } = translator;
  const [receipt, setReceipt] = useState(scanned?.receiptNumber ?? '');
  const [sale, setSale] = useState<ReturnableSale | null>(null);
  const [picks, setPicks] = useState<Picks>({});
  const [quoted, setQuoted] = useState<{ readonly key: string; readonly quote: ReturnQuote } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [refunding, setRefunding] = useState(false);
  const [pending, run] = usePendingCommand({ quiet: true });
  const field = useRef<HTMLInputElement>(null);
  const firstPick = useRef<HTMLInputElement>(null);
  // Pressing refund again for the same lines is the same request: a card the reader already
  // refunded (its answer lost) is not refunded twice. Other lines are a new request.
  const attempt = useRef<{ readonly key: string; readonly requestId: string } | null>(null);

  const find = async (receiptNumber: string): Promise<void> => {
    const result = await run('return.lookup', { receiptNumber });
    setQuoted(null);
    setPicks({});
    if (!result.ok) {
      setSale(null);
      setError(t(`error.${result.error.code}`));
      field.current?.select();
      return;
    }
    setError(null);
    setSale(result.value);
  };

  // A receipt scanned at the lane (now or while this is open) is looked up at once.
  const lastScan = useRef<number | null>(null);
  useEffect(() => {
    if (!scanned || lastScan.current === scanned.scan) return;
    lastScan.current = scanned.scan;
    setReceipt(scanned.receiptNumber);
    void find(scanned.receiptNumber);
    // find is recreated each render; a new scan is what matters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scanned]);

  useEffect(() => {
    if (sale) firstPick.current?.focus();
  }, [sale]);

  const selection = Object.entries(picks)
    .filter(([, quantity]) => quantity > 0)
    .map(([lineId, quantity]) => ({ lineId, quantity }));
  const selectionKey = JSON.stringify(selection);
  // A quote shows only while it is the quote of what is picked now.
  const quote = quoted && quoted.key === selectionKey && selection.length > 0 ? quoted.quote : null;

  // Main prices every pick: the refund at the price paid, and the tenders it goes back to.
  useEffect(() => {
    if (!sale || selection.length === 0) return;
    let live = true;
    void run('return.quote', { receiptNumber: sale.receiptNumber, lines: selection }).then((result) => {
      if (!live) return;
      if (result.ok) {
        setQuoted({ key: selectionKey, quote: result.value });
        setError(null);
      } else {
        setQuoted(null);
        setError(t(`error.${result.error.code}`));
      }
    });
    return () => {
      live = false;
    };
    // The selection is compared by value (selectionKey); run and t are stable enough for this.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sale, selectionKey]);

  const refund = async (): Promise<void> => {
    if (!sale || !quote || selection.length === 0 || refunding) return;
    setRefunding(true);
    onBusy(true);
    const key = `${sale.receiptNumber} ${selectionKey}`;
    if (attempt.current?.key !== key) attempt.current = { key, requestId: newRequestId() };
    const result = await run('return.byReceipt', { receiptNumber: sale.receiptNumber, lines: selection }, attempt.current.requestId);
    setRefunding(false);
    onBusy(false);
    if (result.ok) {
      attempt.current = null;
      onDone(result.value);
      return;
    }
    setError(t(`error.${result.error.code}`));
    await find(sale.receiptNumber);
  };

  const amount = (value: number): string => money(value, sale?.currency ?? 'USD', locale);
  const returnable = sale?.lines.filter((line) => line.returnedUnits < line.units) ?? [];
  const blocked = sale?.voided ? t('returns.voided', { number: sale.voided.receiptNumber }) : sale && returnable.length === 0 ? t('returns.nothingLeft') : null;

  return (
    <div
      className="returns-receipt"
      onKeyDown={(event) => {
        if (event.key === 'F10') {
          event.preventDefault();
          void refund();
        }
      }}
    >
      <form
        className="returns-find"
        onSubmit={(event) => {
          event.preventDefault();
          const receiptNumber = (field.current?.value ?? receipt).trim();
          if (receiptNumber !== '' && !pending) void find(receiptNumber);
        }}
      >
        <label htmlFor="returns-receipt" className="returns-label">
          {t('returns.receipt')}
        </label>
        <div className="returns-row">
          <input
            ref={field}
            id="returns-receipt"
            className="returns-input"
            data-testid="returns-receipt"
            value={receipt}
            autoFocus={!scanned}
            autoComplete="off"
            spellCheck={false}
            placeholder={t('returns.receiptPlaceholder')}
            onChange={(event) => setReceipt(event.target.value.toUpperCase())}
            disabled={refunding}
          />
          <button type="submit" className="btn btn-secondary" disabled={pending || refunding || receipt.trim() === ''} data-testid="returns-find">
            {t('returns.find')}
          </button>
        </div>
        {!sale && <p className="returns-explain">{t('returns.explain')}</p>}
      </form>

      <p className="returns-error" role="alert" data-testid="returns-error">
        {error}
      </p>

      {sale && (
        <div className="returns-sale" data-testid="returns-sale">
          <div className="returns-lines-panel">
            <header className="returns-sale-head">
              <div>
                <p className="returns-sale-number">{t('returns.saleTitle', { number: sale.receiptNumber })}</p>
                <p className="returns-sale-meta">
                  {t('returns.saleMeta', { lane: sale.laneId, time: formatReceiptTime(sale.completedAt, locale) })} · {sale.tenders.map((tender) => tender.label).join(', ')}
                </p>
              </div>
              <div className="returns-sale-total">
                <span>{t('returns.salePaid')}</span>
                <strong>{amount(sale.total)}</strong>
              </div>
            </header>
            {blocked ? (
              <p className="returns-blocked" data-testid="returns-blocked">
                {blocked}
              </p>
            ) : (
              <p className="returns-hint">{t('returns.pickLines')}</p>
            )}
            <table className="returns-lines" data-testid="returns-lines">
              <thead>
                <tr>
                  <th scope="col" className="returns-col-pick">
                    <span className="sr-only">{t('returns.col.return')}</span>
                  </th>
                  <th scope="col">{t('returns.col.item')}</th>
                  <th scope="col" className="returns-num">
                    {t('returns.col.sold')}
                  </th>
                  <th scope="col" className="returns-num">
                    {t('returns.col.return')}
                  </th>
                  <th scope="col" className="returns-num">
                    {t('returns.col.refund')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {sale.lines.map((line, index) => {
                  const left = line.units - line.returnedUnits;
                  const picked = picks[line.lineId] ?? 0;
                  const lineQuote = quote?.lines.find((candidate) => candidate.lineId === line.lineId);
                  const disabled = left === 0 || sale.voided !== null || refunding;
                  const set = (quantity: number): void => setPicks((current) => ({ ...current, [line.lineId]: Math.max(0, Math.min(left, quantity)) }));
                  return (
                    <tr key={line.lineId} className={`${picked > 0 ? 'returns-line-on' : ''}${left === 0 ? ' returns-line-done' : ''}`} data-testid={`return-line-${index}`}>
                      <td className="returns-col-pick">
                        <input
                          ref={index === sale.lines.findIndex((candidate) => candidate.returnedUnits < candidate.units) ? firstPick : undefined}
                          type="checkbox"
                          checked={picked > 0}
                          disabled={disabled}
                          aria-label={line.name}
                          onChange={(event) => set(event.target.checked ? left : 0)}
                          data-testid={`return-pick-${index}`}
                        />
                      </td>
                      <td>
                        <span className="returns-line-name">{line.name}</span>
                        {line.returnedUnits > 0 && <span className="returns-line-note">{left === 0 ? t('returns.allReturned') : t('returns.returnedBefore', { count: line.returnedUnits })}</span>}
                      </td>
                      <td className="returns-num">
                        {line.soldBy === 'weight' ? `${formatKilograms(line.quantity, locale)} kg` : line.quantity}
                        <span className="returns-line-paid">{amount(line.amountPaid)}</span>
                      </td>
                      <td className="returns-num">
                        {line.soldBy === 'weight' ? (
                          <span className="returns-whole">{t('returns.wholeLine')}</span>
                        ) : (
                          <input
                            type="number"
                            className="returns-qty"
                            min={0}
                            max={left}
                            value={picked}
                            disabled={disabled}
                            aria-label={`${t('returns.col.return')}: ${line.name}`}
                            onChange={(event) => set(Number.parseInt(event.target.value || '0', 10) || 0)}
                            data-testid={`return-qty-${index}`}
                          />
                        )}
                      </td>
                      <td className="returns-num returns-line-refund" data-testid={`return-amount-${index}`}>
                        {lineQuote ? amount(lineQuote.amount) : '—'}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            {sale.returns.length > 0 && (
              <p className="returns-earlier" data-testid="returns-earlier">
                {t('returns.earlier', { list: sale.returns.map((earlier) => `${earlier.receiptNumber} (${amount(earlier.total)})`).join(', ') })}
              </p>
            )}
          </div>
          <RefundSummary
            currency={sale.currency}
            quote={quote}
            busy={refunding}
            note={refunding ? t('returns.working') : null}
            confirmLabel={quote ? t('returns.confirm', { amount: amount(quote.total) }) : t('returns.confirm', { amount: amount(0) })}
            onConfirm={() => void refund()}
          />
        </div>
      )}
    </div>
  );
}
