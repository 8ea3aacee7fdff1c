import { EventEmitter } from 'node:events';

// A dcttech / V-USB "USBRelayN" board (PROTOCOLS §4.1 and §8 item 10), written from the spec only.
// There is no /dev/uhid on the build machines, so the board is a fake node-hid `HIDAsync` object.

export interface FakeUsbRelayOptions {
  /** Relays on the board (USBRelay1/2/4/8). */
  readonly relays?: 1 | 2 | 4 | 8;
  /** The 5-character id in the feature report. */
  readonly boardId?: string;
  readonly path?: string;
  /** Answer state reads with the report id in front (9 bytes), as some HID backends do. */
  readonly reportIdInReply?: boolean;
}

/** One command the board received: how it came (feature or output report) and its bytes, report id first. */
export interface RelayCommand {
  readonly via: 'feature' | 'write';
  readonly bytes: readonly number[];
}

export interface RelayEdge {
  readonly relay: number;
  readonly on: boolean;
  readonly at: number;
}

/** The `HIDAsync` surface of one open board. */
export class FakeRelayHandle extends EventEmitter {
  readonly #board: FakeUsbRelayBoard;
  #closed = false;

  constructor(board: FakeUsbRelayBoard) {
    super();
    this.#board = board;
  }

  async write(values: number[] | Buffer): Promise<number> {
    this.#check();
    return this.#board.command('write', [...values]);
  }

  async sendFeatureReport(data: number[] | Buffer): Promise<number> {
    this.#check();
    return this.#board.command('feature', [...data]);
  }

  async getFeatureReport(reportId: number, reportLength: number): Promise<Buffer> {
    this.#check();
    return this.#board.stateReport(reportId, reportLength);
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#board.forget(this);
  }

  #check(): void {
    if (this.#closed) throw new Error('device has been closed');
    if (!this.#board.plugged) throw new Error('could not read from HID device'); // what hidapi says for a vanished device
  }
}

/** A fake relay board on a fake USB bus. */
export class FakeUsbRelayBoard {
  readonly relays: boolean[];
  readonly path: string;
  readonly commands: RelayCommand[] = [];
  readonly edges: RelayEdge[] = [];
  /** Relays that ignore commands (a welded contact, a dead coil), numbered from 1. */
  readonly stuck = new Set<number>();
  boardId: string;
  plugged = true;
  readonly #reportIdInReply: boolean;
  readonly #handles = new Set<FakeRelayHandle>();

  constructor(options: FakeUsbRelayOptions = {}) {
    this.relays = Array<boolean>(options.relays ?? 2).fill(false);
    this.boardId = options.boardId ?? 'QAAMZ';
    this.path = options.path ?? `/dev/hidraw-fake-${this.boardId}`;
    this.#reportIdInReply = options.reportIdInReply ?? false;
  }

  /** The node-hid device list entry; every board of this kind has the same USB serial string. */
  get info(): { vendorId: number; productId: number; path: string; product: string; manufacturer: string; serialNumber: string; release: number; interface: number; usagePage: number; usage: number } {
    return {
      vendorId: 0x16c0,
      productId: 0x05df,
      path: this.path,
      product: `USBRelay${this.relays.length}`,
      manufacturer: 'www.dcttech.com',
      serialNumber: '',
      release: 0x100,
      interface: 0,
      usagePage: 0xff00,
      usage: 1,
    };
  }

  /** Pulls the board: open handles get an `error` and every later call fails. */
  unplug(): void {
    this.plugged = false;
    for (const handle of this.#handles) handle.emit('error', new Error('could not read from HID device'));
  }

  replug(): void {
    this.plugged = true;
    this.relays.fill(false); // a power cycle drops every relay
  }

  open(): FakeRelayHandle {
    if (!this.plugged) throw new Error(`cannot open device with path ${this.path}`);
    const handle = new FakeRelayHandle(this);
    this.#handles.add(handle);
    return handle;
  }

  forget(handle: FakeRelayHandle): void {
    this.#handles.delete(handle);
  }

  /** Handles one 9-byte command (report id 0, then the 8-byte report). */
  command(via: 'feature' | 'write', bytes: number[]): number {
    this.commands.push({ via, bytes });
    const [reportId, code, n] = bytes;
    if (reportId !== 0) throw new Error(`report id ${reportId ?? '?'}: this board has no numbered reports`);
    switch (code) {
      case 0xff:
      case 0xfd:
        if (n !== undefined && n >= 1 && n <= this.relays.length) this.#switch(n, code === 0xff);
        break;
      case 0xfe:
      case 0xfc:
        for (let relay = 1; relay <= this.relays.length; relay += 1) this.#switch(relay, code === 0xfe);
        break;
      case 0xfa:
        this.boardId = String.fromCharCode(...bytes.slice(2, 7));
        break;
      default:
        break; // the firmware ignores unknown commands
    }
    return bytes.length;
  }

  stateReport(reportId: number, length: number): Buffer {
    const report = Buffer.alloc(8);
    report.write(this.boardId.slice(0, 5), 0, 'latin1');
    report[7] = this.relays.reduce((bits, on, index) => (on ? bits | (1 << index) : bits), 0);
    if (reportId !== 1 || length < 8) throw new Error(`the board answers feature report 1 of 8 bytes, not report ${reportId} of ${length}`);
    return this.#reportIdInReply ? Buffer.concat([Buffer.from([reportId]), report]) : report;
  }

  #switch(relay: number, on: boolean): void {
    if (this.stuck.has(relay) || this.relays[relay - 1] === on) return;
    this.relays[relay - 1] = on;
    this.edges.push({ relay, on, at: Date.now() });
  }
}

/** A fake USB bus holding relay boards, with node-hid's `devicesAsync` and `HIDAsync.open` shape. */
export function fakeHidBus(boards: readonly FakeUsbRelayBoard[]): {
  devices(): Promise<FakeUsbRelayBoard['info'][]>;
  open(path: string): Promise<FakeRelayHandle>;
} {
  return {
    devices: async () => boards.filter((board) => board.plugged).map((board) => board.info),
    open: async (path) => {
      const board = boards.find((candidate) => candidate.path === path);
      if (!board) throw new Error(`cannot open device with path ${path}`);
      return board.open();
    },
  };
}
