import { EventEmitter } from 'node:events';
import net from 'node:net';
import type { SerialPort } from 'serialport';
import { decodeText, EscPosParser, type EscPosCommand } from './escpos-parser.ts';
import { closeSimPort, openSimPort } from './sim-line.ts';

// An ESC/POS receipt printer (PROTOCOLS §5 and §8 item 13) on TCP 127.0.0.1 and on the device
// side of a pty pair. It prints onto virtual paper, answers DLE EOT status and has a control API
// for paper, cover and drawer. Written from the spec, not from the printer driver.

/** One printed line: its alignment when it started, and the style of its first visible character. */
export interface VirtualLine {
  readonly text: string;
  readonly align: 'left' | 'center' | 'right';
  readonly bold: boolean;
  readonly underline: boolean;
  readonly width: number;
  readonly height: number;
}

/** What came out of the printer between two cuts. */
export interface VirtualReceipt {
  readonly lines: readonly VirtualLine[];
  /** The lines as text, blank lines at either end and trailing spaces dropped; barcodes as `[CODE128 data]`, QR codes as `[QR data]`. */
  readonly text: string;
  readonly cut: 'full' | 'partial';
}

export interface DrawerKick {
  readonly pin: 2 | 5;
  readonly onMs: number;
  readonly realtime: boolean;
}

interface PrinterEvents {
  receipt: [VirtualReceipt];
  kick: [DrawerKick];
  drawer: ['open' | 'closed'];
  command: [EscPosCommand];
}

export interface EscPosPrinterSimOptions {
  /** The pin-3 level the drawer gives when open (drawers differ, PROTOCOLS §5). */
  readonly drawerOpenLevel?: 'high' | 'low';
}

const emptyStyle = { align: 'left', bold: false, underline: false, width: 1, height: 1, table: 0 } as const;

/**
 * The printer itself, whatever carries the bytes. Real-time commands (DLE EOT, DLE DC4) are
 * answered at once; everything else waits while the printer is offline (paper out, cover open)
 * and prints when it is back, as a real printer's receive buffer does.
 */
export class EscPosPrinterSimulator {
  readonly events = new EventEmitter<PrinterEvents>();
  readonly receipts: VirtualReceipt[] = [];
  readonly kicks: DrawerKick[] = [];
  /** Commands the parser did not know, as hex, for tests that want a clean stream. */
  readonly unknown: string[] = [];
  paper: 'ok' | 'near-end' | 'out' = 'ok';
  coverOpen = false;
  drawerOpen = false;
  /** An autocutter jam (reported by DLE EOT 3). */
  cutterError = false;
  /** Bytes of print data received (not real-time commands). */
  printBytes = 0;
  /** Answers no status requests (a printer that is off but whose link stays up). */
  mute = false;
  readonly #drawerOpenLevel: 'high' | 'low';
  #style: { align: VirtualLine['align']; bold: boolean; underline: boolean; width: number; height: number; table: number } = { ...emptyStyle };
  #lines: VirtualLine[] = [];
  #line: { text: string; style: VirtualLine; styled: boolean } | null = null;
  #qr: Buffer | null = null;
  #held: EscPosCommand[] = [];
  #server: net.Server | null = null;
  readonly #sockets = new Set<net.Socket>();
  #serial: SerialPort | null = null;

  constructor(options: EscPosPrinterSimOptions = {}) {
    this.#drawerOpenLevel = options.drawerOpenLevel ?? 'high';
  }

  get offline(): boolean {
    return this.paper === 'out' || this.coverOpen || this.cutterError;
  }

  /** The whole roll as text: every receipt followed by its cut mark, then what is not cut off yet. */
  get tape(): string {
    const cut = this.receipts.map((receipt) => `${receipt.text}\n${receipt.cut === 'full' ? '-------- cut --------' : '-- -- partial cut -- --'}`);
    const pending = this.pendingText;
    return [...cut, ...(pending === '' ? [] : [pending])].join('\n');
  }

  /** What is on the paper since the last cut. */
  get pendingText(): string {
    return renderText([...this.#lines, ...(this.#line ? [this.#finishLine(false)] : [])]);
  }

  // ---- control API -------------------------------------------------------------------------

  setPaper(paper: 'ok' | 'near-end' | 'out'): void {
    this.paper = paper;
    this.#resume();
  }

  setCover(open: boolean): void {
    this.coverOpen = open;
    this.#resume();
  }

  setDrawer(open: boolean): void {
    if (this.drawerOpen === open) return;
    this.drawerOpen = open;
    this.events.emit('drawer', open ? 'open' : 'closed');
  }

  /** Resolves with the next receipt cut off (bounded). */
  nextReceipt(timeoutMs = 5000): Promise<VirtualReceipt> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.events.off('receipt', done);
        reject(new Error(`no receipt was cut within ${timeoutMs} ms`));
      }, timeoutMs);
      const done = (receipt: VirtualReceipt): void => {
        clearTimeout(timer);
        resolve(receipt);
      };
      this.events.once('receipt', done);
    });
  }

  /** Puts garbage on every open link (a noisy serial line). */
  noise(bytes: readonly number[]): void {
    const chunk = Buffer.from(bytes);
    this.#serial?.write(chunk);
    for (const socket of this.#sockets) socket.write(chunk);
  }

  // ---- transports --------------------------------------------------------------------------

  /** Listens for raw printing connections on 127.0.0.1 (port 0 picks a free one); resolves with the port. */
  async listen(port = 0): Promise<number> {
    const server = net.createServer((socket) => {
      this.#sockets.add(socket);
      const parser = new EscPosParser();
      socket.on('data', (chunk) => this.#feed(parser, chunk, (reply) => socket.write(reply)));
      socket.on('error', () => undefined);
      socket.on('close', () => this.#sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.#server = server;
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('the printer simulator has no TCP port');
    return address.port;
  }

  /** Stops listening and drops every connection (the printer is switched off or unplugged from the network). */
  async stopListening(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    this.#sockets.clear();
    const server = this.#server;
    this.#server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Attaches the printer to the device side of a pty pair. */
  async openSerial(path: string, baudRate = 9600): Promise<void> {
    const parser = new EscPosParser();
    this.#serial = await openSimPort(path, baudRate, (chunk) =>
      this.#feed(parser, chunk, (reply) => {
        this.#serial?.write(reply);
      }),
    );
  }

  async closeSerial(): Promise<void> {
    const port = this.#serial;
    this.#serial = null;
    await closeSimPort(port);
  }

  async close(): Promise<void> {
    await this.stopListening();
    await this.closeSerial();
  }

  // ---- the printer -------------------------------------------------------------------------

  #feed(parser: EscPosParser, chunk: Buffer, reply: (bytes: Buffer) => void): void {
    for (const command of parser.push(chunk)) {
      this.events.emit('command', command);
      switch (command.kind) {
        case 'realtime-status':
          if (!this.mute) reply(Buffer.from([this.#status(command.query)]));
          break;
        case 'realtime-kick':
          this.#kick({ pin: command.pin, onMs: command.onMs, realtime: true });
          break;
        case 'transmit-status':
          reply(Buffer.from([this.#transmitStatus(command.query)]));
          break;
        default:
          if (command.kind === 'text') this.printBytes += command.bytes.length;
          if (this.offline) this.#held.push(command);
          else this.#execute(command);
      }
    }
  }

  #resume(): void {
    while (!this.offline && this.#held.length > 0) {
      const command = this.#held.shift();
      if (command) this.#execute(command);
    }
  }

  /** DLE EOT n replies: bits 1 and 4 always set (PROTOCOLS §5). */
  #status(query: number): number {
    const base = 0x12;
    const pinHigh = this.drawerOpen === (this.#drawerOpenLevel === 'high');
    switch (query) {
      case 1:
        return base | (pinHigh ? 0x04 : 0) | (this.offline ? 0x08 : 0);
      case 2:
        return base | (this.coverOpen ? 0x04 : 0) | (this.paper === 'out' ? 0x20 : 0) | (this.cutterError ? 0x40 : 0);
      case 3:
        return base | (this.cutterError ? 0x08 : 0);
      case 4:
        return base | (this.paper === 'near-end' ? 0x0c : 0) | (this.paper === 'out' ? 0x6c : 0);
      default:
        return base;
    }
  }

  /** GS r n: paper sensor (1) or drawer (2) status, bits 0–3. */
  #transmitStatus(query: number): number {
    if (query === 2 || query === 50) return this.drawerOpen === (this.#drawerOpenLevel === 'high') ? 0x01 : 0x00;
    return (this.paper === 'near-end' ? 0x03 : 0) | (this.paper === 'out' ? 0x0f : 0);
  }

  #kick(kick: DrawerKick): void {
    this.kicks.push(kick);
    this.events.emit('kick', kick);
    this.setDrawer(true);
  }

  #execute(command: EscPosCommand): void {
    const style = this.#style;
    switch (command.kind) {
      case 'text': {
        const line = (this.#line ??= { text: '', style: this.#snapshotStyle(), styled: false });
        const text = decodeText(command.bytes, style.table);
        // A line takes the style of its first visible character (alignment padding is plain spaces).
        if (!line.styled && text.trim() !== '') line.style = { ...this.#snapshotStyle(), align: line.style.align };
        line.styled ||= text.trim() !== '';
        line.text += text;
        return;
      }
      case 'newline':
        this.#lines.push(this.#finishLine(true));
        return;
      case 'init':
        this.#style = { ...emptyStyle };
        return;
      case 'bold':
        style.bold = command.on;
        return;
      case 'underline':
        style.underline = command.on;
        return;
      case 'align':
        style.align = command.align;
        return;
      case 'size':
        style.width = command.width;
        style.height = command.height;
        return;
      case 'print-mode':
        Object.assign(style, { bold: command.bold, underline: command.underline, width: command.width, height: command.height });
        return;
      case 'codepage':
        style.table = command.table;
        return;
      case 'feed':
        if (this.#line) this.#lines.push(this.#finishLine(true));
        for (let k = 0; k < command.lines; k += 1) this.#lines.push({ ...this.#snapshotStyle(), text: '' });
        return;
      case 'barcode':
        this.#block(`[${command.symbology} ${command.data}]`);
        return;
      case 'qr-store':
        this.#qr = command.data;
        return;
      case 'qr-print':
        this.#block(`[QR ${this.#qr?.toString('utf8') ?? ''}]`);
        return;
      case 'image':
        this.#block(`[IMAGE ${command.width}x${command.height}]`);
        return;
      case 'cut':
        this.#cut(command.partial ? 'partial' : 'full');
        return;
      case 'drawer-kick':
        this.#kick({ pin: command.pin, onMs: command.onMs, realtime: false });
        return;
      case 'unknown':
        this.unknown.push(command.bytes.toString('hex'));
        return;
      case 'setting':
      case 'realtime-status':
      case 'realtime-kick':
      case 'transmit-status':
        return;
      default: {
        const unreachable: never = command;
        throw new Error(`unhandled command ${JSON.stringify(unreachable)}`);
      }
    }
  }

  #snapshotStyle(): VirtualLine {
    const { align, bold, underline, width, height } = this.#style;
    return { text: '', align, bold, underline, width, height };
  }

  #finishLine(consume: boolean): VirtualLine {
    const line = this.#line ?? { text: '', style: this.#snapshotStyle(), styled: false };
    if (consume) this.#line = null;
    return { ...line.style, text: line.text };
  }

  /** A barcode, QR code or image: printed on its own line. */
  #block(placeholder: string): void {
    if (this.#line) this.#lines.push(this.#finishLine(true));
    this.#lines.push({ ...this.#snapshotStyle(), text: placeholder });
  }

  #cut(cut: 'full' | 'partial'): void {
    if (this.#line) this.#lines.push(this.#finishLine(true));
    const lines = this.#lines;
    this.#lines = [];
    const receipt = { lines, text: renderText(lines), cut };
    this.receipts.push(receipt);
    this.events.emit('receipt', receipt);
  }
}

function renderText(lines: readonly VirtualLine[]): string {
  const text = lines.map((line) => line.text.trimEnd());
  while (text.length > 0 && text[text.length - 1] === '') text.pop();
  while (text.length > 0 && text[0] === '') text.shift(); // the feed after the previous cut
  return text.join('\n');
}
