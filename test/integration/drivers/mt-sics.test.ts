import { describe, expect, it } from 'vitest';
import { MtSicsScale, type MtSicsOptions } from '../../../drivers/scale/mt-sics.ts';
import { MtSicsSimulator, type MtSicsSimOptions } from '../../../drivers/sim/mt-sics-sim.ts';
import { failure, fast, scaleRigs } from './scale-rig.ts';

const sics = scaleRigs(
  (path, options: Partial<MtSicsOptions>) => new MtSicsScale({ name: 'Bagging scale', path, ...fast, ...options }),
  (path, options: Partial<MtSicsSimOptions>) => new MtSicsSimulator({ path, byteTimeMs: 0, ...options }),
);

describe('MT-SICS scale over a pseudo-terminal', () => {
  it('polls with SI and reads the golden reply "S S     100.00 g"', async () => {
    const { driver, simulator, reading } = await sics();
    await reading((next) => next.grams === 0);
    const golden = reading((next) => next.grams === 100);
    simulator.replaceNextReply(Buffer.from('S S     100.00 g\r\n', 'latin1'));
    expect(await golden).toMatchObject({ unit: 'g', shown: '100.00', state: 'stable' });
    expect(simulator.heard).toContain('SI');
    simulator.platter.place(100);
    expect(simulator.immediateReply()).toBe('S S     100.00 g');
    expect(await driver.stableReading(5000)).toMatchObject({ grams: 100 });
  });

  it('reads kilograms, and live weight in motion as a motion reading with its weight', async () => {
    const { driver, simulator, reading } = await sics({}, { unit: 'kg' });
    simulator.platter.place(1234);
    simulator.platter.shake();
    expect(await reading((next) => next.state === 'motion')).toMatchObject({ grams: 1234, unit: 'kg', shown: '1.234' });
    simulator.platter.settle();
    expect(await driver.stableReading(5000)).toMatchObject({ grams: 1234, unit: 'kg', state: 'stable' });
  });

  it.each([
    ['overCapacity', (sim: MtSicsSimulator) => sim.platter.overload()],
    ['underZero', (sim: MtSicsSimulator) => sim.platter.liftBelowZero()],
  ] as const)('reports %s and refuses it as a stable reading', async (state, cause) => {
    const { driver, simulator, reading } = await sics();
    cause(simulator);
    expect(await reading((next) => next.state === state)).toMatchObject({ grams: null });
    expect((await failure(driver.stableReading(300))).reason).toBe(state);
  });

  it('names an error reply from the scale and reads on', async () => {
    const { driver, simulator, errors, reading } = await sics();
    await reading((next) => next.grams === 0);
    simulator.replaceNextReply(Buffer.from('ES\r\n', 'latin1'));
    const [error] = await errors.take(1);
    expect(error?.message).toMatch(/SI: the scale reports a syntax error \(ES\)/);
    simulator.platter.place(250);
    expect(await driver.stableReading(5000)).toMatchObject({ grams: 250 });
  });

  it('reads replies cut into random small pieces, with noise glued to the front of a line', async () => {
    const { driver, simulator, errors } = await sics({}, { byteTimeMs: 1, fragment: true, seed: 3 });
    simulator.platter.place(777);
    expect(await driver.stableReading(5000)).toMatchObject({ grams: 777 });
    await simulator.noise(Buffer.from([0x00, 0x13]));
    simulator.platter.place(778);
    expect(await driver.stableReading(5000)).toMatchObject({ grams: 778 });
    expect(errors.items).toEqual([]);
  });

  it('zeroes with Z and tares with T; later readings are net', async () => {
    const { driver, simulator } = await sics();
    simulator.platter.place(40);
    await driver.zero();
    expect(simulator.platter.view()).toMatchObject({ grossGrams: 0, centerOfZero: true });
    simulator.platter.place(300);
    await driver.tare();
    expect(simulator.platter.view()).toMatchObject({ tareGrams: 300, shownGrams: 0, net: true });
    simulator.platter.place(1300);
    expect(await driver.readWeight()).toMatchObject({ grams: 1000, net: true, state: 'stable' });
    expect(simulator.heard.filter((line) => line === 'Z' || line === 'T')).toEqual(['Z', 'T']);
  });

  it('refuses to zero while the platter moves (Z I) and outside the zero range (Z +)', async () => {
    const { driver, simulator } = await sics();
    simulator.platter.place(100);
    simulator.platter.shake();
    expect((await failure(driver.zero())).reason).toBe('refused');
    simulator.platter.place(5000);
    simulator.platter.settle();
    expect((await failure(driver.zero())).reason).toBe('zeroError');
  });

  it('says clearly that a 7E1 scale does not match a port opened 8N1', async () => {
    const { driver, errors } = await sics({}, { parityBit: 'even' });
    const [reported] = await errors.take(1);
    expect(reported?.message).toMatch(/7 data bits with even parity \(7E1\); set dataBits 7 and parity "even"/);
    expect((await failure(driver.stableReading(300, { allowZero: true }))).reason).toBe('lineSettings');
  });

  it('reconnects after an unplug and reads on', async () => {
    const { driver, simulator, unplug, replug } = await sics();
    await unplug();
    expect(driver.status().detail).toMatch(/disconnected|not found/);
    await replug();
    simulator.platter.place(42);
    expect(await driver.stableReading(5000)).toMatchObject({ grams: 42 });
  });
});
