import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { TerminalState } from '../../../../common/api/contract.ts';
import type { GatePassage, GateView } from '../../../../common/gate.ts';
import { useTranslator } from '../../api/hooks.ts';
import { DoneArt } from '../../components/illustrations.tsx';
import { LazyCameraScanner as CameraScanner } from '../../scanning/LazyCameraScanner.tsx';
import { useScanSubmit } from '../../scanning/useScanSubmit.ts';
import { useWedgeScanner } from '../../scanning/useWedgeScanner.ts';
import { FaultArt, PhoneQrArt, ReceiptArt, StopArt } from './gate-art.tsx';
import { passageTimeLeft, refusalKind } from './gate-feedback.ts';
import '../../styles/gate.css';

const NO_GATE: GateView = { state: 'fault', detail: '', passage: null };

/** The last passage while it is still news; null once its time on screen is over. */
function useShownPassage(passage: GatePassage | null): GatePassage | null {
  const [over, setOver] = useState<number | null>(null);
  const id = passage?.id ?? null;
  const at = passage?.at ?? null;
  useEffect(() => {
    if (id === null || at === null) return;
    const timer = setTimeout(() => setOver(id), passageTimeLeft({ at }, Date.now()));
    return () => clearTimeout(timer);
  }, [id, at]);
  return passage && passage.id !== over ? passage : null;
}

function PassagePanel({ passage }: { readonly passage: GatePassage }): ReactNode {
  const { t } = useTranslator();
  if (passage.outcome === 'refused') {
    const kind = refusalKind(passage.reason);
    return (
      <section className="gate-panel gate-refused" data-testid="gate-result" data-outcome="refused" data-reason={passage.reason ?? ''} aria-live="assertive">
        <StopArt className="gate-result-art" label="" />
        <h1 className="gate-title">{t(`gate.refused.${kind}`)}</h1>
        <p className="gate-body">{passage.reason ? t(`error.${passage.reason}`) : t('error.INTERNAL')}</p>
      </section>
    );
  }
  const key = passage.outcome === 'entered' ? 'entered' : 'exited';
  return (
    <section className="gate-panel gate-welcome" data-testid="gate-result" data-outcome={passage.outcome} aria-live="assertive">
      <DoneArt className="gate-result-art" label="" />
      <h1 className="gate-title">{t(`gate.${key}.title`)}</h1>
      <p className="gate-body">{t(`gate.${key}.body`)}</p>
      <span className="gate-arrow" aria-hidden="true">→</span>
    </section>
  );
}

function IdlePanel(): ReactNode {
  const { t } = useTranslator();
  return (
    <section className="gate-panel gate-idle" data-testid="gate-idle">
      <h1 className="gate-title">{t('gate.idle.title')}</h1>
      <p className="gate-body">{t('gate.idle.body')}</p>
      <ul className="gate-ways">
        <li>
          <PhoneQrArt className="gate-way-art" label="" />
          <span>{t('gate.idle.app')}</span>
        </li>
        <li>
          <ReceiptArt className="gate-way-art" label="" />
          <span>{t('gate.idle.receipt')}</span>
        </li>
      </ul>
    </section>
  );
}

function FaultPanel({ detail }: { readonly detail: string }): ReactNode {
  const { t } = useTranslator();
  return (
    <section className="gate-panel gate-fault" data-testid="gate-fault">
      <FaultArt className="gate-result-art" label="" />
      <h1 className="gate-title">{t('gate.fault.title')}</h1>
      <p className="gate-body">{t('gate.fault.body')}</p>
      {detail && <p className="gate-detail">{detail}</p>}
    </section>
  );
}

/**
 * The entry/exit gate's display: where the gate is, what to show it, and the outcome of each code
 * (welcome, goodbye, or why not) in letters readable from a few steps away. Scans from the
 * keyboard wedge and the camera go to main's gate check, like a hardware scanner's.
 */
export function GateScreen({ state }: { readonly state: TerminalState }): ReactNode {
  const { t } = useTranslator();
  const view = state.gate ?? NO_GATE;
  const passage = useShownPassage(view.passage);
  useWedgeScanner(true, { target: 'gate' });
  const submit = useScanSubmit('gate');
  const onCameraScan = useCallback((code: string) => submit(code, 'camera'), [submit]);

  const panel = passage ? <PassagePanel key={passage.id} passage={passage} /> : view.state === 'fault' ? <FaultPanel detail={view.detail} /> : <IdlePanel />;
  return (
    <div className="gate" data-testid="gate-screen">
      <header className="brand-header">
        <span className="brand-mark" aria-hidden="true">
          {state.storeName.trim().charAt(0).toUpperCase()}
        </span>
        <span className="brand-store">{state.storeName}</span>
        <span className={`gate-state gate-state-${view.state}`} data-testid="gate-state" data-state={view.state}>
          <span className="gate-state-dot" aria-hidden="true" />
          {t(`gate.state.${view.state}`)}
        </span>
      </header>
      <main className={`gate-main${state.camera ? ' gate-main-camera' : ''}`}>
        {panel}
        {state.camera && <CameraScanner className="gate-camera" mode={state.camera.mode} onScan={onCameraScan} />}
      </main>
      <footer className="gate-footer">
        <span className="gate-terminal">{t('station.terminal', { lane: state.laneId })}</span>
        <ul className="gate-devices" aria-label={t('devices.label')}>
          {state.devices.map((device) => (
            <li key={device.name} className={`device device-${device.state}`}>
              <span className="device-dot" aria-hidden="true" />
              {t('devices.entry', { name: device.name, state: t(`devices.state.${device.state}`) })}
            </li>
          ))}
        </ul>
      </footer>
    </div>
  );
}
