import type { ReactNode } from 'react';
import type { HelpRequest } from '../../../../common/api/contract.ts';
import { usePendingCommand, useTranslator } from '../../api/hooks.ts';
import { AssistIcon, type AssistIconName } from '../../components/assist-icons.tsx';
import { languageOf, shopperLanguages } from '../../i18n/languages.ts';
import '../../styles/assist.css';
import { useShopperPreferences } from '../../preferences/context.ts';

/**
 * The shopper's own controls, low on the screen where everyone can reach them: language, large
 * text, high contrast and sound.
 */
export function AssistBar(): ReactNode {
  const { t, locale } = useTranslator();
  const { update } = useShopperPreferences();
  const current = languageOf(locale);

  return (
    <nav className="assist-bar" aria-label={t('assist.toolbar')} data-testid="assist-bar">
      <div className="assist-group" role="group" aria-label={t('assist.language')}>
        <AssistIcon name="language" />
        {shopperLanguages.map((language) => (
          <button
            key={language.code}
            type="button"
            lang={language.code}
            className="btn assist-toggle assist-language"
            aria-pressed={current === language.code}
            data-testid={`language-${language.code}`}
            onClick={() => update({ language: language.code })}
          >
            {language.name}
          </button>
        ))}
      </div>
      <div className="assist-group">
        <Toggle setting="largeText" icon="text" label={t('assist.largeText')} testId="large-text" />
        <Toggle setting="highContrast" icon="contrast" label={t('assist.highContrast')} testId="high-contrast" />
        <Toggle setting="muted" icon="mute" label={t('assist.mute')} ariaLabel={t('assist.muteLabel')} testId="mute" />
      </div>
    </nav>
  );
}

type Setting = 'largeText' | 'highContrast' | 'muted';

/** One on/off preference of the shopper's, pressed in while it is on. */
function Toggle(props: { readonly setting: Setting; readonly icon: AssistIconName; readonly label: string; readonly ariaLabel?: string; readonly testId: string }): ReactNode {
  const { preferences, update } = useShopperPreferences();
  const on = preferences[props.setting];
  return (
    <button
      type="button"
      className="btn assist-toggle"
      aria-pressed={on}
      aria-label={props.ariaLabel}
      data-testid={props.testId}
      onClick={() => update({ [props.setting]: !on })}
    >
      <AssistIcon name={props.icon} />
      {props.label}
    </button>
  );
}

/** Calls an attendant, or cancels the call; top right, where shoppers look for help. */
export function HelpButton({ help }: { readonly help: HelpRequest | null }): ReactNode {
  const { t } = useTranslator();
  const [pending, run] = usePendingCommand();
  return help ? (
    <button
      type="button"
      className="btn assist-help is-called"
      aria-label={t('help.cancelLabel')}
      data-testid="cancel-help"
      disabled={pending}
      onClick={() => void run('lane.cancelHelp', {})}
    >
      <AssistIcon name="help" />
      {t('help.cancel')}
    </button>
  ) : (
    <button type="button" className="btn assist-help" data-testid="call-help" disabled={pending} onClick={() => void run('lane.callHelp', {})}>
      <AssistIcon name="help" />
      {t('help.call')}
    </button>
  );
}

/** Tells the shopper (and their screen reader) that an attendant is coming. */
export function HelpComing({ help }: { readonly help: HelpRequest | null }): ReactNode {
  const { t } = useTranslator();
  return (
    <div className="help-status" role="status" data-testid="help-status">
      {help && (
        <p className="help-coming">
          <span className="help-pulse" aria-hidden="true" />
          {t('help.coming')}
        </p>
      )}
    </div>
  );
}
