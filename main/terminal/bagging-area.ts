import type { BaggingView, TerminalState } from '../../common/api/contract.ts';
import { TerminalError } from '../../common/api/result.ts';
import { isStable, type Scale, type ScaleReading } from '../../drivers/scale/scale.ts';
import { applyBagging, BaggingInputError, initialBagging, type BaggingEvent, type BaggingSettings, type BaggingState } from '../checkout/bagging.ts';
import type { Logger } from './log.ts';

/**
 * Stable changes up to 20 g are drift, vibration or a receipt; an item with no known weight has
 * ten seconds to reach the bagging area (only used once the catalog carries expected weights).
 */
export const BAGGING_SETTINGS: BaggingSettings = { settleWindowMs: 10_000, noiseGrams: 20 };

export interface BaggingAreaOptions {
  readonly scale: Scale;
  readonly settings?: BaggingSettings;
  /** Epoch milliseconds. */
  readonly now: () => number;
  /** The interventions changed: the lane shows its state again. */
  readonly changed: () => void;
  readonly log: Logger;
}

/**
 * The self-checkout bagging area: the security scale's stable readings and the lane's added lines
 * go into `applyBagging`; its open interventions are shown on screen and hold back payment until
 * the weight comes right or an attendant accepts what lies there. The catalog carries no item
 * weights yet, so every item's weight is learned from the scale (any stable increase bags it).
 */
export class BaggingArea {
  readonly #options: BaggingAreaOptions;
  readonly #settings: BaggingSettings;
  #state: BaggingState = initialBagging;
  /** Each line's quantity when last seen: a new line, or more of one, is an item to bag. */
  #seen = new Map<string, number>();
  #basketId: string | null = null;

  constructor(options: BaggingAreaOptions) {
    this.#options = options;
    this.#settings = options.settings ?? BAGGING_SETTINGS;
    const weighed = (reading: ScaleReading): void => {
      if (isStable(reading)) this.#apply({ type: 'stableWeight', grams: reading.grams, at: options.now() });
    };
    options.scale.on('data', weighed);
    // The scale delivers a reading only when it changes: start from what lies there already.
    const current = options.scale.lastReading();
    if (current) weighed(current);
  }

  /** Starts from a basket resumed after a restart: its lines are taken as bagged already. */
  resume(state: TerminalState): void {
    this.#basketId = state.basket?.basketId ?? null;
    this.#seen = new Map((state.basket?.lines ?? []).map((line) => [line.lineId, line.quantity]));
  }

  /** Follows the lane: items added since the last state are to be bagged; a finished basket ends the watch. */
  observe(state: TerminalState): void {
    const basket = state.phase === 'shopping' || state.phase === 'paying' ? state.basket : null;
    if (!basket || basket.basketId !== this.#basketId) {
      if (this.#state.phase === 'shopping') this.#apply({ type: 'basketPaid', at: this.#options.now() });
      this.#basketId = basket?.basketId ?? null;
      this.#seen = new Map();
    }
    if (!basket) return;
    for (const line of basket.lines) {
      const before = this.#seen.get(line.lineId) ?? 0;
      this.#seen.set(line.lineId, line.quantity);
      // A weighed line's quantity is grams, set once; a counted line grows by one per scan.
      if (line.quantity > before) this.#apply({ type: 'itemScanned', lineId: line.lineId, expectedGrams: null, toleranceGrams: 0, at: this.#options.now() });
    }
  }

  /** The attendant accepts what lies in the bagging area now (a shopper's own bag or a personal item). */
  allow(what: 'bag' | 'personalItem'): void {
    if (this.#state.interventions.length === 0 && this.#state.phase === 'idle') {
      throw new TerminalError('NO_OPEN_BASKET', 'nothing in the bagging area needs accepting: no basket is open');
    }
    this.#apply({ type: 'attendantAllowed', what, at: this.#options.now() });
  }

  /**
   * The attendant clears every open alert: what lies in the bagging area is accepted as it is,
   * and items not bagged are let through (too big or too heavy to bag).
   */
  clear(): void {
    const open = this.#state.interventions;
    if (open.length === 0) throw new TerminalError('INVALID_INPUT', 'no bagging alert is open on this lane');
    const at = this.#options.now();
    if (open.some((alert) => alert.kind !== 'itemNotBagged')) this.#apply({ type: 'attendantAllowed', what: 'personalItem', at });
    for (const alert of open) if (alert.kind === 'itemNotBagged' && alert.lineId !== null) this.#apply({ type: 'baggingSkipped', lineId: alert.lineId, at });
  }

  view(): BaggingView {
    return { interventions: this.#state.interventions.map(({ kind, lineId, grams }) => ({ kind, lineId, grams })) };
  }

  /** Refuses payment while an intervention is open. */
  assertClear(): void {
    const open = this.#state.interventions[0];
    if (!open) return;
    const what = open.kind === 'unexpectedItem' ? `an unexpected item (${open.grams} g)` : open.kind === 'itemRemoved' ? `an item removed (${open.grams} g)` : 'an item not bagged';
    throw new TerminalError('BAGGING_INTERVENTION', `the bagging area shows ${what}; it must be cleared before paying`);
  }

  #apply(event: BaggingEvent): void {
    try {
      const step = applyBagging(this.#state, event, this.#settings);
      this.#state = step.state;
      for (const raised of step.raised) this.#options.log.info({ kind: raised.kind, grams: raised.grams, lineId: raised.lineId }, 'bagging intervention raised');
      for (const cleared of step.cleared) this.#options.log.info({ kind: cleared.kind, lineId: cleared.lineId, by: event.type }, 'bagging intervention cleared');
      if (step.raised.length > 0 || step.cleared.length > 0) this.#options.changed();
    } catch (error) {
      if (!(error instanceof BaggingInputError)) throw error;
      this.#options.log.warn({ err: error.message }, 'bagging event refused');
    }
  }
}
