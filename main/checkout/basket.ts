import type { ItemSnapshot } from '../../common/catalog.ts';
import type { BasketEvent, CardTender, TaxMode } from './events.ts';

export interface BasketLine {
  readonly lineId: string;
  readonly code: string;
  readonly item: ItemSnapshot;
  /** Count for items sold by each, grams for items sold by weight. */
  readonly quantity: number;
}

export interface Basket {
  readonly basketId: string;
  readonly laneId: string;
  readonly currency: string;
  readonly taxMode: TaxMode;
  readonly openedAt: string;
  readonly lines: readonly BasketLine[];
  readonly tenders: readonly CardTender[];
  readonly status: 'open' | 'completed' | 'cancelled';
  readonly saleId: string | null;
}

/** Folds one event into the basket. Events are facts: applying them never fails validation. */
export function applyEvent(basket: Basket | null, event: BasketEvent): Basket {
  if (event.type === 'basket.opened') {
    if (basket) throw new Error(`basket ${basket.basketId} is already open`);
    return {
      basketId: event.basketId,
      laneId: event.laneId,
      currency: event.currency,
      taxMode: event.taxMode,
      openedAt: event.openedAt,
      lines: [],
      tenders: [],
      status: 'open',
      saleId: null,
    };
  }
  if (!basket) throw new Error(`${event.type} before basket.opened`);
  switch (event.type) {
    case 'line.added':
      return { ...basket, lines: [...basket.lines, { lineId: event.lineId, code: event.code, item: event.item, quantity: event.quantity }] };
    case 'line.quantityChanged':
      return {
        ...basket,
        lines: basket.lines.map((line) => (line.lineId === event.lineId ? { ...line, quantity: event.quantity } : line)),
      };
    case 'tender.approved':
      return { ...basket, tenders: [...basket.tenders, event.tender] };
    case 'basket.completed':
      return { ...basket, status: 'completed', saleId: event.saleId };
    case 'basket.cancelled':
      return { ...basket, status: 'cancelled' };
    default: {
      const unreachable: never = event;
      throw new Error(`unknown basket event ${JSON.stringify(unreachable)}`);
    }
  }
}

export function replay(events: readonly BasketEvent[]): Basket {
  let basket: Basket | null = null;
  for (const event of events) basket = applyEvent(basket, event);
  if (!basket) throw new Error('an empty journal holds no basket');
  return basket;
}
