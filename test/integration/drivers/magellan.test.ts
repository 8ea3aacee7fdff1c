import { describe, expect, it } from 'vitest';
import { MagellanScannerScale, type MagellanEvents, type MagellanOptions } from '../../../drivers/scale/magellan.ts';
import { MagellanSimulator, type MagellanSimOptions } from '../../../drivers/sim/magellan-sim.ts';
import { collect } from '../../support/events.ts';
import { failure, fast, scaleRigs } from './scale-rig.ts';

const rigs = scaleRigs(
  (path, options: Partial<MagellanOptions>) => new MagellanScannerScale({ name: 'Scanner-scale', path, ...fast, ...options }),
  (path, options: Partial<MagellanSimOptions>) => new MagellanSimulator({ path, byteTimeMs: 0, ...options }),
);

async function magellan(driver: Partial<MagellanOptions> = {}, device: Partial<MagellanSimOptions> = {}) {
  const rig = await rigs(driver, device);
  return { ...rig, scans: collect<MagellanEvents, 'scan'>(rig.driver, 'scan') };
}

describe('Magellan scanner-scale over a pseudo-terminal', () => {
  it('reads the golden label S08A036000291452 as a UPC-A scan', async () => {
    const { simulator, scans } = await magellan();
    await simulator.noise(Buffer.from('S08A036000291452\r', 'latin1'));
    expect(await scans.take(1)).toEqual([{ code: '036000291452', symbology: 'upc-a', aim: null, source: 'scanner', device: 'Scanner-scale' }]);
  });

  it('polls with S14 and reads 5-digit kilogram and 4-digit pound weights without a decimal point', async () => {
    const kg = await magellan();
    kg.simulator.platter.place(1234);
    expect(kg.simulator.statusReply()).toBe('S14401234');
    expect(await kg.driver.stableReading(5000)).toMatchObject({ grams: 1234, unit: 'kg', shown: '01.234' });
    expect(kg.simulator.heard).toContain('S14');
    const lb = await magellan({}, { unit: 'lb' });
    lb.simulator.platter.place(1234);
    expect(lb.simulator.statusReply()).toBe('S1440272');
    expect(await lb.driver.stableReading(5000)).toMatchObject({ grams: 1234, unit: 'lb', shown: '02.72' });
  });

  it.each([
    ['zeroError', 'S140', (sim: MagellanSimulator) => sim.platter.failZero()],
    ['motion', 'S141', (sim: MagellanSimulator) => sim.platter.shake()],
    ['overCapacity', 'S142', (sim: MagellanSimulator) => sim.platter.overload()],
    ['underZero', 'S145', (sim: MagellanSimulator) => sim.platter.liftBelowZero()],
  ] as const)('reports %s (%s) and refuses it as a stable reading', async (state, frame, cause) => {
    const { driver, simulator, reading } = await magellan();
    simulator.platter.place(500);
    cause(simulator);
    expect(simulator.statusReply()).toBe(frame);
    expect(await reading((next) => next.state === state)).toMatchObject({ grams: null });
    expect((await failure(driver.stableReading(300))).reason).toBe(state);
  });

  it('reads a stable zero (S143)', async () => {
    const { driver } = await magellan();
    expect(await driver.stableReading(5000, { allowZero: true })).toMatchObject({ grams: 0, state: 'stable' });
  });

  it('keeps scans and weights apart when labels arrive between requests and replies, in small pieces', async () => {
    const { driver, simulator, scans, errors } = await magellan({}, { byteTimeMs: 1, fragment: true, seed: 11 });
    simulator.platter.place(2000);
    const codes = ['4006381333931', '036000291452', '96385074', 'LANE-7'];
    const scanning = (async () => {
      for (const code of codes) await simulator.scan(code);
    })();
    expect(await driver.stableReading(5000)).toMatchObject({ grams: 2000 });
    await scanning;
    expect((await scans.take(codes.length)).map((scan) => scan.code)).toEqual(codes);
    expect(errors.items).toEqual([]);
  });

  it('reports an unreadable label and scans on', async () => {
    const { simulator, scans, errors } = await magellan();
    await simulator.noise(Buffer.from('S08F4006381333932\r', 'latin1'));
    await simulator.scan('4006381333931');
    expect((await scans.take(1)).map((scan) => scan.code)).toEqual(['4006381333931']);
    expect((await errors.take(1))[0]?.message).toMatch(/unreadable label.*not a valid/);
  });

  it('has no zero or tare command', async () => {
    const { driver } = await magellan();
    expect(driver.capabilities).toEqual({ zero: false, tare: false });
    expect((await failure(driver.zero())).reason).toBe('unsupported');
    expect((await failure(driver.tare())).reason).toBe('unsupported');
  });

  it('says clearly that a 7O1 scanner-scale does not match a port opened 8N1', async () => {
    const { driver, simulator, errors } = await magellan({ dataBits: 8, parity: 'none' }, { parityBit: 'odd' });
    simulator.platter.place(900);
    const [reported] = await errors.take(1);
    expect(reported?.message).toMatch(/7 data bits with odd parity \(7O1\)/);
    expect(driver.status().state).toBe('error');
  });

  it('reconnects after an unplug, and scans and weighs on', async () => {
    const { driver, simulator, scans, unplug, replug } = await magellan();
    await unplug();
    await replug();
    await simulator.scan('4006381333931');
    simulator.platter.place(321);
    expect(await driver.stableReading(5000)).toMatchObject({ grams: 321 });
    expect((await scans.take(1)).map((scan) => scan.code)).toEqual(['4006381333931']);
  });

  it('speaks the NCR variant: S14 goes out in STX … ETX, and weights and labels come back framed the same way', async () => {
    const { driver, simulator, scans } = await magellan({ framing: 'stx-etx' }, { framing: 'stx-etx' });
    await simulator.noise(Buffer.from('\x02S08F4006381333931\x03', 'latin1'));
    expect((await scans.take(1)).map((scan) => [scan.code, scan.symbology])).toEqual([['4006381333931', 'ean-13']]);
    simulator.platter.place(750);
    expect(await driver.stableReading(5000)).toMatchObject({ grams: 750, unit: 'kg' });
    expect(simulator.heard).toContain('S14');
    expect(simulator.labelFrame('036000291452')).toBe('\x02S08A036000291452\x03');
  });

  it('hears nothing from a CR-framed scanner-scale when configured for the NCR variant, and says the scale does not answer', async () => {
    const { driver } = await magellan({ framing: 'stx-etx' }, { framing: 'cr' });
    expect((await failure(driver.stableReading(1500))).reason).toBe('noReply');
  });
});
