import { ageOn, localDate } from '../checkout/index.ts';
import type { IdCard } from '../terminal/id-card.ts';

/** How long a scanned ID stays ready to approve with: long enough to pick the lane, too short to reuse. */
export const ID_SCAN_TTL_MS = 60_000;

export interface IdScanView {
  readonly age: number;
  readonly scannedAt: string;
  readonly expired: boolean;
}

/**
 * The ID card the attendant scanned at the station last, kept in main only (the screen sees the
 * age, never the date) until it approves one age check or goes stale.
 */
export class IdScanHold {
  readonly #timeZone: string;
  #held: { readonly card: IdCard; readonly atMs: number } | null = null;

  constructor(timeZone: string) {
    this.#timeZone = timeZone;
  }

  hold(card: IdCard, nowMs: number): void {
    this.#held = { card, atMs: nowMs };
  }

  view(nowMs: number): IdScanView | null {
    const held = this.#live(nowMs);
    if (!held) return null;
    const today = localDate(new Date(nowMs).toISOString(), this.#timeZone);
    return { age: ageOn(held.card.dateOfBirth, today), scannedAt: new Date(held.atMs).toISOString(), expired: held.card.expires !== null && held.card.expires < today };
  }

  /** The held card, once; null when there is none or it is stale. */
  take(nowMs: number): { readonly card: IdCard; readonly expired: boolean } | null {
    const view = this.view(nowMs);
    const held = this.#held;
    this.#held = null;
    return held && view && held.atMs + ID_SCAN_TTL_MS > nowMs ? { card: held.card, expired: view.expired } : null;
  }

  #live(nowMs: number): { readonly card: IdCard; readonly atMs: number } | null {
    if (this.#held && nowMs - this.#held.atMs >= ID_SCAN_TTL_MS) this.#held = null;
    return this.#held;
  }
}
