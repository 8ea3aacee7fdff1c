import { EventEmitter } from 'node:events';
import type { Notice, PaymentStatus, Phase, Role, ScanSource, TerminalState, DeviceStatus, HelpRequest } from '../../common/api/contract.ts';
import { TerminalError } from '../../common/api/result.ts';
import type { ReceiptView } from '../../common/basket.ts';
import type { ItemSnapshot, TaxCategory } from '../../common/catalog.ts';
import {
  addWeighedItem,
  amountToPay,
  applyEvent,
  approveTender,
  cancelBasket,
  discountLine,
  exemptFromTax,
  openBasket,
  overridePrice,
  priceBasket,
  replay,
  setQuantity,
  voidLine,
  type Basket,
  type BasketEvent,
  type EngineContext,
  type Tender,
  type LaneSettings,
  type LineDiscount,
  type PriceReason,
  type PricingRules,
} from '../checkout/index.ts';
import type { Logger } from './log.ts';
import { NO_PROMOTIONS, rulesFor, withTare, type LanePricing } from './pricing-setup.ts';
import { decideScan, weighableKey, type ItemLookup } from './scan-decision.ts';
import { RecentRequests } from './recent-requests.ts';

/** What the lane needs of the ledger; every write is one transaction, idempotent by request id. */
export interface LaneLedger {
  findItem(code: string): { code: string; item: ItemSnapshot } | null;
  /** Appends events (opening the basket first when `opened` is given); false if the request was already applied. */
  appendBasketEvents(basketId: string, events: readonly BasketEvent[], requestId: string, opened?: { laneId: string; at: string }): boolean;
  cancelBasket(basketId: string, events: readonly BasketEvent[], requestId: string): boolean;
  completeSale(sale: CompletedSale): { receiptNumber: string };
  /** Appends a tender that leaves part of the total due, with `alongside` (e.g. a gift card redemption) in the same transaction. */
  takeTender(basketId: string, events: readonly BasketEvent[], requestId: string, alongside?: () => void): boolean;
  findOpenBasket(laneId: string): readonly BasketEvent[] | null;
}

export interface CompletedSale {
  readonly saleId: string;
  readonly basketId: string;
  readonly laneId: string;
  readonly completedAt: string;
  readonly currency: string;
  readonly total: number;
  readonly finalEvents: readonly BasketEvent[];
  readonly tenders: readonly Tender[];
  readonly businessDate: string;
  readonly receipt: (receiptNumber: string) => ReceiptView;
  readonly requestId: string;
  /** More writes that belong to the completing transaction (a gift card redemption). */
  readonly alongside?: () => void;
}

/** A tender decided from the open basket, and what else must commit with it. */
export interface TenderDecision {
  readonly events: readonly BasketEvent[];
  readonly alongside?: () => void;
}

export type PaymentOutcome =
  | { status: 'approved'; amount: number; brand: string; last4: string; authCode: string; reference: string }
  | { status: 'declined'; reason: string }
  | { status: 'aborted' }
  /** `cause: 'outcome-unknown'`: the device may have charged; only a retry (which asks it first) can tell. */
  | { status: 'failed'; reason: string; cause?: string };

export interface LanePaymentTerminal {
  sale(request: { reference: string; amount: number; currency: string }): Promise<PaymentOutcome>;
  abort(): Promise<void>;
  onPrompt(listener: (message: string) => void): void;
}

export interface LaneOptions {
  readonly role: Role;
  readonly settings: LaneSettings;
  readonly storeName: string;
  readonly locale: string;
  readonly taxCategories: readonly TaxCategory[];
  readonly pricing?: LanePricing;
  readonly ledger: LaneLedger;
  readonly payment: LanePaymentTerminal | null;
  readonly context: EngineContext;
  readonly devices: () => DeviceStatus[];
  readonly log: Logger;
  /** Called once a sale is committed, before the receipt is shown (the receipt printer prints it). */
  readonly saleCompleted?: (receipt: ReceiptView) => void;
  /** What other lane services add to the state: the receipt's print status, the bagging area. */
  readonly annotate?: (state: TerminalState) => Partial<Pick<TerminalState, 'receiptPrint' | 'bagging' | 'gate' | 'camera'>>;
}

type LaneEvents = { state: [TerminalState]; notice: [Notice] };

const IDLE: PaymentStatus = { state: 'idle', message: '' };

/**
 * One lane's shopping session: the open basket, the payment under way and the last receipt.
 * Commands are decided by the pure engine, made durable by the ledger, then applied here.
 */
export class Lane extends EventEmitter<LaneEvents> {
  readonly #options: LaneOptions;
  readonly #rules: PricingRules;
  readonly #pricing: LanePricing;
  readonly #recent = new RecentRequests(500);
  #basket: Basket | null = null;
  #payment: PaymentStatus = IDLE;
  #paymentUnderWay: Promise<void> | null = null;
  /** The last card payment may have been taken without our knowing: the basket must not be cancelled. */
  #paymentInDoubt = false;
  #receipt: ReceiptView | null = null;
  #help: HelpRequest | null = null;

  constructor(options: LaneOptions) {
    super();
    this.#options = options;
    this.#pricing = options.pricing ?? NO_PROMOTIONS;
    this.#rules = rulesFor(options.taxCategories, this.#pricing);
    options.payment?.onPrompt((message) => {
      if (this.#payment.state === 'waiting') this.#setPayment({ state: 'waiting', message });
    });
  }

  /** Picks up the basket that was open when the terminal stopped (crash, kill or power cut). */
  resume(): void {
    const events = this.#options.ledger.findOpenBasket(this.#options.settings.laneId);
    this.#basket = events && events.length > 0 ? replay(events) : null;
    if (this.#basket) this.#options.log.info({ basketId: this.#basket.basketId, lines: this.#basket.lines.length }, 'resumed open basket');
  }

  state(): TerminalState {
    const { role, settings, storeName, locale } = this.#options;
    const basket = this.#basket ? priceBasket(this.#basket, this.#rules) : null;
    const state: TerminalState = {
      role,
      laneId: settings.laneId,
      storeName,
      currency: settings.currency,
      locale,
      phase: this.#phase(),
      basket,
      payment: this.#payment,
      receipt: this.#receipt,
      devices: this.#options.devices(),
      help: this.#help,
    };
    return this.#options.annotate ? { ...state, ...this.#options.annotate(state) } : state;
  }

  /** Tells listeners the state changed outside a command (a receipt printed, the bagging area moved). */
  refresh(): void {
    this.#changed();
  }

  /** Calls an attendant; true when this call changed the lane (a second press keeps the first time). */
  callHelp(requestId: string): boolean {
    if (this.#recent.has(requestId)) return false;
    this.#recent.add(requestId);
    if (this.#help) return false;
    this.#help = { requestedAt: this.#options.context.now() };
    this.#changed();
    return true;
  }

  /** Clears the call for help (the shopper no longer needs it, or the attendant has come). */
  cancelHelp(requestId: string): HelpRequest | null {
    if (this.#recent.has(requestId)) return null;
    this.#recent.add(requestId);
    const was = this.#help;
    if (!was) return null;
    this.#help = null;
    this.#changed();
    return was;
  }

  #phase(): Phase {
    if (this.#receipt) return 'receipt';
    if (this.#payment.state !== 'idle') return 'paying';
    const basket = this.#basket;
    return basket && (basket.lines.length > 0 || basket.coupons.length > 0 || basket.customer.memberId !== null) ? 'shopping' : 'welcome';
  }

  /**
   * A scanned or keyed code, classified once: a product or PLU (`quantity` units, the quantity
   * key), a variable-measure label, a coupon or a loyalty card. Items sold by weight are refused
   * here: they come in through `addWeighed` with a stable scale reading.
   */
  scan(code: string, source: ScanSource, requestId: string, quantity = 1): TerminalState {
    if (this.#recent.has(requestId)) return this.state();
    if (this.#payment.state !== 'idle') throw new TerminalError('PAYMENT_IN_PROGRESS', 'finish or cancel the payment before scanning');
    if (this.#receipt) this.#receipt = null; // the next shopper starts scanning on the receipt screen
    return this.#change(requestId, decideScan(code, quantity, this.#pricing, this.#items(code, source), this.#options.context));
  }

  /** A weighed item from a stable scale reading (gross grams; the item's tare is taken off by the engine). */
  addWeighed(code: string, grossGrams: number, requestId: string): TerminalState {
    if (this.#recent.has(requestId)) return this.state();
    if (this.#payment.state !== 'idle') throw new TerminalError('PAYMENT_IN_PROGRESS', 'finish or cancel the payment before weighing');
    if (this.#receipt) this.#receipt = null;
    const items = this.#items(code, 'keyed');
    const hit = items.find(weighableKey(code, this.#pricing)) ?? items.unknown();
    return this.#change(requestId, (basket) => addWeighedItem(basket, hit.code, hit.item, grossGrams, this.#options.context));
  }

  voidLine(lineId: string, requestId: string): TerminalState {
    if (this.#recent.has(requestId)) return this.state();
    const basket = this.#requireIdleBasket();
    this.#commit(basket.basketId, voidLine(basket, lineId, this.#options.context), requestId);
    return this.#changed();
  }

  /** Call only after the terminal has checked that `authorizedBy` may override prices. */
  overridePrice(lineId: string, unitPrice: number, reason: PriceReason, authorizedBy: string | null, requestId: string): TerminalState {
    if (this.#recent.has(requestId)) return this.state();
    const basket = this.#requireIdleBasket();
    this.#commit(basket.basketId, overridePrice(basket, lineId, unitPrice, reason, authorizedBy), requestId);
    return this.#changed();
  }

  /** Call only after the terminal has checked that `authorizedBy` may give line discounts. */
  discountLine(lineId: string, discount: LineDiscount, reason: PriceReason, authorizedBy: string | null, requestId: string): TerminalState {
    if (this.#recent.has(requestId)) return this.state();
    const basket = this.#requireIdleBasket();
    this.#commit(basket.basketId, discountLine(basket, lineId, discount, reason, authorizedBy), requestId);
    return this.#changed();
  }

  /** Call only after the terminal has checked that `authorizedBy` may accept exemption certificates. */
  exemptFromTax(certificate: string, authorizedBy: string | null, requestId: string): TerminalState {
    if (this.#recent.has(requestId)) return this.state();
    const basket = this.#requireIdleBasket();
    this.#commit(basket.basketId, exemptFromTax(basket, certificate, authorizedBy), requestId);
    return this.#changed();
  }

  #items(code: string, source: ScanSource): ItemLookup {
    return {
      find: (key) => {
        const hit = this.#options.ledger.findItem(key);
        return hit && withTare(hit, this.#pricing);
      },
      unknown: () => {
        this.#options.log.info({ code, source }, 'unknown item scanned');
        throw new TerminalError('UNKNOWN_ITEM', `no item has the code ${code}`, 'code');
      },
    };
  }

  /** Opens a basket when none is open, then commits what `decide` makes of it. */
  #change(requestId: string, decide: (basket: Basket) => BasketEvent[]): TerminalState {
    const { context, settings } = this.#options;
    const opening = this.#basket ? null : openBasket(settings, context);
    const basket = opening ? applyEvent(null, opening) : (this.#basket as Basket);
    const events = [...(opening ? [opening] : []), ...decide(basket)];
    const opened = opening ? { laneId: settings.laneId, at: opening.openedAt } : undefined;
    this.#commit(basket.basketId, events, requestId, opened);
    return this.#changed();
  }

  setQuantity(lineId: string, quantity: number, requestId: string): TerminalState {
    if (this.#recent.has(requestId)) return this.state();
    const basket = this.#requireIdleBasket();
    this.#commit(basket.basketId, setQuantity(basket, lineId, quantity), requestId);
    return this.#changed();
  }

  cancel(requestId: string): TerminalState {
    if (this.#recent.has(requestId)) return this.state();
    const basket = this.#requireIdleBasket();
    if (this.#paymentInDoubt) {
      throw new TerminalError('BASKET_LOCKED', 'the card reader may have taken the last payment: pay again to find out (nothing is charged twice) or call an attendant');
    }
    const events = cancelBasket(basket, this.#options.context);
    if (this.#options.ledger.cancelBasket(basket.basketId, events, requestId)) this.#options.log.info({ basketId: basket.basketId }, 'basket cancelled');
    this.#basket = null;
    this.#recent.add(requestId);
    return this.#changed();
  }

  /** Starts a card payment for what is due, or for `requested` of it (split tender). */
  startPayment(requestId: string, requested?: number): TerminalState {
    if (this.#recent.has(requestId) || this.#payment.state === 'waiting') return this.state();
    const basket = this.#basket;
    if (!basket) throw new TerminalError('NO_OPEN_BASKET', 'scan an item before paying');
    const payment = this.#options.payment;
    if (!payment) throw new TerminalError('DEVICE_UNAVAILABLE', 'this lane has no payment terminal');
    const view = priceBasket(basket, this.#rules);
    const due = amountToPay(basket, view.total, view.ageCheckRequired);
    if (due <= 0) throw new TerminalError('INVALID_INPUT', 'nothing is due');
    if (requested !== undefined && requested > due) throw new TerminalError('INVALID_INPUT', `${requested} is more than the ${due} due`, 'amount');
    const amount = requested ?? due;
    this.#recent.add(requestId);
    this.#setPayment({ state: 'waiting', message: 'Follow the instructions on the card reader' });
    const reference = `${basket.basketId}-${basket.tenders.length + 1}`;
    this.#paymentUnderWay = payment
      .sale({ reference, amount, currency: basket.currency })
      .then((outcome) => this.#settle(basket.basketId, outcome, due, amount, requestId))
      .catch((error: unknown) => {
        this.#paymentInDoubt = true;
        this.#options.log.error({ err: error, basketId: basket.basketId }, 'payment failed');
        this.#setPayment({ state: 'failed', message: 'The card reader did not answer. Please try again.' });
      })
      .finally(() => {
        this.#paymentUnderWay = null;
      });
    return this.state();
  }

  /** Resolves when no payment is under way (for shutdown and tests). */
  async settled(): Promise<void> {
    await this.#paymentUnderWay;
  }

  async cancelPayment(requestId: string): Promise<TerminalState> {
    if (this.#recent.has(requestId)) return this.state();
    this.#recent.add(requestId);
    if (this.#payment.state === 'waiting') {
      await this.#options.payment?.abort();
      await this.#paymentUnderWay;
    }
    if (this.#payment.state !== 'idle') this.#setPayment(IDLE);
    return this.state();
  }

  finishSale(requestId: string): TerminalState {
    if (this.#recent.has(requestId)) return this.state();
    this.#recent.add(requestId);
    if (this.#receipt) {
      this.#receipt = null;
      return this.#changed();
    }
    return this.state();
  }

  #settle(basketId: string, outcome: PaymentOutcome, due: number, requested: number, requestId: string): void {
    const basket = this.#basket;
    if (!basket || basket.basketId !== basketId) return;
    this.#paymentInDoubt = outcome.status === 'failed' && outcome.cause === 'outcome-unknown';
    switch (outcome.status) {
      case 'approved': {
        const { context } = this.#options;
        const { status: _status, ...approval } = outcome;
        const events = approveTender(basket, { ...approval, method: 'card', approvedAt: context.now() }, due, context);
        this.#payment = IDLE;
        this.#takeTender(basket, { events }, `${requestId}-approval`);
        // The issuer approved less than was asked (a partial approval): say so, and ask for the rest.
        if (outcome.amount < requested) this.#setPayment({ state: 'declined', message: 'Part of the total was approved. Please pay the rest.' });
        return;
      }
      case 'declined':
        this.#setPayment({ state: 'declined', message: `Payment declined: ${outcome.reason}` });
        this.emit('notice', { level: 'warning', code: 'PAYMENT_DECLINED', message: outcome.reason });
        return;
      case 'aborted':
        this.#setPayment(IDLE);
        return;
      case 'failed':
        this.#setPayment({ state: 'failed', message: outcome.reason });
        return;
      default: {
        const unreachable: never = outcome;
        throw new Error(`unknown payment outcome ${JSON.stringify(unreachable)}`);
      }
    }
  }

  /**
   * Takes a tender other than a card reader's (cash, gift card): `decide` sees the basket and its
   * priced view. A tender that settles the rest completes the sale in the same transaction.
   */
  tender(requestId: string, decide: (basket: Basket, view: ReturnType<typeof priceBasket>) => TenderDecision): TerminalState {
    if (this.#recent.has(requestId)) return this.state();
    const basket = this.#requireIdleBasket();
    this.#takeTender(basket, decide(basket, priceBasket(basket, this.#rules)), requestId);
    this.#recent.add(requestId);
    return this.state();
  }

  /** The tenders of the open basket, as the engine keeps them (for refunds and the drawer). */
  get tenders(): readonly Tender[] {
    return this.#basket?.tenders ?? [];
  }

  #takeTender(basket: Basket, decision: TenderDecision, requestId: string): void {
    const { settings, ledger } = this.#options;
    const { events, alongside } = decision;
    const basketId = basket.basketId;
    const after = events.reduce<Basket>((current, event) => applyEvent(current, event), basket);
    const completed = events.find((event) => event.type === 'basket.completed');
    if (!completed) {
      ledger.takeTender(basketId, events, requestId, alongside);
      this.#basket = after;
      this.#setPayment(IDLE);
      return;
    }
    const view = priceBasket(after, this.#rules);
    const receiptOf = (number: string): ReceiptView => ({
      ...view,
      saleId: completed.saleId,
      receiptNumber: number,
      laneId: settings.laneId,
      storeName: this.#options.storeName,
      completedAt: completed.completedAt,
    });
    const { receiptNumber } = ledger.completeSale({
      saleId: completed.saleId,
      basketId,
      laneId: settings.laneId,
      completedAt: completed.completedAt,
      currency: basket.currency,
      total: view.total,
      finalEvents: events,
      tenders: after.tenders,
      businessDate: basket.businessDate,
      receipt: receiptOf,
      requestId: `${requestId}-sale`,
      ...(alongside ? { alongside } : {}),
    });
    this.#options.log.info({ saleId: completed.saleId, receiptNumber, total: view.total }, 'sale completed');
    this.#receipt = receiptOf(receiptNumber);
    this.#basket = null;
    this.#payment = IDLE;
    this.#options.saleCompleted?.(this.#receipt);
    this.#changed();
  }

  #requireIdleBasket(): Basket {
    if (this.#payment.state !== 'idle') throw new TerminalError('PAYMENT_IN_PROGRESS', 'finish or cancel the payment first');
    if (!this.#basket) throw new TerminalError('NO_OPEN_BASKET', 'there is no open basket');
    return this.#basket;
  }

  #commit(basketId: string, events: readonly BasketEvent[], requestId: string, opened?: { laneId: string; at: string }): void {
    if (events.length > 0) {
      const applied = this.#options.ledger.appendBasketEvents(basketId, events, requestId, opened);
      if (applied) this.#basket = events.reduce<Basket | null>((current, event) => applyEvent(current, event), opened ? null : this.#basket);
    }
    this.#recent.add(requestId);
  }

  #setPayment(payment: PaymentStatus): void {
    this.#payment = payment;
    this.#changed();
  }

  #changed(): TerminalState {
    const state = this.state();
    this.emit('state', state);
    return state;
  }
}
