import type { ReactNode } from 'react';
import type { OperatorView } from '../../../../common/session.ts';
import { usePendingCommand, useTranslator } from '../../api/hooks.ts';
import '../../styles/operators.css';

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter((part) => part !== '')
    .slice(0, 2)
    .map((part) => part.charAt(0).toUpperCase())
    .join('');
}

/** The signed-in operator and the Lock / Sign out buttons, for a terminal's header. */
export function OperatorBar({
  operator,
  tone = 'dark',
  canSignOut = true,
}: {
  readonly operator: OperatorView;
  readonly tone?: 'dark' | 'light';
  /** False while a sale is open: it must be finished first (Lock keeps it instead). */
  readonly canSignOut?: boolean;
}): ReactNode {
  const { t } = useTranslator();
  const [pending, run] = usePendingCommand();
  const role = t(`operator.role.${operator.role}`);
  return (
    <div className={`op-bar op-bar-${tone}`} aria-label={t('operator.menu')}>
      <span className="op-chip" data-testid="operator-chip" title={t('operator.signedIn', { name: operator.name, role })}>
        <span className="op-avatar" aria-hidden="true">
          {initials(operator.name)}
        </span>
        <span className="op-chip-text">
          <span className="op-chip-name">{operator.name}</span>
          <span className="op-chip-role">{role}</span>
        </span>
      </span>
      <button type="button" className="btn op-bar-btn" disabled={pending} onClick={() => void run('operator.lock', {})} data-testid="lock-button">
        {t('operator.lock')}
      </button>
      <button type="button" className="btn op-bar-btn" disabled={pending || !canSignOut} onClick={() => void run('operator.signOut', {})} data-testid="sign-out-button">
        {t('operator.signOut')}
      </button>
    </div>
  );
}
