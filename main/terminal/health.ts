import fs from 'node:fs';
import path from 'node:path';
import type { Role } from '../../common/api/contract.ts';
import type { DeviceHealth, LedgerHealth, TerminalHealth } from '../../common/health.ts';

/** What the health check reads of the ledger; each call may throw when the file is unreadable. */
export interface LedgerProbe {
  readonly isOpen: boolean;
  lastSaleSeq(): number | null;
  outboxBacklog(): number;
}

/** Reads the ledger for the health check: a failed read is the answer, not an exception. */
export function ledgerHealth(ledger: LedgerProbe): LedgerHealth {
  if (!ledger.isOpen) return { state: 'failed', lastSaleSeq: null, outboxBacklog: null, error: 'the ledger is closed' };
  try {
    return { state: 'open', lastSaleSeq: ledger.lastSaleSeq(), outboxBacklog: ledger.outboxBacklog(), error: null };
  } catch (error) {
    return { state: 'failed', lastSaleSeq: null, outboxBacklog: null, error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Whether the lane can sell, and what is missing. Nothing sells without its ledger. A
 * self-checkout takes only cards, so it cannot sell without a card terminal that is connected or
 * coming back; a staffed lane can still take cash. Attendant stations and gates sell nothing, so
 * only their ledger counts.
 */
export function terminalHealth(input: {
  readonly role: Role;
  readonly laneId: string;
  readonly version: string;
  readonly now: Date;
  readonly ledger: LedgerHealth;
  readonly devices: readonly DeviceHealth[];
}): TerminalHealth {
  const { role, ledger, devices } = input;
  const blocking: string[] = [];
  const degraded: string[] = [];
  if (ledger.state === 'failed') blocking.push(`ledger failed: ${ledger.error ?? 'unknown error'}`);
  const payment = devices.find((device) => device.kind === 'payment');
  if (role === 'self-checkout' && !payment) blocking.push('no payment terminal is configured (a self-checkout takes cards only)');
  const cardsOnly = role === 'self-checkout';
  for (const device of devices) {
    if (device.connection === 'connected') continue;
    const problem = `${device.kind} ${device.name} ${device.connection}: ${device.detail}`;
    if (cardsOnly && device === payment && (device.connection === 'failed' || device.connection === 'off')) blocking.push(problem);
    else degraded.push(problem);
  }
  const canSell = blocking.length === 0;
  return {
    status: !canSell ? 'down' : degraded.length > 0 ? 'degraded' : 'ok',
    canSell,
    problems: [...blocking, ...degraded],
    role,
    laneId: input.laneId,
    version: input.version,
    checkedAt: input.now.toISOString(),
    ledger,
    devices: [...devices],
  };
}

/** The terminal's release, from its package.json (the checkout's, or the installed app's). */
export function terminalVersion(appRoot = path.resolve(import.meta.dirname, '..', '..')): string {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(path.join(appRoot, 'package.json'), 'utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'version' in parsed && typeof parsed.version === 'string') return parsed.version;
  } catch {
    // An install without its package.json still answers its health.
  }
  return 'unknown';
}
