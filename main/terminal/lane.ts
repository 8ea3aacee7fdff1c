import { EventEmitter } from 'node:events';
import type { Notice, PaymentStatus, Phase, Role, ScanSource, TerminalState, DeviceStatus, HelpRequest } from '../../common/api/contract.ts';
import { TerminalError } from '../../common/api/result.ts';
import type { BasketView, ReceiptView } from '../../common/basket.ts';
import type { SuspendedBasket, SuspendedLine } from '../../common/suspend.ts';
import type { ItemSnapshot, TaxCategory } from '../../common/catalog.ts';
import {
  ageCheckNeeded,
  addWeighedItem,
  localDate,
  verifyAge,
  type AgeCheckMethod,
  amountToPay,
  applyEvent,
  assertSuspendable,
  isEmptyBasket,
  resumeSuspended,
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
  type TenderReversal,
  type LaneSettings,
  type LineDiscount,
  type PriceReason,
  type PricingRules,
} from '../checkout/index.ts';
import type { PaymentTerminal } from '../../drivers/payment/payment-terminal.ts';
import type { Logger } from './log.ts';
import { NO_PROMOTIONS, rulesFor, withTare, type LanePricing } from './pricing-setup.ts';
import { decideScan, weighableKey, type ItemLookup } from './scan-decision.ts';
import { RecentRequests } from './recent-requests.ts';

/** What the lane needs of the ledger; every write is one transaction, idempotent by request id. */
export interface LaneLedger {
  findItem(code: string): { code: string; item: ItemSnapshot } | null;
  /**
   * Appends events (opening the basket first when `opened` is given), with `alongside` in the same
   * transaction; false if the request was already applied.
   */
  appendBasketEvents(basketId: string, events: readonly BasketEvent[], requestId: string, opened?: { laneId: string; at: string }, alongside?: () => void): boolean;
  /** Closes the basket as cancelled, re-crediting the gift cards its reversals name, in one transaction. */
  cancelBasket(basketId: string, laneId: string, events: readonly BasketEvent[], requestId: string): boolean;
  completeSale(sale: CompletedSale): { receiptNumber: string };
  /** Appends a tender that leaves part of the total due, with `alongside` (e.g. a gift card redemption) in the same transaction. */
  takeTender(basketId: string, events: readonly BasketEvent[], requestId: string, alongside?: () => void): boolean;
  findOpenBasket(laneId: string): readonly BasketEvent[] | null;
  /** Records, before the request leaves, that a card payment is being asked for (a retry of the open one keeps it). */
  beginPayment(attempt: { reference: string; basketId: string; amount: number; currency: string }): void;
  /** Records that the basket's open card payment did not charge the card. */
  paymentNotCharged(basketId: string): void;
  /** Records that it did (call inside the transaction that takes its tender). */
  paymentCharged(basketId: string): void;
  /** The basket's card payment whose outcome is unknown (asked for, then a crash or a lost reply), or null. */
  paymentInDoubt(basketId: string): { reference: string; amount: number } | null;
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

/** What the card reader knows of a payment by our reference (never starts one). */
export type LaneTransactionStatus = { state: 'done'; result: PaymentOutcome } | { state: 'in-progress' | 'voided' | 'unknown' };

export interface LanePaymentTerminal {
  sale(request: { reference: string; amount: number; currency: string }): Promise<PaymentOutcome>;
  /** Voids an approved payment (`target` is the card reader's reference of it); a retry with the same `reference` voids nothing twice. */
  void(request: { reference: string; target: string }): Promise<PaymentOutcome>;
  transactionStatus(reference: string): Promise<LaneTransactionStatus>;
  abort(): Promise<void>;
  onPrompt(listener: (message: string) => void): void;
}

/** An id as a card reader reference or request id allows (letters, digits, _ and -). */
export const safeReference = (id: string): string => id.replace(/[^A-Za-z0-9_-]/g, '-');

/** The lane's view of a payment driver: sales, aborts, status by our reference, and its prompts. */
export function lanePaymentTerminal(payment: PaymentTerminal): LanePaymentTerminal {
  return {
    sale: (request) => payment.sale(request),
    abort: () => payment.abort(),
    void: (request) => payment.void(request),
    transactionStatus: (reference) => payment.transactionStatus(reference),
    onPrompt: (listener) => payment.on('prompt', listener),
  };
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

/** Records a correction's audit entry from the basket priced before and after it. */
export type CorrectionAudit = (before: BasketView, after: BasketView) => void;

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
    if (!this.#basket) return;
    this.#options.log.info({ basketId: this.#basket.basketId, lines: this.#basket.lines.length }, 'resumed open basket');
    const doubt = this.#options.ledger.paymentInDoubt(this.#basket.basketId);
    if (doubt) this.#paymentUnderWay = this.#recover(this.#basket, doubt);
  }

  /**
   * The lane stopped while a card payment was under way: asks the card reader what became of it.
   * A payment it took is recorded as the basket's tender; one it did not take is closed; while it
   * cannot tell, the basket stays locked and paying again asks it first (nothing is charged twice).
   */
  async #recover(basket: Basket, doubt: { reference: string; amount: number }): Promise<void> {
    const { log, payment, ledger } = this.#options;
    const unconfirmed: PaymentStatus = { state: 'failed', message: 'The card reader has not confirmed the last payment. Pay again to find out (nothing is charged twice) or call an attendant.' };
    this.#setPayment({ state: 'waiting', message: 'Checking the last card payment with the card reader' });
    try {
      const status = payment ? await payment.transactionStatus(doubt.reference) : null;
      log.info({ basketId: basket.basketId, reference: doubt.reference, state: status?.state ?? 'no card reader' }, 'in-doubt card payment checked');
      if (status === null || status.state === 'in-progress') {
        this.#setPayment(unconfirmed);
        return;
      }
      if (status.state === 'done') {
        const view = priceBasket(basket, this.#rules);
        const due = amountToPay(basket, view.total, view.ageCheckRequired);
        this.#settle(basket.basketId, status.result, due, doubt.amount, `recover-${doubt.reference}`);
        if (this.#payment.state === 'waiting') this.#setPayment(IDLE);
        return;
      }
      ledger.paymentNotCharged(basket.basketId);
      this.#setPayment(IDLE);
    } catch (error) {
      log.warn({ err: error, basketId: basket.basketId, reference: doubt.reference }, 'the card reader could not say what became of the last payment');
      this.#setPayment(unconfirmed);
    }
  }

  /** True when the open basket's last card payment may have charged the card without our knowing. */
  get paymentInDoubt(): boolean {
    return this.#basket !== null && this.#options.ledger.paymentInDoubt(this.#basket.basketId) !== null;
  }

  #requireNoPaymentInDoubt(): void {
    if (this.paymentInDoubt) {
      throw new TerminalError('BASKET_LOCKED', 'the card reader may have taken the last payment: pay again to find out (nothing is charged twice) or call an attendant');
    }
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
    this.#assertNotPausedForAge();
    return this.#change(requestId, decideScan(code, quantity, this.#pricing, this.#items(code, source), this.#options.context, this.#options.role === 'associate'));
  }

  /** A weighed item from a stable scale reading (gross grams; the item's tare is taken off by the engine). */
  addWeighed(code: string, grossGrams: number, requestId: string): TerminalState {
    if (this.#recent.has(requestId)) return this.state();
    if (this.#payment.state !== 'idle') throw new TerminalError('PAYMENT_IN_PROGRESS', 'finish or cancel the payment before weighing');
    if (this.#receipt) this.#receipt = null;
    this.#assertNotPausedForAge();
    const items = this.#items(code, 'keyed');
    const hit = items.find(weighableKey(code, this.#pricing)) ?? items.unknown();
    return this.#change(requestId, (basket) => addWeighedItem(basket, hit.code, hit.item, grossGrams, this.#options.context));
  }

  /** The minimum age an attendant must still confirm for the open basket, or null. */
  ageCheckNeeded(): number | null {
    return this.#basket ? ageCheckNeeded(this.#basket) : null;
  }

  /** Call only after the terminal has checked that `authorizedBy` may approve age checks. */
  verifyAge(dateOfBirth: string, method: AgeCheckMethod, authorizedBy: string, requestId: string): TerminalState {
    if (this.#recent.has(requestId)) return this.state();
    const basket = this.#requireIdleBasket();
    const { context, settings } = this.#options;
    const today = localDate(context.now(), settings.timeZone ?? 'UTC');
    this.#commit(basket.basketId, verifyAge(basket, { dateOfBirth, today, method, authorizedBy }, context), requestId);
    return this.#changed();
  }

  /**
   * A self-checkout pauses on an age-restricted item until an attendant approves it, so the
   * attendant checks the ID of the shopper still at the lane (a staffed lane's cashier checks it
   * at payment instead).
   */
  #assertNotPausedForAge(): void {
    if (this.#options.role !== 'self-checkout' || !this.#basket || ageCheckNeeded(this.#basket) === null) return;
    throw new TerminalError('AGE_CHECK_REQUIRED', 'an attendant will approve the age-restricted item before you scan more');
  }

  /**
   * What a correction hands its audit: the basket priced before and after it, inside the
   * transaction that journals it (so the audit entry exists exactly when the correction does).
   */
  voidLine(lineId: string, requestId: string, reason?: PriceReason, audit?: CorrectionAudit): TerminalState {
    return this.#correct(requestId, (basket) => voidLine(basket, lineId, this.#options.context, reason), audit);
  }

  /** Call only after the terminal has checked that `authorizedBy` may override prices. */
  overridePrice(lineId: string, unitPrice: number, reason: PriceReason, authorizedBy: string | null, requestId: string, audit?: CorrectionAudit): TerminalState {
    return this.#correct(requestId, (basket) => overridePrice(basket, lineId, unitPrice, reason, authorizedBy), audit);
  }

  /** Call only after the terminal has checked that `authorizedBy` may give line discounts. */
  discountLine(lineId: string, discount: LineDiscount, reason: PriceReason, authorizedBy: string | null, requestId: string, audit?: CorrectionAudit): TerminalState {
    return this.#correct(requestId, (basket) => discountLine(basket, lineId, discount, reason, authorizedBy), audit);
  }

  /** Call only after the terminal has checked that `authorizedBy` may accept exemption certificates. */
  exemptFromTax(certificate: string, authorizedBy: string | null, requestId: string, reason?: PriceReason, audit?: CorrectionAudit): TerminalState {
    return this.#correct(requestId, (basket) => exemptFromTax(basket, certificate, authorizedBy, reason), audit);
  }

  #correct(requestId: string, decide: (basket: Basket) => BasketEvent[], audit: CorrectionAudit | undefined): TerminalState {
    if (this.#recent.has(requestId)) return this.state();
    const basket = this.#requireIdleBasket();
    const events = decide(basket);
    const record = audit && ((): void => audit(priceBasket(basket, this.#rules), priceBasket(events.reduce<Basket>(applyEvent, basket), this.#rules)));
    this.#commit(basket.basketId, events, requestId, undefined, record);
    return this.#changed();
  }

  /** The open basket as the engine keeps it (for the desks that correct, park and resume it). */
  get openBasket(): Basket | null {
    return this.#basket;
  }

  /** Whether `requestId` was applied here lately (a retried command answers without acting again). */
  applied(requestId: string): boolean {
    return this.#recent.has(requestId);
  }

  /**
   * Parks the open basket: `park` writes the suspension (closing the basket in the ledger, in one
   * transaction) and says what to answer; the lane is then free for the next customer.
   */
  suspend<T>(requestId: string, park: (basket: Basket, view: BasketView) => T): T {
    const basket = this.#requireIdleBasket();
    assertSuspendable(basket);
    const answer = park(basket, priceBasket(basket, this.#rules));
    this.#basket = null;
    this.#receipt = null;
    this.#recent.add(requestId);
    this.#changed();
    return answer;
  }

  /**
   * Brings a claimed suspended basket into this lane (a new basket, or the open one while it is
   * still empty), re-priced today; `recordResumed` commits with it (the lane's note that the
   * ticket came back, so it never comes back twice).
   */
  resumeSuspended(requestId: string, suspended: SuspendedBasket, today: (line: SuspendedLine) => ItemSnapshot | null, recordResumed: (basketId: string) => void): TerminalState {
    if (this.#recent.has(requestId)) return this.state();
    if (this.#payment.state !== 'idle') throw new TerminalError('PAYMENT_IN_PROGRESS', 'finish or cancel the payment before resuming a basket');
    if (this.#receipt) this.#receipt = null;
    return this.#change(requestId, (basket) => resumeSuspended(basket, suspended, today, this.#options.context), recordResumed);
  }

  /** Refuses while a sale is under way on the lane (something a resume would have to mix with). */
  assertNoSale(): void {
    if (this.#payment.state !== 'idle') throw new TerminalError('PAYMENT_IN_PROGRESS', 'finish or cancel the payment first');
    if (this.#basket && !isEmptyBasket(this.#basket)) throw new TerminalError('SALE_IN_PROGRESS', 'finish, suspend or cancel the sale on the lane before resuming another');
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
  #change(requestId: string, decide: (basket: Basket) => BasketEvent[], alongside?: (basketId: string) => void): TerminalState {
    this.#requireNoPaymentInDoubt();
    const { context, settings } = this.#options;
    const opening = this.#basket ? null : openBasket(settings, context);
    const basket = opening ? applyEvent(null, opening) : (this.#basket as Basket);
    const events = [...(opening ? [opening] : []), ...decide(basket)];
    const opened = opening ? { laneId: settings.laneId, at: opening.openedAt } : undefined;
    this.#commit(basket.basketId, events, requestId, opened, alongside && (() => alongside(basket.basketId)));
    return this.#changed();
  }

  setQuantity(lineId: string, quantity: number, requestId: string): TerminalState {
    if (this.#recent.has(requestId)) return this.state();
    const basket = this.#requireIdleBasket();
    this.#commit(basket.basketId, setQuantity(basket, lineId, quantity), requestId);
    return this.#changed();
  }

  /**
   * Voids the open basket. Payments already taken on it are given back first: each card payment
   * is voided on the card reader (a retry voids nothing twice), cash is handed back and gift
   * cards are re-credited with the cancellation, in one transaction. A card payment the reader
   * will not void leaves the basket open, and the lane says why.
   */
  async cancel(requestId: string): Promise<TerminalState> {
    if (this.#recent.has(requestId)) return this.state();
    const basket = this.#requireIdleBasket();
    const reversals = basket.tenders.length > 0 ? await this.#giveBack(basket) : [];
    const events = cancelBasket(basket, this.#options.context, reversals);
    if (this.#options.ledger.cancelBasket(basket.basketId, this.#options.settings.laneId, events, requestId)) {
      this.#options.log.info({ basketId: basket.basketId, reversals: reversals.map(({ method, amount }) => ({ method, amount })) }, 'basket cancelled');
    }
    this.#basket = null;
    this.#recent.add(requestId);
    return this.#changed();
  }

  /** How each payment taken on `basket` goes back; card payments are voided on the card reader now. */
  async #giveBack(basket: Basket): Promise<TenderReversal[]> {
    const reversals: TenderReversal[] = [];
    this.#setPayment({ state: 'waiting', message: 'Giving back the payments taken on this basket' });
    try {
      for (const tender of basket.tenders) {
        const { tenderId, amount } = tender;
        switch (tender.method) {
          case 'card': {
            const payment = this.#options.payment;
            if (!payment) throw new TerminalError('DEVICE_UNAVAILABLE', `the card payment of ${amount} (card ending ${tender.last4}) can only be voided on a card reader, and this lane has none`);
            const outcome = await payment.void({ reference: `V${safeReference(tenderId)}`.slice(0, 40), target: tender.reference });
            if (outcome.status !== 'approved') {
              const why = outcome.status === 'declined' || outcome.status === 'failed' ? outcome.reason : 'the void was stopped';
              throw new TerminalError('PAYMENT_DECLINED', `the card reader did not void the card payment of ${amount} (card ending ${tender.last4}): ${why}; the basket stays open`);
            }
            reversals.push({ tenderId, method: 'card', amount, reference: outcome.reference });
            break;
          }
          case 'cash':
            reversals.push({ tenderId, method: 'cash', amount });
            break;
          case 'gift-card':
            reversals.push({ tenderId, method: 'gift-card', amount, cardId: tender.cardId });
            break;
          default: {
            const unknown: never = tender;
            throw new Error(`unknown tender ${JSON.stringify(unknown)}`);
          }
        }
      }
      return reversals;
    } finally {
      this.#setPayment(IDLE);
    }
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
    // A payment in doubt is asked again exactly as it was: the card reader answers what it did.
    const reference = `${basket.basketId}-${basket.tenders.length + 1}`;
    const amount = this.#options.ledger.paymentInDoubt(basket.basketId)?.amount ?? requested ?? due;
    this.#options.ledger.beginPayment({ reference, basketId: basket.basketId, amount, currency: basket.currency });
    this.#recent.add(requestId);
    this.#setPayment({ state: 'waiting', message: 'Follow the instructions on the card reader' });
    this.#paymentUnderWay = payment
      .sale({ reference, amount, currency: basket.currency })
      .then((outcome) => this.#settle(basket.basketId, outcome, due, amount, requestId))
      .catch((error: unknown) => {
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
    const { ledger } = this.#options;
    const charged = outcome.status === 'approved';
    const unknown = outcome.status === 'failed' && outcome.cause === 'outcome-unknown';
    if (!charged && !unknown) ledger.paymentNotCharged(basketId);
    switch (outcome.status) {
      case 'approved': {
        const { context } = this.#options;
        const { status: _status, ...approval } = outcome;
        const events = approveTender(basket, { ...approval, method: 'card', approvedAt: context.now() }, due, context);
        this.#payment = IDLE;
        this.#takeTender(basket, { events, alongside: () => ledger.paymentCharged(basketId) }, `${requestId}-approval`);
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
    this.#requireNoPaymentInDoubt();
    return this.#basket;
  }

  #commit(basketId: string, events: readonly BasketEvent[], requestId: string, opened?: { laneId: string; at: string }, alongside?: () => void): void {
    if (events.length > 0) {
      const applied = this.#options.ledger.appendBasketEvents(basketId, events, requestId, opened, alongside);
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
