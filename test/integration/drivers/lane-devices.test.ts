import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DeviceConfigSchema } from '../../../main/terminal/config.ts';
import { startDevices, type LaneDevices } from '../../../main/terminal/devices.ts';
import { createLogger } from '../../../main/terminal/log.ts';
import { EscPosPrinterSimulator } from '../../../drivers/sim/escpos-printer-sim.ts';
import { ModbusRelaySimulator } from '../../../drivers/sim/modbus-relay-sim.ts';
import { PtyPair } from '../../../drivers/sim/pty-pair.ts';

// The lane's configuration starts the gate, lane light and printer on their simulators.

let pair: PtyPair;
let module: ModbusRelaySimulator;
let printerSim: EscPosPrinterSimulator;
let devices: LaneDevices | null;

beforeEach(async () => {
  pair = await PtyPair.open();
  module = new ModbusRelaySimulator({ path: pair.simPath, inputs: 4 });
  await module.open();
  printerSim = new EscPosPrinterSimulator();
  devices = null;
});

afterEach(async () => {
  await devices?.close();
  await module.close();
  await printerSim.close();
  await pair.dispose();
});

const parse = (raw: unknown[]) => z.array(DeviceConfigSchema).parse(raw);

describe('lane devices from the configuration', () => {
  it('starts a gate and a lane light sharing one Modbus module, and a TCP receipt printer with its drawer', async () => {
    const port = await printerSim.listen();
    const log = createLogger('test', 'silent');
    devices = await startDevices(
      parse([
        { kind: 'gate', protocol: 'modbus-rtu', path: pair.posPath, coil: 0, pulseMs: 100, beam: { input: 2 } },
        { kind: 'light', protocol: 'modbus-rtu', path: pair.posPath, greenCoil: 1, redCoil: 2 },
        { kind: 'printer', protocol: 'escpos', host: '127.0.0.1', port },
      ]),
      log,
    );
    const { gate, light, printer, drawer } = devices;
    if (!gate || !light || !printer || !drawer) throw new Error('a configured device is missing');
    await expect.poll(() => devices?.statuses().map((status) => [status.kind, status.state]), { timeout: 5000 }).toEqual([
      ['gate', 'online'],
      ['light', 'online'],
      ['printer', 'online'],
    ]);
    await gate.openGate();
    await light.show('open');
    expect(module.coils.slice(0, 3)).toEqual([false, true, false]);
    expect(module.edges.filter((edge) => edge.coil === 0).map((edge) => edge.on)).toEqual([true, false]);
    module.setInput(2, true);
    await expect.poll(() => gate.state().beam, { timeout: 5000 }).toBe('broken');
    await printer.print({ blocks: [{ type: 'line', text: 'Thank you' }, { type: 'cut' }] });
    expect(printerSim.receipts.map((receipt) => receipt.text)).toEqual(['Thank you']);
    await drawer.open();
    expect(drawer.state).toBe('open');
  });

  it('refuses printer entries with both or neither of path and host, and a light without its green output', () => {
    expect(DeviceConfigSchema.safeParse({ kind: 'printer', protocol: 'escpos' }).error?.issues[0]).toMatchObject({
      path: ['path'],
      message: 'give either path (serial) or host (TCP), not both',
    });
    expect(DeviceConfigSchema.safeParse({ kind: 'printer', protocol: 'escpos', path: '/dev/ttyS0', host: 'p' }).success).toBe(false);
    expect(DeviceConfigSchema.safeParse({ kind: 'light', protocol: 'usb-relay' }).error?.issues[0]?.path).toEqual(['greenChannel']);
    expect(DeviceConfigSchema.parse({ kind: 'gate', protocol: 'usb-relay', boardId: 'GATE1' })).toMatchObject({ channel: 1, pulseMs: 500, vendorId: 0x16c0 });
  });

  it('refuses a configuration with two gates', async () => {
    const configs = parse([
      { kind: 'gate', protocol: 'modbus-rtu', path: pair.posPath },
      { kind: 'gate', protocol: 'usb-relay' },
    ]);
    await expect(startDevices(configs, createLogger('test', 'silent'))).rejects.toThrow(/a lane has one gate; the configuration declares two/);
  });
});
