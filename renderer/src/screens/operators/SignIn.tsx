import type { ReactNode } from 'react';
import type { TerminalState } from '../../../../common/api/contract.ts';
import { usePendingCommand, useTranslator } from '../../api/hooks.ts';
import { useWedgeScanner } from '../../scanning/useWedgeScanner.ts';
import { BadgeArt } from './BadgeArt.tsx';
import { CredentialForm } from './CredentialForm.tsx';
import '../../styles/operators.css';

/**
 * The operator sign-in of the associate and attendant roles: a badge scan (any scanner path;
 * main tells a badge from an item) or operator number and PIN on a large keypad.
 */
export function SignIn({ state }: { readonly state: TerminalState }): ReactNode {
  const { t } = useTranslator();
  const [pending, run] = usePendingCommand({ quiet: true });
  useWedgeScanner(true);

  return (
    <div className="op-screen" data-testid="sign-in-screen">
      <header className="brand-header">
        <span className="brand-mark" aria-hidden="true">
          {state.storeName.trim().charAt(0).toUpperCase()}
        </span>
        <span className="brand-store">{state.storeName}</span>
        <span className="brand-role">{t(state.role === 'attendant' ? 'station.attendant.title' : 'associate.title')}</span>
      </header>
      <main className="op-main">
        <section className="op-card" aria-labelledby="sign-in-title">
          <div className="op-badge-side">
            <BadgeArt label={t('signIn.badgeArt')} />
            <h2>{t('signIn.badgeTitle')}</h2>
            <p>{t('signIn.badgeHint')}</p>
          </div>
          <div className="op-divider" aria-hidden="true">
            <span>{t('signIn.or')}</span>
          </div>
          <div className="op-pin-side">
            <h1 id="sign-in-title">{t('signIn.title')}</h1>
            <p className="op-subtitle">{t('signIn.subtitle', { lane: state.laneId })}</p>
            <CredentialForm
              submitLabel={t('signIn.submit')}
              busy={pending}
              testIdPrefix="sign-in"
              onSubmit={async (credential) => {
                const result = await run('operator.signIn', { credential });
                return result.ok ? null : t(`error.${result.error.code}`);
              }}
            />
          </div>
        </section>
      </main>
    </div>
  );
}
