import { useState, type FormEvent, type ReactNode } from 'react';
import type { SimulatedDevice, SimulatorAction, SimulatorPanelView } from '../../../common/simulator.ts';
import { usePendingCommand, useTranslator } from '../api/hooks.ts';
import '../styles/simulator-panel.css';

type ScaleDevice = 'scale' | 'bagging';

/**
 * The development lane's simulator panel (`npm start` on simulated devices): scan a demo label,
 * load the scales, decide the next card payment, run the printer out of paper, pull a cable.
 * Main offers it only on a development lane; this chunk is loaded only then.
 */
export default function SimulatorPanel({ initial }: { readonly initial: SimulatorPanelView }): ReactNode {
  const { t } = useTranslator();
  const [pending, run] = usePendingCommand();
  const [view, setView] = useState(initial);
  const [open, setOpen] = useState(false);
  const [code, setCode] = useState(initial.barcodes[0]?.code ?? '');
  const has = (device: SimulatedDevice): boolean => view.devices.includes(device);
  const plugged = (device: SimulatedDevice): boolean => !view.unplugged.includes(device);

  const act = async (action: SimulatorAction): Promise<void> => {
    const result = await run('simulator.act', { action });
    if (result.ok) setView(result.value);
  };
  const button = (label: string, action: SimulatorAction, device: SimulatedDevice, kind = 'sim-btn'): ReactNode => (
    <button type="button" className={kind} disabled={pending || !plugged(device)} onClick={() => void act(action)}>
      {label}
    </button>
  );

  if (!open) {
    return (
      <button type="button" className="sim-tab" aria-expanded="false" aria-label={t('sim.open')} onClick={() => setOpen(true)}>
        <span className="sim-tab-icon" aria-hidden="true">
          ⚙
        </span>
        {t('sim.title')}
      </button>
    );
  }
  return (
    <section className="sim-panel" aria-label={t('sim.title')}>
      <header className="sim-head">
        <h2>{t('sim.title')}</h2>
        <span className="sim-badge">{t('sim.devOnly')}</span>
        <button type="button" className="sim-collapse" aria-expanded="true" aria-label={t('sim.close')} onClick={() => setOpen(false)}>
          ×
        </button>
      </header>

      {has('scanner') && (
        <form
          className="sim-row"
          onSubmit={(event: FormEvent) => {
            event.preventDefault();
            if (code) void act({ action: 'scan', code });
          }}
        >
          <span className="sim-label">{t('sim.scanner')}</span>
          <div className="sim-scan">
            <select aria-label={t('sim.barcode')} value={code} onChange={(event) => setCode(event.target.value)}>
              {view.barcodes.map((barcode) => (
                <option key={barcode.code} value={barcode.code}>
                  {barcode.label} · {barcode.code}
                </option>
              ))}
            </select>
            <button type="submit" className="sim-btn sim-btn-primary" disabled={pending || !plugged('scanner') || !code}>
              {t('sim.scan')}
            </button>
          </div>
        </form>
      )}

      {(['scale', 'bagging'] as const).filter(has).map((device) => (
        <ScaleRow key={device} device={device} disabled={pending || !plugged(device)} act={act} />
      ))}

      {has('payment') && (
        <div className="sim-row">
          <span className="sim-label" title={t('sim.payment')}>
            {t('sim.paymentShort')}
          </span>
          <div className="sim-buttons">
            {button(t('sim.approve'), { action: 'nextPayment', outcome: 'approve' }, 'payment')}
            {button(t('sim.decline'), { action: 'nextPayment', outcome: 'decline' }, 'payment')}
            {button(t('sim.timeout'), { action: 'nextPayment', outcome: 'timeout' }, 'payment')}
          </div>
        </div>
      )}

      {has('printer') && (
        <div className="sim-row">
          <span className="sim-label">{t('sim.printer')}</span>
          <div className="sim-buttons">
            {button(t('sim.paperOut'), { action: 'paper', state: 'out' }, 'printer')}
            {button(t('sim.paperOk'), { action: 'paper', state: 'ok' }, 'printer')}
          </div>
        </div>
      )}

      {has('gate') && (
        <div className="sim-row">
          <span className="sim-label">{t('sim.gate')}</span>
          <div className="sim-buttons">
            {button(t('sim.beamBroken'), { action: 'beam', state: 'broken' }, 'gate')}
            {button(t('sim.beamClear'), { action: 'beam', state: 'clear' }, 'gate')}
          </div>
        </div>
      )}

      <div className="sim-row sim-cables">
        <span className="sim-label">{t('sim.cables')}</span>
        <div className="sim-buttons">
          {view.devices.map((device) => {
            const name = t(`sim.device.${device}`);
            const isPlugged = plugged(device);
            return (
              <button
                key={device}
                type="button"
                className={`sim-cable ${isPlugged ? 'sim-cable-in' : 'sim-cable-out'}`}
                aria-pressed={!isPlugged}
                aria-label={isPlugged ? t('sim.unplug', { device: name }) : t('sim.replug', { device: name })}
                title={isPlugged ? t('sim.unplug', { device: name }) : t('sim.replug', { device: name })}
                disabled={pending}
                onClick={() => void act({ action: isPlugged ? 'unplug' : 'replug', device })}
              >
                <span className="sim-cable-dot" aria-hidden="true" />
                {name}
              </button>
            );
          })}
        </div>
      </div>
      {view.last && <p className="sim-last">{t('sim.last', { what: view.last })}</p>}
    </section>
  );
}

function ScaleRow({ device, disabled, act }: { readonly device: ScaleDevice; readonly disabled: boolean; readonly act: (action: SimulatorAction) => Promise<void> }): ReactNode {
  const { t } = useTranslator();
  const [grams, setGrams] = useState(device === 'scale' ? '1250' : '450');
  const valid = /^[0-9]{1,5}$/.test(grams) && Number(grams) <= 15_000;
  return (
    <form
      className="sim-row"
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        if (valid) void act({ action: 'weigh', device, grams: Number(grams) });
      }}
    >
      <span className="sim-label">{t(`sim.${device}`)}</span>
      <div className="sim-buttons">
        <label className="sim-grams">
          <input inputMode="numeric" aria-label={t('sim.grams')} value={grams} aria-invalid={!valid} onChange={(event) => setGrams(event.target.value.trim())} />
          <span aria-hidden="true">g</span>
        </label>
        <button type="submit" className="sim-btn sim-btn-primary" disabled={disabled || !valid}>
          {t('sim.place')}
        </button>
        <button type="button" className="sim-btn" disabled={disabled} onClick={() => void act({ action: 'clearWeight', device })}>
          {t('sim.clear')}
        </button>
      </div>
    </form>
  );
}
