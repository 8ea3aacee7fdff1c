// Bagging-area security at self-checkout (PROTOCOLS §2.7): the stable weight added after each scan
// is compared with the item's expected weight, and interventions are raised and cleared from the
// bagging scale's stable readings and the lane's events alone. Time arrives in the events, so the
// same events always give the same interventions.

export interface BaggingSettings {
  /** How long after its scan an item with an expected weight may take to reach the bagging area. */
  readonly settleWindowMs: number;
  /** Stable changes up to this size are drift, vibration or a receipt, not an item. */
  readonly noiseGrams: number;
}

export type BaggingEvent =
  /** A stable reading of the bagging scale, in grams. */
  | { readonly type: 'stableWeight'; readonly grams: number; readonly at: number }
  /** An item was scanned; `expectedGrams` null when its weight is not known (it is then learned from the scale). */
  | {
      readonly type: 'itemScanned';
      readonly lineId: string;
      readonly expectedGrams: number | null;
      readonly toleranceGrams: number;
      readonly at: number;
    }
  /** The attendant accepts what lies in the bagging area now: a shopper's own bag or a personal item. */
  | { readonly type: 'attendantAllowed'; readonly what: 'bag' | 'personalItem'; readonly at: number }
  /** The attendant lets an item stay out of the bagging area (too heavy or too large to bag). */
  | { readonly type: 'baggingSkipped'; readonly lineId: string; readonly at: number }
  | { readonly type: 'basketPaid'; readonly at: number }
  /** Time has passed; lets "item not bagged" fire without a reading or a scan. */
  | { readonly type: 'clock'; readonly at: number };

export type InterventionKind = 'unexpectedItem' | 'itemNotBagged' | 'itemRemoved';

export interface Intervention {
  readonly kind: InterventionKind;
  /** The line an "item not bagged" is about; null for the others. */
  readonly lineId: string | null;
  /** The unexplained change in grams (positive), or the expected weight of the item not bagged. */
  readonly grams: number;
  readonly since: number;
}

interface AwaitingItem {
  readonly lineId: string;
  readonly expectedGrams: number | null;
  readonly toleranceGrams: number;
  readonly scannedAt: number;
}

export interface BaggingState {
  /** `shopping` between the first scan and payment; `idle` otherwise, when the bagging area may change freely. */
  readonly phase: 'idle' | 'shopping';
  /** The stable weight explained so far (bagged items, allowed bags); null before the first reading. */
  readonly accountedGrams: number | null;
  readonly currentGrams: number | null;
  /** Items scanned and not yet seen in the bagging area, oldest first. */
  readonly awaiting: readonly AwaitingItem[];
  /** Open interventions: `unexpectedItem` and `itemRemoved` at most once each, `itemNotBagged` once per line. */
  readonly interventions: readonly Intervention[];
}

export interface BaggingStep {
  readonly state: BaggingState;
  readonly raised: readonly Intervention[];
  readonly cleared: readonly Intervention[];
}

/** Input that cannot describe a real scale or scan. */
export class BaggingInputError extends Error {
  override readonly name = 'BaggingInputError';
}

export const initialBagging: BaggingState = { phase: 'idle', accountedGrams: null, currentGrams: null, awaiting: [], interventions: [] };

function checkEvent(event: BaggingEvent, settings: BaggingSettings): void {
  const wholeAtLeast = (value: number, min: number, field: string): void => {
    if (!Number.isSafeInteger(value) || value < min) throw new BaggingInputError(`${event.type}: ${field} must be a whole number ≥ ${min}, got ${value}`);
  };
  if (!Number.isFinite(event.at)) throw new BaggingInputError(`${event.type}: at must be a time in milliseconds, got ${event.at}`);
  wholeAtLeast(settings.settleWindowMs, 0, 'settings.settleWindowMs');
  wholeAtLeast(settings.noiseGrams, 0, 'settings.noiseGrams');
  if (event.type === 'stableWeight' && !Number.isSafeInteger(event.grams)) {
    throw new BaggingInputError(`stableWeight: grams must be whole grams, got ${event.grams}`);
  }
  if (event.type === 'itemScanned') {
    if (event.lineId === '') throw new BaggingInputError('itemScanned: lineId is empty');
    if (event.expectedGrams !== null) wholeAtLeast(event.expectedGrams, 1, 'expectedGrams');
    wholeAtLeast(event.toleranceGrams, 0, 'toleranceGrams');
  }
}

/** Applies one event; returns the new state and the interventions it raised and cleared. */
export function applyBagging(state: BaggingState, event: BaggingEvent, settings: BaggingSettings): BaggingStep {
  checkEvent(event, settings);
  const next = reduce(state, event, settings);
  const withDeadlines = raiseNotBagged(next, event.at, settings);
  return diff(state, withDeadlines);
}

function reduce(state: BaggingState, event: BaggingEvent, settings: BaggingSettings): BaggingState {
  switch (event.type) {
    case 'stableWeight':
      return weighed(state, event.grams, event.at, settings);
    case 'itemScanned': {
      const item: AwaitingItem = { lineId: event.lineId, expectedGrams: event.expectedGrams, toleranceGrams: event.toleranceGrams, scannedAt: event.at };
      const shopping = state.phase === 'idle' ? { ...state, phase: 'shopping' as const, accountedGrams: state.currentGrams } : state;
      return { ...shopping, awaiting: [...shopping.awaiting.filter((waiting) => waiting.lineId !== event.lineId), item] };
    }
    case 'attendantAllowed':
      // The bag or personal item becomes part of what is explained.
      return {
        ...state,
        accountedGrams: state.currentGrams,
        interventions: state.interventions.filter((open) => open.kind !== 'unexpectedItem' && open.kind !== 'itemRemoved'),
      };
    case 'baggingSkipped':
      return {
        ...state,
        awaiting: state.awaiting.filter((item) => item.lineId !== event.lineId),
        interventions: state.interventions.filter((open) => !(open.kind === 'itemNotBagged' && open.lineId === event.lineId)),
      };
    case 'basketPaid':
      return { ...state, phase: 'idle', accountedGrams: state.currentGrams, awaiting: [], interventions: [] };
    case 'clock':
      return state;
    default: {
      const unreachable: never = event;
      throw new BaggingInputError(`unknown bagging event ${JSON.stringify(unreachable)}`);
    }
  }
}

/** A new stable weight: bag the items it explains, or raise what it cannot explain. */
function weighed(state: BaggingState, grams: number, at: number, settings: BaggingSettings): BaggingState {
  if (state.phase === 'idle' || state.accountedGrams === null) return { ...state, currentGrams: grams, accountedGrams: grams };
  const delta = grams - state.accountedGrams;
  const bagged = itemsExplaining(state.awaiting, delta, settings.noiseGrams);
  if (bagged > 0) {
    const gone = new Set(state.awaiting.slice(0, bagged).map((item) => item.lineId));
    return {
      ...state,
      currentGrams: grams,
      accountedGrams: grams,
      awaiting: state.awaiting.slice(bagged),
      interventions: state.interventions.filter(
        (open) => open.kind === 'itemNotBagged' ? !gone.has(open.lineId ?? '') : false,
      ),
    };
  }
  const settled = state.interventions.filter((open) => open.kind === 'itemNotBagged');
  if (Math.abs(delta) <= settings.noiseGrams) return { ...state, currentGrams: grams, interventions: settled };
  const kind: InterventionKind = delta > 0 ? 'unexpectedItem' : 'itemRemoved';
  const open = state.interventions.find((intervention) => intervention.kind === kind);
  return { ...state, currentGrams: grams, interventions: [...settled, { kind, lineId: null, grams: Math.abs(delta), since: open?.since ?? at }] };
}

/**
 * How many of the oldest awaiting items a stable change of `delta` grams explains: the first k
 * items whose expected weights add up to `delta` within their added tolerances (a shopper may bag
 * two scanned items together). An item with no expected weight is explained by any increase
 * beyond the noise, and is then the whole explanation.
 */
function itemsExplaining(awaiting: readonly AwaitingItem[], delta: number, noiseGrams: number): number {
  let expected = 0;
  let tolerance = 0;
  for (let count = 1; count <= awaiting.length; count += 1) {
    const item = awaiting[count - 1];
    if (!item) break;
    if (item.expectedGrams === null) return count === 1 && delta > noiseGrams ? 1 : 0;
    expected += item.expectedGrams;
    tolerance += item.toleranceGrams;
    if (Math.abs(delta - expected) <= tolerance) return count;
  }
  return 0;
}

/** Raises "item not bagged" for every item with an expected weight whose settle window has passed. */
function raiseNotBagged(state: BaggingState, at: number, settings: BaggingSettings): BaggingState {
  const late = state.awaiting.filter(
    (item) =>
      item.expectedGrams !== null &&
      at - item.scannedAt >= settings.settleWindowMs &&
      !state.interventions.some((open) => open.kind === 'itemNotBagged' && open.lineId === item.lineId),
  );
  if (late.length === 0) return state;
  const raised = late.map((item): Intervention => ({ kind: 'itemNotBagged', lineId: item.lineId, grams: item.expectedGrams ?? 0, since: at }));
  return { ...state, interventions: [...state.interventions, ...raised] };
}

const key = (intervention: Intervention): string => `${intervention.kind}:${intervention.lineId ?? ''}`;

function diff(before: BaggingState, after: BaggingState): BaggingStep {
  const was = new Set(before.interventions.map(key));
  const is = new Set(after.interventions.map(key));
  return {
    state: after,
    raised: after.interventions.filter((intervention) => !was.has(key(intervention))),
    cleared: before.interventions.filter((intervention) => !is.has(key(intervention))),
  };
}
