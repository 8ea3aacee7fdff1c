import { useId, useRef, useState, type ReactNode } from 'react';
import { usePendingCommand, useTranslator } from '../api/hooks.ts';
import { Icon } from './illustrations.tsx';
import { Modal } from './Modal.tsx';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;
const MAX_DIGITS = 20;

/** An on-screen number pad to key a barcode or PLU that will not scan (source 'keyed'). */
export function Keypad({ onClose }: { readonly onClose: () => void }): ReactNode {
  const { t } = useTranslator();
  const titleId = useId();
  const inputId = useId();
  const [code, setCode] = useState('');
  const [pending, run] = usePendingCommand();
  const input = useRef<HTMLInputElement>(null);

  const press = (digit: string): void => {
    setCode((current) => (current.length < MAX_DIGITS ? current + digit : current));
    input.current?.focus();
  };

  const submit = async (): Promise<void> => {
    const keyed = code.trim();
    if (keyed === '' || pending) return;
    const result = await run('basket.scan', { code: keyed, source: 'keyed' });
    // On failure the notice says why and the code stays, so the shopper can correct it.
    if (result.ok) onClose();
  };

  return (
    <Modal labelledBy={titleId} onDismiss={onClose} className="keypad">
      <form
        className="keypad-form"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <div className="keypad-head">
          <h2 id={titleId}>{t('keypad.title')}</h2>
          <button type="button" className="btn btn-icon btn-ghost" onClick={onClose} aria-label={t('keypad.close')}>
            <Icon name="close" />
          </button>
        </div>
        <p className="keypad-explain">{t('keypad.explain')}</p>
        <label className="sr-only" htmlFor={inputId}>
          {t('keypad.input')}
        </label>
        <input
          ref={input}
          id={inputId}
          className="keypad-input"
          data-testid="keypad-input"
          value={code}
          onChange={(event) => setCode(event.target.value.replace(/\D/g, '').slice(0, MAX_DIGITS))}
          inputMode="none"
          autoComplete="off"
          placeholder={t('keypad.placeholder')}
          autoFocus
        />
        <div className="keypad-grid">
          {KEYS.map((digit) => (
            <button key={digit} type="button" className="btn keypad-key" onClick={() => press(digit)} aria-label={t('keypad.digit', { digit })}>
              {digit}
            </button>
          ))}
          <button type="button" className="btn keypad-key keypad-key-muted" onClick={() => setCode('')}>
            {t('keypad.clear')}
          </button>
          <button type="button" className="btn keypad-key" onClick={() => press('0')} aria-label={t('keypad.digit', { digit: '0' })}>
            0
          </button>
          <button type="button" className="btn keypad-key keypad-key-muted" onClick={() => setCode((current) => current.slice(0, -1))} aria-label={t('keypad.backspace')}>
            <Icon name="backspace" />
          </button>
        </div>
        <button type="submit" className="btn btn-primary btn-xl keypad-submit" data-testid="keypad-submit" disabled={code.trim() === '' || pending}>
          {t('keypad.submit')}
        </button>
      </form>
    </Modal>
  );
}
