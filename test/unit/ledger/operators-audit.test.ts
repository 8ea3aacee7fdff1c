import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LedgerError } from '../../../main/ledger/errors.ts';
import { Ledger } from '../../../main/ledger/ledger.ts';
import { DEMO_OPERATORS_FILE, importOperators, readOperatorsFile } from '../../../main/ledger/operators-file.ts';
import { badgeHash, hashPin, verifyPin } from '../../../main/ledger/pin-hash.ts';
import { demoOperators, TEST_PIN_COST } from '../operators/fixtures.ts';
import { useTempDir } from './temp-dir.ts';

const dir = useTempDir();
let file: string;
let ledger: Ledger;
let raw: Database.Database;
beforeEach(() => {
  file = path.join(dir(), 'ledger.sqlite');
  ledger = Ledger.open(file);
  raw = new Database(file);
});
afterEach(() => {
  raw.close();
  ledger.close();
});

describe('PIN hashing', () => {
  it('verifies the right PIN and refuses a wrong one; two operators with the same PIN get different hashes', async () => {
    const first = await hashPin('1234', TEST_PIN_COST);
    const second = await hashPin('1234', TEST_PIN_COST);
    expect(await verifyPin('1234', first)).toBe(true);
    expect(await verifyPin('1235', first)).toBe(false);
    expect(first.salt.equals(second.salt)).toBe(false);
    expect(first.hash.equals(second.hash)).toBe(false);
  });

  it('a badge hash depends on the whole code, and ignores the spaces a scanner may add', () => {
    expect(badgeHash('EMP-1001-K7QX')).toMatch(/^[0-9a-f]{64}$/);
    expect(badgeHash(' EMP-1001-K7QX ')).toBe(badgeHash('EMP-1001-K7QX'));
    expect(badgeHash('EMP-1001-K7QY')).not.toBe(badgeHash('EMP-1001-K7QX'));
  });
});

describe('the operators table (migration 4)', () => {
  it('keeps PINs and badges only as hashes: neither is anywhere in the ledger file', async () => {
    await importOperators(ledger.operators, demoOperators, '2026-03-14T09:00:00.000Z', TEST_PIN_COST);
    expect(ledger.operators.list().map((operator) => [operator.operatorId, operator.role, operator.active])).toEqual([
      ['1001', 'cashier', true],
      ['1002', 'cashier', true],
      ['1003', 'cashier', false],
      ['2001', 'supervisor', true],
      ['3001', 'manager', true],
    ]);
    raw.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = fs.readFileSync(file).toString('latin1');
    for (const operator of demoOperators.operators) {
      expect(bytes).not.toContain(operator.badge);
      expect(raw.prepare('SELECT count(*) FROM operators WHERE pin_hash = ? OR CAST(pin_hash AS TEXT) = ?').pluck().get(Buffer.from(operator.pin), operator.pin)).toBe(0);
    }
    expect(ledger.operators.findByBadgeHash(badgeHash('EMP-3001-H2WN'))?.name).toBe('Morgan Chen');
  });

  it('refuses a whole operators file with one bad entry, naming it, and adds none of it', async () => {
    const bad = { operators: [...demoOperators.operators, { ...demoOperators.operators[0], operatorId: '1001' }] };
    expect(() => importOperators(ledger.operators, readFileFrom(bad), '2026-03-14T09:00:00.000Z', TEST_PIN_COST)).toThrow(/operators\[5\]\.operatorId: 1001 is listed twice/);
    expect(ledger.operators.count()).toBe(0);
  });

  it('the shipped demo operators file is valid and has a cashier, a supervisor and a manager', () => {
    const roles = readOperatorsFile(DEMO_OPERATORS_FILE).operators.map((operator) => operator.role);
    expect(new Set(roles)).toEqual(new Set(['cashier', 'supervisor', 'manager']));
  });

  it('the database refuses a role that does not exist and a PIN hash of the wrong size', () => {
    const insert = raw.prepare('INSERT INTO operators (operator_id, name, role, pin_salt, pin_hash, pin_cost, created_at) VALUES (?, ?, ?, ?, ?, 15, ?)');
    expect(() => insert.run('4001', 'Eve', 'owner', Buffer.alloc(16), Buffer.alloc(32), '2026-03-14T09:00:00.000Z')).toThrow(/CHECK constraint/);
    expect(() => insert.run('4001', 'Eve', 'cashier', Buffer.alloc(16), Buffer.from('1234'), '2026-03-14T09:00:00.000Z')).toThrow(/CHECK constraint/);
  });
});

/** Writes an operators file and reads it back the way the terminal does. */
function readFileFrom(content: unknown): ReturnType<typeof readOperatorsFile> {
  const target = path.join(dir(), 'operators.json');
  fs.writeFileSync(target, JSON.stringify(content));
  return readOperatorsFile(target);
}

describe('the audit log', () => {
  const entry = { action: 'price.override', laneId: 'L01', at: '2026-03-14T09:00:00.000Z', operatorId: '1001', approverId: '2001', subject: 'ln_1', details: { from: 429, to: 399 } };

  it('records entries in order and reads them back', () => {
    ledger.audit.record(entry);
    ledger.audit.record({ ...entry, action: 'basket.void', approverId: null, details: {} });
    expect(ledger.audit.recent().map((recorded) => [recorded.seq, recorded.action, recorded.approverId])).toEqual([
      [1, 'price.override', '2001'],
      [2, 'basket.void', null],
    ]);
    expect(ledger.audit.recent({ action: 'price.override' })[0]?.details).toEqual({ from: 429, to: 399 });
  });

  it.each([
    ['UPDATE audit_log SET approver_id = NULL'],
    ['DELETE FROM audit_log'],
  ])('refuses %s (append-only)', (sql) => {
    ledger.audit.record(entry);
    const before = raw.prepare('SELECT * FROM audit_log').all();
    expect(() => raw.prepare(sql).run()).toThrow('audit log is append-only');
    expect(raw.prepare('SELECT * FROM audit_log').all()).toEqual(before);
  });

  it('refuses an entry that holds a card number or has no proper action name', () => {
    expect(() => ledger.audit.record({ ...entry, details: { note: 'card 4111 1111 1111 1111' } })).toThrow(LedgerError);
    expect(() => ledger.audit.record({ ...entry, action: 'override' })).toThrow(/action/);
    expect(ledger.audit.recent()).toEqual([]);
  });
});
