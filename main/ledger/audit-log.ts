import type Database from 'better-sqlite3';
import { z } from 'zod';
import { containsCardNumber } from './card-data.ts';
import { parseInput } from './errors.ts';
import { IsoTimeSchema } from './journal-event.ts';
import { canonicalJson } from './sale-hash.ts';

/** The actions the terminal records; others (e.g. from new features) are dotted names too. */
export const auditActions = [
  'operator.signIn',
  'operator.signInFailed',
  'operator.lockedOut',
  'operator.signOut',
  'operator.lock',
  'operator.unlock',
  'approval.requested',
  'approval.granted',
  'approval.refused',
  'approval.cancelled',
  'basket.void',
  'sale.postVoid',
  'price.override',
  'line.discount',
  'lane.helpCalled',
  'lane.helpCancelled',
] as const;

/**
 * One fact for the audit log:
 * - `action`: what happened, a dotted name (`auditActions`, e.g. `price.override`);
 * - `laneId`, `at`: where and when (ISO 8601);
 * - `operatorId`: who did it (or who tried to, for a failed sign-in), if anyone was signed in;
 * - `approverId`: the supervisor or manager who approved it, for a step-up approval;
 * - `subject`: what it was done to (a sale id, a receipt number, a line id);
 * - `details`: anything else worth keeping, as JSON (never card data).
 */
export interface AuditEntry {
  readonly action: string;
  readonly laneId: string;
  readonly at: string;
  readonly operatorId?: string | null;
  readonly approverId?: string | null;
  readonly subject?: string | null;
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface RecordedAuditEntry {
  readonly seq: number;
  readonly action: string;
  readonly laneId: string;
  readonly at: string;
  readonly operatorId: string | null;
  readonly approverId: string | null;
  readonly subject: string | null;
  readonly details: Record<string, unknown>;
}

const AuditEntrySchema = z.object({
  action: z.string().regex(/^[a-z]+(\.[a-zA-Z]+)+$/, 'a dotted action name such as price.override').max(64),
  laneId: z.string().min(1).max(16),
  at: IsoTimeSchema,
  operatorId: z.string().max(32).nullish(),
  approverId: z.string().max(32).nullish(),
  subject: z.string().max(128).nullish(),
  details: z
    .record(z.string(), z.json())
    .default({})
    .superRefine((details, ctx) => {
      if (containsCardNumber(JSON.stringify(details))) ctx.addIssue({ code: 'custom', message: 'looks like it holds a card number' });
    }),
});

const AuditRow = z.object({
  seq: z.number().int(),
  action: z.string(),
  lane_id: z.string(),
  at: z.string(),
  operator_id: z.string().nullable(),
  approver_id: z.string().nullable(),
  subject: z.string().nullable(),
  details: z.string(),
});

/** The append-only audit log: who signed in, who approved what, what was voided or overridden. */
export class AuditLog {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  /** Appends one entry (inside the caller's transaction when there is one); returns its seq. */
  record(entry: AuditEntry): number {
    const parsed = parseInput(AuditEntrySchema, entry, '');
    const result = this.#db
      .prepare('INSERT INTO audit_log (at, lane_id, action, operator_id, approver_id, subject, details) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(parsed.at, parsed.laneId, parsed.action, parsed.operatorId ?? null, parsed.approverId ?? null, parsed.subject ?? null, canonicalJson(parsed.details));
    return Number(result.lastInsertRowid);
  }

  /** The latest entries, oldest first; only one action's when `action` is given. */
  recent(options: { action?: string; limit?: number } = {}): RecordedAuditEntry[] {
    const limit = Math.max(1, Math.min(10_000, Math.trunc(options.limit ?? 100)));
    const rows =
      options.action === undefined
        ? this.#db.prepare('SELECT * FROM (SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?) ORDER BY seq').all(limit)
        : this.#db.prepare('SELECT * FROM (SELECT * FROM audit_log WHERE action = ? ORDER BY seq DESC LIMIT ?) ORDER BY seq').all(options.action, limit);
    return rows.map((found) => {
      const row = AuditRow.parse(found);
      return {
        seq: row.seq,
        action: row.action,
        laneId: row.lane_id,
        at: row.at,
        operatorId: row.operator_id,
        approverId: row.approver_id,
        subject: row.subject,
        details: z.record(z.string(), z.unknown()).parse(JSON.parse(row.details)),
      };
    });
  }
}
