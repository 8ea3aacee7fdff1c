import { z } from 'zod';
import { parseOptions } from '../options.ts';
import { ReceiptDocumentSchema, type ReceiptDocument } from '../../common/receipt.ts';
import { DeviceBase } from '../device.ts';
import { serialConnector, tcpConnector, type ByteChannel } from '../link/byte-channel.ts';
import { Reconnector, type LinkState } from '../link/reconnector.ts';
import { encodeDrawerKick, encodeReceipt, isKnownCodepage, type EscPosLayout } from './escpos-encode.ts';
import {
  decodeStatus,
  isStatusByte,
  statusRequest,
  STATUS_ERROR_CAUSE,
  STATUS_OFFLINE_CAUSE,
  STATUS_PAPER,
  STATUS_PRINTER,
  type PrinterStatus,
  type StatusQuery,
} from './escpos-status.ts';

export type { PrinterStatus } from './escpos-status.ts';

const SerialTransportSchema = z.object({
  type: z.literal('serial'),
  path: z.string().min(1),
  baudRate: z.number().int().positive().default(9600),
  dataBits: z.union([z.literal(7), z.literal(8)]).default(8),
  parity: z.enum(['none', 'even', 'odd']).default('none'),
  stopBits: z.union([z.literal(1), z.literal(2)]).default(1),
  /** RTS/CTS flow control, as most serial receipt printers are set up for. */
  rtscts: z.boolean().default(false),
});

const TcpTransportSchema = z.object({
  type: z.literal('tcp'),
  host: z.string().min(1),
  /** Raw printing port (PROTOCOLS §5). */
  port: z.number().int().min(1).max(65535).default(9100),
});

const ReceiptPrinterOptionsSchema = z
  .object({
    name: z.string().min(1),
    transport: z.discriminatedUnion('type', [SerialTransportSchema, TcpTransportSchema]),
    columns: z.union([z.literal(32), z.literal(35), z.literal(42), z.literal(44), z.literal(48)]).default(42),
    codepage: z.string().min(1).default('cp858'),
    drawer: z
      .object({
        /** Kick connector pin: 2 (drawer 1) or 5 (drawer 2). */
        pin: z.union([z.literal(2), z.literal(5)]).default(2),
        /** The drawer-sense level (pin 3) that means open; drawers differ (PROTOCOLS §5). */
        openWhen: z.enum(['high', 'low']).default('high'),
        pulseOnMs: z.number().int().min(2).max(510).default(100),
        pulseOffMs: z.number().int().min(2).max(510).default(500),
      })
      .prefault({}),
    statusPollMs: z.number().int().positive().default(1000),
    statusTimeoutMs: z.number().int().positive().default(1000),
    connectTimeoutMs: z.number().int().positive().default(3000),
    presenceCheckMs: z.number().int().positive().default(500),
    reconnect: z
      .object({ initialMs: z.number().int().positive().default(250), maxMs: z.number().int().positive().default(5000) })
      .prefault({}),
  })
  .refine((options) => isKnownCodepage(options.codepage, { columns: options.columns }), { path: ['codepage'], message: 'unknown code page' });

export type ReceiptPrinterOptions = z.input<typeof ReceiptPrinterOptionsSchema>;

export type PrinterErrorCode = 'NOT_ENABLED' | 'INVALID_RECEIPT' | 'OFFLINE' | 'PAPER_OUT' | 'COVER_OPEN' | 'PRINTER_ERROR' | 'INCOMPLETE';

/** A print or drawer command that was not carried out; `code` says why, the message says it for people. */
export class PrinterError extends Error {
  override readonly name = 'PrinterError';
  readonly code: PrinterErrorCode;
  constructor(code: PrinterErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** Polls after this many unanswered status requests in a row count the printer as gone. */
const SILENT_POLLS_OFFLINE = 2;

/**
 * An ESC/POS receipt printer on a serial port or raw TCP (port 9100). It polls the real-time
 * status (DLE EOT) so paper, cover and drawer changes show up as they happen, refuses to print
 * while out of paper or with the cover open, and reconnects with back-off when the link is lost.
 */
export class ReceiptPrinter extends DeviceBase<PrinterStatus> {
  readonly #settings: z.output<typeof ReceiptPrinterOptionsSchema>;
  readonly #layout: EscPosLayout;
  readonly #link: Reconnector<ByteChannel>;
  #exclusive: Promise<unknown> = Promise.resolve();
  #awaiting: ((byte: number) => void) | null = null;
  #status: PrinterStatus | null = null;
  /** The last status handed to `data` listeners. */
  #delivered: PrinterStatus | null = null;
  #pollTimer: NodeJS.Timeout | null = null;
  #polling = false;
  #silentPolls = 0;
  #linkState: LinkState = { state: 'offline', detail: 'not connected' };

  constructor(options: ReceiptPrinterOptions) {
    const settings = parseOptions(ReceiptPrinterOptionsSchema, options, 'receipt printer options');
    super(settings.name, 'printer');
    this.#settings = settings;
    this.#layout = { columns: settings.columns, codepage: settings.codepage };
    const onData = (chunk: Buffer): void => this.#receive(chunk);
    const connector =
      settings.transport.type === 'serial'
        ? serialConnector({ ...settings.transport, presenceCheckMs: settings.presenceCheckMs }, onData)
        : tcpConnector({ host: settings.transport.host, port: settings.transport.port, connectTimeoutMs: settings.connectTimeoutMs, device: 'printer' }, onData);
    this.#link = new Reconnector(connector, settings.reconnect, (link) => this.#linkChanged(link));
    this.#link.onUp(() => this.#schedulePoll(0));
    this.setLink('offline', `not connected to ${connector.address}`);
  }

  get address(): string {
    return this.#link.address;
  }

  /** Characters per line in the normal font. */
  get columns(): number {
    return this.#layout.columns;
  }

  /** The last status read, or null while the printer is not reachable. */
  printerStatus(): PrinterStatus | null {
    return this.#status;
  }

  /**
   * Prints a receipt. Resolves once every byte went to the printer and it reported neither paper
   * out nor cover open afterwards. Fails, printing nothing, when the printer is not ready.
   */
  print(receipt: ReceiptDocument): Promise<void> {
    if (!this.enabled) return Promise.reject(new PrinterError('NOT_ENABLED', `${this.name}: the printer is not enabled`));
    const parsed = ReceiptDocumentSchema.safeParse(receipt);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = (issue?.path ?? []).join('.') || '(root)';
      return Promise.reject(new PrinterError('INVALID_RECEIPT', `${this.name}: receipt ${where}: ${issue?.message ?? 'invalid'}`));
    }
    const bytes = encodeReceipt(parsed.data, this.#layout);
    return this.#serial(async () => {
      this.#refuseUnlessReady(await this.#readStatus(), 'the receipt was not printed');
      await this.#send(bytes, 'the receipt may be incomplete');
      const after = await this.#readStatus();
      this.#refuseUnlessReady(after, 'while printing; the receipt may be incomplete', 'INCOMPLETE');
    });
  }

  /**
   * Opens the cash drawer wired to the printer. While the printer is offline (paper out, cover
   * open) it holds buffered commands such as ESC p, so the real-time pulse (DLE DC4 1) is sent instead.
   */
  kickDrawer(): Promise<void> {
    if (!this.enabled) return Promise.reject(new PrinterError('NOT_ENABLED', `${this.name}: the printer is not enabled`));
    const { pin, pulseOnMs, pulseOffMs } = this.#settings.drawer;
    return this.#serial(async () => {
      const status = await this.#readStatus();
      const kick = status.online
        ? encodeDrawerKick(pin, pulseOnMs, pulseOffMs, this.#layout)
        : Uint8Array.from([0x10, 0x14, 0x01, pin === 2 ? 0 : 1, Math.min(8, Math.max(1, Math.round(pulseOnMs / 100)))]);
      await this.#send(kick, 'the drawer may not have opened');
      await this.#readStatus();
    });
  }

  /** Reads the status now (the poll does this on its own). */
  refreshStatus(): Promise<PrinterStatus> {
    return this.#serial(() => this.#readStatus());
  }

  protected override async onClaim(): Promise<void> {
    this.#polling = true;
    await this.#link.start();
  }

  protected override async onEnable(): Promise<void> {
    this.#delivered = null; // the next reading is delivered, changed or not
  }

  protected override async onRelease(): Promise<void> {
    this.#polling = false;
    if (this.#pollTimer) clearTimeout(this.#pollTimer);
    this.#pollTimer = null;
    await this.#exclusive;
    await this.#link.stop();
  }

  #refuseUnlessReady(status: PrinterStatus, outcome: string, code?: PrinterErrorCode): void {
    if (status.paper === 'out') throw new PrinterError(code ?? 'PAPER_OUT', `${this.name}: out of paper; ${outcome}`);
    if (status.coverOpen) throw new PrinterError(code ?? 'COVER_OPEN', `${this.name}: the cover is open; ${outcome}`);
    if (status.error) throw new PrinterError(code ?? 'PRINTER_ERROR', `${this.name}: ${status.error}; ${outcome}`);
    if (!status.online) throw new PrinterError(code ?? 'OFFLINE', `${this.name}: the printer is offline; ${outcome}`);
  }

  async #send(bytes: Uint8Array, outcome: string): Promise<void> {
    const channel = this.#link.connection;
    if (!channel) throw new PrinterError('OFFLINE', `${this.name}: ${this.#linkState.detail}; ${outcome}`);
    try {
      await channel.write(bytes);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.#link.drop(`write failed: ${reason}`);
      throw new PrinterError('OFFLINE', `${this.name}: the connection to ${this.address} failed (${reason}); ${outcome}`);
    }
  }

  /** DLE EOT 1–4 in turn; must run inside `#serial` so no other command interleaves. */
  async #readStatus(): Promise<PrinterStatus> {
    const printer = await this.#query(STATUS_PRINTER);
    const offlineCause = await this.#query(STATUS_OFFLINE_CAUSE);
    const errorCause = await this.#query(STATUS_ERROR_CAUSE);
    const paper = await this.#query(STATUS_PAPER);
    const status = decodeStatus({ printer, offlineCause, errorCause, paper }, this.#settings.drawer.openWhen);
    this.#silentPolls = 0;
    this.#take(status);
    return status;
  }

  async #query(query: StatusQuery): Promise<number> {
    const channel = this.#link.connection;
    if (!channel) throw new PrinterError('OFFLINE', `${this.name}: ${this.#linkState.detail}`);
    let settle: (byte: number | null) => void = () => undefined;
    const reply = new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => settle(null), this.#settings.statusTimeoutMs);
      settle = (byte) => {
        clearTimeout(timer);
        this.#awaiting = null;
        resolve(byte);
      };
      this.#awaiting = settle;
    });
    try {
      await this.#send(statusRequest(query), 'no status');
    } catch (error) {
      settle(null);
      throw error;
    }
    const byte = await reply;
    if (byte === null) throw new PrinterError('OFFLINE', `${this.name}: no answer to status request DLE EOT ${query} from ${this.address} (switched off?)`);
    return byte;
  }

  #receive(chunk: Buffer): void {
    for (const byte of chunk) {
      // Anything but a status byte is noise (no automatic status back is enabled).
      if (this.#awaiting && isStatusByte(byte)) this.#awaiting(byte);
    }
  }

  #take(status: PrinterStatus): void {
    this.#status = status;
    this.#publish();
    if (!this.enabled || (this.#delivered && JSON.stringify(this.#delivered) === JSON.stringify(status))) return;
    this.#delivered = status;
    this.deliver(status);
  }

  #linkChanged(link: LinkState): void {
    this.#linkState = link;
    if (link.state !== 'online') {
      this.#status = null;
      this.#awaiting = null;
    }
    this.#publish();
  }

  /** The device status follows the link, then what the printer says about itself. */
  #publish(): void {
    const status = this.#status;
    if (this.#linkState.state !== 'online') {
      this.setLink(this.#linkState.state, this.#linkState.detail);
      return;
    }
    if (status === null) {
      // Connected is not ready: only the printer's own status says whether it can print.
      if (this.status().state !== 'offline' || !/does not answer/.test(this.status().detail)) this.setLink('offline', `connected to ${this.address}; reading the printer status`);
      return;
    }
    const drawer = status.drawer === 'open' ? '; drawer open' : '';
    if (status.paper === 'out') this.setLink('error', `out of paper${drawer}`);
    else if (status.coverOpen) this.setLink('error', `cover open${drawer}`);
    else if (status.error) this.setLink('error', `${status.error}${drawer}`);
    else if (!status.online) this.setLink('offline', `printer offline${drawer}`);
    else this.setLink('online', `ready on ${this.address}${status.paper === 'near-end' ? '; paper low' : ''}${drawer}`);
  }

  #schedulePoll(delayMs: number): void {
    if (this.#pollTimer) clearTimeout(this.#pollTimer);
    this.#pollTimer = setTimeout(() => {
      this.#pollTimer = null;
      if (!this.#polling || !this.#link.connection) return;
      void this.refreshStatus()
        .catch(() => this.#unanswered())
        .finally(() => {
          if (this.#polling && this.#pollTimer === null && this.#link.connection) this.#schedulePoll(this.#settings.statusPollMs);
        });
    }, delayMs);
  }

  #unanswered(): void {
    this.#silentPolls += 1;
    if (this.#silentPolls < SILENT_POLLS_OFFLINE || !this.#link.connection) return;
    this.#status = null;
    this.setLink('offline', `${this.address} does not answer status requests (switched off?)`);
  }

  #serial<T>(run: () => Promise<T>): Promise<T> {
    const next = this.#exclusive.then(run);
    this.#exclusive = next.catch(() => undefined);
    return next;
  }
}
