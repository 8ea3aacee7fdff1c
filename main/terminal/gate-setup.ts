import { z } from 'zod';
import type { CameraScanning } from '../../common/gate.ts';
import type { Gate } from '../../drivers/gate/gate.ts';
import type { Ledger } from '../ledger/ledger.ts';
import type { TerminalConfig } from './config.ts';
import { EntryGate, type UsedEntry } from './entry-gate.ts';
import { MAX_ENTRY_LIFETIME_MS } from './entry-token.ts';
import { EXIT_WINDOW_MS, ExitGate, type ExitSale } from './exit-gate.ts';
import { GateDesk } from './gate-desk.ts';
import type { Logger } from './log.ts';

const ENTERED = 'gate.entered';
const EXITED = 'gate.exited';

/** What a lane answers a gate that asks about one of its receipts (peer route /peer/v1/receipts/lookup). */
export const ExitSaleSchema = z.object({ completedAt: z.string(), voided: z.boolean() }).nullable();
export const ReceiptLookupSchema = z.object({ receiptNumber: z.string().min(1).max(40) });

/**
 * The sale behind a receipt number in this terminal's ledger, as the exit gate needs it. A sale
 * post-voided, or returned in full (every cent refunded), counts as voided: nothing paid is left.
 */
export function localExitSale(ledger: Ledger, receiptNumber: string): ExitSale | null {
  const sale = ledger.sales.findByReceiptNumber(receiptNumber);
  if (!sale) return null;
  const refunded = [...ledger.returns.refundedByTender(sale.saleId).values()].reduce((sum, amount) => sum + amount, 0);
  return { completedAt: sale.completedAt, voided: ledger.postVoids.voidOf(sale.saleId) !== null || (sale.total > 0 && refunded >= sale.total) };
}

/** Receipts that opened the gate within the exit window (older ones are refused as expired anyway). */
function recentExits(ledger: Ledger, now: number): string[] {
  return ledger.audit
    .recent({ action: EXITED, limit: 10_000 })
    .filter((entry) => Date.parse(entry.at) > now - EXIT_WINDOW_MS)
    .flatMap((entry) => (entry.subject ? [entry.subject] : []));
}

/** Whether and for what the renderer scans with the camera: app QR codes and receipts at a gate; at a lane a fallback for 1D codes, when configured. */
export function cameraScanning(config: Pick<TerminalConfig, 'role' | 'camera'>): CameraScanning | null {
  if (!(config.camera ?? config.role === 'gate')) return null;
  return { mode: config.role === 'gate' ? 'gate' : 'retail' };
}
// The expiry is kept as ISO text: as epoch milliseconds, one in ten passes the Luhn check and the audit log refuses it as a card number.
const EnteredDetails = z.object({ expiresAt: z.iso.datetime() });

/** Entry codes let in recently enough to still be valid, from the audit log. */
function recentEntries(ledger: Ledger, now: number): UsedEntry[] {
  return ledger.audit
    .recent({ action: ENTERED, limit: 10_000 })
    .filter((entry) => Date.parse(entry.at) > now - MAX_ENTRY_LIFETIME_MS)
    .flatMap((entry) => {
      const details = EnteredDetails.safeParse(entry.details);
      return entry.subject && details.success ? [{ nonce: entry.subject, expiresAt: Date.parse(details.data.expiresAt) }] : [];
    });
}

/** Builds a gate terminal's desk: the exit by paid receipt, the entry by app code when the store has an entry key. */
export function gateDesk(options: {
  readonly config: TerminalConfig;
  readonly gate: Gate | null;
  readonly ledger: Ledger;
  /** ISO 8601. */
  readonly now: () => string;
  readonly changed: () => void;
  readonly log: Logger;
  /** A receipt this terminal did not sell, asked of the lane that did (over the store network); null when none can be asked. */
  readonly saleElsewhere?: (receiptNumber: string) => Promise<ExitSale | null>;
}): GateDesk {
  const { config, gate, ledger, now, changed, log, saleElsewhere } = options;
  const epochNow = (): number => Date.parse(now());
  const exit =
    gate &&
    new ExitGate({
      findSale: (receiptNumber) => localExitSale(ledger, receiptNumber) ?? saleElsewhere?.(receiptNumber) ?? null,
      used: recentExits(ledger, epochNow()),
      record: (receiptNumber) => ledger.audit.record({ action: EXITED, laneId: config.laneId, at: now(), subject: receiptNumber, details: {} }),
      gate,
      now: epochNow,
      log,
    });
  const entryKey = config.entry ?? null;
  const entry =
    gate && entryKey
      ? new EntryGate({
          secret: entryKey.secret,
          storeId: entryKey.storeId,
          gate,
          now: epochNow,
          used: recentEntries(ledger, epochNow()),
          record: (pass) =>
            ledger.audit.record({ action: ENTERED, laneId: config.laneId, at: now(), subject: pass.nonce, details: { shopperRef: pass.shopperRef, expiresAt: new Date(pass.expiresAt).toISOString() } }),
          log,
        })
      : null;
  if (!entryKey) log.info({ laneId: config.laneId }, 'no store entry key configured: this gate takes receipts only');
  gate?.on('data', changed);
  return new GateDesk({ gate, exit, entry, now, changed, log });
}
