import type { ReactNode } from 'react';
import type { TerminalState } from '../../common/api/contract.ts';
import { useTerminalState, useTranslator } from './api/hooks.ts';
import { NoticeBanner } from './components/NoticeBanner.tsx';
import { ReconnectingOverlay } from './components/ReconnectingOverlay.tsx';
import { Associate } from './screens/associate/Associate.tsx';
import { SelfCheckout } from './screens/self-checkout/SelfCheckout.tsx';
import { StationScreen } from './screens/station/StationScreen.tsx';

function RoleScreen({ state }: { readonly state: TerminalState }): ReactNode {
  switch (state.role) {
    case 'self-checkout':
      return <SelfCheckout state={state} />;
    case 'associate':
      return <Associate state={state} />;
    case 'attendant':
    case 'gate':
      return <StationScreen state={state} role={state.role} />;
    default: {
      const unknown: never = state.role;
      throw new Error(`unknown role ${String(unknown)}`);
    }
  }
}

function Starting(): ReactNode {
  const { t } = useTranslator();
  return (
    <div className="starting" role="status">
      <div className="spinner" aria-hidden="true" />
      <p>{t('app.starting')}</p>
    </div>
  );
}

/** One app, one screen tree per role; notices and the link overlay sit above every screen. */
export function App(): ReactNode {
  const state = useTerminalState();
  return (
    <>
      {state ? <RoleScreen state={state} /> : <Starting />}
      <NoticeBanner />
      <ReconnectingOverlay />
    </>
  );
}
