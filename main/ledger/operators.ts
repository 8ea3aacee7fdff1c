import type Database from 'better-sqlite3';
import { z } from 'zod';
import { OperatorIdSchema } from '../../common/session.ts';
import { OperatorRoleSchema, type OperatorRole } from '../../common/permissions.ts';
import { LedgerError, parseInput } from './errors.ts';
import { IsoTimeSchema } from './journal-event.ts';
import type { StoredPin } from './pin-hash.ts';

/** An operator as the terminal knows them (the PIN hash stays in the ledger unless asked for). */
export interface Operator {
  readonly operatorId: string;
  readonly name: string;
  readonly role: OperatorRole;
  readonly active: boolean;
  readonly failedPinAttempts: number;
  /** ISO time until which PIN sign-in is refused after too many wrong PINs, or null. */
  readonly lockedUntil: string | null;
}

export interface NewOperator {
  readonly operatorId: string;
  readonly name: string;
  readonly role: OperatorRole;
  readonly pin: StoredPin;
  readonly badgeHash: string | null;
  readonly active: boolean;
  readonly createdAt: string;
}

const NewOperatorSchema = z.object({
  operatorId: OperatorIdSchema,
  name: z.string().trim().min(1).max(60),
  role: OperatorRoleSchema,
  pin: z.object({
    salt: z.instanceof(Buffer).refine((salt) => salt.length === 16, '16 bytes'),
    hash: z.instanceof(Buffer).refine((hash) => hash.length === 32, '32 bytes'),
    cost: z.number().int().min(10).max(20),
  }),
  badgeHash: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
  active: z.boolean(),
  createdAt: IsoTimeSchema,
});

const OperatorRow = z.object({
  operator_id: z.string(),
  name: z.string(),
  role: OperatorRoleSchema,
  active: z.number().int(),
  failed_pin_attempts: z.number().int(),
  locked_until: z.string().nullable(),
});
const PinRow = z.object({ pin_salt: z.instanceof(Buffer), pin_hash: z.instanceof(Buffer), pin_cost: z.number().int() });
const COLUMNS = 'operator_id, name, role, active, failed_pin_attempts, locked_until';

function toOperator(found: unknown): Operator {
  const row = OperatorRow.parse(found);
  return {
    operatorId: row.operator_id,
    name: row.name,
    role: row.role,
    active: row.active === 1,
    failedPinAttempts: row.failed_pin_attempts,
    lockedUntil: row.locked_until,
  };
}

/** The operators of this terminal and their failed-PIN counters (kept across restarts). */
export class OperatorRepository {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  count(): number {
    return z.number().int().parse(this.#db.prepare('SELECT count(*) FROM operators').pluck().get());
  }

  /** Adds operators in one transaction: all of them or, on any bad one, none. */
  add(operators: readonly NewOperator[]): void {
    const insert = this.#db.prepare(
      `INSERT INTO operators (operator_id, name, role, pin_salt, pin_hash, pin_cost, badge_hash, active, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#db.transaction(() => {
      operators.forEach((candidate, index) => {
        const operator = parseInput(NewOperatorSchema, candidate, `operators[${index}]`);
        if (this.find(operator.operatorId)) {
          throw new LedgerError('INVALID_INPUT', `operators[${index}].operatorId: ${operator.operatorId} already exists`, `operators[${index}].operatorId`);
        }
        if (operator.badgeHash !== null && this.findByBadgeHash(operator.badgeHash)) {
          throw new LedgerError('INVALID_INPUT', `operators[${index}].badge: another operator has this badge`, `operators[${index}].badge`);
        }
        insert.run(
          operator.operatorId,
          operator.name,
          operator.role,
          operator.pin.salt,
          operator.pin.hash,
          operator.pin.cost,
          operator.badgeHash,
          operator.active ? 1 : 0,
          operator.createdAt,
        );
      });
    })();
  }

  find(operatorId: string): Operator | null {
    const found: unknown = this.#db.prepare(`SELECT ${COLUMNS} FROM operators WHERE operator_id = ?`).get(operatorId);
    return found === undefined ? null : toOperator(found);
  }

  findByBadgeHash(hash: string): Operator | null {
    const found: unknown = this.#db.prepare(`SELECT ${COLUMNS} FROM operators WHERE badge_hash = ?`).get(hash);
    return found === undefined ? null : toOperator(found);
  }

  storedPin(operatorId: string): StoredPin | null {
    const found: unknown = this.#db.prepare('SELECT pin_salt, pin_hash, pin_cost FROM operators WHERE operator_id = ?').get(operatorId);
    if (found === undefined) return null;
    const row = PinRow.parse(found);
    return { salt: row.pin_salt, hash: row.pin_hash, cost: row.pin_cost };
  }

  /** Counts a wrong PIN; `lockUntil` (when given) starts a lockout. Returns the new count. */
  recordFailedPin(operatorId: string, lockUntil: string | null): number {
    this.#db
      .prepare('UPDATE operators SET failed_pin_attempts = failed_pin_attempts + 1, locked_until = coalesce(?, locked_until) WHERE operator_id = ?')
      .run(lockUntil, operatorId);
    return this.find(operatorId)?.failedPinAttempts ?? 0;
  }

  /** A right PIN or an expired lockout starts the count again. */
  clearFailedPins(operatorId: string): void {
    this.#db.prepare('UPDATE operators SET failed_pin_attempts = 0, locked_until = NULL WHERE operator_id = ?').run(operatorId);
  }

  list(): Operator[] {
    return this.#db
      .prepare(`SELECT ${COLUMNS} FROM operators ORDER BY operator_id`)
      .all()
      .map((row) => toOperator(row));
  }
}
