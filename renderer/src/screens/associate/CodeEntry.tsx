import { useEffect, useRef, useState, type ReactNode } from 'react';
import { usePendingCommand, useTranslator } from '../../api/hooks.ts';
import { parseKeyedEntry } from './quantity-key.ts';

interface CodeEntryProps {
  readonly disabled: boolean;
  /** While a dialog is open the field lets it keep the focus. */
  readonly holdFocus: boolean;
}

/**
 * The cashier's always-focused code field: Enter keys the code in (source 'keyed'). A wedge
 * scan never lands here: the window-level detector takes the whole burst, Enter included.
 */
export function CodeEntry({ disabled, holdFocus }: CodeEntryProps): ReactNode {
  const { t } = useTranslator();
  const field = useRef<HTMLInputElement>(null);
  const [code, setCode] = useState('');
  const [pending, run] = usePendingCommand();

  useEffect(() => {
    if (holdFocus && !disabled) field.current?.focus();
  }, [holdFocus, disabled]);

  const submit = async (): Promise<void> => {
    // The DOM value, not state: text the wedge detector hands back lands just before this Enter.
    const keyed = field.current?.value.trim() ?? '';
    if (keyed === '' || pending) return;
    const { code: entered, quantity } = parseKeyedEntry(keyed);
    const result = await run('basket.scan', quantity === 1 ? { code: entered, source: 'keyed' } : { code: entered, source: 'keyed', quantity });
    if (result.ok) setCode('');
    else field.current?.select();
  };

  return (
    <form
      className="as-entry"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <label htmlFor="as-code" className="as-entry-label">
        {t('associate.entry')}
      </label>
      <input
        ref={field}
        id="as-code"
        className="as-entry-input"
        data-testid="code-entry"
        value={code}
        onChange={(event) => setCode(event.target.value)}
        onBlur={() => {
          if (!holdFocus) return;
          setTimeout(() => {
            if (!document.querySelector('dialog[open]')) field.current?.focus();
          }, 0);
        }}
        disabled={disabled}
        autoComplete="off"
        spellCheck={false}
        maxLength={128}
        placeholder={t('associate.entryHint')}
        autoFocus
      />
      <kbd className="as-entry-key">Enter</kbd>
    </form>
  );
}
