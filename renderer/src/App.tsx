import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import type { TerminalState } from '../../common/api/contract.ts';
import type { SessionView } from '../../common/session.ts';
import type { SimulatorPanelView } from '../../common/simulator.ts';
import { useSession, useTerminalCommand, useTerminalState, useTranslator } from './api/hooks.ts';
import { NoticeBanner } from './components/NoticeBanner.tsx';
import { ReconnectingOverlay } from './components/ReconnectingOverlay.tsx';
import { Associate } from './screens/associate/Associate.tsx';
import { ApprovalDialog } from './screens/operators/ApprovalDialog.tsx';
import { LockScreen } from './screens/operators/LockScreen.tsx';
import { SignIn } from './screens/operators/SignIn.tsx';
import { GateScreen } from './screens/gate/GateScreen.tsx';
import { SelfCheckout } from './screens/self-checkout/SelfCheckout.tsx';
import { StationScreen } from './screens/station/StationScreen.tsx';

function RoleScreen({ state }: { readonly state: TerminalState }): ReactNode {
  switch (state.role) {
    case 'self-checkout':
      return <SelfCheckout state={state} />;
    case 'associate':
      return <Associate state={state} />;
    case 'attendant':
      return <StationScreen state={state} role={state.role} />;
    case 'gate':
      return <GateScreen state={state} />;
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

/** Staffed roles show the sign-in or the lock screen until an operator may work (main enforces it too). */
function OperatorGate({ state, session }: { readonly state: TerminalState; readonly session: SessionView | null }): ReactNode {
  if (session === null) return <Starting />;
  if (session.signInRequired && session.operator === null) return <SignIn state={state} />;
  if (session.locked && session.operator) return <LockScreen state={state} operator={session.operator} />;
  return (
    <>
      <RoleScreen state={state} />
      {session.approval && <ApprovalDialog key={session.approval.approvalId} approval={session.approval} />}
    </>
  );
}

// A separate chunk, fetched only on a development lane whose main offers the panel.
const SimulatorPanel = lazy(() => import('./components/SimulatorPanel.tsx'));

/** The simulator panel, when main says this lane runs on simulators (npm start); nothing otherwise. */
function DevelopmentSimulators({ ready }: { readonly ready: boolean }): ReactNode {
  const run = useTerminalCommand({ quiet: true });
  const [panel, setPanel] = useState<SimulatorPanelView | null>(null);
  useEffect(() => {
    if (!ready) return;
    let current = true;
    void run('simulator.panel', {}).then((result) => {
      if (current && result.ok) setPanel(result.value);
    });
    return () => {
      current = false;
    };
  }, [ready, run]);
  return panel ? (
    <Suspense fallback={null}>
      <SimulatorPanel initial={panel} />
    </Suspense>
  ) : null;
}

/** One app, one screen tree per role; notices and the link overlay sit above every screen. */
export function App(): ReactNode {
  const state = useTerminalState();
  const session = useSession();
  const { locale } = useTranslator();
  // Screen readers pick their voice by the page's language: it follows the shopper's choice.
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return (
    <>
      {state ? <OperatorGate state={state} session={session} /> : <Starting />}
      <NoticeBanner />
      <ReconnectingOverlay />
      <DevelopmentSimulators ready={state !== null} />
    </>
  );
}
