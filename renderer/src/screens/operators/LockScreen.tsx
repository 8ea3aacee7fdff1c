import type { ReactNode } from 'react';
import type { TerminalState } from '../../../../common/api/contract.ts';
import type { OperatorView } from '../../../../common/session.ts';
import { usePendingCommand, useTranslator } from '../../api/hooks.ts';
import { money } from '../../format.ts';
import { useWedgeScanner } from '../../scanning/useWedgeScanner.ts';
import { CredentialForm } from './CredentialForm.tsx';
import '../../styles/operators.css';

/** The locked lane: the sale is kept; the same operator or a supervisor+ unlocks (PIN or badge). */
export function LockScreen({ state, operator }: { readonly state: TerminalState; readonly operator: OperatorView }): ReactNode {
  const translator = useTranslator();
  const { t, locale } = translator;
  const [pending, run] = usePendingCommand({ quiet: true });
  useWedgeScanner(true);
  const basket = state.basket;

  return (
    <div className="op-screen op-locked" data-testid="lock-screen">
      <main className="op-main">
        <section className="op-lock-card" aria-labelledby="lock-title">
          <div className="op-lock-info">
            <div className="op-lock-icon" aria-hidden="true">
              <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
                <rect x="5" y="11" width="14" height="10" rx="2" />
                <path d="M8 11V8a4 4 0 0 1 8 0v3" />
              </svg>
            </div>
            <p className="op-lock-lane">
              {state.storeName} · {t('devices.lane', { lane: state.laneId })}
            </p>
            <h1 id="lock-title">{t('lock.title')}</h1>
            <p className="op-lock-by">{t('lock.by', { name: operator.name })}</p>
            {basket && basket.lines.length > 0 && (
              <p className="op-lock-basket" data-testid="lock-basket">
                {translator.count('lock.basket', basket.itemCount, { total: money(basket.total, basket.currency, locale) })}
              </p>
            )}
            <p className="op-lock-explain">{t('lock.explain')}</p>
          </div>
          <div className="op-lock-form">
            <CredentialForm
              submitLabel={t('lock.unlock')}
              busy={pending}
              testIdPrefix="unlock"
              initialOperatorId={operator.operatorId}
              onSubmit={async (credential) => {
                const result = await run('operator.unlock', { credential });
                return result.ok ? null : t(`error.${result.error.code}`);
              }}
            />
          </div>
        </section>
      </main>
    </div>
  );
}
