import { useId, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { LookupItem } from '../../../../common/lookup.ts';
import { usePendingCommand, useTranslator } from '../../api/hooks.ts';
import { Modal } from '../../components/Modal.tsx';
import { money } from '../../format.ts';
import { languageOf } from '../../i18n/languages.ts';
import { ItemImage } from '../../lookup/ItemImage.tsx';
import { useItemSearch } from '../../lookup/useItemSearch.ts';
import '../../styles/lookup.css';

const PAGE = 12;

/**
 * The cashier's lookup key (F1): type a name or PLU, move with ↑ ↓, Enter adds the highlighted
 * item (one unit; an item sold by weight is weighed on the lane's scale by main), Esc closes.
 * Searches the whole catalog, not only the produce picker's items.
 */
export function LookupDialog({ currency, onClose }: { readonly currency: string; readonly onClose: () => void }): ReactNode {
  const { t, locale } = useTranslator();
  const titleId = useId();
  const listId = useId();
  const [text, setText] = useState('');
  const [highlighted, setHighlighted] = useState(0);
  const [pending, run] = usePendingCommand();
  const search = useItemSearch({ text, category: null, language: languageOf(locale), scope: 'catalog', limit: PAGE });
  const items = search.items;
  const active = Math.min(highlighted, Math.max(0, items.length - 1));

  const add = async (item: LookupItem | undefined): Promise<void> => {
    if (!item || pending) return;
    const result = await run('basket.scan', { code: item.code, source: 'keyed' });
    if (result.ok) onClose();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setHighlighted(items.length === 0 ? 0 : (active + step + items.length) % items.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      void add(items[active]);
    }
  };

  return (
    <Modal labelledBy={titleId} onDismiss={onClose} className="as-lookup" testId="lookup-dialog">
      <h2 id={titleId}>{t('associate.lookupTitle')}</h2>
      <input
        className="as-lookup-input"
        data-testid="lookup-input"
        value={text}
        onChange={(event) => {
          setText(event.target.value.slice(0, 60));
          setHighlighted(0);
        }}
        onKeyDown={onKeyDown}
        role="combobox"
        aria-expanded={items.length > 0}
        aria-controls={listId}
        aria-activedescendant={items.length > 0 ? `${listId}-${active}` : undefined}
        aria-label={t('associate.lookupTitle')}
        placeholder={t('associate.lookupHint')}
        autoComplete="off"
        spellCheck={false}
        autoFocus
      />
      <ul id={listId} className="as-lookup-list" role="listbox" data-testid="lookup-results">
        {items.map((item, index) => (
          <li
            key={item.itemId}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === active}
            className={index === active ? 'as-lookup-row as-lookup-row-active' : 'as-lookup-row'}
            onMouseEnter={() => setHighlighted(index)}
            onClick={() => void add(item)}
          >
            <ItemImage image={item.image} name={item.name} className="as-lookup-image" />
            <span className="as-lookup-name">{item.name}</span>
            <span className="as-lookup-code">{item.plu ?? item.code.replace(/^0+(?=\d{12})/, '')}</span>
            <span className="as-lookup-price">
              {money(item.unitPrice, currency, locale)}
              {item.soldBy === 'weight' ? ` / kg · ${t('associate.lookupWeighed')}` : ''}
            </span>
          </li>
        ))}
      </ul>
      {text.trim() !== '' && items.length === 0 && !search.searching && <p className="as-lookup-none">{t('associate.lookupNone', { text: text.trim() })}</p>}
      <p className="as-lookup-keys">
        <kbd>↑</kbd> <kbd>↓</kbd> <kbd>Enter</kbd> <kbd>Esc</kbd>
      </p>
    </Modal>
  );
}
