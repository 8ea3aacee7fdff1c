export { ageCheckNeeded, ageOn, verifyAge, type AgeCheckMethod } from './age-check.ts';
export { allocate } from './allocate.ts';
export { settleInCash, type CashSettlement } from './cash.ts';
export { applyEvent, replay, settledAmount, type Basket, type BasketLine, type CouponEntry, type Customer } from './basket.ts';
export { discountLine, overridePrice, voidLine } from './corrections.ts';
export { addCoupon, businessDate, exemptFromTax, identifyMember, removeCoupon } from './customer.ts';
export {
  addItem,
  addLabelledItem,
  addWeighedItem,
  amountToPay,
  approveTender,
  cancelBasket,
  localDate,
  openBasket,
  setQuantity,
  MAX_LINE_GRAMS,
  MAX_LINE_QUANTITY,
  type EngineContext,
  type LaneSettings,
} from './engine.ts';
export {
  BasketEventSchema,
  CardTenderSchema,
  CashTenderSchema,
  GiftCardTenderSchema,
  TenderSchema,
  LineDiscountSchema,
  PriceReasonSchema,
  TaxModeSchema,
  type BasketEvent,
  type CardTender,
  type CashTender,
  type GiftCardTender,
  type Tender,
  type TenderReversal,
  type LineDiscount,
  type PriceReason,
  type TaxMode,
} from './events.ts';
export { extendedPrice, priceBasket, pricingRules, type PricingRules } from './pricing.ts';
export { promotionSavings } from './promotions.ts';
export { plainAmount, receiptBarcodePayload, renderReceiptText, type ReceiptTextOptions } from './receipt-text.ts';
export { refundForUnits } from './refund.ts';
export { planReturn, returnableUnits, shelfUnitPrice, type ReturnHistory, type ReturnPlan, type SoldLine } from './returns.ts';
export { renderReturnReceiptText, type ReturnReceipt } from './return-receipt-text.ts';
export { assertSuspendable, isEmptyBasket, resumeSuspended, suspendedContents } from './suspend.ts';
export { cashRounded, computeTax, defaultCashIncrement, type TaxRounding } from './tax.ts';
export { contribution, refundToTenders, tenderCash, tenderGiftCard, type DueView, type GiftCardAccount, type RefundableTender, type TenderRefund } from './tenders.ts';
