import type { ReactNode } from 'react';
import type { TerminalState } from '../../../../common/api/contract.ts';
import { useSession, useTranslator } from '../../api/hooks.ts';
import { OperatorBar } from '../operators/OperatorBar.tsx';
import { AttendantBoard } from './AttendantBoard.tsx';
import { HelpState } from './HelpState.tsx';
import '../../styles/station.css';

function DeviceList({ state }: { readonly state: TerminalState }): ReactNode {
  const { t } = useTranslator();
  return (
    <ul className="station-devices" aria-label={t('devices.label')}>
      {state.devices.map((device) => (
        <li key={device.name} className={`device device-${device.state}`}>
          <span className="device-dot" aria-hidden="true" />
          <span className="station-device-name">{device.name}</span>
          <span className="station-device-state">{t(`devices.state.${device.state}`)}</span>
        </li>
      ))}
    </ul>
  );
}

/** The attendant's board of the store's lanes, or the gate's own state; each with this terminal's devices. */
export function StationScreen({ state, role }: { readonly state: TerminalState; readonly role: 'attendant' | 'gate' }): ReactNode {
  const { t } = useTranslator();
  const operator = useSession()?.operator ?? null;
  return (
    <div className="station">
      <header className="brand-header">
        <span className="brand-mark" aria-hidden="true">
          {state.storeName.trim().charAt(0).toUpperCase()}
        </span>
        <span className="brand-store">{state.storeName}</span>
        <span className="brand-role">{t(`station.${role}.title`)}</span>
        {operator && <OperatorBar operator={operator} tone="light" />}
      </header>
      {role === 'attendant' ? (
        <main className="station-main attendant-main">
          <AttendantBoard />
          <aside className="station-side" aria-labelledby="station-side-title">
            <p className="station-terminal" id="station-side-title">
              {t('station.terminal', { lane: state.laneId })}
            </p>
            <DeviceList state={state} />
            <HelpState help={state.help} />
          </aside>
        </main>
      ) : (
        <main className="station-main">
          <section className="station-card" aria-labelledby="station-title">
            <p className="station-terminal">{t('station.terminal', { lane: state.laneId })}</p>
            <h1 id="station-title">{t(`station.${role}.title`)}</h1>
            <p className="station-explain">{t(`station.${role}.explain`)}</p>
            <DeviceList state={state} />
          </section>
        </main>
      )}
    </div>
  );
}
