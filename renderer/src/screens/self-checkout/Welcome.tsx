import type { ReactNode } from 'react';
import { useTranslator } from '../../api/hooks.ts';
import { Icon, ScannerArt } from '../../components/illustrations.tsx';

interface WelcomeProps {
  readonly storeName: string;
  readonly onKeypad: () => void;
  readonly onPicker: () => void;
}

/** Nothing to press: the first scan starts the sale. The keypad is there for codes that won't scan. */
export function Welcome({ storeName, onKeypad, onPicker }: WelcomeProps): ReactNode {
  const { t } = useTranslator();
  return (
    <section className="welcome" data-testid="welcome-screen" aria-labelledby="welcome-title">
      <div className="welcome-hero">
        <p className="welcome-greeting">{t('welcome.greeting', { store: storeName })}</p>
        <h1 id="welcome-title" className="welcome-title">
          {t('welcome.title')}
        </h1>
        <ScannerArt className="welcome-art" label={t('welcome.scannerArt')} />
        <p className="welcome-subtitle">{t('welcome.subtitle')}</p>
      </div>
      <div className="welcome-foot">
        <span className="welcome-foot-hint">{t('picker.openHint')}</span>
        <button type="button" className="btn btn-secondary btn-lg" onClick={onPicker} data-testid="picker-button">
          <Icon name="search" />
          {t('picker.open')}
        </button>
        <button type="button" className="btn btn-secondary btn-lg" onClick={onKeypad} data-testid="keypad-button">
          <Icon name="keypad" />
          {t('keypad.open')}
        </button>
      </div>
    </section>
  );
}
