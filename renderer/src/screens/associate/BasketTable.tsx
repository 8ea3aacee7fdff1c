import { Fragment, useRef, type ReactNode } from 'react';
import type { BasketLineView, BasketView } from '../../../../common/basket.ts';
import { usePendingCommand, useTranslator } from '../../api/hooks.ts';
import { Icon } from '../../components/illustrations.tsx';
import { formatKilograms, money } from '../../format.ts';
import { useRecentLine, useScrollToLine } from '../useRecentLine.ts';

function Quantity({ line, editable }: { readonly line: BasketLineView; readonly editable: boolean }): ReactNode {
  const { t, locale } = useTranslator();
  const [pending, run] = usePendingCommand();
  if (line.soldBy === 'weight') return <>{formatKilograms(line.quantity, locale)} kg</>;
  if (!editable) return <>{line.quantity}</>;
  const change = (quantity: number): void => void run('basket.setQuantity', { lineId: line.lineId, quantity });
  return (
    <span className="as-qty">
      <button type="button" className="as-qty-button" tabIndex={-1} disabled={pending || line.quantity <= 1} onClick={() => change(line.quantity - 1)} aria-label={t('basket.decrease', { name: line.name })}>
        <Icon name="minus" />
      </button>
      <span className="as-qty-value">{line.quantity}</span>
      <button type="button" className="as-qty-button" tabIndex={-1} disabled={pending || line.quantity >= 999} onClick={() => change(line.quantity + 1)} aria-label={t('basket.increase', { name: line.name })}>
        <Icon name="plus" />
      </button>
    </span>
  );
}

// One empty list for every render without a basket: useRecentLine compares lists by identity,
// and a fresh [] on each render made it set state on each render (React error #301).
const NO_LINES: BasketView['lines'] = [];

interface BasketTableProps {
  readonly basket: BasketView | null;
  readonly editable: boolean;
  /** The line the correction keys act on (arrow keys move it); the newest touched line when null. */
  readonly selected?: string | null;
  readonly onSelect?: (lineId: string) => void;
}

/** The sale as a dense table, newest touched line highlighted and kept in view, the selected line marked. */
export function BasketTable({ basket, editable, selected = null, onSelect }: BasketTableProps): ReactNode {
  const { t, locale } = useTranslator();
  const lines = basket?.lines ?? NO_LINES;
  const recent = useRecentLine(lines);
  const scroller = useRef<HTMLDivElement>(null);
  const focusLine = selected ?? recent;
  const recentLine = lines.find((line) => line.lineId === focusLine);
  useScrollToLine(scroller, focusLine, (recentLine?.quantity ?? 0) * 100 + (recentLine?.discounts.length ?? 0));
  const currency = basket?.currency ?? 'USD';
  return (
    <div className="as-table-wrap" ref={scroller}>
      <table className="as-table">
        <thead>
          <tr>
            <th scope="col" className="as-col-index">
              #
            </th>
            <th scope="col">{t('associate.column.item')}</th>
            <th scope="col">{t('associate.column.code')}</th>
            <th scope="col" className="num">
              {t('associate.column.quantity')}
            </th>
            <th scope="col" className="num">
              {t('associate.column.price')}
            </th>
            <th scope="col" className="num">
              {t('associate.column.total')}
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line, index) => (
            <Fragment key={line.lineId}>
              <tr
                className={[line.lineId === recent ? 'is-recent' : '', line.lineId === selected ? 'is-selected' : ''].join(' ').trim() || undefined}
                aria-selected={selected === null ? undefined : line.lineId === selected}
                onClick={onSelect && (() => onSelect(line.lineId))}
                data-testid="basket-line"
                data-code={line.code}
                data-quantity={line.quantity}
                data-line-id={line.lineId}
              >
                <td className="as-col-index">{index + 1}</td>
                <td>
                  {line.name}
                  {line.minimumAge !== null && (
                    <span className="badge badge-age" title={t('basket.ageCheckTitle', { age: line.minimumAge })}>
                      {t('basket.ageCheck')} {line.minimumAge}+
                    </span>
                  )}
                </td>
                <td className="mono">{line.code}</td>
                <td className="num">
                  <Quantity line={line} editable={editable} />
                </td>
                <td className="num">
                  {line.priceSource === 'override' && line.regularUnitPrice !== null && <s className="as-was">{money(line.regularUnitPrice, currency, locale)}</s>}
                  {money(line.unitPrice, currency, locale)}
                  {line.soldBy === 'weight' ? '/kg' : ''}
                </td>
                <td className="num strong">{money(line.extendedPrice, currency, locale)}</td>
              </tr>
              {line.discounts.map((discount) => (
                <tr key={`${discount.source}-${discount.id}`} className="as-saving-row" data-testid="line-saving">
                  <td />
                  <td colSpan={4}>{discount.label}</td>
                  <td className="num">−{money(discount.amount, currency, locale)}</td>
                </tr>
              ))}
            </Fragment>
          ))}
        </tbody>
      </table>
      {lines.length === 0 && <p className="as-empty">{t('associate.noSale')}</p>}
    </div>
  );
}
