import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyBagging,
  BaggingInputError,
  initialBagging,
  type BaggingEvent,
  type BaggingSettings,
  type BaggingState,
  type Intervention,
} from '../../../main/checkout/bagging.ts';

const settings: BaggingSettings = { settleWindowMs: 4000, noiseGrams: 10 };

interface Run {
  readonly state: BaggingState;
  readonly raised: Intervention[];
  readonly cleared: Intervention[];
}

/** Applies events in order, collecting every intervention raised and cleared. */
function run(events: readonly BaggingEvent[], from: BaggingState = initialBagging, with_: BaggingSettings = settings): Run {
  let state = from;
  const raised: Intervention[] = [];
  const cleared: Intervention[] = [];
  for (const event of events) {
    const step = applyBagging(state, event, with_);
    state = step.state;
    raised.push(...step.raised);
    cleared.push(...step.cleared);
  }
  return { state, raised, cleared };
}

const kinds = (interventions: readonly Intervention[]): string[] => interventions.map((open) => `${open.kind}${open.lineId ? `:${open.lineId}` : ''}`);

const weight = (grams: number, at: number): BaggingEvent => ({ type: 'stableWeight', grams, at });
const scan = (lineId: string, expectedGrams: number | null, at: number, toleranceGrams = 20): BaggingEvent => ({
  type: 'itemScanned',
  lineId,
  expectedGrams,
  toleranceGrams,
  at,
});

describe('bagging area security, by example', () => {
  it('bags an item whose stable weight matches its expected weight within tolerance, raising nothing', () => {
    const { state, raised } = run([weight(0, 0), scan('L1', 500, 100), weight(512, 900)]);
    expect(raised).toEqual([]);
    expect(state.awaiting).toEqual([]);
    expect(state.accountedGrams).toBe(512);
  });

  it('raises "unexpected item" for weight added without a scan, and clears it when the item is taken away', () => {
    const added = run([weight(0, 0), weight(800, 1000)]);
    expect(kinds(added.raised)).toEqual([]); // nothing is checked before the first scan: the shopper may place bags
    const shopping = run([weight(0, 0), scan('L1', 500, 100), weight(500, 900), weight(1300, 2000)]);
    expect(shopping.raised).toEqual([{ kind: 'unexpectedItem', lineId: null, grams: 800, since: 2000 }]);
    const back = run([weight(505, 2500)], shopping.state);
    expect(kinds(back.cleared)).toEqual(['unexpectedItem']);
    expect(back.state.interventions).toEqual([]);
  });

  it('raises "item not bagged" once the settle window has passed, and clears it when the item arrives', () => {
    const waiting = run([weight(0, 0), scan('L1', 500, 1000), { type: 'clock', at: 4999 }]);
    expect(waiting.raised).toEqual([]);
    const late = run([{ type: 'clock', at: 5000 }, { type: 'clock', at: 6000 }], waiting.state);
    expect(late.raised).toEqual([{ kind: 'itemNotBagged', lineId: 'L1', grams: 500, since: 5000 }]);
    const bagged = run([weight(490, 7000)], late.state);
    expect(kinds(bagged.cleared)).toEqual(['itemNotBagged:L1']);
    expect(bagged.state.interventions).toEqual([]);
  });

  it('treats a weight outside the tolerance as an unexpected item, and the scanned item as still not bagged', () => {
    const { state, raised } = run([weight(0, 0), scan('L1', 500, 0), weight(900, 1000), { type: 'clock', at: 4000 }]);
    expect(kinds(raised)).toEqual(['unexpectedItem', 'itemNotBagged:L1']);
    expect(state.awaiting.map((item) => item.lineId)).toEqual(['L1']);
  });

  it("lets an attendant allow the shopper's own bag, which then counts as explained weight", () => {
    const { state, raised, cleared } = run([
      weight(0, 0),
      scan('L1', 500, 100),
      weight(500, 800),
      weight(560, 1500),
      { type: 'attendantAllowed', what: 'bag', at: 2000 },
      scan('L2', 1000, 2100),
      weight(1570, 3000),
    ]);
    expect(kinds(raised)).toEqual(['unexpectedItem']);
    expect(kinds(cleared)).toEqual(['unexpectedItem']);
    expect(state.interventions).toEqual([]);
    expect(state.accountedGrams).toBe(1570);
  });

  it('raises "item removed" when bagged weight leaves the area, and an allowed personal item may be taken back', () => {
    const removed = run([weight(0, 0), scan('L1', 500, 100), weight(500, 800), weight(0, 1500)]);
    expect(removed.raised).toEqual([{ kind: 'itemRemoved', lineId: null, grams: 500, since: 1500 }]);
    const allowed = run([{ type: 'attendantAllowed', what: 'personalItem', at: 1600 }], removed.state);
    expect(kinds(allowed.cleared)).toEqual(['itemRemoved']);
    expect(allowed.state.accountedGrams).toBe(0);
  });

  it('learns the weight of an item with no expected weight from the next increase, and never calls it not bagged', () => {
    const { state, raised } = run([weight(0, 0), scan('L1', null, 100), { type: 'clock', at: 60_000 }, weight(2345, 61_000)]);
    expect(raised).toEqual([]);
    expect(state.awaiting).toEqual([]);
    expect(state.accountedGrams).toBe(2345);
  });

  it('bags two scanned items put down together when their weights add up', () => {
    const { state, raised } = run([weight(0, 0), scan('L1', 500, 100), scan('L2', 300, 200), weight(795, 1000)]);
    expect(raised).toEqual([]);
    expect(state.awaiting).toEqual([]);
  });

  it('clears "item not bagged" when the attendant lets the item skip bagging', () => {
    const late = run([weight(0, 0), scan('L1', 20_000, 100), { type: 'clock', at: 4100 }]);
    expect(kinds(late.raised)).toEqual(['itemNotBagged:L1']);
    const skipped = run([{ type: 'baggingSkipped', lineId: 'L1', at: 5000 }], late.state);
    expect(kinds(skipped.cleared)).toEqual(['itemNotBagged:L1']);
    expect(skipped.state.awaiting).toEqual([]);
  });

  it('ignores drift within the noise band', () => {
    const { raised } = run([weight(0, 0), scan('L1', 500, 100), weight(500, 800), weight(508, 900), weight(493, 1000)]);
    expect(raised).toEqual([]);
  });

  it('clears everything at payment and lets the shopper take the bags away', () => {
    const { state, raised, cleared } = run([
      weight(0, 0),
      scan('L1', 500, 100),
      weight(1500, 800),
      { type: 'clock', at: 4500 },
      { type: 'basketPaid', at: 5000 },
      weight(0, 6000),
    ]);
    expect(kinds(raised)).toEqual(['unexpectedItem', 'itemNotBagged:L1']);
    expect(kinds(cleared)).toEqual(['unexpectedItem', 'itemNotBagged:L1']);
    expect(state).toMatchObject({ phase: 'idle', awaiting: [], interventions: [], accountedGrams: 0 });
  });

  it('refuses input no scale or scan could produce, naming the field', () => {
    expect(() => applyBagging(initialBagging, weight(1.5, 0), settings)).toThrow(BaggingInputError);
    expect(() => applyBagging(initialBagging, weight(1.5, 0), settings)).toThrow(/grams must be whole grams/);
    expect(() => applyBagging(initialBagging, scan('L1', -5, 0), settings)).toThrow(/expectedGrams/);
    expect(() => applyBagging(initialBagging, scan('L1', 500, 0, -1), settings)).toThrow(/toleranceGrams/);
    expect(() => applyBagging(initialBagging, scan('', 500, 0), settings)).toThrow(/lineId/);
    expect(() => applyBagging(initialBagging, { type: 'clock', at: 0 }, { settleWindowMs: -1, noiseGrams: 0 })).toThrow(/settleWindowMs/);
  });
});

/** An item as a test shopper handles it: its catalogue weight and tolerance, and what it really weighs. */
const item = fc
  .record({ expectedGrams: fc.integer({ min: 50, max: 5000 }), toleranceGrams: fc.integer({ min: 15, max: 100 }) })
  .chain((spec) =>
    fc.record({
      expectedGrams: fc.constant(spec.expectedGrams),
      toleranceGrams: fc.constant(spec.toleranceGrams),
      actualGrams: fc.integer({ min: Math.max(1, spec.expectedGrams - spec.toleranceGrams), max: spec.expectedGrams + spec.toleranceGrams }),
      bagAfterMs: fc.integer({ min: 0, max: settings.settleWindowMs - 1 }),
    }),
  );

type ShopperItem = { expectedGrams: number; toleranceGrams: number; actualGrams: number; bagAfterMs: number };

/** An honest shopper: every item bagged within its window at a weight within its tolerance. */
function honest(items: readonly ShopperItem[], start: number): BaggingEvent[] {
  const events: BaggingEvent[] = [weight(start, 0)];
  let at = 10;
  let total = start;
  items.forEach((current, index) => {
    events.push(scan(`L${index}`, current.expectedGrams, at, current.toleranceGrams));
    at += current.bagAfterMs;
    total += current.actualGrams;
    events.push({ type: 'clock', at }, weight(total, at));
    at += 1;
  });
  return events;
}

describe('bagging area security, by property', () => {
  it('an honest shopper is never interrupted', () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 25 }), fc.integer({ min: 0, max: 2000 }), (items, start) => {
        const { state, raised } = run(honest(items, start));
        expect(raised).toEqual([]);
        expect(state.awaiting).toEqual([]);
        expect(state.accountedGrams).toBe(start + items.reduce((sum, current) => sum + current.actualGrams, 0));
      }),
    );
  });

  it('weight added without a scan is always flagged, and taking it away always clears the flag', () => {
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 10 }), fc.integer({ min: settings.noiseGrams + 1, max: 20_000 }), (items, extra) => {
        const shopping = run(honest(items, 0));
        const total = shopping.state.currentGrams ?? 0;
        const added = run([weight(total + extra, 1_000_000)], shopping.state);
        expect(added.raised).toEqual([{ kind: 'unexpectedItem', lineId: null, grams: extra, since: 1_000_000 }]);
        const taken = run([weight(total, 1_000_100)], added.state);
        expect(kinds(taken.cleared)).toEqual(['unexpectedItem']);
        expect(taken.state.interventions).toEqual([]);
      }),
    );
  });

  it('an item whose weight is off by more than its tolerance is never counted as bagged', () => {
    fc.assert(
      fc.property(item, fc.integer({ min: 1, max: 3000 }), fc.boolean(), (current, beyond, heavier) => {
        const off = current.toleranceGrams + beyond;
        const actual = heavier ? current.expectedGrams + off : current.expectedGrams - off;
        fc.pre(actual > settings.noiseGrams);
        const { state, raised } = run([weight(0, 0), scan('L1', current.expectedGrams, 10, current.toleranceGrams), weight(actual, 20)]);
        expect(kinds(raised)).toEqual(['unexpectedItem']);
        expect(state.awaiting.map((waiting) => waiting.lineId)).toEqual(['L1']);
      }),
    );
  });

  it('"item not bagged" is raised exactly when the window has passed without the item, and only once', () => {
    fc.assert(
      fc.property(item, fc.array(fc.integer({ min: 0, max: 3 * settings.settleWindowMs }), { maxLength: 8 }), (current, ticks) => {
        const sorted = [...ticks].sort((a, b) => a - b);
        const { raised } = run([weight(0, 0), scan('L1', current.expectedGrams, 0, current.toleranceGrams), ...sorted.map((at): BaggingEvent => ({ type: 'clock', at }))]);
        const due = sorted.find((at) => at >= settings.settleWindowMs);
        expect(raised).toEqual(due === undefined ? [] : [{ kind: 'itemNotBagged', lineId: 'L1', grams: current.expectedGrams, since: due }]);
      }),
    );
  });

  const anyEvent: fc.Arbitrary<(at: number) => BaggingEvent> = fc.oneof(
    fc.integer({ min: -500, max: 20_000 }).map((grams) => (at: number): BaggingEvent => weight(grams, at)),
    fc
      .record({ line: fc.integer({ min: 1, max: 5 }), expected: fc.option(fc.integer({ min: 1, max: 5000 })), tolerance: fc.integer({ min: 0, max: 100 }) })
      .map(({ line, expected, tolerance }) => (at: number): BaggingEvent => scan(`L${line}`, expected, at, tolerance)),
    fc.constantFrom<'bag' | 'personalItem'>('bag', 'personalItem').map((what) => (at: number): BaggingEvent => ({ type: 'attendantAllowed', what, at })),
    fc.integer({ min: 1, max: 5 }).map((line) => (at: number): BaggingEvent => ({ type: 'baggingSkipped', lineId: `L${line}`, at })),
    fc.constant((at: number): BaggingEvent => ({ type: 'basketPaid', at })),
    fc.constant((at: number): BaggingEvent => ({ type: 'clock', at })),
  );
  const anyEvents = fc
    .array(fc.tuple(anyEvent, fc.integer({ min: 0, max: 3000 })), { maxLength: 40 })
    .map((steps) => {
      let at = 0;
      return steps.map(([make, gap]) => make((at += gap)));
    });

  it('raises and clears deterministically: replaying the same events gives the same steps', () => {
    fc.assert(
      fc.property(anyEvents, (events) => {
        expect(run(events)).toEqual(run(events));
      }),
    );
  });

  it('keeps its books: only open interventions are cleared, the open set is what was raised less what was cleared, and payment leaves none', () => {
    fc.assert(
      fc.property(anyEvents, (events) => {
        let state = initialBagging;
        const open = new Map<string, Intervention>();
        for (const event of events) {
          const step = applyBagging(state, event, settings);
          for (const cleared of step.cleared) {
            expect(open.has(`${cleared.kind}:${cleared.lineId}`)).toBe(true);
            open.delete(`${cleared.kind}:${cleared.lineId}`);
          }
          for (const raised of step.raised) {
            expect(open.has(`${raised.kind}:${raised.lineId}`)).toBe(false);
            open.set(`${raised.kind}:${raised.lineId}`, raised);
          }
          state = step.state;
          expect(new Set(state.interventions.map((intervention) => `${intervention.kind}:${intervention.lineId}`))).toEqual(new Set(open.keys()));
          if (event.type === 'basketPaid') expect(state.interventions).toEqual([]);
          expect(state.interventions.filter((intervention) => intervention.kind !== 'itemNotBagged').length).toBeLessThanOrEqual(1);
        }
      }),
    );
  });
});
