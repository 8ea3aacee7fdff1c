import type { ReactNode } from 'react';
import { useTranslator } from '../../api/hooks.ts';
import '../../styles/corrections.css';

export interface CorrectionKeyActions {
  readonly void: (() => void) | null;
  readonly override: (() => void) | null;
  readonly discount: (() => void) | null;
  readonly exempt: (() => void) | null;
  readonly suspend: (() => void) | null;
  readonly resume: (() => void) | null;
}

function Key({ hint, label, onPress, testId }: { hint: string; label: string; onPress: (() => void) | null; testId: string }): ReactNode {
  return (
    <button type="button" className="corr-key" onClick={onPress ?? undefined} disabled={!onPress} data-testid={testId} tabIndex={-1}>
      <kbd>{hint}</kbd>
      <span>{label}</span>
    </button>
  );
}

/** The legend of the line and sale keys under the basket; each entry is a button too. */
export function CorrectionKeys({ actions }: { readonly actions: CorrectionKeyActions }): ReactNode {
  const { t } = useTranslator();
  return (
    <nav className="corr-keys" aria-label={t('corrections.legend')} data-testid="correction-keys">
      <span className="corr-key corr-key-static">
        <kbd>↑↓</kbd>
        <span>{t('corrections.select')}</span>
      </span>
      <Key hint="F2" label={t('corrections.void')} onPress={actions.void} testId="key-void" />
      <Key hint="F3" label={t('corrections.override')} onPress={actions.override} testId="key-override" />
      <Key hint="F4" label={t('corrections.discount')} onPress={actions.discount} testId="key-discount" />
      <Key hint="F5" label={t('corrections.exempt')} onPress={actions.exempt} testId="key-exempt" />
      <span className="corr-keys-gap" />
      {/* One key suspends the sale on screen, or resumes one when the lane is free. */}
      {actions.suspend || !actions.resume ? (
        <Key hint="F6" label={t('corrections.suspend')} onPress={actions.suspend} testId="key-suspend" />
      ) : (
        <Key hint="F6" label={t('corrections.resume')} onPress={actions.resume} testId="key-resume" />
      )}
    </nav>
  );
}
