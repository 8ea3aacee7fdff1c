export { applyEvent, replay, type Basket, type BasketLine } from './basket.ts';
export {
  addItem,
  amountToPay,
  approveTender,
  cancelBasket,
  openBasket,
  setQuantity,
  MAX_LINE_QUANTITY,
  type EngineContext,
  type LaneSettings,
} from './engine.ts';
export { BasketEventSchema, CardTenderSchema, TaxModeSchema, type BasketEvent, type CardTender, type TaxMode } from './events.ts';
export { extendedPrice, priceBasket, taxLines } from './pricing.ts';
