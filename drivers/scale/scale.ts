import type { Device, DeviceEvents } from '../device.ts';

/** The weight units scales show; every reading also carries whole grams. */
export type WeightUnit = 'g' | 'kg' | 'lb' | 'oz';

/**
 * What the scale says about its platter. Only `stable` may price an item (PROTOCOLS §2.7):
 * `motion` is a live weight, `underZero` a negative one, `overCapacity` beyond the load cell's
 * range, `zeroError` a scale that cannot find or hold its zero, `notReady` a scale that
 * answered without a weight and without saying why.
 */
export type ScaleState = 'stable' | 'motion' | 'underZero' | 'overCapacity' | 'zeroError' | 'notReady';

export interface ScaleReading {
  /**
   * Whole grams, converted once from the scale's own unit and resolution (half a gram away from
   * zero rounds outwards); null when the scale reported a state without a weight.
   */
  readonly grams: number | null;
  /** The unit the scale shows. */
  readonly unit: WeightUnit;
  /** The weight exactly as the scale sent it (`01.234`), for the display and the audit trail; '' without one. */
  readonly shown: string;
  readonly state: ScaleState;
  /** True when the scale reports a net weight (a tare is in use). */
  readonly net: boolean;
  /** Epoch milliseconds at which the driver decoded the reply. */
  readonly at: number;
}

/** A stable reading: the only kind that may price an item. */
export type StableReading = ScaleReading & { readonly state: 'stable'; readonly grams: number };

/** Why a scale request gave no usable weight. */
export type ScaleFailure =
  | Exclude<ScaleState, 'stable'>
  | 'zero'
  | 'noReply'
  | 'offline'
  | 'disabled'
  | 'unsupported'
  | 'refused'
  | 'lineSettings'
  | 'protocol';

const explanations: Readonly<Record<ScaleFailure, string>> = {
  motion: 'the weight is not stable (the platter is in motion)',
  underZero: 'the scale is under zero',
  overCapacity: 'the load is over the capacity of the scale',
  zeroError: 'the scale cannot find or hold its zero',
  notReady: 'the scale gave no weight',
  zero: 'nothing is on the scale',
  noReply: 'the scale did not reply',
  offline: 'the scale is not connected',
  disabled: 'the scale is not enabled',
  unsupported: 'the scale does not support this command',
  refused: 'the scale refused the command',
  lineSettings: 'the serial line settings do not match the scale',
  protocol: 'the scale sent a reply that is not in its protocol',
};

/** A weight request that failed; `reason` is stable for the UI to translate. */
export class ScaleError extends Error {
  override readonly name = 'ScaleError';
  readonly reason: ScaleFailure;

  constructor(scale: string, reason: ScaleFailure, detail?: string) {
    super(`${scale}: ${explanations[reason]}${detail ? ` (${detail})` : ''}`);
    this.reason = reason;
  }
}

/** Which commands a scale offers beyond reading weight (UnifiedPOS CapZeroScale, CapTareWeight). */
export interface ScaleCapabilities {
  readonly zero: boolean;
  readonly tare: boolean;
}

export type ScaleEvents = DeviceEvents<ScaleReading>;

/**
 * A scale as the terminal sees it, whatever its protocol. While enabled it polls and emits `data`
 * whenever the reading changes (state, weight or net flag).
 */
export interface Scale extends Device<ScaleEvents> {
  readonly capabilities: ScaleCapabilities;
  /**
   * The reading last delivered while enabled (the scale's current state, since a reading is
   * delivered on every change), or null before the first one and after the link went down. A
   * listener that subscribes late starts from it instead of waiting for the next change.
   */
  lastReading(): ScaleReading | null;
  /** Asks the scale once and resolves with what it says, whatever the state. */
  readWeight(): Promise<ScaleReading>;
  /**
   * Polls until the scale reports a stable, legal, non-zero weight (zero too with `allowZero`),
   * or rejects with a `ScaleError` naming the last thing that stood in the way once `timeoutMs`
   * has passed.
   */
  stableReading(timeoutMs: number, options?: { readonly allowZero?: boolean }): Promise<StableReading>;
  /** Sets the scale to zero; rejects with a `ScaleError` when the scale cannot. */
  zero(): Promise<void>;
  /** Tares the load on the platter; later readings are net. */
  tare(): Promise<void>;
}

export function isStable(reading: ScaleReading): reading is StableReading {
  return reading.state === 'stable' && reading.grams !== null;
}
