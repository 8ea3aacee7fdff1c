import type { Device, DeviceEvents } from '../device.ts';

/** A card sale the terminal asks the payment device to take. Amounts are in minor units. */
export interface SaleRequest {
  /** Our reference for the sale; a real terminal echoes it so a lost reply can be recovered. */
  readonly reference: string;
  readonly amount: number;
  readonly currency: string;
}

/** A refund of an earlier card payment, taken as a new card transaction. */
export type RefundRequest = SaleRequest;

/** Cancels an approved payment before settlement; `target` is the terminal's reference of it. */
export interface VoidRequest {
  /** Our reference for the void itself. */
  readonly reference: string;
  readonly target: string;
}

/**
 * Why a payment failed, for a screen or a report to say what happened:
 * - `customer-timeout`: no card was presented before the device gave up;
 * - `terminal-restarted`: the device restarted during the payment and has no record of it (not charged);
 * - `not-charged`: the device never took the payment (it did not get it, or has no record of it);
 * - `outcome-unknown`: the device could not be asked in time; the next attempt with the same
 *   reference asks it first, so a payment it did take is never taken twice;
 * - `offline`, `busy`, `refused`, `invalid`: the device is unreachable, busy, refused the
 *   request, or the request itself was wrong.
 */
export type PaymentFailureCause =
  | 'customer-timeout'
  | 'terminal-restarted'
  | 'not-charged'
  | 'outcome-unknown'
  | 'offline'
  | 'busy'
  | 'refused'
  | 'invalid';

/**
 * What a payment driver reports. Only brand, last four, auth code and the terminal's reference
 * ever leave a driver: card numbers, tracks and cryptograms stay inside it.
 */
export type PaymentResult =
  | {
      readonly status: 'approved';
      readonly amount: number;
      readonly brand: string;
      readonly last4: string;
      readonly authCode: string;
      readonly reference: string;
    }
  /** `code` is the issuer's or terminal's reason code when it gave one (`05`, `51`). */
  | { readonly status: 'declined'; readonly reason: string; readonly code?: string }
  | { readonly status: 'aborted' }
  | { readonly status: 'failed'; readonly reason: string; readonly cause?: PaymentFailureCause };

/**
 * An approval for less than was asked (`amount` below the request) is a partial approval: the
 * money is taken, so the caller records it as a tender for that amount and collects the rest by
 * another tender, or voids it (`void` with its `reference`) if the shopper abandons the sale.
 */
export const isPartialApproval = (result: PaymentResult, requested: number): boolean => result.status === 'approved' && result.amount < requested;

/** What the device knows of a transaction, asked by our reference (recovery after a crash or lost reply). */
export type TransactionStatus =
  | { readonly state: 'done'; readonly result: PaymentResult }
  | { readonly state: 'in-progress' }
  /** Approved, then voided: nothing stands charged under this reference. */
  | { readonly state: 'voided' }
  | { readonly state: 'unknown' };

/** A payment device's events: the lifecycle ones plus what it shows the shopper. */
export interface PaymentEvents extends DeviceEvents<PaymentResult> {
  /** Text the device shows the shopper ("Insert, tap or swipe card", "PIN entry"). */
  prompt: [string];
}

/** What every payment driver offers the terminal, whatever the protocol. */
export interface PaymentTerminal extends Device<PaymentEvents> {
  /**
   * Takes one sale; resolves with its outcome and never rejects for a decline or an abort. A sale
   * whose reference the device already approved resolves with that approval and charges nothing.
   */
  sale(request: SaleRequest): Promise<PaymentResult>;
  /** Asks the device to stop the sale in progress; the sale then resolves `aborted` if it could. */
  abort(): Promise<void>;
  /** Refunds to a card; the same guarantees as `sale` (one refund per reference). */
  refund(request: RefundRequest): Promise<PaymentResult>;
  /** Voids an approved payment; `approved` means it is reversed (`amount` is what was voided). */
  void(request: VoidRequest): Promise<PaymentResult>;
  /** Asks the device what became of the transaction with our `reference`; never starts one. */
  transactionStatus(reference: string): Promise<TransactionStatus>;
}
