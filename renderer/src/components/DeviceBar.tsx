import type { ReactNode } from 'react';
import type { DeviceStatus } from '../../../common/api/contract.ts';
import { deviceConnection } from '../../../common/health.ts';
import { useTranslator } from '../api/hooks.ts';

interface DeviceBarProps {
  readonly devices: readonly DeviceStatus[];
  readonly laneId: string;
  readonly className?: string;
}

/**
 * A slim footer: each device with a status dot. A device that is not fine says so in words:
 * "reconnecting…" (amber, pulsing) while its driver retries, "not working" (red) when it has
 * given up or reports a fault, the state otherwise; the detail (what and where) is its tooltip.
 */
export function DeviceBar({ devices, laneId, className }: DeviceBarProps): ReactNode {
  const { t } = useTranslator();
  return (
    <footer className={['device-bar', className].filter(Boolean).join(' ')}>
      <ul className="device-list" aria-label={t('devices.label')}>
        {devices.map((device) => {
          const connection = deviceConnection(device);
          const state =
            connection === 'reconnecting' || connection === 'failed' ? t(`devices.connection.${connection}`) : t(`devices.state.${device.state}`);
          return (
            <li
              key={device.name}
              className={`device device-${device.state} device-${connection}`}
              title={device.detail ? t('devices.problem', { name: device.name, detail: device.detail }) : undefined}
              aria-label={t('devices.entry', { name: device.name, state })}
            >
              <span className="device-dot" aria-hidden="true" />
              <span className="device-name">{device.name}</span>
              {device.state !== 'online' && <span className="device-state">{state}</span>}
            </li>
          );
        })}
      </ul>
      <span className="device-lane">{t('devices.lane', { lane: laneId })}</span>
    </footer>
  );
}
