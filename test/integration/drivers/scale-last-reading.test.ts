import { describe, expect, it } from 'vitest';
import { MtSicsScale } from '../../../drivers/scale/mt-sics.ts';
import { MtSicsSimulator } from '../../../drivers/sim/mt-sics-sim.ts';
import { nextEvent } from '../../support/events.ts';
import { fast, scaleRigs, type ScaleDeviceEvents } from './scale-rig.ts';

const rig = scaleRigs(
  (path, options: object) => new MtSicsScale({ name: 'Scale', path, ...fast, ...options }),
  (path) => new MtSicsSimulator({ path, settleMs: 0 }),
);

describe('a scale keeps its current reading for late listeners', () => {
  it('answers the reading last delivered, which a listener added later would otherwise never see', async () => {
    const scale = await rig();
    scale.simulator.platter.place(1_250);
    const delivered = await scale.reading((reading) => reading.state === 'stable' && reading.grams === 1_250);
    expect(scale.driver.lastReading()).toEqual(delivered);
  });

  it('forgets the reading when the scale goes away, and reads it again once it is back', async () => {
    const scale = await rig();
    scale.simulator.platter.place(800);
    await scale.reading((reading) => reading.grams === 800);
    await scale.unplug();
    expect(scale.driver.lastReading()).toBeNull();
    const again = nextEvent<ScaleDeviceEvents, 'data'>(scale.driver, 'data', (reading) => reading.grams === 800);
    await scale.replug();
    await again;
    expect(scale.driver.lastReading()).toMatchObject({ grams: 800, state: 'stable' });
  });
});
