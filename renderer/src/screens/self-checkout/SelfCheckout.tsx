import { useState, type ReactNode } from 'react';
import type { TerminalState } from '../../../../common/api/contract.ts';
import { useTranslator } from '../../api/hooks.ts';
import { DeviceBar } from '../../components/DeviceBar.tsx';
import { Keypad } from '../../components/Keypad.tsx';
import { useWedgeScanner } from '../../scanning/useWedgeScanner.ts';
import { BaggingAlert } from './BaggingAlert.tsx';
import { Paying } from './Paying.tsx';
import { Receipt } from './Receipt.tsx';
import { Shopping } from './Shopping.tsx';
import { Welcome } from './Welcome.tsx';
import '../../styles/self-checkout.css';

/** The shopper's touch screen; the phase in the lane's state decides what it shows. */
export function SelfCheckout({ state }: { readonly state: TerminalState }): ReactNode {
  const { t } = useTranslator();
  const [keypadOpen, setKeypadOpen] = useState(false);
  useWedgeScanner(true);
  const openKeypad = (): void => setKeypadOpen(true);
  const canKey = state.phase === 'welcome' || state.phase === 'shopping';
  if (keypadOpen && !canKey) setKeypadOpen(false);

  const screen = ((): ReactNode => {
    switch (state.phase) {
      case 'welcome':
        return <Welcome storeName={state.storeName} onKeypad={openKeypad} />;
      case 'shopping':
        return state.basket ? <Shopping basket={state.basket} onKeypad={openKeypad} baggingBlocked={(state.bagging?.interventions.length ?? 0) > 0} /> : <Welcome storeName={state.storeName} onKeypad={openKeypad} />;
      case 'paying':
        return <Paying basket={state.basket} payment={state.payment} />;
      case 'receipt':
        return state.receipt ? <Receipt key={state.receipt.saleId} receipt={state.receipt} print={state.receiptPrint ?? null} /> : <Welcome storeName={state.storeName} onKeypad={openKeypad} />;
      default: {
        const unknown: never = state.phase;
        throw new Error(`unknown phase ${String(unknown)}`);
      }
    }
  })();

  return (
    <div className="sc">
      <header className="brand-header">
        <span className="brand-mark" aria-hidden="true">
          {state.storeName.trim().charAt(0).toUpperCase()}
        </span>
        <span className="brand-store">{state.storeName}</span>
        <span className="brand-role">{t('role.self-checkout')}</span>
      </header>
      <main className="sc-main">{screen}</main>
      <DeviceBar devices={state.devices} laneId={state.laneId} />
      {keypadOpen && <Keypad onClose={() => setKeypadOpen(false)} />}
      {state.phase === 'shopping' && state.bagging && state.bagging.interventions.length > 0 && <BaggingAlert bagging={state.bagging} />}
    </div>
  );
}
