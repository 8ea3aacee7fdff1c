import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { MagellanSimulator } from '../../../drivers/sim/magellan-sim.ts';
import { MtSicsSimulator } from '../../../drivers/sim/mt-sics-sim.ts';
import { PtyPair } from '../../../drivers/sim/pty-pair.ts';
import type { ScaleSimulator } from '../../../drivers/sim/scale-sim.ts';
import { Toledo8217Simulator } from '../../../drivers/sim/toledo-8217-sim.ts';

// The simulators checked against PROTOCOLS.md byte for byte, through a bare serial port: no driver involved.

let pair: PtyPair | null = null;
let simulator: ScaleSimulator | null = null;
let port: SerialPort | null = null;

afterEach(async () => {
  const open = port;
  if (open?.isOpen) await new Promise<void>((resolve) => open.close(() => resolve()));
  await simulator?.close();
  await pair?.dispose();
  port = null;
  simulator = null;
  pair = null;
});

/** Opens a bare host port on a simulator; `ask` writes bytes and resolves with what comes back up to `until`. */
async function host(make: (path: string) => ScaleSimulator) {
  pair = await PtyPair.open();
  const device = make(pair.simPath);
  simulator = device;
  await device.open();
  const bare = new SerialPort({ path: pair.posPath, baudRate: 9600, autoOpen: false });
  port = bare;
  await new Promise<void>((resolve, reject) => bare.open((error) => (error ? reject(error) : resolve())));
  let received = Buffer.alloc(0);
  bare.on('data', (chunk: Buffer) => (received = Buffer.concat([received, chunk])));
  return {
    device,
    async ask(request: string, until: (reply: Buffer) => boolean): Promise<Buffer> {
      received = Buffer.alloc(0);
      bare.write(Buffer.from(request, 'latin1'));
      await expect.poll(() => until(received), { timeout: 5000 }).toBe(true);
      return received;
    },
    /** Sends a command that gets no reply and waits until the simulator has taken it in. */
    async tell(command: string): Promise<void> {
      const before = device.heardCount;
      bare.write(Buffer.from(command, 'latin1'));
      await expect.poll(() => device.heardCount, { timeout: 5000 }).toBeGreaterThan(before);
    },
  };
}

const endsWith = (suffix: string) => (reply: Buffer) => reply.toString('latin1').endsWith(suffix);

describe('Toledo 8217 simulator against PROTOCOLS §2.1', () => {
  it('answers W with the golden frame 02 30 31 2E 32 33 34 0D for 1.234 kg, and N when net', async () => {
    const { device, ask, tell } = await host((path) => new Toledo8217Simulator({ path, byteTimeMs: 0 }));
    device.platter.place(1234);
    expect(await ask('W', endsWith('\r'))).toEqual(Buffer.from([0x02, 0x30, 0x31, 0x2e, 0x32, 0x33, 0x34, 0x0d]));
    await tell('T');
    device.platter.place(1734);
    expect((await ask('W', endsWith('\r'))).toString('latin1')).toBe('\x0200.500N\r');
    await tell('C');
    await tell('T00250');
    expect((await ask('W', endsWith('\r'))).toString('latin1')).toBe('\x0201.484N\r');
  });

  it('answers with ? and the status bits when the weight is not stable and legal', async () => {
    const { device, ask } = await host((path) => new Toledo8217Simulator({ path, byteTimeMs: 0 }));
    device.platter.shake();
    expect((await ask('W', endsWith('\r'))).toString('latin1')).toBe('\x02?Q\r'); // motion at center of zero
    device.platter.place(300);
    device.platter.shake();
    expect((await ask('W', endsWith('\r'))).toString('latin1')).toBe('\x02?A\r');
    device.platter.overload();
    expect((await ask('W', endsWith('\r'))).toString('latin1')).toBe('\x02?B\r');
    device.platter.liftBelowZero();
    expect((await ask('W', endsWith('\r'))).toString('latin1')).toBe('\x02?D\r');
  });

  it("reproduces Odoo's echo probe: Ehello gets exactly 02 45 0D 68 65 6C 6C 6F, and F ends it", async () => {
    const { device, ask } = await host((path) => new Toledo8217Simulator({ path, byteTimeMs: 0 }));
    expect(await ask('Ehello', (reply) => reply.length >= 8)).toEqual(Buffer.from('\x02E\rhello', 'latin1'));
    device.platter.place(5);
    expect((await ask('FW', endsWith('\r'))).toString('latin1')).toBe('\x0200.005\r');
  });

  it('puts an even parity bit in bit 7 when emulating a 7E1 scale seen from an 8N1 port', async () => {
    const { device, ask } = await host((path) => new Toledo8217Simulator({ path, byteTimeMs: 0, parityBit: 'even' }));
    device.platter.place(1234);
    expect(await ask('W', (reply) => reply.length >= 8)).toEqual(Buffer.from([0x82, 0x30, 0xb1, 0x2e, 0xb2, 0x33, 0xb4, 0x8d]));
  });
});

describe('MT-SICS simulator against PROTOCOLS §2.4', () => {
  it('answers S, SI, Z, T, TAC, @ and unknown commands as the reference table says', async () => {
    const { device, ask } = await host((path) => new MtSicsSimulator({ path, byteTimeMs: 0 }));
    const line = async (command: string): Promise<string> => (await ask(`${command}\r\n`, endsWith('\r\n'))).toString('latin1');
    // Each step: what happens to the platter first (if anything), the command, the reply line.
    const steps: readonly (readonly [(() => void) | null, string, string])[] = [
      [() => device.platter.place(100), 'S', 'S S     100.00 g'],
      [() => device.platter.shake(), 'SI', 'S D     100.00 g'],
      [null, 'S', 'S I'],
      [null, 'Z', 'Z I'],
      [() => device.platter.settle(), 'T', 'T S     100.00 g'],
      [null, 'TAC', 'TAC A'],
      [() => device.platter.place(10), 'Z', 'Z A'],
      [() => device.platter.overload(), 'SI', 'S +'],
      [null, '@', 'I4 A "1126493049"'],
      [null, 'XYZ', 'ES'],
    ];
    for (const [before, command, reply] of steps) {
      before?.();
      expect(await line(command)).toBe(`${reply}\r\n`);
    }
  });

  it('streams SIR replies until @', async () => {
    const { device, ask } = await host((path) => new MtSicsSimulator({ path, byteTimeMs: 0, repeatMs: 20 }));
    device.platter.place(50);
    const stream = await ask('SIR\r\n', (reply) => reply.toString('latin1').split('\r\n').length > 4);
    expect(stream.toString('latin1').split('\r\n').slice(0, 3)).toEqual(['S S      50.00 g', 'S S      50.00 g', 'S S      50.00 g']);
    expect((await ask('@\r\n', (reply) => reply.includes('I4 A'))).toString('latin1')).toContain('I4 A "1126493049"');
  });
});

describe('Magellan simulator against PROTOCOLS §2.2', () => {
  it('answers S11 and S14 with S11wwww / S144wwww and the S140–S145 states, and sends labels as S08', async () => {
    const { device, ask } = await host((path) => new MagellanSimulator({ path, byteTimeMs: 0, unit: 'lb' }));
    const frame = async (command: string): Promise<string> => (await ask(`${command}\r`, endsWith('\r'))).toString('latin1');
    expect(await frame('S14')).toBe('S143\r');
    device.platter.place(1234);
    expect(await frame('S14')).toBe('S1440272\r');
    expect(await frame('S11')).toBe('S110272\r');
    device.platter.shake();
    expect(await frame('S14')).toBe('S141\r');
    device.platter.overload();
    expect(await frame('S14')).toBe('S142\r');
    device.platter.liftBelowZero();
    expect(await frame('S14')).toBe('S145\r');
    device.platter.failZero();
    expect(await frame('S14')).toBe('S140\r');
    expect(device instanceof MagellanSimulator && device.labelFrame('036000291452')).toBe('S08A036000291452\r');
  });
});
