import { z } from 'zod';
import { DeviceBase } from '../device.ts';
import { closeHidQuietly, nodeHid, usbId, type HidBackend, type HidConnection, type HidDeviceInfo } from '../hid/hid-backend.ts';
import { watchPortPath, watchUsbIds, type PlugWatch } from '../link/hotplug.ts';
import { Reconnector, type Connector, type LinkProblem } from '../link/reconnector.ts';
import { hexPreview, readLabelText } from './frame.ts';
import { HidLabelAssembler, layouts, type AssembledLabel } from './hid-pos-report.ts';
import type { ScanData, Scanner } from './scan-data.ts';
import { ScanFrameError } from './serial-scanner.ts';
import { LabelError, parseLabel } from './symbology.ts';

/** HID usage page "Bar Code Scanner" and its application collection "Bar Code Scanner" (PROTOCOLS §1.2). */
export const BAR_CODE_SCANNER_PAGE = 0x8c;
const BAR_CODE_SCANNER_USAGE = 0x02;

const usbIdNumber = z.number().int().min(0).max(0xffff);

const HidPosScannerOptionsSchema = z
  .object({
    name: z.string().min(1),
    vendorId: usbIdNumber.optional(),
    productId: usbIdNumber.optional(),
    /** Tells two scanners of the same model apart. */
    serialNumber: z.string().min(1).optional(),
    /** A hidraw path; it can change on replug, so vendorId/productId is the better choice for a lane. */
    path: z.string().min(1).optional(),
    layout: z.enum(['honeywell', 'microscan']).default('honeywell'),
    reconnect: z
      .object({ initialMs: z.number().int().positive().default(250), maxMs: z.number().int().positive().default(5000) })
      .prefault({}),
    /** How often the device list is checked while online: the polling fallback of PROTOCOLS §7.4. */
    presenceCheckMs: z.number().int().positive().default(2000),
    /** How long a Microscan label that filled its last report waits for another (its layout has no continuation flag). */
    quietMs: z.number().int().positive().default(100),
  })
  .refine((options) => options.path !== undefined || options.vendorId !== undefined || options.productId !== undefined, {
    message: 'give the scanner by path or by vendorId and productId',
    path: ['path'],
  })
  .refine((options) => (options.vendorId === undefined) === (options.productId === undefined), {
    message: 'vendorId and productId go together',
    path: ['productId'],
  });

export interface HidPosScannerOptions {
  readonly name: string;
  readonly vendorId?: number;
  readonly productId?: number;
  readonly serialNumber?: string;
  readonly path?: string;
  /** The vendor's report layout (default `honeywell`, also Access-IS). */
  readonly layout?: 'honeywell' | 'microscan';
  readonly reconnect?: { readonly initialMs?: number; readonly maxMs?: number };
  readonly presenceCheckMs?: number;
  readonly quietMs?: number;
  /** Enumerates and opens HID devices; node-hid unless a test or the simulator panel injects a fake. */
  readonly hid?: HidBackend;
}

type Settings = z.output<typeof HidPosScannerOptionsSchema>;

/** Which HID device a configuration means. */
export interface HidScannerTarget {
  readonly vendorId?: number | undefined;
  readonly productId?: number | undefined;
  readonly serialNumber?: string | undefined;
  readonly path?: string | undefined;
}

export type ScannerChoice =
  | { readonly ok: true; readonly device: HidDeviceInfo & { readonly path: string } }
  | { readonly ok: false; readonly state: 'offline' | 'error'; readonly detail: string };

export function describeTarget(target: HidScannerTarget): string {
  const ids = target.vendorId !== undefined && target.productId !== undefined ? usbId(target.vendorId, target.productId) : null;
  const parts = [ids, target.serialNumber !== undefined ? `serial ${target.serialNumber}` : null, target.path ?? null].filter(Boolean);
  return `HID POS scanner ${parts.join(' ')}`;
}

/**
 * Picks the configured scanner's HID POS interface out of the device list. A scanner in keyboard
 * mode still enumerates, but without usage page 0x8C: say so, as that is a setting on the scanner.
 */
export function chooseScanner(devices: readonly HidDeviceInfo[], target: HidScannerTarget): ScannerChoice {
  const matching = devices.filter(
    (device) =>
      (target.path === undefined || device.path === target.path) &&
      (target.vendorId === undefined || device.vendorId === target.vendorId) &&
      (target.productId === undefined || device.productId === target.productId) &&
      (target.serialNumber === undefined || device.serialNumber === target.serialNumber),
  );
  const wanted = describeTarget(target);
  if (matching.length === 0) return { ok: false, state: 'offline', detail: `${wanted} not found (unplugged?)` };
  const pos = matching.filter((device) => device.usagePage === BAR_CODE_SCANNER_PAGE);
  if (pos.length === 0) {
    const pages = [...new Set(matching.map((device) => (device.usagePage === undefined ? 'unknown' : `0x${device.usagePage.toString(16)}`)))];
    return {
      ok: false,
      state: 'error',
      detail: `${wanted} has no HID POS interface (usage page 0x8c; found ${pages.join(', ')}): switch the scanner to HID POS mode (Honeywell terminal ID 131)`,
    };
  }
  const scanners = pos.some((device) => device.usage === BAR_CODE_SCANNER_USAGE) ? pos.filter((device) => device.usage === BAR_CODE_SCANNER_USAGE) : pos;
  if (scanners.length > 1) {
    const which = scanners.map((device) => device.serialNumber ?? device.path ?? '?').join(', ');
    return { ok: false, state: 'error', detail: `${scanners.length} devices match ${wanted} (${which}): add serialNumber or path to the configuration` };
  }
  const [device] = scanners;
  if (device?.path === undefined) return { ok: false, state: 'error', detail: `${wanted}: the HID library reports no path to open it by` };
  return { ok: true, device: { ...device, path: device.path } };
}

/**
 * A USB HID POS barcode scanner (usage page 0x8C) over node-hid: input reports are put together
 * into labels by the vendor's report layout, the AIM id names the symbology. While claimed, a
 * scanner that is pulled (read error, or gone from the device list) is reported `offline` and
 * looked for again with back-off until it is back, under whatever hidraw path it then gets.
 */
export class HidPosScanner extends DeviceBase<ScanData> implements Scanner {
  readonly #settings: Settings;
  readonly #hid: HidBackend;
  readonly #assembler: HidLabelAssembler;
  readonly #link: Reconnector<OpenScanner>;
  readonly #wanted: string;
  #settleTimer: NodeJS.Timeout | null = null;
  /** A label was half read when the scanner was enabled: its completion belongs to the disabled time. */
  #discardPending = false;

  constructor(options: HidPosScannerOptions) {
    const { hid, ...rest } = options;
    const parsed = HidPosScannerOptionsSchema.safeParse(rest);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new TypeError(`HID POS scanner options: ${(issue?.path ?? []).join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
    }
    super(parsed.data.name, 'scanner');
    this.#settings = parsed.data;
    this.#hid = hid ?? nodeHid;
    this.#assembler = new HidLabelAssembler(layouts[parsed.data.layout], { quietMs: parsed.data.quietMs });
    this.#wanted = describeTarget(parsed.data);
    this.#link = new Reconnector(this.#connector(), parsed.data.reconnect, ({ state, detail }) => this.setLink(state, detail));
    this.setLink('offline', `not connected to ${this.#wanted}`);
  }

  /** The hidraw (or platform) path of the open scanner, null while it is not open. */
  get openPath(): string | null {
    return this.#link.connection?.path ?? null;
  }

  protected override async onClaim(): Promise<void> {
    await this.#link.start();
  }

  protected override async onEnable(): Promise<void> {
    this.#discardPending = this.#assembler.deadline !== null;
  }

  protected override async onRelease(): Promise<void> {
    await this.#link.stop();
  }

  /** Finds the configured scanner in the device list and opens it, under whatever hidraw path it has now. */
  #connector(): Connector<OpenScanner> {
    return {
      address: this.#wanted,
      connect: async (lost) => {
        let devices: HidDeviceInfo[];
        try {
          devices = await this.#hid.devices();
        } catch (error) {
          throw new ScannerNotReady({ state: 'error', detail: `cannot list HID devices: ${messageOf(error)}` });
        }
        const choice = chooseScanner(devices, this.#settings);
        if (!choice.ok) throw new ScannerNotReady(choice);
        const { device } = choice;
        let handle: HidConnection;
        try {
          handle = await this.#hid.open(device.path);
        } catch (error) {
          throw new ScannerNotReady(describeOpenError(device.path, error));
        }
        this.#assembler.reset();
        this.#discardPending = false;
        handle.on('data', (report) => {
          if (handle === this.#link.connection?.handle) this.#receive(report);
        });
        handle.on('error', (error) => lost(`read error: ${messageOf(error)}`));
        const product = [device.manufacturer, device.product].filter(Boolean).join(' ');
        const scanner: OpenScanner = {
          handle,
          path: device.path,
          ready: `${device.path} (${usbId(device.vendorId, device.productId)}${product ? ` ${product}` : ''})`,
          presence: setInterval(() => void this.#checkPresence(scanner, lost), this.#settings.presenceCheckMs),
          checking: false,
        };
        return scanner;
      },
      disconnect: async (scanner) => {
        clearInterval(scanner.presence);
        if (this.#settleTimer) clearTimeout(this.#settleTimer);
        this.#settleTimer = null;
        this.#assembler.reset();
        await closeHidQuietly(scanner.handle);
      },
      describeFailure: (error) => (error instanceof ScannerNotReady ? error.problem : { state: 'error', detail: messageOf(error) }),
      // Only the real HID backend sees udev; a test's fake bus has no kernel behind it.
      watchPlug: this.#hid === nodeHid ? plugWatchFor(this.#settings) : undefined,
      describe: (scanner) => ({ ready: `ready on ${scanner.ready}`, lostFrom: scanner.path }),
    };
  }

  /** A pulled scanner usually fails its read; the device list is the fallback when it does not. */
  async #checkPresence(scanner: OpenScanner, lost: (reason: string) => void): Promise<void> {
    if (scanner.checking) return;
    scanner.checking = true;
    try {
      const devices = await this.#hid.devices();
      if (!devices.some((device) => device.path === scanner.path)) lost('gone from the HID device list');
    } catch {
      // A failed enumeration says nothing about this scanner; the next check tries again.
    } finally {
      scanner.checking = false;
    }
  }

  #receive(report: Buffer): void {
    // Reports are put together even while disabled, so a label is never cut at the moment of enabling.
    this.#take(this.#assembler.push(report, Date.now()));
    this.#armSettle();
  }

  /** A label that may go on (or was promised to) is settled when its time is up, report or not. */
  #armSettle(): void {
    if (this.#settleTimer) clearTimeout(this.#settleTimer);
    this.#settleTimer = null;
    const deadline = this.#assembler.deadline;
    if (deadline === null) return;
    this.#settleTimer = setTimeout(
      () => {
        this.#settleTimer = null;
        this.#take(this.#assembler.settle(Date.now()));
        this.#armSettle();
      },
      Math.max(0, deadline - Date.now()),
    );
  }

  #take(results: AssembledLabel[]): void {
    for (const result of results) {
      if (this.#discardPending) {
        this.#discardPending = false;
        continue;
      }
      if (!this.enabled) continue;
      if (result.kind === 'unreadable') {
        this.#unreadable(result.reason, result.bytes);
        continue;
      }
      const text = readLabelText(result.data);
      if (text.kind !== 'label') {
        this.#unreadable(text.kind === 'invalid' ? text.reason : 'empty label', result.data);
        continue;
      }
      try {
        this.deliver({ ...parseLabel(`${result.aim ?? ''}${text.text}`), source: 'scanner', device: this.name });
      } catch (error) {
        if (!(error instanceof LabelError)) throw error;
        this.#unreadable(error.message, result.data);
      }
    }
  }

  #unreadable(reason: string, bytes: Buffer): void {
    const where = this.openPath ?? this.#wanted;
    this.reportError(new ScanFrameError(`${this.name}: unreadable HID report on ${where}: ${reason} [${hexPreview(bytes)}]`));
  }
}

interface OpenScanner {
  readonly handle: HidConnection;
  readonly path: string;
  /** The status detail once open: path, USB id and product name. */
  readonly ready: string;
  readonly presence: NodeJS.Timeout;
  checking: boolean;
}

/** Why an attempt found no scanner to open, as the status should say it. */
class ScannerNotReady extends Error {
  readonly problem: LinkProblem;

  constructor(problem: LinkProblem) {
    super(problem.detail);
    this.problem = problem;
  }
}

/** hidapi reports errno as text ("Failed to open a device with path '/dev/hidraw3': Permission denied"). */
function describeOpenError(path: string, error: unknown): { state: 'offline' | 'error'; detail: string } {
  const message = messageOf(error);
  if (/no such (file|device)/i.test(message)) return { state: 'offline', detail: `${path} vanished before it could be opened (unplugged?)` };
  if (/permission denied/i.test(message)) {
    return { state: 'error', detail: `no permission to open ${path} (on Linux a udev rule must give this user the scanner's hidraw device)` };
  }
  return { state: 'error', detail: `cannot open ${path}: ${message}` };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A scanner given by its USB ids, or a hidraw path, is watched for plug events through udev. */
function plugWatchFor(settings: { readonly vendorId?: number | undefined; readonly productId?: number | undefined; readonly path?: string | undefined }): PlugWatch | undefined {
  if (settings.vendorId !== undefined && settings.productId !== undefined) return watchUsbIds(settings.vendorId, settings.productId);
  return settings.path !== undefined ? watchPortPath(settings.path) : undefined;
}
