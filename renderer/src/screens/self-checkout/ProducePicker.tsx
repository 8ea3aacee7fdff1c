import { useId, useState, type ReactNode } from 'react';
import type { LookupItem } from '../../../../common/lookup.ts';
import { usePendingCommand, useTranslator } from '../../api/hooks.ts';
import { Icon } from '../../components/illustrations.tsx';
import { Modal } from '../../components/Modal.tsx';
import { money } from '../../format.ts';
import { languageOf } from '../../i18n/languages.ts';
import { ItemImage } from '../../lookup/ItemImage.tsx';
import { useItemSearch, useLookupCategories } from '../../lookup/useItemSearch.ts';
import { OnScreenKeyboard } from './OnScreenKeyboard.tsx';
import '../../styles/lookup.css';

const PAGE = 24;
const MAX_QUANTITY = 99;

/** Price per kilogram or per each, the way the shelf tag says it. */
function useUnitPrice(currency: string): (item: LookupItem) => string {
  const { t, locale } = useTranslator();
  return (item) => t(item.soldBy === 'weight' ? 'picker.perKg' : 'picker.each', { price: money(item.unitPrice, currency, locale) });
}

/**
 * "Look up item": the shopper finds what has no barcode (loose produce) by category tiles or by
 * typing its name (in their language, accents optional) or its PLU. An item sold by weight is
 * then weighed on the lane's scale (main takes a stable reading); one sold each asks how many.
 */
export function ProducePicker({ currency, onClose }: { readonly currency: string; readonly onClose: () => void }): ReactNode {
  const translator = useTranslator();
  const { t, locale } = translator;
  const language = languageOf(locale);
  const titleId = useId();
  const [text, setText] = useState('');
  const [category, setCategory] = useState<{ id: string; name: string } | null>(null);
  const [chosen, setChosen] = useState<LookupItem | null>(null);
  const categories = useLookupCategories(language);
  const search = useItemSearch({ text, category: category?.id ?? null, language, scope: 'picker', limit: PAGE });
  const unitPrice = useUnitPrice(currency);
  const browsing = text.trim() === '' && category === null;

  const body = ((): ReactNode => {
    if (browsing) {
      return (
        <div className="picker-grid picker-categories" data-testid="picker-categories">
          {(categories ?? []).map((tile) => (
            <button key={tile.id} type="button" className="picker-tile picker-category" data-testid={`picker-category-${tile.id}`} onClick={() => setCategory({ id: tile.id, name: tile.name })}>
              <ItemImage image={tile.image} name={tile.name} />
              <span className="picker-tile-name">{tile.name}</span>
              <span className="picker-tile-detail">{translator.count('picker.items', tile.items)}</span>
            </button>
          ))}
        </div>
      );
    }
    if (search.items.length === 0) {
      return (
        <p className="picker-empty" data-testid="picker-empty">
          {search.searching ? t('picker.searching') : t('picker.nothing', { text: text.trim() })}
        </p>
      );
    }
    return (
      <>
        <div className="picker-grid" data-testid="picker-results">
          {search.items.map((item) => (
            <button key={item.itemId} type="button" className="picker-tile" data-testid="picker-item" onClick={() => setChosen(item)}>
              <ItemImage image={item.image} name={item.name} />
              <span className="picker-tile-name">{item.name}</span>
              <span className="picker-tile-detail">
                {unitPrice(item)}
                {item.plu !== null && <span className="picker-plu">{item.plu}</span>}
              </span>
            </button>
          ))}
        </div>
        {search.more && <p className="picker-more">{t('picker.more')}</p>}
      </>
    );
  })();

  return (
    <Modal labelledBy={titleId} onDismiss={onClose} className="picker" testId="produce-picker">
      <div className="picker-head">
        {category !== null || text !== '' ? (
          <button type="button" className="btn btn-secondary picker-back" data-testid="picker-back" onClick={() => (text !== '' ? setText('') : setCategory(null))}>
            <Icon name="back" />
            {t('picker.back')}
          </button>
        ) : null}
        <h2 id={titleId}>{category && text === '' ? category.name : t('picker.title')}</h2>
        <button type="button" className="btn btn-icon btn-ghost" onClick={onClose} aria-label={t('picker.close')}>
          <Icon name="close" />
        </button>
      </div>
      <label className="picker-search">
        <Icon name="search" />
        <span className="sr-only">{t('picker.searchLabel')}</span>
        <input
          className="picker-search-input"
          data-testid="picker-search"
          value={text}
          onChange={(event) => setText(event.target.value.slice(0, 40))}
          placeholder={category ? t('picker.searchIn', { category: category.name }) : t('picker.searchPlaceholder')}
          inputMode="none"
          autoComplete="off"
          spellCheck={false}
        />
      </label>
      <div className="picker-body" aria-live="polite">
        {body}
      </div>
      <OnScreenKeyboard onKey={(key) => setText((current) => (current + key).slice(0, 40))} onBackspace={() => setText((current) => current.slice(0, -1))} />
      {chosen && <ChosenItem item={chosen} unitPrice={unitPrice(chosen)} onBack={() => setChosen(null)} onAdded={onClose} />}
    </Modal>
  );
}

/** The last step: weigh it on the scale, or say how many. */
function ChosenItem({ item, unitPrice, onBack, onAdded }: { readonly item: LookupItem; readonly unitPrice: string; readonly onBack: () => void; readonly onAdded: () => void }): ReactNode {
  const { t } = useTranslator();
  const titleId = useId();
  const [quantity, setQuantity] = useState(1);
  const [pending, run] = usePendingCommand();
  const weighed = item.soldBy === 'weight';

  const add = async (): Promise<void> => {
    // Main looks the code up again and, for an item sold by weight, takes a stable scale reading.
    const result = await run('basket.scan', weighed || quantity === 1 ? { code: item.code, source: 'keyed' } : { code: item.code, source: 'keyed', quantity });
    if (result.ok) onAdded();
  };

  return (
    <Modal labelledBy={titleId} onDismiss={onBack} className="picker-chosen" testId="picker-chosen">
      <ItemImage image={item.image} name={item.name} className="picker-chosen-image" />
      <h2 id={titleId}>{item.name}</h2>
      <p className="picker-chosen-price">{unitPrice}</p>
      {weighed ? (
        <p className="picker-chosen-step" data-testid="picker-weigh-hint">
          {t('picker.placeOnScale')}
        </p>
      ) : (
        <div className="picker-quantity" role="group" aria-label={t('picker.quantity')}>
          <button type="button" className="btn btn-icon stepper-button" onClick={() => setQuantity((count) => Math.max(1, count - 1))} aria-label={t('basket.decrease', { name: item.name })} disabled={quantity <= 1}>
            <Icon name="minus" />
          </button>
          <output className="picker-quantity-value" data-testid="picker-quantity">
            {quantity}
          </output>
          <button type="button" className="btn btn-icon stepper-button" onClick={() => setQuantity((count) => Math.min(MAX_QUANTITY, count + 1))} aria-label={t('basket.increase', { name: item.name })} disabled={quantity >= MAX_QUANTITY}>
            <Icon name="plus" />
          </button>
        </div>
      )}
      <div className="picker-chosen-actions">
        <button type="button" className="btn btn-secondary btn-lg" onClick={onBack}>
          {t('picker.back')}
        </button>
        <button type="button" className="btn btn-primary btn-lg" data-testid="picker-add" disabled={pending} onClick={() => void add()}>
          {weighed ? t('picker.weigh') : t('picker.add', { count: String(quantity) })}
        </button>
      </div>
    </Modal>
  );
}
