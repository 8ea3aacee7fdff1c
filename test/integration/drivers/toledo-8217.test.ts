import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ScaleError } from '../../../drivers/scale/scale.ts';
import { Toledo8217Scale, type Toledo8217Options } from '../../../drivers/scale/toledo-8217.ts';
import { Toledo8217Simulator, type Toledo8217SimOptions } from '../../../drivers/sim/toledo-8217-sim.ts';
import { nextEvent } from '../../support/events.ts';
import { failure, fast, scaleRigs, type ScaleDeviceEvents } from './scale-rig.ts';

// The real serialport binding on both ends of a socat pseudo-terminal pair (PROTOCOLS §6).

afterEach(() => {
  vi.restoreAllMocks();
});

const toledo = scaleRigs(
  (path, options: Partial<Toledo8217Options>) => new Toledo8217Scale({ name: 'Lane scale', path, ...fast, ...options }),
  (path, options: Partial<Toledo8217SimOptions>) => new Toledo8217Simulator({ path, byteTimeMs: 0, ...options }),
);

const GOLDEN_1234 = Buffer.from([0x02, 0x30, 0x31, 0x2e, 0x32, 0x33, 0x34, 0x0d]);

describe('Toledo 8217 scale over a pseudo-terminal', () => {
  it('polls with W and reads the golden stable reply 02 30 31 2E 32 33 34 0D as 1234 g', async () => {
    const { driver, simulator } = await toledo();
    simulator.platter.place(1234);
    expect(Buffer.from(simulator.weightReply(), 'latin1')).toEqual(GOLDEN_1234);
    expect(await driver.stableReading(5000)).toMatchObject({ grams: 1234, unit: 'kg', shown: '01.234', state: 'stable', net: false });
    expect(simulator.heard).toContain('W');
    expect(driver.status()).toMatchObject({ kind: 'scale', state: 'online' });
  });

  it('decodes the golden bytes themselves when the scale sends them', async () => {
    const { simulator, reading } = await toledo();
    const zero = reading((next) => next.grams === 0);
    await zero;
    const golden = reading((next) => next.grams === 1234);
    simulator.replaceNextReply(GOLDEN_1234);
    expect(await golden).toMatchObject({ shown: '01.234', state: 'stable' });
  });

  it('reads pounds and net weights', async () => {
    const { driver, simulator } = await toledo({ unit: 'lb' }, { unit: 'lb' });
    simulator.platter.place(1234);
    expect(await driver.stableReading(5000)).toMatchObject({ grams: 1234, unit: 'lb', shown: '02.72' });
  });

  it('only resolves a stable reading once the platter settles, delivering the motion first', async () => {
    const { driver, simulator, reading } = await toledo();
    simulator.platter.place(750);
    simulator.platter.shake();
    const stable = driver.stableReading(10_000);
    expect(await reading((next) => next.state === 'motion')).toMatchObject({ grams: null });
    simulator.platter.settle();
    expect(await stable).toMatchObject({ grams: 750, state: 'stable' });
  });

  it.each([
    ['motion', (sim: Toledo8217Simulator) => sim.platter.shake(), /not stable/],
    ['overCapacity', (sim: Toledo8217Simulator) => sim.platter.overload(), /over the capacity/],
    ['underZero', (sim: Toledo8217Simulator) => sim.platter.liftBelowZero(), /under zero/],
    ['zeroError', (sim: Toledo8217Simulator) => sim.platter.failZero(), /zero/],
  ] as const)('refuses a stable reading while the scale reports %s, saying why', async (state, cause, message) => {
    const { driver, simulator, reading } = await toledo();
    simulator.platter.place(400);
    cause(simulator);
    expect(await reading((next) => next.state === state)).toMatchObject({ grams: null, state });
    const error = await failure(driver.stableReading(300));
    expect(error.reason).toBe(state);
    expect(error.message).toMatch(message);
  });

  it('refuses an empty platter for pricing unless zero is allowed', async () => {
    const { driver } = await toledo();
    expect((await failure(driver.stableReading(200))).reason).toBe('zero');
    expect(await driver.stableReading(2000, { allowZero: true })).toMatchObject({ grams: 0, state: 'stable' });
  });

  it('reads the same weights from replies in random small pieces with line noise between them', async () => {
    const { driver, simulator, errors } = await toledo({}, { byteTimeMs: 1, fragment: true, seed: 7 });
    simulator.platter.place(1234);
    expect(await driver.stableReading(5000)).toMatchObject({ grams: 1234 });
    await simulator.noise(Buffer.from([0x00, 0x13, 0x7f]));
    await simulator.noise(Buffer.from([0x00, 0x0d]));
    simulator.platter.place(2000);
    expect(await driver.stableReading(5000)).toMatchObject({ grams: 2000 });
    simulator.platter.place(15);
    expect(await driver.stableReading(5000)).toMatchObject({ grams: 15 });
    expect(errors.items).toEqual([]);
  });

  it('reports garbage where the digits belong, naming the bytes, and reads on', async () => {
    const { driver, simulator, errors, reading } = await toledo();
    simulator.platter.place(500);
    await reading((next) => next.grams === 500);
    simulator.replaceNextReply(Buffer.from('\x0201.2\x013\r', 'latin1'));
    const [error] = await errors.take(1);
    expect(error).toBeInstanceOf(ScaleError);
    expect(error?.message).toMatch(/neither a weight nor a status.*02 30 31 2e 32 01 33/);
    simulator.platter.place(600);
    expect(await driver.stableReading(5000)).toMatchObject({ grams: 600 });
  });

  it('says clearly that a port opened 8N1 does not match a 7E1 scale, instead of reading garbage', async () => {
    const { driver, simulator, errors } = await toledo({ dataBits: 8, parity: 'none' }, { parityBit: 'even' });
    simulator.platter.place(1234);
    const [reported] = await errors.take(1);
    expect(reported).toMatchObject({ reason: 'lineSettings' });
    expect(reported?.message).toMatch(/7 data bits with even parity \(7E1\)/);
    const error = await failure(driver.stableReading(500));
    expect(error.reason).toBe('lineSettings');
    expect(driver.status()).toMatchObject({ state: 'error' });
    expect(driver.status().detail).toMatch(/line settings do not match/);
  });

  it('says clearly that 8-bit bytes arrived on a port opened 7E1', async () => {
    const { driver, simulator, errors, reading } = await toledo();
    await reading((next) => next.grams === 0);
    simulator.replaceNextReply(Buffer.from([0x02, 0xb0, 0xb1, 0x2e, 0xb2, 0xb3, 0xb4, 0x0d]));
    const [error] = await errors.take(1);
    expect(error).toMatchObject({ reason: 'lineSettings' });
    expect(error?.message).toMatch(/bit 7 set arrived on a port opened 7E1.*8 data bits/);
    // The scale answers properly again: the fault clears with the first good reply.
    simulator.platter.place(321);
    expect(await driver.stableReading(5000)).toMatchObject({ grams: 321 });
    expect(driver.status().state).toBe('online');
  });

  it('zeroes and tares, confirming each by reading the weight back, and clears the tare', async () => {
    const { driver, simulator } = await toledo();
    simulator.platter.place(30);
    await driver.zero();
    expect(await driver.stableReading(2000, { allowZero: true })).toMatchObject({ grams: 0 });
    simulator.platter.place(530);
    await driver.tare();
    expect(simulator.heard).toEqual(expect.arrayContaining(['Z', 'T']));
    simulator.platter.place(1530);
    expect(await driver.stableReading(5000)).toMatchObject({ grams: 1000, net: true });
    await driver.clearTare();
    expect(await driver.stableReading(5000)).toMatchObject({ grams: 1530, net: false });
  });

  it('refuses to zero a loaded platter, outside the zero capture range', async () => {
    const { driver, simulator } = await toledo();
    simulator.platter.place(5000);
    await driver.stableReading(5000);
    const error = await failure(driver.zero());
    expect(error.reason).toBe('zeroError');
  });

  it('reports a scale that stops answering offline, reopens its port, and is online again once it answers', async () => {
    const { driver, simulator, pair } = await toledo({ replyTimeoutMs: 200, missedRepliesOffline: 2 });
    const opens = vi.spyOn(SerialPort.prototype, 'open');
    const reopened = (): number => opens.mock.contexts.filter((port) => port instanceof SerialPort && port.path === pair.posPath).length;
    const silent = nextEvent<ScaleDeviceEvents, 'status'>(driver, 'status', (status) => status.state === 'offline');
    simulator.muted = true;
    expect((await silent)[0].detail).toMatch(/no reply from the scale/);
    await expect.poll(reopened, { timeout: 5000 }).toBeGreaterThan(0);
    expect(['noReply', 'offline']).toContain((await failure(driver.readWeight())).reason);
    const back = nextEvent<ScaleDeviceEvents, 'status'>(driver, 'status', (status) => status.state === 'online');
    simulator.muted = false;
    await back;
    simulator.platter.place(99);
    expect(await driver.stableReading(5000)).toMatchObject({ grams: 99 });
  });

  it('detects an unplug in the middle of a reply, reconnects, and reads the right weight after', async () => {
    const { driver, simulator, pair, reading } = await toledo();
    simulator.platter.place(1234);
    await reading((next) => next.grams === 1234);
    simulator.replaceNextReply(Buffer.from('\x0201.2', 'latin1')); // the cable goes before the CR
    const heard = simulator.heardCount;
    await expect.poll(() => simulator.heardCount, { timeout: 5000 }).toBeGreaterThan(heard + 1);
    simulator.muted = true;
    const during = failure(driver.readWeight());
    const offline = nextEvent<ScaleDeviceEvents, 'status'>(driver, 'status', (status) => status.state === 'offline' && /disconnected/.test(status.detail));
    await simulator.close();
    await pair.kill();
    expect((await offline)[0].detail).toContain(pair.posPath);
    expect(['offline', 'noReply']).toContain((await during).reason);

    const online = nextEvent<ScaleDeviceEvents, 'status'>(driver, 'status', (status) => status.state === 'online');
    await pair.restart();
    await simulator.open();
    simulator.muted = false;
    await online;
    simulator.platter.place(2500);
    expect(await driver.stableReading(5000)).toMatchObject({ grams: 2500, shown: '02.500' });
  });

  it('delivers nothing and refuses requests while disabled', async () => {
    const { driver, readings } = await toledo();
    await driver.disable();
    const before = readings.items.length;
    expect((await failure(driver.readWeight())).reason).toBe('disabled');
    expect((await failure(driver.stableReading(100))).reason).toBe('disabled');
    expect(readings.items.length).toBe(before);
  });

  it('refuses bad options with the name of the field', () => {
    expect(() => new Toledo8217Scale({ name: 'x', path: '/dev/null', pollMs: 1 })).toThrow(/toledo-8217 scale options: pollMs/);
    expect(() => new Toledo8217Scale({ name: 'x', path: '' })).toThrow(/path/);
  });
});
