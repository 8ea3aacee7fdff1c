import { EventEmitter } from 'node:events';
import net from 'node:net';
import type { SerialPort } from 'serialport';
import { SimLink } from './payment-sim-link.ts';
import { mulberry32 } from './seeded-random.ts';
import { closeSimPort, openSimPort } from './sim-line.ts';

// A semi-integrated card terminal on the device side of the `stx-etx` protocol, written from
// PROTOCOLS §3.2/§8 and drivers/payment/stx-etx/PROTOCOL.md, sharing no code with the driver.

const FS = '\x1c';
const US = '\x1f';

/** What the next transaction does; `approve` when nothing is queued. */
export type Scenario =
  | { readonly kind: 'approve'; readonly authCode?: string }
  | { readonly kind: 'decline'; readonly code: string; readonly text?: string }
  | { readonly kind: 'partial'; readonly amount: number }
  /** The shopper never presents a card: the terminal gives up after its customer time-out. */
  | { readonly kind: 'timeout' }
  /** The shopper takes their time: the sale waits for `present` (or an abort, or the time-out). */
  | { readonly kind: 'hold' }
  /** The terminal restarts while waiting for the card: the sale is forgotten, nothing is charged. */
  | { readonly kind: 'reboot' }
  /** Approved and charged, but the result never goes out (POS must recover with a status query). */
  | { readonly kind: 'lose-response' };

export interface Charge {
  readonly ecrRef: string;
  readonly terminalRef: string;
  readonly amount: number;
  voided: boolean;
}

export interface PaymentSimOptions {
  readonly cardDelayMs?: number;
  readonly hostDelayMs?: number;
  readonly customerTimeoutMs?: number;
  readonly rebootMs?: number;
  readonly ackTimeoutMs?: number;
  readonly seed?: number;
  readonly serialNo?: string;
  readonly model?: string;
}

/** The public test card of PROTOCOLS §3.4, used as the PCI canary. */
export const TEST_PAN = '4111111111111111';

type Transaction = { type: string; ecrRef: string; amount: number; target: string; abort: AbortController };
type Stored = { state: 'DONE'; fields: string[] } | { state: 'IN_PROGRESS' };

export interface PaymentSimEvents {
  /** A message arrived from the POS: its command id only (never its content). */
  request: [string];
  charge: [Charge];
  result: [{ ecrRef: string; code: string; sent: boolean }];
  rebooted: [string];
}

export class PaymentTerminalSimulator extends EventEmitter<PaymentSimEvents> {
  readonly charges: Charge[] = [];
  readonly refunds: Charge[] = [];
  /** Send the test PAN, expiry, name, track 2 and EMV data in the raw fields (PCI canary). */
  rawCard = false;
  readonly #options: Required<PaymentSimOptions>;
  readonly #link: SimLink;
  readonly #scenarios: Scenario[] = [];
  readonly #journal = new Map<string, Stored>();
  #current: Transaction | null = null;
  #present: (() => void) | null = null;
  #bootId: string;
  #boots = 0;
  #sequence = 0;
  #random: () => number;
  #server: net.Server | null = null;
  #tcpAddress: { host: string; port: number } | null = null;
  #socket: net.Socket | null = null;
  #port: SerialPort | null = null;
  #rebooting = false;
  #rebootTimer: NodeJS.Timeout | null = null;

  constructor(options: PaymentSimOptions = {}) {
    super();
    this.#options = {
      cardDelayMs: 100,
      hostDelayMs: 100,
      customerTimeoutMs: 30_000,
      rebootMs: 200,
      ackTimeoutMs: 1000,
      seed: 0x5eed,
      serialNo: 'SIM-0001',
      model: 'STX-SIM',
      ...options,
    };
    this.#random = mulberry32(this.#options.seed);
    this.#bootId = this.#newBootId();
    this.#link = new SimLink({
      write: (bytes) => this.#write(bytes),
      onMessage: (text) => this.#handle(text),
      random: this.#random,
      ackTimeoutMs: this.#options.ackTimeoutMs,
    });
  }

  get faults(): SimLink['faults'] {
    return this.#link.faults;
  }

  get counters(): SimLink['counters'] {
    return this.#link.counters;
  }

  get busy(): boolean {
    return this.#current !== null;
  }

  /** Queues what the next transactions do, in order. */
  next(...scenarios: Scenario[]): void {
    this.#scenarios.push(...scenarios);
  }

  /** The shopper presents their card to a sale that is being held. */
  present(): void {
    this.#present?.();
  }

  /** Listens on TCP (127.0.0.1 unless told); port 0 picks a free one. Resolves with the address. */
  async listenTcp(host = '127.0.0.1', port = 0): Promise<{ host: string; port: number }> {
    const server = net.createServer((socket) => this.#accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('the TCP server has no address');
    this.#server = server;
    this.#tcpAddress = { host, port: address.port };
    return this.#tcpAddress;
  }

  /** Opens the device side of a serial cable (a pty pair's `simPath`). */
  async openSerial(path: string, baudRate = 19200): Promise<void> {
    let port: SerialPort | null = null;
    port = await openSimPort(path, baudRate, (chunk) => {
      if (port !== null && port === this.#port && !this.#rebooting) this.#link.feed(chunk);
    });
    this.#port = port;
    this.#link.reset();
  }

  /** Pulls the cable: closes the serial port, or drops the TCP connection and stops listening. */
  async unplug(): Promise<void> {
    await this.#closeLines();
  }

  /** Puts the TCP server back on the same port after `unplug`. */
  async replugTcp(): Promise<void> {
    if (!this.#tcpAddress) throw new Error('the simulator was not listening on TCP');
    if (this.#server) return;
    await this.listenTcp(this.#tcpAddress.host, this.#tcpAddress.port);
  }

  /** Power-cycles the terminal now: whatever it was doing that had not reached the host is gone. */
  reboot(): void {
    this.#boots += 1;
    this.#bootId = this.#newBootId();
    const current = this.#current;
    if (current) {
      this.#journal.delete(current.ecrRef);
      current.abort.abort();
      this.#current = null;
    }
    this.#rebooting = true;
    this.#socket?.destroy();
    this.#socket = null;
    this.#link.reset();
    if (this.#rebootTimer) clearTimeout(this.#rebootTimer);
    this.#rebootTimer = setTimeout(() => {
      this.#rebootTimer = null;
      this.#rebooting = false;
      this.emit('rebooted', this.#bootId);
      // A serial terminal announces itself when it is up; on TCP each new connection is greeted.
      if (this.#port?.isOpen) void this.#link.send(msg('W00', this.#bootId));
    }, this.#options.rebootMs);
  }

  /** Raw bytes on the line (noise, hand-made frames). */
  noise(bytes: Buffer): Promise<void> {
    return this.#link.raw(bytes);
  }

  async close(): Promise<void> {
    this.#current?.abort.abort();
    this.#current = null;
    this.#link.close();
    if (this.#rebootTimer) clearTimeout(this.#rebootTimer);
    this.#rebootTimer = null;
    await this.#closeLines();
  }

  async #closeLines(): Promise<void> {
    const server = this.#server;
    this.#server = null;
    this.#socket?.destroy();
    this.#socket = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    const port = this.#port;
    this.#port = null;
    await closeSimPort(port);
    this.#link.reset();
  }

  #accept(socket: net.Socket): void {
    if (this.#rebooting) {
      socket.destroy();
      return;
    }
    this.#socket?.destroy(); // one POS at a time; the newest connection wins
    this.#socket = socket;
    this.#link.reset();
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      if (socket === this.#socket) this.#link.feed(chunk);
    });
    socket.on('close', () => {
      if (socket === this.#socket) this.#socket = null;
    });
    void this.#link.send(msg('W00', this.#bootId));
  }

  #write(bytes: Buffer): Promise<void> {
    if (this.#rebooting) return Promise.resolve();
    const socket = this.#socket;
    if (socket && !socket.destroyed) return new Promise((resolve) => socket.write(bytes, () => resolve()));
    const port = this.#port;
    if (port?.isOpen) return new Promise((resolve) => port.write(bytes, () => port.drain(() => resolve())));
    return Promise.resolve(); // nobody connected: the bytes are lost
  }

  #handle(text: string): void {
    const fields = text.split(FS);
    const id = fields[0] ?? '';
    this.emit('request', id);
    if (fields[1] !== '1.28') {
      void this.#link.send(msg('T01', '100010', 'BAD VERSION', '', '', '', '', '', ''));
      return;
    }
    switch (id) {
      case 'A00':
        void this.#link.send(msg('A01', '000000', 'OK', this.#options.serialNo, this.#options.model, this.#bootId));
        return;
      case 'S00': {
        const ref = fields[2] ?? '';
        const stored = this.#journal.get(ref);
        if (!stored) void this.#link.send(msg('S01', 'UNKNOWN', ref));
        else if (stored.state === 'IN_PROGRESS') void this.#link.send(msg('S01', 'IN_PROGRESS', ref));
        else if (this.charges.some((charge) => charge.ecrRef === ref && charge.voided && charge.terminalRef === stored.fields[6]?.split(US)[1])) {
          void this.#link.send(msg('S01', 'VOIDED', ref));
        }
        else void this.#link.send(msg('S01', 'DONE', ref, ...stored.fields));
        return;
      }
      case 'A14':
        this.#current?.abort.abort();
        return;
      case 'T00':
        this.#transaction(fields);
        return;
      default:
        void this.#link.send(msg('T01', '100010', 'UNKNOWN COMMAND', '', '', '', '', '', ''));
    }
  }

  #transaction(fields: string[]): void {
    const [type = '', amountText = '', , trace = ''] = fields.slice(2);
    const [ecrRef = '', target = ''] = trace.split(US);
    if (this.#current?.ecrRef === ecrRef) return; // a late retransmission of the request in hand
    if (this.#current) {
      void this.#link.send(msg('T01', '100003', 'BUSY', '', type, '', '', ecrRef, ''));
      return;
    }
    const amount = Number(amountText);
    const valid = /^[A-Za-z0-9_-]{1,40}$/.test(ecrRef) && (type === '16' ? target !== '' : /^[0-9]{1,12}$/.test(amountText) && amount > 0);
    if (!valid || !['01', '02', '16'].includes(type)) {
      void this.#link.send(msg('T01', '100010', 'INVALID REQUEST', '', type, '', '', ecrRef, ''));
      return;
    }
    const tx: Transaction = { type, ecrRef, amount, target, abort: new AbortController() };
    this.#current = tx;
    this.#journal.set(ecrRef, { state: 'IN_PROGRESS' });
    void this.#run(tx).finally(() => {
      if (this.#current === tx) this.#current = null;
    });
  }

  async #run(tx: Transaction): Promise<void> {
    if (tx.type === '16') {
      await this.#finish(tx, this.#void(tx), true);
      return;
    }
    const scenario = this.#scenarios.shift() ?? { kind: 'approve' };
    void this.#link.send(msg('D00', 'CARD'), 1);
    const signal = tx.abort.signal;
    let card: 'presented' | 'aborted' | 'timeout';
    if (scenario.kind === 'reboot') {
      await wait(this.#options.cardDelayMs / 2, signal);
      if (!signal.aborted) this.reboot();
      return;
    }
    if (scenario.kind === 'timeout') card = await this.#cardWait(this.#options.customerTimeoutMs, signal, false);
    else if (scenario.kind === 'hold') card = await this.#cardWait(this.#options.customerTimeoutMs, signal, true);
    else card = await this.#cardWait(this.#options.cardDelayMs, signal, false, true);
    if (this.#current !== tx) return; // rebooted meanwhile
    if (card === 'aborted') return this.#finish(tx, result(tx, '100002', 'ABORTED'), true);
    if (card === 'timeout') return this.#finish(tx, result(tx, '100001', 'TIMEOUT'), true);
    void this.#link.send(msg('D00', 'PIN'), 1);
    void this.#link.send(msg('D00', 'PROCESSING'), 1);
    await wait(this.#options.hostDelayMs); // at the host: too late to abort
    if (this.#current !== tx) return;
    switch (scenario.kind) {
      case 'decline':
        return this.#finish(tx, result(tx, '000100', scenario.text ?? 'DECLINED', scenario.code), true);
      case 'partial':
        return this.#finish(tx, this.#approve(tx, Math.min(scenario.amount, tx.amount), 'PARTIAL APPROVAL'), true);
      case 'lose-response':
        return this.#finish(tx, this.#approve(tx, tx.amount, 'APPROVED'), false);
      case 'approve':
        return this.#finish(tx, this.#approve(tx, tx.amount, 'APPROVED', scenario.authCode), true);
      default:
        return this.#finish(tx, this.#approve(tx, tx.amount, 'APPROVED'), true);
    }
  }

  /** Waits for the card: after `ms` it is presented (`presentsAfter`) or the customer timed out. */
  async #cardWait(ms: number, signal: AbortSignal, held: boolean, presentsAfter = false): Promise<'presented' | 'aborted' | 'timeout'> {
    const presented = held ? new Promise<'presented'>((resolve) => (this.#present = () => resolve('presented'))) : new Promise<never>(() => undefined);
    const timed = wait(ms, signal).then(() => (signal.aborted ? ('aborted' as const) : presentsAfter ? ('presented' as const) : ('timeout' as const)));
    const outcome = await Promise.race([presented, timed]);
    this.#present = null;
    return signal.aborted ? 'aborted' : outcome;
  }

  #approve(tx: Transaction, amount: number, text: string, authCode?: string): string[] {
    const terminalRef = this.#nextRef();
    const charge: Charge = { ecrRef: tx.ecrRef, terminalRef, amount, voided: false };
    if (tx.type === '01') {
      this.charges.push(charge);
      this.emit('charge', charge);
    } else this.refunds.push(charge);
    const code = authCode ?? String(100000 + Math.floor(this.#random() * 900000));
    return this.#resultFields(tx, '000000', text, `00${US}${code}${US}H${terminalRef}`, amount, terminalRef);
  }

  #void(tx: Transaction): string[] {
    const charge = this.charges.find((candidate) => candidate.terminalRef === tx.target);
    if (!charge) return result(tx, '000100', 'ORIGINAL NOT FOUND', '12');
    if (charge.voided) return result(tx, '000100', 'ALREADY VOIDED', '12');
    charge.voided = true;
    const terminalRef = this.#nextRef();
    return this.#resultFields(tx, '000000', 'VOIDED', `00${US}${String(100000 + this.#sequence)}${US}`, charge.amount, terminalRef);
  }

  #resultFields(tx: Transaction, code: string, text: string, host: string, approved: number, terminalRef: string): string[] {
    const account = this.rawCard
      ? [TEST_PAN, 'VISA', 'CHIP', '2812', 'TEST/CARD'].join(US)
      : ['************1111', 'VISA', 'CHIP', '', ''].join(US);
    const raw = this.rawCard
      ? [`TRACK2=;${TEST_PAN}=28121010000000000?`, `PAN=${TEST_PAN}`, `EMV5A=${TEST_PAN}`, 'EMV5F24=281231', 'EMV9F26=8E2F1C0A7B3D5E61'].join(US)
      : '';
    return [code, text, host, tx.type, `${approved}${US}${tx.amount}`, account, `${tx.ecrRef}${US}${terminalRef}${US}${timestamp()}`, raw];
  }

  async #finish(tx: Transaction, fields: string[], send: boolean): Promise<void> {
    this.#journal.set(tx.ecrRef, { state: 'DONE', fields });
    if (this.#current === tx) this.#current = null;
    const sent = send ? await this.#link.send(msg('T01', ...fields)) : false;
    this.emit('result', { ecrRef: tx.ecrRef, code: fields[0] ?? '', sent });
  }

  #nextRef(): string {
    this.#sequence += 1;
    return `T${this.#boots}${String(this.#sequence).padStart(8, '0')}`;
  }

  #newBootId(): string {
    return `B${Math.floor(this.#random() * 0xffffff).toString(16).padStart(6, '0')}`;
  }
}

function result(tx: Transaction, code: string, text: string, hostCode = ''): string[] {
  return [code, text, hostCode ? `${hostCode}${US}${US}` : '', tx.type, `${US}${tx.amount || ''}`, '', `${tx.ecrRef}${US}${US}${timestamp()}`, ''];
}

function msg(id: string, ...fields: string[]): string {
  return [id, '1.28', ...fields].join(FS);
}

function timestamp(): string {
  return new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

function wait(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
