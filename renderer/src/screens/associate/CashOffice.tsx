import { useEffect, useId, useState, type ReactNode } from 'react';
import { minorDigits } from '../../../../common/money.ts';
import { countedTotal, denominationsOf, type DenominationCount, type PaidReason, type ReportView, type ShiftCloseView, type ShiftView } from '../../../../common/shift.ts';
import { usePendingCommand, useTranslator } from '../../api/hooks.ts';
import { Icon } from '../../components/illustrations.tsx';
import { Modal } from '../../components/Modal.tsx';
import { money } from '../../format.ts';
import '../../styles/tenders.css';

type View =
  | { readonly kind: 'loading' }
  | { readonly kind: 'open-shift' }
  | { readonly kind: 'shift'; readonly shift: ShiftView }
  | { readonly kind: 'count'; readonly shift: ShiftView }
  | { readonly kind: 'closed'; readonly closed: ShiftCloseView }
  | { readonly kind: 'paid'; readonly shift: ShiftView; readonly direction: 'cash.paidIn' | 'cash.paidOut' }
  | { readonly kind: 'report'; readonly report: ReportView; readonly back: ShiftView | null };

const REASONS: readonly PaidReason[] = ['change-fund', 'supplier-delivery', 'petty-cash', 'refund-correction', 'bank-deposit', 'other'];

/** Counts per note and coin, with the running total; used for the float and the blind close. */
function CashCount({ currency, onSubmit, submitLabel, testId, busy }: { currency: string; onSubmit: (counts: DenominationCount[]) => void; submitLabel: string; testId: string; busy: boolean }): ReactNode {
  const { t, locale } = useTranslator();
  const denominations = denominationsOf(currency);
  const [counts, setCounts] = useState<Record<number, string>>({});
  const parsed: DenominationCount[] = denominations.flatMap((denomination) => {
    const count = Number(counts[denomination] ?? '');
    return Number.isInteger(count) && count > 0 ? [{ denomination, count }] : [];
  });
  return (
    <form
      className="count"
      data-testid={testId}
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit(parsed);
      }}
    >
      <div className="count-grid">
        {denominations.map((denomination, index) => (
          <label key={denomination} className="count-row">
            <span className="count-denomination">{money(denomination, currency, locale)}</span>
            <input
              type="number"
              min={0}
              max={100000}
              inputMode="numeric"
              value={counts[denomination] ?? ''}
              onChange={(event) => setCounts((current) => ({ ...current, [denomination]: event.target.value }))}
              aria-label={t('cash.countOf', { denomination: money(denomination, currency, locale) })}
              data-testid={`count-${denomination}`}
              autoFocus={index === 0}
            />
          </label>
        ))}
      </div>
      <p className="count-total">
        {t('cash.countTotal')} <strong data-testid="count-total">{money(countedTotal(parsed), currency, locale)}</strong>
      </p>
      <button type="submit" className="btn btn-primary btn-lg" disabled={busy} data-testid={`${testId}-submit`}>
        {submitLabel}
      </button>
    </form>
  );
}

/**
 * The cash office of the lane: open a shift with a float, no sale, paid in and out, the X
 * report, the blind close with its over/short, and the Z report that closes the day. Main
 * decides who may do each (a cashier's close or report asks for a supervisor's approval).
 */
export function CashOffice({ currency, onClose }: { readonly currency: string; readonly onClose: () => void }): ReactNode {
  const { t, locale } = useTranslator();
  const titleId = useId();
  const [view, setView] = useState<View>({ kind: 'loading' });
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, run] = usePendingCommand({ quiet: true });
  const show = (value: number): string => money(value, currency, locale);

  const fail = (result: { ok: false; error: { code: string; message: string } }): void => {
    setError(result.error.code === 'APPROVAL_REQUIRED' ? t('cash.approval') : result.error.message);
  };

  useEffect(() => {
    void run('shift.current', {}).then((result) => {
      if (result.ok) setView(result.value ? { kind: 'shift', shift: result.value } : { kind: 'open-shift' });
      else fail(result);
    });
    // Once, when the dialog opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const openShift = async (float: DenominationCount[]): Promise<void> => {
    const result = await run('shift.open', { float });
    if (!result.ok) return fail(result);
    setError(null);
    setView({ kind: 'shift', shift: result.value });
  };
  const closeShift = async (counted: DenominationCount[]): Promise<void> => {
    const result = await run('shift.close', { counted });
    if (!result.ok) return fail(result);
    setError(null);
    setView({ kind: 'closed', closed: result.value });
  };
  const report = async (kind: 'report.x' | 'report.z', back: ShiftView | null): Promise<void> => {
    const result = await run(kind, {});
    if (!result.ok) return fail(result);
    setError(null);
    setView({ kind: 'report', report: result.value, back });
  };
  const noSale = async (): Promise<void> => {
    const result = await run('drawer.noSale', {});
    if (!result.ok) return fail(result);
    setError(null);
    setNotice(result.value.drawer === 'opened' ? t('cash.drawerOpened') : t('cash.noDrawer'));
  };

  return (
    <Modal labelledBy={titleId} onDismiss={pending ? undefined : onClose} className="cash-office" testId="cash-office">
      <div className="tender-head">
        <h2 id={titleId}>{t('cash.title')}</h2>
        <button type="button" className="btn btn-icon btn-ghost" onClick={onClose} aria-label={t('tender.close')} disabled={pending}>
          <Icon name="close" />
        </button>
      </div>

      {view.kind === 'loading' && <p>{t('cash.loading')}</p>}

      {view.kind === 'open-shift' && (
        <section aria-label={t('cash.openShift')}>
          <h3>{t('cash.openShift')}</h3>
          <p className="cash-explain">{t('cash.openExplain')}</p>
          <CashCount currency={currency} onSubmit={(counts) => void openShift(counts)} submitLabel={t('cash.openShiftSubmit')} testId="float-count" busy={pending} />
          <button type="button" className="btn btn-secondary cash-z" disabled={pending} onClick={() => void report('report.z', null)} data-testid="z-report">
            {t('cash.zReport')}
          </button>
        </section>
      )}

      {view.kind === 'shift' && (
        <section aria-label={t('cash.shift')}>
          <p className="cash-shift" data-testid="shift-open">
            {t('cash.shiftOpen', { operator: view.shift.operatorId, day: view.shift.businessDate, float: show(view.shift.openingFloat) })}
          </p>
          <div className="cash-actions">
            <button type="button" className="btn btn-secondary as-key" disabled={pending} onClick={() => void noSale()} data-testid="no-sale">
              {t('cash.noSale')}
            </button>
            <button type="button" className="btn btn-secondary as-key" disabled={pending} onClick={() => setView({ kind: 'paid', shift: view.shift, direction: 'cash.paidIn' })} data-testid="paid-in">
              {t('cash.paidIn')}
            </button>
            <button type="button" className="btn btn-secondary as-key" disabled={pending} onClick={() => setView({ kind: 'paid', shift: view.shift, direction: 'cash.paidOut' })} data-testid="paid-out">
              {t('cash.paidOut')}
            </button>
            <button type="button" className="btn btn-secondary as-key" disabled={pending} onClick={() => void report('report.x', view.shift)} data-testid="x-report">
              {t('cash.xReport')}
            </button>
            <button type="button" className="btn btn-primary as-key" disabled={pending} onClick={() => setView({ kind: 'count', shift: view.shift })} data-testid="close-shift">
              {t('cash.closeShift')}
            </button>
          </div>
        </section>
      )}

      {view.kind === 'paid' && <PaidForm currency={currency} direction={view.direction} busy={pending} onDone={(message) => { setNotice(message); setView({ kind: 'shift', shift: view.shift }); }} onError={setError} />}

      {view.kind === 'count' && (
        <section aria-label={t('cash.closeShift')}>
          <h3>{t('cash.closeShift')}</h3>
          <p className="cash-explain">{t('cash.blindExplain')}</p>
          <CashCount currency={currency} onSubmit={(counts) => void closeShift(counts)} submitLabel={t('cash.closeShiftSubmit')} testId="close-count" busy={pending} />
        </section>
      )}

      {view.kind === 'closed' && (
        <section className="cash-closed" data-testid="shift-closed">
          <dl>
            <div>
              <dt>{t('cash.counted')}</dt>
              <dd>{show(view.closed.countedTotal)}</dd>
            </div>
            <div>
              <dt>{t('cash.expected')}</dt>
              <dd>{show(view.closed.expectedCash)}</dd>
            </div>
            <div className={view.closed.overShort < 0 ? 'is-short' : view.closed.overShort > 0 ? 'is-over' : 'is-even'}>
              <dt>{view.closed.overShort < 0 ? t('cash.short') : view.closed.overShort > 0 ? t('cash.over') : t('cash.even')}</dt>
              <dd data-testid="over-short">{show(view.closed.overShort)}</dd>
            </div>
          </dl>
          <button type="button" className="btn btn-secondary as-key" disabled={pending} onClick={() => void report('report.z', null)} data-testid="z-report">
            {t('cash.zReport')}
          </button>
        </section>
      )}

      {view.kind === 'report' && (
        <section className="cash-report">
          <pre className="report-paper" data-testid="report-text">
            {view.report.text}
          </pre>
          <button type="button" className="btn btn-secondary" onClick={() => setView(view.back ? { kind: 'shift', shift: view.back } : { kind: 'open-shift' })}>
            {t('tender.back')}
          </button>
        </section>
      )}

      {notice && (
        <p className="cash-notice" role="status" data-testid="cash-notice">
          {notice}
        </p>
      )}
      {error && (
        <p className="tender-error" role="alert" data-testid="cash-error">
          {error}
        </p>
      )}
    </Modal>
  );
}

function PaidForm({ currency, direction, busy, onDone, onError }: { currency: string; direction: 'cash.paidIn' | 'cash.paidOut'; busy: boolean; onDone: (message: string) => void; onError: (message: string) => void }): ReactNode {
  const { t, locale } = useTranslator();
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState<PaidReason>('change-fund');
  const [note, setNote] = useState('');
  const [, run] = usePendingCommand({ quiet: true });
  const scale = 10 ** minorDigits(currency);
  const minor = Math.round(Number(amount) * scale);
  return (
    <form
      className="paid-form"
      data-testid="paid-form"
      onSubmit={(event) => {
        event.preventDefault();
        void run(direction, { amount: minor, reason, ...(note.trim() ? { note: note.trim() } : {}) }).then((result) => {
          if (!result.ok) onError(result.error.code === 'APPROVAL_REQUIRED' ? t('cash.approval') : result.error.message);
          else onDone(t(direction === 'cash.paidIn' ? 'cash.paidInDone' : 'cash.paidOutDone', { amount: money(result.value.amount, currency, locale) }));
        });
      }}
    >
      <h3>{direction === 'cash.paidIn' ? t('cash.paidIn') : t('cash.paidOut')}</h3>
      <label>
        {t('cash.amount')}
        <input type="number" min={0} step={1 / scale} inputMode="decimal" value={amount} onChange={(event) => setAmount(event.target.value)} autoFocus data-testid="paid-amount" />
      </label>
      <label>
        {t('cash.reason')}
        <select value={reason} onChange={(event) => setReason(event.target.value as PaidReason)} data-testid="paid-reason">
          {REASONS.map((value) => (
            <option key={value} value={value}>
              {t(`cash.reason.${value}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('cash.note')}
        <input value={note} maxLength={200} onChange={(event) => setNote(event.target.value)} />
      </label>
      <button type="submit" className="btn btn-primary" disabled={busy || !(minor > 0)} data-testid="paid-submit">
        {t('cash.record')}
      </button>
    </form>
  );
}
