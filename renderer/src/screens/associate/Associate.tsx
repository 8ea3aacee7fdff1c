import { useMemo, useState, type ReactNode } from 'react';
import type { TerminalState } from '../../../../common/api/contract.ts';
import { usePendingCommand, useSession, useTranslator } from '../../api/hooks.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { DeviceBar } from '../../components/DeviceBar.tsx';
import { ReceiptPaper } from '../../components/ReceiptPaper.tsx';
import { useWedgeScanner } from '../../scanning/useWedgeScanner.ts';
import { OperatorBar } from '../operators/OperatorBar.tsx';
import { PostVoidDialog } from '../operators/PostVoidDialog.tsx';
import { BasketTable } from './BasketTable.tsx';
import { CashOffice } from './CashOffice.tsx';
import { ChangeDue } from './ChangeDue.tsx';
import { TenderDialog } from './TenderDialog.tsx';
import { CodeEntry } from './CodeEntry.tsx';
import { LookupDialog } from './LookupDialog.tsx';
import { SidePanel, type SaleKeys } from './SidePanel.tsx';
import { useFunctionKeys } from './useFunctionKeys.ts';
import '../../styles/associate.css';

/** The cashier's keyboard-first lane screen over the same commands as self-checkout. */
export function Associate({ state }: { readonly state: TerminalState }): ReactNode {
  const { t } = useTranslator();
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [postVoidOpen, setPostVoidOpen] = useState(false);
  const [tenderOpen, setTenderOpen] = useState(false);
  const [cashOfficeOpen, setCashOfficeOpen] = useState(false);
  const [lookupOpen, setLookupOpen] = useState(false);
  const session = useSession();
  const operator = session?.operator ?? null;
  const [pending, run] = usePendingCommand();
  // While the post-void dialog is open a scanned receipt types into its field; while an approval
  // waits, its dialog listens for the approver's badge.
  useWedgeScanner(!postVoidOpen && !tenderOpen && !cashOfficeOpen && !lookupOpen && !session?.approval);

  const { phase, basket, payment, receipt } = state;
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
    };
  }, [selling, hasLines, basket?.ageCheckRequired, phase, stopped, pending, run]);

  const functionKeys = useMemo(
    () => ({
      F4: selling ? () => setLookupOpen(true) : null,
      F8: phase === 'paying' ? null : () => setCashOfficeOpen(true),
      F9: keys.tender,
      F10: keys.pay ?? keys.retry ?? keys.newSale,
      F12: keys.cancel ?? keys.back ?? keys.cancelPayment,
    }),
    [keys, phase, selling],
  );
  useFunctionKeys(functionKeys, pending);

  return (
    <div className="as">
      <header className="as-header">
        <strong className="as-store">{state.storeName}</strong>
        <span className="as-lane">{t('devices.lane', { lane: state.laneId })}</span>
        <span className="as-role">{t('associate.title')}</span>
        <button type="button" className="btn op-bar-btn" onClick={() => setLookupOpen(true)} disabled={!selling} data-testid="lookup-button">
          {t('associate.lookup')} <kbd>F4</kbd>
        </button>
        <button type="button" className="btn op-bar-btn" onClick={() => setCashOfficeOpen(true)} disabled={phase === 'paying'} data-testid="cash-office-button">
          {t('cash.open')} <kbd>F8</kbd>
        </button>
        <button type="button" className="btn op-bar-btn" onClick={() => setPostVoidOpen(true)} disabled={phase === 'paying'} data-testid="post-void-button">
          {t('postVoid.open')}
        </button>
        {operator && <OperatorBar operator={operator} canSignOut={phase === 'welcome' || phase === 'receipt'} />}
      </header>
      <main className="as-main">
        <section className="as-sale" data-testid={phase === 'welcome' ? 'welcome-screen' : 'basket-screen'} aria-label={t('basket.title')}>
          <CodeEntry disabled={phase === 'paying'} holdFocus={!confirmCancel && !postVoidOpen && !tenderOpen && !cashOfficeOpen && !lookupOpen} />
          {phase === 'receipt' && receipt ? (
            <div className="as-receipt" data-testid="receipt-screen">
              <ReceiptPaper receipt={receipt} />
            </div>
          ) : (
            <BasketTable basket={basket} editable={selling} />
          )}
        </section>
        <SidePanel phase={phase} basket={basket} payment={payment} keys={keys} payBlockedReason={payBlockedReason}>
          {phase === 'receipt' && receipt && <ChangeDue receipt={receipt} />}
        </SidePanel>
      </main>
      <DeviceBar devices={state.devices} laneId={state.laneId} className="device-bar-compact" />
      {postVoidOpen && <PostVoidDialog onClose={() => setPostVoidOpen(false)} />}
      {tenderOpen && basket && <TenderDialog basket={basket} onClose={() => setTenderOpen(false)} />}
      {lookupOpen && <LookupDialog currency={state.currency} onClose={() => setLookupOpen(false)} />}
      {cashOfficeOpen && <CashOffice currency={state.currency} onClose={() => setCashOfficeOpen(false)} />}
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
