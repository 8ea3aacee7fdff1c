import { randomInt } from 'node:crypto';
import { DeviceBase } from '../device.ts';
import type { PaymentEvents, PaymentResult, PaymentTerminal, RefundRequest, SaleRequest, TransactionStatus, VoidRequest } from './payment-terminal.ts';

export interface SimulatedPaymentOptions {
  readonly name: string;
  /** How long the simulated shopper takes to present a card and the host to approve it. */
  readonly delayMs: number;
}

/** What the next sale on the simulator does; `approve` is the default. */
export type SimulatedOutcome =
  | { readonly kind: 'approve'; readonly brand?: string; readonly last4?: string }
  | { readonly kind: 'decline'; readonly reason?: string }
  | { readonly kind: 'fail'; readonly reason?: string };

/**
 * An in-process payment terminal for the demo store and tests that need no wire protocol (the
 * `stx-etx` driver and its simulator speak the real one). It behaves as a device does: prompts
 * the shopper, takes `delayMs` to answer, can be aborted before it answers, takes one sale at a
 * time, keeps its results by reference (a retried approved sale is not charged again) and voids
 * or refunds what it approved.
 */
export class SimulatedPaymentTerminal extends DeviceBase<PaymentResult, PaymentEvents> implements PaymentTerminal {
  readonly #delayMs: number;
  #next: SimulatedOutcome[] = [];
  #current: { reference: string; finish: (result: PaymentResult) => void; timers: NodeJS.Timeout[] } | null = null;
  #sequence = 0;
  /** Results by our reference, as a terminal's journal keeps them. */
  readonly #journal = new Map<string, { kind: 'sale' | 'refund' | 'void'; result: PaymentResult; voided?: boolean }>();

  constructor(options: SimulatedPaymentOptions) {
    if (!Number.isInteger(options.delayMs) || options.delayMs < 0) {
      throw new TypeError(`payment simulator ${options.name}: delayMs must be a whole number of milliseconds ≥ 0, got ${options.delayMs}`);
    }
    super(options.name, 'payment');
    this.#delayMs = options.delayMs;
  }

  /** Queues what the following sales do, in order (for tests and the demo's control panel). */
  queueOutcome(...outcomes: SimulatedOutcome[]): void {
    this.#next.push(...outcomes);
  }

  get busy(): boolean {
    return this.#current !== null;
  }

  protected override async onClaim(): Promise<void> {
    this.setLink('online', 'simulator ready');
  }

  protected override async onRelease(): Promise<void> {
    this.#finish({ status: 'aborted' });
    this.setLink('offline', 'released');
  }

  sale(request: SaleRequest): Promise<PaymentResult> {
    return this.#transact('sale', request);
  }

  refund(request: RefundRequest): Promise<PaymentResult> {
    return this.#transact('refund', request);
  }

  async void(request: VoidRequest): Promise<PaymentResult> {
    if (!this.enabled) return { status: 'failed', reason: `${this.name} is not enabled`, cause: 'offline' };
    const done = this.#journal.get(request.reference);
    if (done?.kind === 'void') return done.result;
    const target = [...this.#journal.values()].find((entry) => entry.result.status === 'approved' && entry.result.reference === request.target);
    if (!target || target.kind === 'void' || target.result.status !== 'approved') return { status: 'declined', reason: `no approved payment ${request.target} to void` };
    if (target.voided) return { status: 'declined', reason: `payment ${request.target} is already voided` };
    target.voided = true;
    const result: PaymentResult = { ...target.result, reference: this.#nextReference() };
    this.#journal.set(request.reference, { kind: 'void', result });
    return result;
  }

  async transactionStatus(reference: string): Promise<TransactionStatus> {
    if (this.#current?.reference === reference) return { state: 'in-progress' };
    const done = this.#journal.get(reference);
    if (!done) return { state: 'unknown' };
    return done.voided ? { state: 'voided' } : { state: 'done', result: done.result };
  }

  #transact(kind: 'sale' | 'refund', request: SaleRequest): Promise<PaymentResult> {
    if (!this.enabled) return Promise.resolve({ status: 'failed', reason: `${this.name} is not enabled`, cause: 'offline' });
    if (this.#current) return Promise.resolve({ status: 'failed', reason: `${this.name} is busy with another sale`, cause: 'busy' });
    if (!Number.isInteger(request.amount) || request.amount <= 0) {
      return Promise.resolve({ status: 'failed', reason: `amount must be a positive whole number of minor units, got ${request.amount}`, cause: 'invalid' });
    }
    const done = this.#journal.get(request.reference);
    // Never a second charge for one reference: a retry after a lost reply gets the first approval.
    if (done?.kind === kind && done.result.status === 'approved' && !done.voided) return Promise.resolve(done.result);
    const outcome = this.#next.shift() ?? { kind: 'approve' };
    return new Promise<PaymentResult>((resolve) => {
      const timers: NodeJS.Timeout[] = [];
      this.#current = { reference: request.reference, finish: resolve, timers };
      this.emit('prompt', 'Insert, tap or swipe your card');
      timers.push(setTimeout(() => this.emit('prompt', 'Processing… please wait'), Math.floor(this.#delayMs / 2)));
      timers.push(setTimeout(() => this.#finish(this.#resultOf(outcome, request)), this.#delayMs));
    }).then((result) => {
      this.#journal.set(request.reference, { kind, result });
      this.deliver(result);
      return result;
    });
  }

  #nextReference(): string {
    this.#sequence += 1;
    return `SIM${String(this.#sequence).padStart(6, '0')}`;
  }

  async abort(): Promise<void> {
    this.#finish({ status: 'aborted' });
  }

  #finish(result: PaymentResult): void {
    const current = this.#current;
    if (!current) return;
    this.#current = null;
    for (const timer of current.timers) clearTimeout(timer);
    current.finish(result);
  }

  #resultOf(outcome: SimulatedOutcome, request: SaleRequest): PaymentResult {
    switch (outcome.kind) {
      case 'approve':
        return {
          status: 'approved',
          amount: request.amount,
          brand: outcome.brand ?? 'VISA',
          last4: outcome.last4 ?? '0119',
          authCode: String(randomInt(100000, 1000000)),
          reference: this.#nextReference(),
        };
      case 'decline':
        return { status: 'declined', reason: outcome.reason ?? 'Card declined' };
      case 'fail':
        return { status: 'failed', reason: outcome.reason ?? 'Payment terminal error', cause: 'refused' };
      default: {
        const unreachable: never = outcome;
        throw new Error(`unknown outcome ${JSON.stringify(unreachable)}`);
      }
    }
  }
}
