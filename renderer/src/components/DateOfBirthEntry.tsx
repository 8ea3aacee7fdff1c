import { useId, type ReactNode } from 'react';
import { useTranslator } from '../api/hooks.ts';
import { Icon } from './illustrations.tsx';
import '../styles/dob.css';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/** Eight digits (year, month, day) as the ISO date main expects, or null until all are there. */
export function dateOfBirthFromDigits(digits: string): string | null {
  return /^\d{8}$/.test(digits) ? `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}` : null;
}

/** The digits typed so far, shown as YYYY-MM-DD fills in. */
function shown(digits: string): string {
  return [digits.slice(0, 4), digits.slice(4, 6), digits.slice(6, 8)].filter((part) => part !== '').join('-');
}

/**
 * A date of birth keyed off an ID: typed on a keyboard, or tapped on the large keys. Year, month
 * and day in that order whatever the locale, so an attendant never has to wonder which is first.
 */
export function DateOfBirthEntry({ digits, onChange, testId }: { readonly digits: string; readonly onChange: (digits: string) => void; readonly testId?: string }): ReactNode {
  const { t } = useTranslator();
  const inputId = useId();
  const hintId = useId();
  const press = (digit: string): void => onChange((digits + digit).slice(0, 8));
  return (
    <div className="dob">
      <label className="dob-label" htmlFor={inputId}>
        {t('dob.label')}
      </label>
      <input
        id={inputId}
        className="dob-input"
        data-testid={testId}
        value={shown(digits)}
        onChange={(event) => onChange(event.target.value.replace(/\D/g, '').slice(0, 8))}
        inputMode="numeric"
        autoComplete="off"
        placeholder="YYYY-MM-DD"
        aria-describedby={hintId}
        autoFocus
      />
      <p id={hintId} className="dob-hint">
        {t('dob.hint')}
      </p>
      <div className="dob-keys">
        {KEYS.map((digit) => (
          <button key={digit} type="button" className="btn dob-key" onClick={() => press(digit)} aria-label={t('dob.digit', { digit })}>
            {digit}
          </button>
        ))}
        <button type="button" className="btn dob-key dob-key-muted" onClick={() => onChange('')}>
          {t('dob.clear')}
        </button>
        <button type="button" className="btn dob-key" onClick={() => press('0')} aria-label={t('dob.digit', { digit: '0' })}>
          0
        </button>
        <button type="button" className="btn dob-key dob-key-muted" onClick={() => onChange(digits.slice(0, -1))} aria-label={t('dob.backspace')}>
          <Icon name="backspace" />
        </button>
      </div>
    </div>
  );
}
