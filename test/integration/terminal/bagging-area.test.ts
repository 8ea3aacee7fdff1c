import { EventEmitter } from 'node:events';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BaggingView } from '../../../common/api/contract.ts';
import { Toledo8217Scale } from '../../../drivers/scale/toledo-8217.ts';
import { Toledo8217Simulator } from '../../../drivers/sim/toledo-8217-sim.ts';
import type { Ledger } from '../../../main/ledger/ledger.ts';
import { BaggingArea } from '../../../main/terminal/bagging-area.ts';
import type { Lane } from '../../../main/terminal/lane.ts';
import { fast, scaleRig, type ScaleRig } from '../drivers/scale-rig.ts';
import { useTempDir } from '../../unit/ledger/temp-dir.ts';
import { demoLane, nextRequest } from './demo-lane.ts';

const COLA = '036000291452';

const dir = useTempDir();
let rig: ScaleRig<Toledo8217Scale, Toledo8217Simulator>;
let lane: Lane;
let ledger: Ledger;
let bagging: BaggingArea;
const changes = new EventEmitter<{ changed: [] }>();

beforeEach(async () => {
  rig = await scaleRig(
    (path) => new Toledo8217Scale({ name: 'Bagging scale', path, ...fast }),
    (path) => new Toledo8217Simulator({ path }),
  );
  ({ lane, ledger } = demoLane(dir(), 'self-checkout'));
  let clock = 0;
  bagging = new BaggingArea({ scale: rig.driver, now: () => (clock += 100), changed: () => changes.emit('changed'), log: pino({ level: 'silent' }) });
  lane.on('state', (state) => bagging.observe(state));
});

afterEach(async () => {
  changes.removeAllListeners();
  await rig.dispose();
  ledger.close();
});

/** Resolves once the bagging area's view passes `accept` (checked now and at each change). */
function until(accept: (view: BaggingView) => boolean): Promise<BaggingView> {
  return new Promise((resolve) => {
    const check = (): void => {
      const view = bagging.view();
      if (!accept(view)) return;
      changes.off('changed', check);
      resolve(view);
    };
    changes.on('changed', check);
    check();
  });
}

/** Puts `grams` on the bagging scale and waits until the driver has read it as a stable weight. */
async function load(grams: number): Promise<void> {
  rig.simulator.platter.place(grams);
  await rig.reading((reading) => reading.state === 'stable' && reading.grams === grams);
}

const kinds = (view: BaggingView): string[] => view.interventions.map((intervention) => intervention.kind);

describe('the bagging area guards a self-checkout sale', () => {
  it('bags a scanned item by its weight, with no intervention', async () => {
    await load(0);
    lane.scan(COLA, 'scanner', nextRequest());
    await load(4_300);
    expect(bagging.view().interventions).toEqual([]);
    expect(() => bagging.assertClear()).not.toThrow();
  });

  it('raises an unexpected item that blocks payment, and clears it when the weight comes right', async () => {
    await load(0);
    lane.scan(COLA, 'scanner', nextRequest());
    await load(4_300);
    await load(4_900);
    expect(kinds(await until((view) => view.interventions.length > 0))).toEqual(['unexpectedItem']);
    expect(bagging.view().interventions[0]?.grams).toBe(600);
    expect(() => bagging.assertClear()).toThrowError(expect.objectContaining({ code: 'BAGGING_INTERVENTION' }) as Error);
    await load(4_300);
    expect(await until((view) => view.interventions.length === 0)).toEqual({ interventions: [] });
  });

  it('lets the attendant accept a shopper’s own bag, and ends the watch when the basket is gone', async () => {
    await load(0);
    lane.scan(COLA, 'scanner', nextRequest());
    await load(150);
    // Scanned items learn their weight from the scale, so a bag is only unexpected when nothing waits.
    await load(450);
    await until((view) => kinds(view).includes('unexpectedItem'));
    bagging.allow('bag');
    expect(bagging.view().interventions).toEqual([]);
    await load(460); // within the noise allowance
    await lane.cancel(nextRequest());
    await load(0); // the shopper takes everything away after the sale: no intervention
    expect(bagging.view().interventions).toEqual([]);
  });

  it('sees items removed from the bagging area', async () => {
    await load(0);
    lane.scan(COLA, 'scanner', nextRequest());
    await load(4_300);
    await load(1_000);
    expect(kinds(await until((view) => view.interventions.length > 0))).toEqual(['itemRemoved']);
  });

  it('starts from the weight already on the scale when it is set up after the scale was read', async () => {
    await load(300); // a bag lies there before the bagging area starts watching
    const late = new BaggingArea({ scale: rig.driver, now: () => Date.now(), changed: () => changes.emit('changed'), log: pino({ level: 'silent' }) });
    lane.on('state', (state) => late.observe(state));
    lane.scan(COLA, 'scanner', nextRequest());
    await load(4_600); // the cola: 4 300 g over the bag
    await load(5_200); // and 600 g nobody scanned
    await until(() => late.view().interventions.length > 0);
    expect(late.view().interventions).toEqual([{ kind: 'unexpectedItem', lineId: null, grams: 600 }]);
  });
});
