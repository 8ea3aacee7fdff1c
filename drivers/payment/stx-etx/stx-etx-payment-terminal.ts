import { DeviceBase } from '../../device.ts';
import type {
  PaymentEvents,
  PaymentResult,
  PaymentTerminal,
  RefundRequest,
  SaleRequest,
  TransactionStatus,
  VoidRequest,
} from '../payment-terminal.ts';
import { LinkError, StxEtxLink, type LinkCounters } from './link.ts';
import {
  abortRequest,
  ECR_REF,
  helloRequest,
  parseTerminalMessage,
  ProtocolError,
  statusRequest,
  transactionRequest,
  type TerminalMessage,
  type TerminalResult,
} from './messages.ts';
import { Inbox } from './inbox.ts';
import { StxEtxOptionsSchema, type StxEtxOptions, type StxEtxSettings } from './options.ts';
import { toPaymentResult } from './outcome.ts';
import { createTransport, type Transport } from './transport.ts';
import { Reconnector, type Connector } from '../../link/reconnector.ts';

/** Everything an operation waits for: terminal messages and what happens to the link. */
/** A `link-down` names the pipe that went down, so a wait on a newer pipe is not woken by an old loss. */
type Item = TerminalMessage | { kind: 'link-down'; of: Transport | null } | { kind: 'link-up' } | { kind: 'restarted' } | { kind: 'abort' };

const PROMPTS = {
  card: 'Insert, tap or swipe your card',
  pin: 'Enter your PIN on the card reader',
  processing: 'Processing… please wait',
  'remove-card': 'Please remove your card',
} as const;

/**
 * A semi-integrated payment terminal speaking the `stx-etx` protocol (PROTOCOL.md) over serial
 * or TCP. It never charges twice: every transaction first asks the terminal what it knows of
 * the reference, and a lost reply, dropped link or overdue answer is resolved by asking again,
 * not by sending the transaction again. Card data never leaves `messages.ts`.
 */
export class StxEtxPaymentTerminal extends DeviceBase<PaymentResult, PaymentEvents> implements PaymentTerminal {
  readonly where: string;
  readonly #settings: StxEtxSettings;
  readonly #reconnector: Reconnector<Session>;
  /** The pipe and link of the current session, set while its hello is still being exchanged too. */
  #transport: Transport | null = null;
  #link: StxEtxLink | null = null;
  #connected = false;
  #bootId: string | null = null;
  /** Restarts seen (a new boot id); an operation compares it with its start to know. */
  #restarts = 0;
  readonly #inbox = new Inbox<Item>(64);
  #busy = false;
  #abortRequested = false;

  constructor(options: StxEtxOptions) {
    const parsed = StxEtxOptionsSchema.safeParse(options);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new TypeError(`stx-etx payment terminal options: ${(issue?.path ?? []).join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
    }
    super(parsed.data.name, 'payment');
    this.#settings = parsed.data;
    const { connection } = parsed.data;
    this.where = connection.kind === 'serial' ? connection.path : `${connection.host}:${connection.port}`;
    this.#reconnector = new Reconnector(this.#connector(), parsed.data.reconnect, ({ state, detail }) => this.setLink(state, detail));
    this.#reconnector.onUp((session) => {
      // The pipe went away between the hello and now: the session never really came up.
      if (this.#transport !== session.transport) return this.#reconnector.drop('lost while saying hello');
      this.#sawBoot(session.bootId);
      this.#inbox.push({ kind: 'link-up' });
    });
    this.setLink('offline', `not connected to ${this.where}`);
  }

  /** Link statistics since the device was created (retransmissions, NAKs, duplicates), for diagnostics. */
  readonly linkCounters: LinkCounters = { retransmissions: 0, naksSent: 0, duplicatesDropped: 0 };

  protected override async onClaim(): Promise<void> {
    await this.#reconnector.start();
  }

  protected override async onRelease(): Promise<void> {
    this.#abortRequested = true;
    await this.#reconnector.stop();
    await this.#disconnect(); // a session still saying hello
    this.#inbox.push({ kind: 'link-down', of: null }); // wakes a transaction in progress, which then gives up
  }

  sale(request: SaleRequest): Promise<PaymentResult> {
    return this.#exclusive(() => this.#transaction('sale', request));
  }

  refund(request: RefundRequest): Promise<PaymentResult> {
    return this.#exclusive(() => this.#transaction('refund', request));
  }

  void(request: VoidRequest): Promise<PaymentResult> {
    return this.#exclusive(async () => {
      if (!ECR_REF.test(request.reference)) return invalid(`reference must be 1–40 letters, digits, _ or -, got "${request.reference}"`);
      if (!/^[A-Za-z0-9-]{1,40}$/.test(request.target)) return invalid(`the payment to void must be named by its terminal reference, got "${request.target}"`);
      const prior = await this.#status(request.reference);
      if (prior === null) return offline(this.where);
      if (prior.state === 'done' && prior.result.type === 'void' && prior.result.code === 'approved') return toPaymentResult(prior.result);
      return this.#run({ type: 'void', ecrRef: request.reference, target: request.target }, prior.state === 'in-progress');
    });
  }

  async abort(): Promise<void> {
    if (!this.#busy) return;
    this.#abortRequested = true;
    this.#inbox.push({ kind: 'abort' });
  }

  async transactionStatus(reference: string): Promise<TransactionStatus> {
    if (!ECR_REF.test(reference)) throw new TypeError(`${this.name}: reference must be 1–40 letters, digits, _ or -, got "${reference}"`);
    const status = await this.#status(reference);
    if (status === null) throw new Error(`${this.name}: the terminal at ${this.where} did not answer a status request`);
    return status.state === 'done' ? { state: 'done', result: toPaymentResult(status.result) } : { state: status.state };
  }

  async #exclusive(run: () => Promise<PaymentResult>): Promise<PaymentResult> {
    if (!this.enabled) return { status: 'failed', reason: `${this.name} is not enabled`, cause: 'offline' };
    if (this.#busy) return { status: 'failed', reason: `${this.name} is busy with another transaction`, cause: 'busy' };
    this.#busy = true;
    this.#abortRequested = false;
    this.#inbox.clear();
    try {
      return await run();
    } finally {
      this.#busy = false;
    }
  }

  async #transaction(type: 'sale' | 'refund', request: SaleRequest): Promise<PaymentResult> {
    if (!ECR_REF.test(request.reference)) return invalid(`reference must be 1–40 letters, digits, _ or -, got "${request.reference}"`);
    if (!Number.isInteger(request.amount) || request.amount <= 0 || request.amount > 999_999_999_999) {
      return invalid(`amount must be a whole number of minor units from 1 to 999999999999, got ${request.amount}`);
    }
    if (this.#settings.currency && request.currency !== this.#settings.currency) {
      return invalid(`the terminal takes ${this.#settings.currency}, not ${request.currency}`);
    }
    // Ask first: this reference may have been approved already (reply lost, lane crashed).
    const prior = await this.#status(request.reference);
    if (prior === null) return offline(this.where);
    if (prior.state === 'done' && prior.result.type === type && prior.result.code === 'approved') {
      const approved = prior.result.approvedAmount ?? 0;
      if (approved <= request.amount) return this.#settle(prior.result, request.amount, `${request.reference}`);
      // Approved for more than is now due (the basket shrank after a lost reply): reverse it, then charge anew.
      const reversal = await this.#run({ type: 'void', ecrRef: reversalRef(request.reference), target: prior.result.terminalRef }, false);
      if (reversal.status !== 'approved') return { status: 'failed', reason: `an earlier approval of ${approved} for this payment could not be reversed`, cause: 'refused' };
    }
    if (this.#abortRequested) return { status: 'aborted' };
    const result = await this.#runRaw({ type, ecrRef: request.reference, amount: request.amount }, prior.state === 'in-progress');
    return result.kind === 'result' ? this.#settle(result.result, request.amount, request.reference) : result.failure;
  }

  /** Turns a terminal result into the lane's outcome, reversing a partial approval when so configured. */
  async #settle(result: TerminalResult, requested: number, reference: string): Promise<PaymentResult> {
    const outcome = toPaymentResult(result);
    if (outcome.status === 'approved' && outcome.amount < requested && this.#settings.partialApproval === 'reverse') {
      const reversal = await this.#run({ type: 'void', ecrRef: reversalRef(reference), target: outcome.reference }, false);
      const settled: PaymentResult =
        reversal.status === 'approved'
          ? { status: 'declined', reason: `only ${outcome.amount} of ${requested} was approved; the partial approval was reversed`, code: 'partial' }
          : { status: 'failed', reason: `a partial approval of ${outcome.amount} could not be reversed; void ${outcome.reference} by hand`, cause: 'refused' };
      this.deliver(settled);
      return settled;
    }
    this.deliver(outcome);
    return outcome;
  }

  async #run(request: Parameters<typeof transactionRequest>[0], alreadyInProgress: boolean): Promise<PaymentResult> {
    const result = await this.#runRaw(request, alreadyInProgress);
    return result.kind === 'result' ? toPaymentResult(result.result) : result.failure;
  }

  /**
   * Sends a transaction (unless the terminal is already on it) and waits for its result. When the
   * reply is overdue, the link drops or the terminal restarts, it asks `S00` until it knows,
   * within the recovery time; it never sends the transaction a second time.
   */
  async #runRaw(
    request: Parameters<typeof transactionRequest>[0],
    alreadyInProgress: boolean,
  ): Promise<{ kind: 'result'; result: TerminalResult } | { kind: 'failure'; failure: PaymentResult }> {
    const { ecrRef } = request;
    const { transactionTimeoutMs, recoveryTimeoutMs, statusCheckMs, statusPollMs } = this.#settings;
    let sentOk = alreadyInProgress;
    if (!alreadyInProgress) {
      try {
        await this.#send(transactionRequest(request));
        sentOk = true;
      } catch (error) {
        if (!(error instanceof LinkError)) throw error;
        // Unacknowledged is not unreceived: only the terminal can say whether it started.
      }
    }
    const started = Date.now();
    const deadline = started + transactionTimeoutMs + recoveryTimeoutMs;
    let askAt = sentOk ? Date.now() + statusCheckMs : Date.now();
    const restartsBefore = this.#restarts;
    let recovering = !sentOk;
    let busy = false;
    let abortSent = false;
    for (;;) {
      const now = Date.now();
      if (!this.#reconnector.wanted || now >= deadline) return { kind: 'failure', failure: unknownOutcome(this.where) };
      const item = await this.#inbox.take(
        (candidate) =>
          (candidate.kind === 'result' && candidate.result.ecrRef === ecrRef) ||
          candidate.kind === 'link-up' ||
          candidate.kind === 'link-down' ||
          candidate.kind === 'restarted' ||
          candidate.kind === 'abort'
            ? candidate
            : undefined,
        Math.min(askAt, deadline) - now,
      );
      if (item === null && Date.now() < askAt) continue;
      switch (item?.kind) {
        case 'result':
          if (item.result.code !== 'busy') return { kind: 'result', result: item.result };
          // Busy with this very request (a late retransmission) or with another one: ask which.
          busy = true;
          break;
        case 'abort':
          // While the link is down the abort waits; it is sent once the terminal says it is still busy.
          if (this.#connected && !abortSent) abortSent = await this.#send(abortRequest()).then(() => true, () => false);
          continue;
        case 'link-down':
          recovering = true;
          askAt = deadline;
          continue;
        case 'restarted':
          recovering = true;
          break;
        case 'link-up':
        case undefined:
          break;
        default:
          continue;
      }
      // The reply is overdue, the link is back or the terminal restarted: ask.
      if (!this.#connected) {
        askAt = Date.now() + statusPollMs;
        continue;
      }
      const status = await this.#status(ecrRef);
      if (status === null) {
        askAt = Date.now() + statusPollMs;
        continue;
      }
      if (status.state === 'done') return { kind: 'result', result: status.result };
      if (status.state === 'voided') {
        return { kind: 'failure', failure: { status: 'failed', reason: 'The payment was approved and then voided at the card reader.', cause: 'refused' } };
      }
      if (status.state === 'unknown' && busy) {
        return { kind: 'failure', failure: { status: 'failed', reason: 'The card reader is busy with another transaction.', cause: 'busy' } };
      }
      if (status.state === 'unknown') {
        if (this.#restarts !== restartsBefore) {
          return { kind: 'failure', failure: { status: 'failed', reason: 'The card reader restarted during the payment; the card was not charged. Please try again.', cause: 'terminal-restarted' } };
        }
        return { kind: 'failure', failure: { status: 'failed', reason: 'The card reader did not take the payment; the card was not charged. Please try again.', cause: 'not-charged' } };
      }
      // Still in progress past the business time-out: stop it rather than wait for ever.
      if (Date.now() >= started + transactionTimeoutMs) this.#abortRequested = true;
      if (this.#abortRequested && !abortSent) abortSent = await this.#send(abortRequest()).then(() => true, () => false);
      askAt = Date.now() + (recovering || this.#abortRequested ? statusPollMs : statusCheckMs);
    }
  }

  /** Asks what the terminal knows of `ecrRef`; null when it cannot be asked or did not answer. */
  async #status(ecrRef: string): Promise<Extract<TerminalMessage, { kind: 'status' }> | null> {
    if (!this.#connected) return null;
    const transport = this.#transport;
    try {
      await this.#send(statusRequest(ecrRef));
    } catch (error) {
      if (error instanceof LinkError) return null;
      throw error;
    }
    const reply = await this.#inbox.take(
      (item) => ((item.kind === 'status' && item.ecrRef === ecrRef) || (item.kind === 'link-down' && item.of === transport) ? item : undefined),
      this.#settings.replyTimeoutMs,
    );
    return reply?.kind === 'status' ? reply : null;
  }

  async #send(payload: Buffer): Promise<void> {
    const link = this.#link;
    if (!link || !this.#connected) throw new LinkError(`not connected to ${this.where}`);
    try {
      await link.send(payload);
    } catch (error) {
      // A terminal that stopped acknowledging is treated as gone: reconnect, and say hello again.
      if (error instanceof LinkError && link === this.#link) this.#reconnector.drop(`the terminal does not acknowledge: ${error.message}`);
      throw error;
    }
  }

  #receive(payload: Buffer): void {
    let message: TerminalMessage;
    try {
      message = parseTerminalMessage(payload);
    } catch (error) {
      if (!(error instanceof ProtocolError)) throw error;
      this.reportError(new ProtocolError(`${this.name}: ignored a message from ${this.where}: ${error.message}`));
      return;
    }
    switch (message.kind) {
      case 'prompt':
        if (this.#busy) this.emit('prompt', PROMPTS[message.prompt]);
        return;
      case 'wake-up':
        this.#sawBoot(message.bootId);
        return;
      default:
        this.#inbox.push(message);
    }
  }

  /** A boot id other than the one we knew means the terminal restarted (and forgot what it was doing). */
  #sawBoot(bootId: string): void {
    if (this.#bootId !== null && bootId !== this.#bootId) {
      this.#restarts += 1;
      this.#inbox.push({ kind: 'restarted' });
    }
    this.#bootId = bootId;
  }

  /** A session: the pipe opened, the link over it, and the terminal's answer to hello. */
  #connector(): Connector<Session> {
    const { connection } = this.#settings;
    return {
      address: this.where,
      connect: async (lost) => {
        const transport = createTransport(
          connection.kind === 'serial'
            ? { ...connection, presenceCheckMs: this.#settings.presenceCheckMs }
            : { ...connection, connectTimeoutMs: this.#settings.connectTimeoutMs },
        );
        const link = new StxEtxLink(
          (bytes) => transport.write(bytes),
          (payload) => {
            if (this.#link === link) this.#receive(payload);
          },
          (problem) => {
            if (this.#link === link) this.reportError(new Error(`${this.name}: ${problem} on ${this.where}`));
          },
          this.#settings,
          this.linkCounters,
        );
        this.#link = link;
        this.#transport = transport;
        let lostReason: string | null = null;
        try {
          await transport.connect(
            (chunk) => link.receive(chunk),
            (reason) => {
              if (this.#reconnector.connection?.transport === transport) return lost(reason);
              // Lost while saying hello: wake the wait for it.
              if (this.#transport !== transport) return;
              lostReason = reason;
              void this.#disconnect();
            },
          );
          this.#connected = true;
          await link.send(helloRequest());
          const hello = await this.#inbox.take(
            (item) => (item.kind === 'hello' || (item.kind === 'link-down' && item.of === transport) ? item : undefined),
            this.#settings.replyTimeoutMs,
          );
          if (hello?.kind !== 'hello') {
            throw new Error(lostReason === null ? `the terminal at ${this.where} does not answer` : `${this.where} disconnected (${lostReason})`);
          }
          return { transport, bootId: hello.bootId, ready: `ready: ${hello.model || 'terminal'} ${hello.serialNo} on ${this.where}`.replace(/\s+/g, ' ') };
        } catch (error) {
          if (this.#transport === transport) await this.#disconnect();
          else await transport.close();
          throw error;
        }
      },
      disconnect: async (session) => {
        if (this.#transport === session.transport) await this.#disconnect();
        else await session.transport.close();
      },
      describeFailure: (error) => ({ state: 'offline', detail: error instanceof Error ? error.message : String(error) }),
      describe: (session) => ({ ready: session.ready }),
    };
  }

  async #disconnect(): Promise<void> {
    const transport = this.#transport;
    const wasConnected = this.#connected;
    this.#transport = null;
    this.#connected = false;
    this.#link?.close();
    this.#link = null;
    if (wasConnected) this.#inbox.push({ kind: 'link-down', of: transport });
    await transport?.close();
  }
}

interface Session {
  readonly transport: Transport;
  readonly bootId: string;
  /** The status detail: model, serial number and where. */
  readonly ready: string;
}

function invalid(reason: string): PaymentResult {
  return { status: 'failed', reason, cause: 'invalid' };
}

function offline(where: string): PaymentResult {
  return { status: 'failed', reason: `The card reader at ${where} is not reachable; nothing was charged.`, cause: 'offline' };
}

function unknownOutcome(where: string): PaymentResult {
  return {
    status: 'failed',
    reason: `The card reader at ${where} stopped answering; the outcome will be checked before the payment is tried again.`,
    cause: 'outcome-unknown',
  };
}

/** The reference of a reversal made on behalf of `reference`: distinct from it and still valid. */
function reversalRef(reference: string): string {
  return `${reference.slice(0, 38)}-V`;
}

export type { StxEtxOptions };
export { StxEtxOptionsSchema };
