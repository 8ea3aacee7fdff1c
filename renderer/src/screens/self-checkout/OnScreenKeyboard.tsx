import type { ReactNode } from 'react';
import { useTranslator } from '../../api/hooks.ts';
import { Icon } from '../../components/illustrations.tsx';

const ROWS = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'] as const;

/**
 * Letters and digits for the picker's search on a touch screen with no keyboard. Accents are not
 * needed: the search ignores them, so "platano" finds "Plátano".
 */
export function OnScreenKeyboard({ onKey, onBackspace }: { readonly onKey: (key: string) => void; readonly onBackspace: () => void }): ReactNode {
  const { t } = useTranslator();
  return (
    <div className="osk" role="group" aria-label={t('picker.keyboard')}>
      {ROWS.map((row, index) => (
        <div className="osk-row" key={row}>
          {[...row].map((key) => (
            <button key={key} type="button" className="btn osk-key" data-testid={`osk-${key}`} onClick={() => onKey(key)}>
              {key.toUpperCase()}
            </button>
          ))}
          {index === ROWS.length - 1 && (
            <button type="button" className="btn osk-key osk-key-wide" onClick={onBackspace} aria-label={t('picker.backspace')} data-testid="osk-backspace">
              <Icon name="backspace" />
            </button>
          )}
        </div>
      ))}
      <div className="osk-row">
        <button type="button" className="btn osk-key osk-space" onClick={() => onKey(' ')} data-testid="osk-space">
          {t('picker.space')}
        </button>
      </div>
    </div>
  );
}
