import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { TerminalState } from '../../../../common/api/contract.ts';
import type { BasketView } from '../../../../common/basket.ts';
import type { CorrectionKind, CorrectionSettings } from '../../../../common/corrections.ts';
import type { SuspendTicketView } from '../../../../common/suspend.ts';
import { useNotice, usePendingCommand, useSession, useTranslator } from '../../api/hooks.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { DeviceBar } from '../../components/DeviceBar.tsx';
import { ReceiptPaper } from '../../components/ReceiptPaper.tsx';
import { useWedgeScanner } from '../../scanning/useWedgeScanner.ts';
import { OperatorBar } from '../operators/OperatorBar.tsx';
import { PostVoidDialog } from '../operators/PostVoidDialog.tsx';
import { ReturnsDialog } from '../returns/ReturnsDialog.tsx';
import { BasketTable } from './BasketTable.tsx';
import { CashOffice } from './CashOffice.tsx';
import { ChangeDue } from './ChangeDue.tsx';
import { TenderDialog } from './TenderDialog.tsx';
import { CodeEntry } from './CodeEntry.tsx';
import { LookupDialog } from './LookupDialog.tsx';
import { AgeCheckDialog } from './AgeCheckDialog.tsx';
import { SidePanel, type SaleKeys } from './SidePanel.tsx';
import { useFunctionKeys } from './useFunctionKeys.ts';
import { CorrectionDialog } from './CorrectionDialog.tsx';
import { CorrectionKeys, type CorrectionKeyActions } from './CorrectionKeys.tsx';
import { ResumeDialog, SuspendedTicketDialog } from './SuspendDialogs.tsx';
import { useRecentLine } from '../useRecentLine.ts';
import '../../styles/associate.css';

const NO_LINES: BasketView['lines'] = [];

/**
 * The line the correction keys act on: the newest touched line, until the cashier moves the
 * selection with the arrow keys (or a click); a new scan brings it back to the new line.
 */
function useLineSelection(basket: BasketView | null, arrows: boolean) {
  const lines = basket?.lines ?? NO_LINES;
  const recent = useRecentLine(lines);
  const [chosen, setChosen] = useState<{ readonly lineId: string; readonly recent: string | null } | null>(null);
  const picked = chosen && chosen.recent === recent ? lines.find((line) => line.lineId === chosen.lineId) : undefined;
  const line = picked ?? lines.find((candidate) => candidate.lineId === recent) ?? lines.at(-1) ?? null;
  const index = line ? lines.indexOf(line) : -1;

  useEffect(() => {
    if (!arrows) return;
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
      if (document.querySelector('dialog[open]') || lines.length === 0) return;
      event.preventDefault();
      const next = Math.min(lines.length - 1, Math.max(0, index + (event.key === 'ArrowUp' ? -1 : 1)));
      const target = lines[next];
      if (target) setChosen({ lineId: target.lineId, recent });
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [arrows, lines, index, recent]);

  return { line, index, select: (lineId: string) => setChosen({ lineId, recent }) };
}

/** The cashier's keyboard-first lane screen over the same commands as self-checkout. */
export function Associate({ state }: { readonly state: TerminalState }): ReactNode {
  const { t } = useTranslator();
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [postVoidOpen, setPostVoidOpen] = useState(false);
  const [tenderOpen, setTenderOpen] = useState(false);
  const [cashOfficeOpen, setCashOfficeOpen] = useState(false);
  const [returns, setReturns] = useState<{ scanned: { receiptNumber: string; scan: number } | null } | null>(null);
  const { notice } = useNotice();
  // A receipt scanned at the lane (any scanner) opens Returns on its sale (the banner stays quiet).
  const [seenReceipt, setSeenReceipt] = useState<number | null>(null);
  if (notice?.code === 'RECEIPT' && notice.id !== seenReceipt) {
    setSeenReceipt(notice.id);
    setReturns({ scanned: { receiptNumber: notice.message, scan: notice.id } });
  }
  const [lookupOpen, setLookupOpen] = useState(false);
  const [ageCheckOpen, setAgeCheckOpen] = useState(false);
  const [correction, setCorrection] = useState<CorrectionKind | null>(null);
  const [settings, setSettings] = useState<CorrectionSettings | null>(null);
  const [suspended, setSuspended] = useState<SuspendTicketView | null>(null);
  const [resumeOpen, setResumeOpen] = useState(false);
  const session = useSession();
  const operator = session?.operator ?? null;
  const [pending, run] = usePendingCommand();
  const dialogOpen = postVoidOpen || tenderOpen || cashOfficeOpen || correction !== null || suspended !== null || resumeOpen || returns !== null || lookupOpen || ageCheckOpen;
  // While the post-void or resume dialog is open a scanned receipt or ticket types into its field;
  // while an approval waits, its dialog listens for the approver's badge. While Returns is open its
  // own fields take the keys; a hardware scanner's receipt still reaches it.
  useWedgeScanner(!dialogOpen && !session?.approval);

  const { phase, basket, payment, receipt } = state;
  const selection = useLineSelection(basket, !dialogOpen && !session?.approval && (phase === 'welcome' || phase === 'shopping'));
  useEffect(() => {
    void run('corrections.settings', {}).then((result) => {
      if (result.ok) setSettings(result.value);
    });
  }, [run]);
  const stopped = payment.state === 'declined' || payment.state === 'failed';
  const selling = phase === 'welcome' || phase === 'shopping';
  const hasLines = (basket?.lines.length ?? 0) > 0;
  const payBlockedReason = selling && hasLines && basket?.ageCheckRequired ? t('associate.payBlockedAge') : null;
  if (confirmCancel && !(selling && hasLines)) setConfirmCancel(false);
  if (tenderOpen && !(selling && hasLines)) setTenderOpen(false);

  const keys = useMemo<SaleKeys>(() => {
    const when = (allowed: boolean, action: () => void): (() => void) | null => (allowed && !pending ? action : null);
    return {
      pay: when(selling && hasLines && !basket?.ageCheckRequired, () => void run('payment.start', { method: 'card' })),
      tender: when(selling && hasLines && !basket?.ageCheckRequired, () => setTenderOpen(true)),
      cancel: when(selling && hasLines, () => setConfirmCancel(true)),
      retry: when(phase === 'paying' && stopped, () => void run('payment.start', { method: 'card' })),
      back: when(phase === 'paying' && stopped, () => void run('payment.cancel', {})),
      cancelPayment: when(phase === 'paying' && !stopped, () => void run('payment.cancel', {})),
      newSale: when(phase === 'receipt', () => void run('sale.finish', {})),
      checkId: when(selling && hasLines && basket?.ageCheckRequired === true, () => setAgeCheckOpen(true)),
    };
  }, [selling, hasLines, basket?.ageCheckRequired, phase, stopped, pending, run]);

  const unpaid = (basket?.paid ?? 0) === 0;
  const exempt = basket?.customer.taxExempt ?? false;
  const selectedLine = selection.line;
  const corrections = useMemo<CorrectionKeyActions>(() => {
    const when = (allowed: boolean, action: () => void): (() => void) | null => (allowed && !pending && settings !== null ? action : null);
    const onLine = selling && selectedLine !== null && unpaid;
    return {
      void: when(onLine, () => setCorrection('void')),
      override: when(onLine && selectedLine?.priceSource !== 'label', () => setCorrection('override')),
      discount: when(onLine, () => setCorrection('discount')),
      exempt: when(selling && hasLines && unpaid && !exempt, () => setCorrection('exempt')),
      suspend: when(selling && hasLines && unpaid, () => {
        void run('basket.suspend', {}).then((result) => {
          if (result.ok) setSuspended(result.value);
        });
      }),
      resume: when(selling && !hasLines, () => setResumeOpen(true)),
    };
  }, [selling, selectedLine, unpaid, exempt, hasLines, pending, settings, run]);

  const functionKeys = useMemo(
    () => ({
      F1: selling ? () => setLookupOpen(true) : null,
      F2: corrections.void,
      F3: corrections.override,
      F4: corrections.discount,
      F5: corrections.exempt,
      F6: corrections.suspend ?? corrections.resume,
      F7: phase === 'paying' ? null : () => setReturns({ scanned: null }),
      F8: phase === 'paying' ? null : () => setCashOfficeOpen(true),
      F9: keys.tender,
      F10: keys.pay ?? keys.retry ?? keys.newSale,
      F11: keys.checkId,
      F12: keys.cancel ?? keys.back ?? keys.cancelPayment,
    }),
    [keys, phase, corrections, selling],
  );
  useFunctionKeys(functionKeys, pending);

  return (
    <div className="as">
      <header className="as-header">
        <strong className="as-store">{state.storeName}</strong>
        <span className="as-lane">{t('devices.lane', { lane: state.laneId })}</span>
        <span className="as-role">{t('associate.title')}</span>
        <button type="button" className="btn op-bar-btn" onClick={() => setLookupOpen(true)} disabled={!selling} data-testid="lookup-button">
          {t('associate.lookup')} <kbd>F1</kbd>
        </button>
        <button type="button" className="btn op-bar-btn" onClick={() => setCashOfficeOpen(true)} disabled={phase === 'paying'} data-testid="cash-office-button">
          {t('cash.open')} <kbd>F8</kbd>
        </button>
        <button type="button" className="btn op-bar-btn" onClick={() => setReturns({ scanned: null })} disabled={phase === 'paying'} data-testid="returns-button">
          {t('returns.open')} <kbd>F7</kbd>
        </button>
        <button type="button" className="btn op-bar-btn" onClick={() => setPostVoidOpen(true)} disabled={phase === 'paying'} data-testid="post-void-button">
          {t('postVoid.open')}
        </button>
        {operator && <OperatorBar operator={operator} canSignOut={phase === 'welcome' || phase === 'receipt'} />}
      </header>
      <main className="as-main">
        <section className="as-sale" data-testid={phase === 'welcome' ? 'welcome-screen' : 'basket-screen'} aria-label={t('basket.title')}>
          <CodeEntry disabled={phase === 'paying'} holdFocus={!confirmCancel && !dialogOpen} />
          {phase === 'receipt' && receipt ? (
            <div className="as-receipt" data-testid="receipt-screen">
              <ReceiptPaper receipt={receipt} />
            </div>
          ) : (
            <BasketTable basket={basket} editable={selling} selected={selling ? (selection.line?.lineId ?? null) : null} onSelect={selection.select} />
          )}
          {selling && <CorrectionKeys actions={corrections} />}
        </section>
        <SidePanel phase={phase} basket={basket} payment={payment} keys={keys} payBlockedReason={payBlockedReason}>
          {phase === 'receipt' && receipt && <ChangeDue receipt={receipt} />}
        </SidePanel>
      </main>
      <DeviceBar devices={state.devices} laneId={state.laneId} className="device-bar-compact" />
      {postVoidOpen && <PostVoidDialog onClose={() => setPostVoidOpen(false)} />}
      {tenderOpen && basket && <TenderDialog basket={basket} onClose={() => setTenderOpen(false)} />}
      {returns && <ReturnsDialog scanned={returns.scanned} currency={state.currency} onClose={() => setReturns(null)} />}
      {ageCheckOpen && <AgeCheckDialog onClose={() => setAgeCheckOpen(false)} />}
      {lookupOpen && <LookupDialog currency={state.currency} onClose={() => setLookupOpen(false)} />}
      {cashOfficeOpen && <CashOffice currency={state.currency} onClose={() => setCashOfficeOpen(false)} />}
      {correction && basket && settings && (correction === 'exempt' || selection.line) && (
        <CorrectionDialog
          kind={correction}
          basket={basket}
          line={correction === 'exempt' ? null : selection.line}
          lineNumber={selection.index + 1}
          settings={settings}
          onClose={() => setCorrection(null)}
        />
      )}
      {suspended && <SuspendedTicketDialog ticket={suspended} onClose={() => setSuspended(null)} />}
      {resumeOpen && <ResumeDialog onClose={() => setResumeOpen(false)} />}
      {confirmCancel && (
        <ConfirmDialog
          compact
          title={t('associate.cancelTitle')}
          body={t('associate.cancelBody')}
          keepLabel={t('associate.cancelKeep')}
          confirmLabel={t('associate.cancelConfirm')}
          confirmTestId="confirm-cancel"
          busy={pending}
          onKeep={() => setConfirmCancel(false)}
          onConfirm={() => void run('basket.cancel', {}).then(() => setConfirmCancel(false))}
        />
      )}
    </div>
  );
}
