import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TerminalError } from '../../../common/api/result.ts';
import type { Ledger } from '../../../main/ledger/ledger.ts';
import type { Lane } from '../../../main/terminal/lane.ts';
import { scanOrWeigh } from '../../../main/terminal/weighing.ts';
import { Toledo8217Scale } from '../../../drivers/scale/toledo-8217.ts';
import { Toledo8217Simulator } from '../../../drivers/sim/toledo-8217-sim.ts';
import { fast, scaleRig, type ScaleRig } from '../drivers/scale-rig.ts';
import { useTempDir } from '../../unit/ledger/temp-dir.ts';
import { demoLane, nextRequest } from './demo-lane.ts';

const BANANAS = '4011'; // 1.32/kg
const COLA = '036000291452';

const dir = useTempDir();
let rig: ScaleRig<Toledo8217Scale, Toledo8217Simulator>;
let lane: Lane;
let ledger: Ledger;

beforeEach(async () => {
  ({ lane, ledger } = demoLane(dir(), 'self-checkout'));
  rig = await scaleRig(
    (path) => new Toledo8217Scale({ name: 'Produce scale', path, ...fast }),
    (path) => new Toledo8217Simulator({ path }),
  );
});

afterEach(async () => {
  await rig.dispose();
  ledger.close();
});

const weigh = (code: string, quantity?: number): ReturnType<typeof scanOrWeigh> =>
  scanOrWeigh(lane, rig.driver, { code, source: 'keyed', requestId: nextRequest(), quantity }, 300);

async function refusal(promise: Promise<unknown>): Promise<TerminalError> {
  return promise.then(
    () => {
      throw new Error('expected the scan to be refused');
    },
    (error: unknown) => error as TerminalError,
  );
}

describe('an item sold by weight is priced from a stable reading of the pricing scale', () => {
  it('adds the keyed produce code with the weight on the platter', async () => {
    rig.simulator.platter.place(1250);
    const line = (await weigh(BANANAS)).basket?.lines[0];
    expect(line).toMatchObject({ itemId: 'bananas', soldBy: 'weight', quantity: 1250, extendedPrice: 165 });
  });

  it('scans an item sold by each without asking the scale', async () => {
    rig.simulator.platter.overload();
    expect((await weigh(COLA)).basket?.lines.map((line) => line.itemId)).toEqual(['cola-12-pack-12-fl-oz-cans']);
  });

  it('refuses a swinging platter, an empty one, a negative and an overloaded one, adding nothing', async () => {
    rig.simulator.platter.place(800);
    rig.simulator.platter.shake();
    expect(await refusal(weigh(BANANAS))).toMatchObject({ code: 'WEIGHT_NOT_STABLE' });
    rig.simulator.platter.settle();
    rig.simulator.platter.remove();
    expect(await refusal(weigh(BANANAS))).toMatchObject({ code: 'NEEDS_WEIGHT' });
    rig.simulator.platter.liftBelowZero();
    expect(await refusal(weigh(BANANAS))).toMatchObject({ code: 'SCALE_UNDER_ZERO' });
    rig.simulator.platter.overload();
    expect(await refusal(weigh(BANANAS))).toMatchObject({ code: 'SCALE_OVER_CAPACITY' });
    expect(lane.state().basket).toBeNull();
  });

  it('refuses a weighed item on a lane without a pricing scale, and a quantity for it', async () => {
    const noScale = scanOrWeigh(lane, null, { code: BANANAS, source: 'keyed', requestId: nextRequest() });
    expect(await refusal(noScale)).toMatchObject({ code: 'SCALE_UNAVAILABLE' });
    rig.simulator.platter.place(500);
    expect(await refusal(weigh(BANANAS, 3))).toMatchObject({ code: 'INVALID_INPUT', field: 'quantity' });
  });

  it('reports a scale that has gone away', async () => {
    await rig.unplug();
    expect(await refusal(weigh(BANANAS))).toMatchObject({ code: 'SCALE_UNAVAILABLE' });
  });
});
