import { EventEmitter } from 'node:events';
import type { Device } from 'node-hid';
import { aimFor } from './serial-scanner-sim.ts';

// Written from PROTOCOLS §1.2, §7.2 and §8 (item 3) only; it shares no code with the HID POS
// driver, so a misreading of the spec in one cannot hide the same misreading in the other.
// There is no /dev/uhid on the build machines (§6), so this is an in-process stand-in for
// node-hid: a bus to enumerate and open, devices that can be pulled and plugged back in.

/** Reports the kernel keeps for a hidraw reader that is not reading (its ring buffer holds 64). */
const QUEUED_REPORTS = 64;

/** A USB bus as node-hid sees it: `devices()` and `open(path)`, the two calls a driver starts with. */
export class FakeHidBus {
  readonly #plugged = new Set<FakeHidDevice>();
  #nextMinor = 0;

  /** Like `HID.devicesAsync()`: one entry per HID interface of every plugged device. */
  async devices(): Promise<Device[]> {
    return [...this.#plugged].flatMap((device) => device.interfaces());
  }

  /** Like `HID.HIDAsync.open(path)`. */
  async open(path: string): Promise<FakeHidHandle> {
    for (const device of this.#plugged) {
      const handle = device.openInterface(path);
      if (handle) return handle;
    }
    throw new Error(`cannot open device with path ${path}`);
  }

  /** The hidraw node the kernel gives the next interface plugged in: a replug usually gets a new one. */
  allocatePath(): string {
    const path = `/dev/hidraw${this.#nextMinor}`;
    this.#nextMinor += 1;
    return path;
  }

  attach(device: FakeHidDevice): void {
    this.#plugged.add(device);
  }

  detach(device: FakeHidDevice): void {
    this.#plugged.delete(device);
  }
}

/** What a device on the fake bus must answer. */
interface FakeHidDevice {
  interfaces(): Device[];
  openInterface(path: string): FakeHidHandle | null;
}

/** An open device, with the surface of node-hid's `HIDAsync` (§7.2). */
export class FakeHidHandle extends EventEmitter {
  readonly path: string;
  readonly #device: FakeHidPosScanner;
  readonly #queue: Buffer[] = [];
  readonly #readers: ((report: Buffer | undefined) => void)[] = [];
  #closed = false;
  #paused = false;

  constructor(path: string, device: FakeHidPosScanner) {
    super();
    this.path = path;
    this.#device = device;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** An input report from the device: a `data` event, or queued for `read()` while nobody listens. */
  deliver(report: Buffer): void {
    if (this.#closed) return;
    if (!this.#paused && this.listenerCount('data') > 0) {
      this.emit('data', Buffer.from(report));
      return;
    }
    const reader = this.#readers.shift();
    if (reader) {
      reader(Buffer.from(report));
      return;
    }
    if (this.#queue.length === QUEUED_REPORTS) this.#queue.shift();
    this.#queue.push(Buffer.from(report));
  }

  /** The device went away under the open handle: node-hid's read thread fails and emits `error`. */
  fail(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const reader of this.#readers.splice(0)) reader(undefined);
    this.emit('error', new Error('could not read from HID device'));
  }

  /** Like `HIDAsync.read(timeout)`: the next report, or undefined when none came in time. */
  read(timeoutMs?: number): Promise<Buffer | undefined> {
    if (this.#closed) return Promise.reject(new Error('device has been closed'));
    const queued = this.#queue.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve) => {
      const reader = (report: Buffer | undefined): void => {
        if (timer) clearTimeout(timer);
        resolve(report);
      };
      const timer =
        timeoutMs === undefined
          ? undefined
          : setTimeout(() => {
              this.#readers.splice(this.#readers.indexOf(reader), 1);
              resolve(undefined);
            }, timeoutMs);
      this.#readers.push(reader);
    });
  }

  pause(): void {
    this.#paused = true;
  }

  resume(): void {
    this.#paused = false;
  }

  /** An output report; byte 0 is the report id. Recorded on the device. */
  async write(values: number[] | Buffer): Promise<number> {
    if (this.#closed) throw new Error('Cannot write to hid device');
    this.#device.outputReports.push(Buffer.from(values));
    return values.length;
  }

  async sendFeatureReport(values: number[] | Buffer): Promise<number> {
    if (this.#closed) throw new Error('could not send feature report to device');
    this.#device.featureReports.push(Buffer.from(values));
    return values.length;
  }

  /** The scanner defines no feature report to read; hidapi fails such a read. */
  async getFeatureReport(reportId: number, _reportLength: number): Promise<Buffer> {
    if (this.#closed) throw new Error('could not get feature report from device');
    throw new Error(`could not get feature report ${reportId} from device`);
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const reader of this.#readers.splice(0)) reader(undefined);
    this.removeAllListeners();
    this.#device.forget(this);
  }
}

export interface FakeHidPosScannerOptions {
  /** Honeywell's USB vendor id by default. */
  readonly vendorId?: number;
  /** An example product id; real ones differ per model and interface mode. */
  readonly productId?: number;
  readonly serialNumber?: string;
  readonly manufacturer?: string;
  readonly product?: string;
  /** `hid-pos` (usage page 0x8C) or `keyboard` (a wedge: usage page 1, usage 6, which POS software cannot use). */
  readonly mode?: 'hid-pos' | 'keyboard';
  /** The vendor's report layout: Honeywell/Access-IS (report ID 2) or Microscan (report ID 1). */
  readonly layout?: 'honeywell' | 'microscan';
  /** Also enumerate a keyboard interface next to the POS one, as composite scanners do. */
  readonly keyboardInterface?: boolean;
}

export interface HidScanOptions {
  /** AIM id for the label (`]E0`); chosen from the code when omitted, none when null. */
  readonly aim?: string | null;
}

/**
 * A USB HID POS barcode scanner on a `FakeHidBus`. `scan()` sends the 64-byte input reports of
 * §1.2 to every open handle, one report per USB interrupt transfer; `unplug()` and `plugIn()`
 * pull it and put it back (under a new hidraw path, as the kernel numbers them).
 */
export class FakeHidPosScanner implements FakeHidDevice {
  readonly vendorId: number;
  readonly productId: number;
  readonly serialNumber: string;
  readonly manufacturer: string;
  readonly product: string;
  readonly mode: 'hid-pos' | 'keyboard';
  readonly layout: 'honeywell' | 'microscan';
  /** Output reports the host wrote, oldest first. */
  readonly outputReports: Buffer[] = [];
  readonly featureReports: Buffer[] = [];
  readonly #bus: FakeHidBus;
  readonly #keyboardInterface: boolean;
  readonly #handles = new Set<FakeHidHandle>();
  #paths: { pos: string; keyboard: string | null } | null = null;

  constructor(bus: FakeHidBus, options: FakeHidPosScannerOptions = {}) {
    this.#bus = bus;
    this.vendorId = options.vendorId ?? 0x0c2e;
    this.productId = options.productId ?? 0x0b07;
    this.serialNumber = options.serialNumber ?? '21305B0042';
    this.manufacturer = options.manufacturer ?? 'Honeywell Imaging & Mobility';
    this.product = options.product ?? 'Area-Imaging Scanner';
    this.mode = options.mode ?? 'hid-pos';
    this.layout = options.layout ?? 'honeywell';
    this.#keyboardInterface = options.keyboardInterface ?? false;
  }

  /** The path of the POS interface while plugged in. */
  get path(): string | null {
    return this.#paths?.pos ?? null;
  }

  get pluggedIn(): boolean {
    return this.#paths !== null;
  }

  /** Handles the host has open now. */
  get openHandles(): number {
    return this.#handles.size;
  }

  /** Plugs the scanner in; resolves with the path its POS interface got. */
  plugIn(): string {
    if (this.#paths) return this.#paths.pos;
    const pos = this.#bus.allocatePath();
    this.#paths = { pos, keyboard: this.#keyboardInterface ? this.#bus.allocatePath() : null };
    this.#bus.attach(this);
    return pos;
  }

  /**
   * Pulls the cable. Open handles fail their read (`error`) as hidraw does; `silent` keeps them
   * quiet instead, as a hung read thread would, so only re-enumeration shows the scanner is gone.
   */
  unplug(options: { silent?: boolean } = {}): void {
    if (!this.#paths) return;
    this.#paths = null;
    this.#bus.detach(this);
    for (const handle of this.#handles) if (!options.silent) handle.fail();
    this.#handles.clear();
  }

  interfaces(): Device[] {
    if (!this.#paths) return [];
    const common = {
      vendorId: this.vendorId,
      productId: this.productId,
      serialNumber: this.serialNumber,
      manufacturer: this.manufacturer,
      product: this.product,
      release: 0x0100,
    };
    const keyboard = { usagePage: 0x01, usage: 0x06 };
    const first = this.mode === 'hid-pos' ? { usagePage: 0x8c, usage: 0x02 } : keyboard;
    const list: Device[] = [{ ...common, path: this.#paths.pos, interface: 0, ...first }];
    if (this.#paths.keyboard) list.push({ ...common, path: this.#paths.keyboard, interface: 1, ...keyboard });
    return list;
  }

  openInterface(path: string): FakeHidHandle | null {
    if (!this.#paths || (path !== this.#paths.pos && path !== this.#paths.keyboard)) return null;
    // The OS owns keyboards: hidraw opens them, but a POS application gets nothing useful (§1.1).
    const handle = new FakeHidHandle(path, this);
    this.#handles.add(handle);
    return handle;
  }

  forget(handle: FakeHidHandle): void {
    this.#handles.delete(handle);
  }

  /** The exact input reports a scan of `code` produces in this scanner's layout. */
  reports(code: string, options: HidScanOptions = {}): Buffer[] {
    const aim = options.aim !== undefined ? options.aim : aimFor(code);
    // UPC-A travels as 13 digits with a leading 0 under ]E0 (§1.5).
    const text = aim === ']E0' && /^[0-9]{12}$/.test(code) ? `0${code}` : code;
    return this.layout === 'honeywell' ? honeywellReports(Buffer.from(text, 'utf8'), aim, code) : microscanReports(Buffer.from(`${aim ?? ''}${text}`, 'utf8'));
  }

  /** Scans a label: its reports reach every open POS handle, one per event-loop turn like USB transfers. */
  async scan(code: string, options: HidScanOptions = {}): Promise<void> {
    if (this.mode !== 'hid-pos') throw new Error('fake HID scanner: in keyboard mode a scan goes to the OS keyboard, not to HID POS');
    await this.send(this.reports(code, options));
  }

  /** Sends hand-made input reports (a bad length, a foreign report id, half a label). */
  async send(reports: readonly Buffer[]): Promise<void> {
    if (!this.#paths) throw new Error('fake HID scanner: not plugged in');
    for (const report of reports) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      for (const handle of this.#handles) if (handle.path === this.#paths?.pos) handle.deliver(report);
    }
  }
}

/** Honeywell's "Code ID" (byte 61) for the symbologies §1.2 names; 0 where the spec gives none. */
function honeywellCodeId(aim: string | null, code: string): number {
  if (aim === ']E0') return /^[0-9]{12}$/.test(code) ? 0x63 /* c, UPC-A */ : 0x64 /* d, EAN-13 */;
  if (aim === ']C0' || aim === ']C1') return 0x6a; // j, Code 128
  return 0x00;
}

/** §1.2: 02, length (≤ 56), AIM id, 56 data bytes zero-padded, code id, reserved, continuation bit. */
function honeywellReports(data: Buffer, aim: string | null, code: string): Buffer[] {
  const aimBytes = aim === null ? Buffer.alloc(3) : Buffer.from(aim, 'latin1');
  const pieces = split(data, 56);
  return pieces.map((chunk, index) => {
    const report = Buffer.alloc(64);
    report[0] = 0x02;
    report[1] = chunk.length;
    aimBytes.copy(report, 2, 0, 3);
    chunk.copy(report, 5);
    report[61] = honeywellCodeId(aim, code);
    report[62] = 0x00;
    report[63] = index < pieces.length - 1 ? 0x01 : 0x00;
    return report;
  });
}

/** Microscan: 01, length (0–62), 62 data bytes zero-padded; a long message fills every report but the last. */
function microscanReports(data: Buffer): Buffer[] {
  return split(data, 62).map((chunk) => {
    const report = Buffer.alloc(64);
    report[0] = 0x01;
    report[1] = chunk.length;
    chunk.copy(report, 2);
    return report;
  });
}

/** The data in pieces of at most `size` bytes; an empty label is one empty piece. */
function split(data: Buffer, size: number): Buffer[] {
  const pieces: Buffer[] = [];
  for (let at = 0; at < data.length || pieces.length === 0; at += size) pieces.push(data.subarray(at, at + size));
  return pieces;
}
