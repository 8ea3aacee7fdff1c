// The physical side of a simulated scale, in grams and time (PROTOCOLS §8.5): what lies on the
// platter, whether it still swings, the zero point and the tare. Protocol simulators read it.

export interface PlatterOptions {
  /** Largest gross load the scale weighs (15 kg is a common checkout scale). */
  readonly capacityGrams?: number;
  /** How long a newly placed load swings before the scale calls it stable. */
  readonly settleMs?: number;
  /** How far from the power-up zero a zero command may move it (±2 % of capacity is usual). */
  readonly zeroRangeGrams?: number;
  /** The clock, for deterministic tests. */
  readonly now?: () => number;
}

/** What the scale's electronics make of the platter at one moment. */
export interface PlatterView {
  /** Weight on the platter relative to the current zero point. */
  readonly grossGrams: number;
  /** What the display shows: gross, or gross less the tare. */
  readonly shownGrams: number;
  readonly tareGrams: number;
  readonly net: boolean;
  readonly motion: boolean;
  readonly overCapacity: boolean;
  readonly underZero: boolean;
  /** The scale could not capture its zero (a zero command outside the range, or forced). */
  readonly zeroError: boolean;
  readonly centerOfZero: boolean;
}

export class Platter {
  readonly capacityGrams: number;
  readonly #settleMs: number;
  readonly #zeroRangeGrams: number;
  readonly #now: () => number;
  /** What lies on the platter, relative to the power-up zero. */
  #load = 0;
  #zeroPoint = 0;
  #tare = 0;
  /** Moving until this time; Infinity while shaken until told to settle. */
  #motionUntil = 0;
  #zeroError = false;

  constructor(options: PlatterOptions = {}) {
    this.capacityGrams = options.capacityGrams ?? 15_000;
    this.#settleMs = options.settleMs ?? 0;
    this.#zeroRangeGrams = options.zeroRangeGrams ?? Math.round(this.capacityGrams * 0.02);
    this.#now = options.now ?? Date.now;
  }

  /** Puts a load of `grams` on the platter (replacing what was there); it swings for the settle time. */
  place(grams: number): void {
    if (!Number.isInteger(grams)) throw new RangeError(`a load is whole grams, got ${grams}`);
    this.#load = grams + this.#zeroPoint;
    this.#motionUntil = this.#now() + this.#settleMs;
  }

  remove(): void {
    this.place(0);
  }

  /** Shakes the platter until `settle()` or the next load. */
  shake(): void {
    this.#motionUntil = Number.POSITIVE_INFINITY;
  }

  settle(): void {
    this.#motionUntil = 0;
  }

  /** Lifts the platter below its zero point, as when something resting on it at zero is taken off. */
  liftBelowZero(): void {
    this.place(-(this.#zeroRangeGrams + 100));
    this.settle();
  }

  /** Loads beyond capacity. */
  overload(): void {
    this.place(this.capacityGrams + 1000);
    this.settle();
  }

  /** Makes the scale unable to capture zero until the next successful zero. */
  failZero(): void {
    this.#zeroError = true;
  }

  /** Sets zero to the present load; false (and a zero error) when moving or outside the zero range. */
  zero(): boolean {
    if (this.view().motion) return false;
    if (Math.abs(this.#load) > this.#zeroRangeGrams) {
      this.#zeroError = true;
      return false;
    }
    this.#zeroPoint = this.#load;
    this.#tare = 0;
    this.#zeroError = false;
    return true;
  }

  /** Tares the present gross load; false while moving or with nothing positive on the platter. */
  tare(): boolean {
    const view = this.view();
    if (view.motion || view.grossGrams <= 0 || view.overCapacity) return false;
    this.#tare = view.grossGrams;
    return true;
  }

  /** A known tare weight keyed in by the host. */
  presetTare(grams: number): void {
    this.#tare = Math.max(0, grams);
  }

  clearTare(): void {
    this.#tare = 0;
  }

  view(): PlatterView {
    const grossGrams = this.#load - this.#zeroPoint;
    const shownGrams = grossGrams - this.#tare;
    return {
      grossGrams,
      shownGrams,
      tareGrams: this.#tare,
      net: this.#tare > 0,
      motion: this.#now() < this.#motionUntil,
      overCapacity: grossGrams > this.capacityGrams,
      underZero: shownGrams < 0,
      zeroError: this.#zeroError,
      centerOfZero: grossGrams === 0,
    };
  }
}
