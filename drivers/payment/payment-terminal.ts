import type { Device, DeviceEvents } from '../device.ts';

/** A card sale the terminal asks the payment device to take. Amounts are in minor units. */
export interface SaleRequest {
  /** Our reference for the sale; a real terminal echoes it so a lost reply can be recovered. */
  readonly reference: string;
  readonly amount: number;
  readonly currency: string;
}

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
  | { readonly status: 'declined'; readonly reason: string }
  | { readonly status: 'aborted' }
  | { readonly status: 'failed'; readonly reason: string };

/** A payment device's events: the lifecycle ones plus what it shows the shopper. */
export interface PaymentEvents extends DeviceEvents<PaymentResult> {
  /** Text the device shows the shopper ("Insert, tap or swipe card", "PIN entry"). */
  prompt: [string];
}

/** What every payment driver offers the terminal, whatever the protocol. */
export interface PaymentTerminal extends Device<PaymentEvents> {
  /** Takes one sale; resolves with its outcome and never rejects for a decline or an abort. */
  sale(request: SaleRequest): Promise<PaymentResult>;
  /** Asks the device to stop the sale in progress; the sale then resolves `aborted` if it could. */
  abort(): Promise<void>;
}
