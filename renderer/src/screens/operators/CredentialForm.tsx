import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { Credential } from '../../../../common/session.ts';
import { useTranslator } from '../../api/hooks.ts';
import { Icon } from '../../components/illustrations.tsx';

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;
const MAX_NUMBER = 8;
const MAX_PIN = 8;

interface CredentialFormProps {
  readonly submitLabel: string;
  /** Answers null when accepted, or the message to show under the fields. */
  readonly onSubmit: (credential: Extract<Credential, { kind: 'pin' }>) => Promise<string | null>;
  /** The operator number to start with (the lock screen's operator); it stays editable. */
  readonly initialOperatorId?: string;
  readonly busy: boolean;
  readonly testIdPrefix: string;
  /** The dialog variant: smaller keys. */
  readonly compact?: boolean;
}

type Field = 'number' | 'pin';

/**
 * Operator number and PIN on a large touch keypad; the physical keyboard works too (Enter moves
 * from the number to the PIN, then submits). The PIN is masked and cleared after every try.
 */
export function CredentialForm({ submitLabel, onSubmit, initialOperatorId = '', busy, testIdPrefix, compact = false }: CredentialFormProps): ReactNode {
  const { t } = useTranslator();
  const numberId = useId();
  const pinId = useId();
  const errorId = useId();
  const [operatorId, setOperatorId] = useState(initialOperatorId);
  const [pin, setPin] = useState('');
  const [active, setActive] = useState<Field>(initialOperatorId === '' ? 'number' : 'pin');
  const [error, setError] = useState<string | null>(null);
  const numberField = useRef<HTMLInputElement>(null);
  const pinField = useRef<HTMLInputElement>(null);

  useEffect(() => {
    (active === 'number' ? numberField : pinField).current?.focus();
  }, [active]);

  const edit = (change: (value: string) => string): void => {
    setError(null);
    if (active === 'number') setOperatorId((value) => change(value).slice(0, MAX_NUMBER));
    else setPin((value) => change(value).slice(0, MAX_PIN));
    (active === 'number' ? numberField : pinField).current?.focus();
  };

  const submit = async (): Promise<void> => {
    if (busy) return;
    if (active === 'number' || pin === '') {
      if (operatorId.length >= 3) setActive('pin');
      return;
    }
    const message = await onSubmit({ kind: 'pin', operatorId, pin });
    setPin('');
    setError(message);
    if (message !== null) setActive('pin');
  };

  const ready = operatorId.length >= 3 && pin.length >= 4;
  return (
    <form
      className={compact ? 'cred cred-compact' : 'cred'}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <div className="cred-fields">
        <div className={`cred-field${active === 'number' ? ' cred-field-active' : ''}`}>
          <label htmlFor={numberId}>{t('operator.number')}</label>
          <input
            ref={numberField}
            id={numberId}
            data-testid={`${testIdPrefix}-number`}
            value={operatorId}
            inputMode="none"
            autoComplete="off"
            placeholder={t('operator.numberPlaceholder')}
            onFocus={() => setActive('number')}
            onChange={(event) => {
              setError(null);
              setOperatorId(event.target.value.replace(/\D/g, '').slice(0, MAX_NUMBER));
            }}
          />
        </div>
        <div className={`cred-field${active === 'pin' ? ' cred-field-active' : ''}`}>
          <label htmlFor={pinId}>{t('operator.pin')}</label>
          <input
            ref={pinField}
            id={pinId}
            data-testid={`${testIdPrefix}-pin`}
            type="password"
            value={pin}
            inputMode="none"
            autoComplete="off"
            placeholder={t('operator.pinPlaceholder')}
            aria-describedby={error === null ? undefined : errorId}
            aria-invalid={error !== null}
            onFocus={() => setActive('pin')}
            onChange={(event) => {
              setError(null);
              setPin(event.target.value.replace(/\D/g, '').slice(0, MAX_PIN));
            }}
          />
        </div>
      </div>
      <p id={errorId} className="cred-error" role="alert" data-testid={`${testIdPrefix}-error`}>
        {error}
      </p>
      <div className="cred-pad">
        {DIGITS.map((digit) => (
          <button key={digit} type="button" className="btn cred-key" onClick={() => edit((value) => value + digit)} aria-label={t('operator.digit', { digit })}>
            {digit}
          </button>
        ))}
        <button type="button" className="btn cred-key cred-key-muted" onClick={() => edit(() => '')}>
          {t('operator.clear')}
        </button>
        <button type="button" className="btn cred-key" onClick={() => edit((value) => `${value}0`)} aria-label={t('operator.digit', { digit: '0' })}>
          0
        </button>
        <button type="button" className="btn cred-key cred-key-muted" onClick={() => edit((value) => value.slice(0, -1))} aria-label={t('operator.backspace')}>
          <Icon name="backspace" />
        </button>
      </div>
      <button type="submit" className="btn btn-primary cred-submit" data-testid={`${testIdPrefix}-submit`} disabled={busy || (active === 'pin' ? !ready : operatorId.length < 3)}>
        {active === 'number' ? t('operator.next') : submitLabel}
      </button>
    </form>
  );
}
