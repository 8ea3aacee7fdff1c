import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { TerminalState } from '../../../../common/api/contract.ts';
import { useTranslator } from '../../api/hooks.ts';
import { useAudioCues } from '../../audio/useAudioCues.ts';
import { DeviceBar } from '../../components/DeviceBar.tsx';
import { Keypad } from '../../components/Keypad.tsx';
import { money } from '../../format.ts';
import { useShopperPreferences } from '../../preferences/context.ts';
import { useWedgeScanner } from '../../scanning/useWedgeScanner.ts';
import { AgeCheckPause } from './AgeCheckPause.tsx';
import { AssistBar, HelpButton, HelpComing } from './AssistBar.tsx';
import { BaggingAlert } from './BaggingAlert.tsx';
import { CameraScan } from './CameraScan.tsx';
import { Paying } from './Paying.tsx';
import { ProducePicker } from './ProducePicker.tsx';
import { Receipt } from './Receipt.tsx';
import { Shopping } from './Shopping.tsx';
import { Welcome } from './Welcome.tsx';
import '../../styles/self-checkout.css';
import '../../styles/lookup.css';

/**
 * A shopper's language, text size, contrast and sound last for their visit: when the lane goes
 * back to the welcome screen (sale finished or cancelled) the next shopper starts from the store's.
 */
function useForgetShopperOnWelcome(phase: TerminalState['phase'], reset: () => void): void {
  const last = useRef(phase);
  useEffect(() => {
    if (phase === 'welcome' && last.current !== 'welcome') reset();
    last.current = phase;
  }, [phase, reset]);
}

/** The shopper's touch screen; the phase in the lane's state decides what it shows. */
export function SelfCheckout({ state }: { readonly state: TerminalState }): ReactNode {
  const { t, locale } = useTranslator();
  const [keypadOpen, setKeypadOpen] = useState(false);
  const [pickerOpen, setPickerOpen] = useState(false);
  const { preferences, reset } = useShopperPreferences();
  useWedgeScanner(true);
  useAudioCues(state, preferences.muted);
  useForgetShopperOnWelcome(state.phase, reset);
  const openKeypad = (): void => setKeypadOpen(true);
  const openPicker = (): void => setPickerOpen(true);
  const canKey = state.phase === 'welcome' || state.phase === 'shopping';
  if (keypadOpen && !canKey) setKeypadOpen(false);
  if (pickerOpen && !canKey) setPickerOpen(false);

  const screen = ((): ReactNode => {
    switch (state.phase) {
      case 'welcome':
        return <Welcome storeName={state.storeName} onKeypad={openKeypad} onPicker={openPicker} />;
      case 'shopping':
        return state.basket ? <Shopping basket={state.basket} onKeypad={openKeypad} onPicker={openPicker} baggingBlocked={(state.bagging?.interventions.length ?? 0) > 0} /> : <Welcome storeName={state.storeName} onKeypad={openKeypad} onPicker={openPicker} />;
      case 'paying':
        return <Paying basket={state.basket} payment={state.payment} />;
      case 'receipt':
        return state.receipt ? <Receipt key={state.receipt.saleId} receipt={state.receipt} print={state.receiptPrint ?? null} /> : <Welcome storeName={state.storeName} onKeypad={openKeypad} onPicker={openPicker} />;
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
        <HelpButton help={state.help} />
      </header>
      <main className="sc-main">{screen}</main>
      <HelpComing help={state.help} />
      <AssistBar />
      <p className="sr-only" aria-live="polite" aria-atomic="true" data-testid="total-announcement">
        {state.basket && state.phase === 'shopping' ? `${t('summary.total')}: ${money(state.basket.total, state.basket.currency, locale)}` : ''}
      </p>
      <DeviceBar devices={state.devices} laneId={state.laneId} />
      {state.camera && canKey && <CameraScan />}
      {keypadOpen && <Keypad onClose={() => setKeypadOpen(false)} />}
      {pickerOpen && <ProducePicker currency={state.currency} onClose={() => setPickerOpen(false)} />}
      {state.phase === 'shopping' && state.bagging && state.bagging.interventions.length > 0 && <BaggingAlert bagging={state.bagging} />}
      {state.phase === 'shopping' && state.basket?.ageCheckRequired && (state.bagging?.interventions.length ?? 0) === 0 && <AgeCheckPause basket={state.basket} />}
    </div>
  );
}
