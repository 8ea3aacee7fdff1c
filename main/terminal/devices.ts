import type { DeviceStatus } from '../../common/api/contract.ts';
import type { Gate } from '../../drivers/gate/gate.ts';
import type { HidBackend } from '../../drivers/hid/hid-backend.ts';
import type { RelayBoard } from '../../drivers/gate/relay-board.ts';
import type { LaneLight } from '../../drivers/light/lane-light.ts';
import type { CashDrawer } from '../../drivers/printer/cash-drawer.ts';
import type { ReceiptPrinter } from '../../drivers/printer/receipt-printer.ts';
import type { PaymentTerminal } from '../../drivers/payment/payment-terminal.ts';
import { SimulatedPaymentTerminal } from '../../drivers/payment/simulated-payment-terminal.ts';
import { StxEtxPaymentTerminal } from '../../drivers/payment/stx-etx/stx-etx-payment-terminal.ts';
import { MagellanScannerScale } from '../../drivers/scale/magellan.ts';
import { MtSicsScale } from '../../drivers/scale/mt-sics.ts';
import type { Scale } from '../../drivers/scale/scale.ts';
import { Toledo8217Scale } from '../../drivers/scale/toledo-8217.ts';
import { HidPosScanner } from '../../drivers/scanner/hid-pos.ts';
import type { ScanData, Scanner } from '../../drivers/scanner/scan-data.ts';
import { SerialScanner } from '../../drivers/scanner/serial-scanner.ts';
import type { DeviceConfig } from './config.ts';
import type { Logger } from './log.ts';
import type { RelayConfig } from './relay-devices.ts';
import { DeviceHealthLog } from './device-health.ts';
import type { DeviceHealth } from '../../common/health.ts';

interface LaneDevice {
  status(): DeviceStatus;
  open(): Promise<void>;
  claim(): Promise<void>;
  enable(): Promise<void>;
  close(): Promise<void>;
  on(event: 'status', listener: (status: DeviceStatus) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/** A lane's scale and what it is for: pricing items sold by weight, or guarding the bagging area. */
export interface LaneScale {
  readonly role: 'pricing' | 'bagging';
  readonly scale: Scale;
}

/** The devices a lane's configuration declares, opened and enabled. */
export interface LaneDevices {
  readonly scanners: readonly Scanner[];
  readonly scales: readonly LaneScale[];
  readonly payment: PaymentTerminal | null;
  /** The entry/exit gate: `openGate()` pulses it open. */
  readonly gate: Gate | null;
  /** The lane light: `show('open' | 'help' | 'closed' | 'off')`. */
  readonly light: LaneLight | null;
  /** The receipt printer: `print(receipt)` takes a `ReceiptDocument` from common/receipt.ts. */
  readonly printer: ReceiptPrinter | null;
  /** The cash drawer on the printer's kick connector, when there is a printer. */
  readonly drawer: CashDrawer | null;
  statuses(): DeviceStatus[];
  /** Each device with its protocol, connection, since when, and last problem (for `GET /health`). */
  health(): DeviceHealth[];
  onStatus(listener: () => void): void;
  onScan(listener: (scan: ScanData) => void): void;
  close(): Promise<void>;
}

type ScaleConfig = Extract<DeviceConfig, { kind: 'scale' }>;

/** How devices are reached, when not the real way: a fake HID bus in tests and benches (no /dev/uhid there). */
export interface DeviceOptions {
  readonly hid?: HidBackend;
}

/** What every serial scale driver takes from its config entry. */
function serialScaleOptions({ name, path, baudRate, dataBits, parity, stopBits, pollMs }: ScaleConfig) {
  return { name, path, baudRate, dataBits, parity, stopBits, pollMs };
}

/** Drops the options a config left out, so the driver's defaults apply. */
function definedOnly<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/**
 * Builds and starts the configured devices. A device that cannot be opened is reported in its
 * status and keeps retrying in its driver; the lane goes on with what it has.
 */
export async function startDevices(configs: readonly DeviceConfig[], log: Logger, options: DeviceOptions = {}): Promise<LaneDevices> {
  const scanners: Scanner[] = [];
  let payment: PaymentTerminal | null = null;
  const scales: LaneScale[] = [];
  let gate: Gate | null = null;
  let light: LaneLight | null = null;
  let printer: ReceiptPrinter | null = null;
  let board: ((config: RelayConfig) => RelayBoard) | null = null;
  const one = (kind: string, existing: unknown): void => {
    if (existing) throw new Error(`a lane has one ${kind}; the configuration declares two`);
  };
  // Which protocol each device speaks, for the health endpoint (the drivers do not say).
  const protocols = new Map<object, string>();
  const made = (): object[] => [...scanners, ...scales.map(({ scale }) => scale), payment, gate, light, printer].filter((device) => device !== null);
  for (const config of configs) {
    const before = new Set(made());
    switch (config.protocol) {
      case 'serial':
        scanners.push(
          new SerialScanner({
            name: config.name,
            path: config.path,
            baudRate: config.baudRate,
            dataBits: config.dataBits,
            parity: config.parity,
            stopBits: config.stopBits,
            prefix: config.prefix,
            suffix: config.suffix,
          }),
        );
        break;
      case 'hid-pos':
        scanners.push(
          new HidPosScanner({
            name: config.name,
            vendorId: config.vendorId,
            productId: config.productId,
            serialNumber: config.serialNumber,
            path: config.path,
            layout: config.layout,
            ...(options.hid ? { hid: options.hid } : {}),
          }),
        );
        break;
      case 'simulator':
        if (payment) throw new Error('a lane has one payment terminal; the configuration declares two');
        payment = new SimulatedPaymentTerminal({ name: config.name, delayMs: config.delayMs });
        break;
      case 'toledo-8217':
        scales.push({ role: config.role, scale: new Toledo8217Scale({ ...serialScaleOptions(config), unit: config.unit }) });
        break;
      case 'mt-sics':
        scales.push({ role: config.role, scale: new MtSicsScale(serialScaleOptions(config)) });
        break;
      case 'magellan':
        scales.push({ role: config.role, scale: new MagellanScannerScale({ ...serialScaleOptions(config), framing: config.framing }) });
        break;
      case 'stx-etx': {
        if (payment) throw new Error('a lane has one payment terminal; the configuration declares two');
        const { kind: _kind, protocol: _protocol, name, path, tcp, baudRate, dataBits, parity, stopBits, partialApproval, ...timeouts } = config;
        const [host = '', port = '0'] = tcp?.split(':') ?? [];
        payment = new StxEtxPaymentTerminal({
          name,
          connection: path !== undefined ? { kind: 'serial', path, baudRate, dataBits, parity, stopBits } : { kind: 'tcp', host, port: Number(port) },
          partialApproval,
          ...definedOnly(timeouts),
        });
        break;
      }
      case 'usb-relay':
      case 'modbus-rtu': {
        // Loaded only for a lane with a gate or lane light, so other lanes start as fast as before.
        const relay = await import('./relay-devices.ts');
        board ??= relay.relayBoards(configs);
        if (config.kind === 'gate') {
          one('gate', gate);
          gate = relay.gateFrom(config, board(config));
        } else {
          one('lane light', light);
          light = relay.lightFrom(config, board(config));
        }
        break;
      }
      case 'escpos': {
        one('receipt printer', printer);
        // Loaded only for a lane with a printer: the encoder's code page tables slow every start.
        const { ReceiptPrinter } = await import('../../drivers/printer/receipt-printer.ts');
        const { name, path, host, port, baudRate, dataBits, parity, stopBits, rtscts, columns, codepage, drawerPin, drawerOpenWhen } = config;
        printer = new ReceiptPrinter({
          name,
          transport: path !== undefined ? { type: 'serial', path, baudRate, dataBits, parity, stopBits, rtscts } : { type: 'tcp', host: host ?? '', port },
          columns,
          codepage,
          drawer: { pin: drawerPin, openWhen: drawerOpenWhen },
        });
        break;
      }
      default: {
        const unreachable: never = config;
        throw new Error(`unknown device ${JSON.stringify(unreachable)}`);
      }
    }
    for (const device of made()) if (!before.has(device)) protocols.set(device, config.protocol);
  }
  const all: LaneDevice[] = [
    ...scanners,
    ...scales.map(({ scale }) => scale),
    ...(payment ? [payment] : []),
    ...[gate, light, printer].filter((device) => device !== null),
  ];
  const statusListeners: (() => void)[] = [];
  const healthLog = new DeviceHealthLog();
  for (const device of all) {
    healthLog.watch(device, protocols.get(device) ?? 'unknown');
    device.on('status', (status) => {
      log.info({ device: status.name, state: status.state, detail: status.detail }, 'device status');
      for (const listener of statusListeners) listener();
    });
    device.on('error', (error) => log.warn({ device: device.status().name, err: error.message }, 'device error'));
    try {
      await device.open();
      await device.claim();
      await device.enable();
    } catch (error) {
      log.error({ device: device.status().name, err: error instanceof Error ? error.message : String(error) }, 'device did not start');
    }
  }
  return {
    scanners,
    scales,
    payment,
    gate,
    light,
    printer,
    drawer: printer ? new (await import('../../drivers/printer/cash-drawer.ts')).CashDrawer(printer) : null,
    statuses: () => all.map((device) => device.status()),
    health: () => healthLog.snapshot(),
    onStatus: (listener) => statusListeners.push(listener),
    onScan(listener) {
      for (const scanner of scanners) scanner.on('data', listener);
      // A Magellan scanner-scale is the lane's scanner too: its labels come on the same cable.
      for (const { scale } of scales) if (scale instanceof MagellanScannerScale) scale.on('scan', listener);
    },
    async close() {
      await Promise.allSettled(all.map((device) => device.close()));
    },
  };
}
