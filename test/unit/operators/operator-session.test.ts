import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Role } from '../../../common/api/contract.ts';
import type { CommandName } from '../../../common/api/names.ts';
import { ok, TerminalError, type Result } from '../../../common/api/result.ts';
import type { Credential, SessionView } from '../../../common/session.ts';
import type { Ledger } from '../../../main/ledger/ledger.ts';
import { CredentialCheck, MAX_FAILED_PINS, PIN_LOCKOUT_MS } from '../../../main/terminal/credentials.ts';
import { APPROVAL_TTL_MS, OperatorSession } from '../../../main/terminal/operator-session.ts';
import { useTempDir } from '../ledger/temp-dir.ts';
import { ledgerWithOperators, manualClock } from './fixtures.ts';
import { refusal } from '../../support/refusal.ts';

const dir = useTempDir();
let ledger: Ledger;
let clock: ReturnType<typeof manualClock>;
beforeEach(async () => {
  ledger = await ledgerWithOperators(dir());
  clock = manualClock();
});
afterEach(() => ledger.close());

const pin = (operatorId: string, digits: string): Credential => ({ kind: 'pin', operatorId, pin: digits });
const badge = (code: string): Credential => ({ kind: 'badge', code });
const alex = pin('1001', '1234');
const jordan = pin('1002', '2468');
const sam = pin('2001', '5678');
const morgan = pin('3001', '9012');

function sessionAt(terminalRole: Role = 'associate'): OperatorSession {
  let next = 0;
  const credentials = new CredentialCheck({ operators: ledger.operators, audit: ledger.audit, laneId: 'L01', now: clock.now });
  return new OperatorSession({
    terminalRole,
    laneId: 'L01',
    credentials,
    audit: ledger.audit,
    now: clock.now,
    newApprovalId: () => `apv_${(next += 1)}`,
  });
}

/** What the dispatch does for an approved command: authorize it, then run it (here: record it). */
function recordingRun(session: OperatorSession, ran: { command: CommandName; input: unknown }[]) {
  return (command: CommandName, input: unknown): Promise<Result<unknown>> => {
    try {
      session.authorize(command, input);
    } catch (error) {
      if (error instanceof TerminalError) return Promise.resolve({ ok: false, error: { code: error.code, message: error.message } });
      throw error;
    }
    ran.push({ command, input });
    return Promise.resolve(ok(null));
  };
}


async function asyncRefusal(work: () => Promise<unknown>): Promise<TerminalError> {
  try {
    await work();
  } catch (error) {
    if (error instanceof TerminalError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

const voidA = { requestId: 'req-void-a-0001', receiptNumber: 'L01-000001', reason: 'customer-request' };
const voidB = { requestId: 'req-void-b-0001', receiptNumber: 'L01-000002', reason: 'customer-request' };

describe('signing in', () => {
  it('an associate lane refuses a sale until an operator signs in with a PIN', async () => {
    const session = sessionAt();
    expect(refusal(() => session.authorize('basket.scan', { code: '4011' })).code).toBe('SIGN_IN_REQUIRED');
    const view = await session.signIn(alex);
    expect(view).toEqual<SessionView>({ signInRequired: true, operator: { operatorId: '1001', name: 'Alex Rivera', role: 'cashier' }, locked: false, approval: null });
    expect(() => session.authorize('basket.scan', { code: '4011' })).not.toThrow();
  });

  it('a badge signs in like a PIN, and a badge of an inactive operator is not a badge', async () => {
    const session = sessionAt('attendant');
    expect(session.badgeOwner('EMP-1003-GONE')).toBeNull();
    expect((await session.signIn(badge('EMP-2001-V9LD'))).operator?.name).toBe('Sam Patel');
  });

  it('a wrong PIN and an unknown operator number get the same answer and are audited', async () => {
    const session = sessionAt();
    const wrong = await asyncRefusal(() => session.signIn(pin('1001', '0000')));
    const unknown = await asyncRefusal(() => session.signIn(pin('9999', '1234')));
    expect([wrong.code, unknown.code]).toEqual(['SIGN_IN_FAILED', 'SIGN_IN_FAILED']);
    expect(wrong.message).toBe(unknown.message);
    expect(ledger.audit.recent({ action: 'operator.signInFailed' }).map((entry) => [entry.operatorId, entry.details.why])).toEqual([
      ['1001', 'wrong PIN'],
      ['9999', 'unknown operator'],
    ]);
  });

  it(`locks an operator's PIN after ${MAX_FAILED_PINS} wrong PINs, across restarts, until the lockout has passed`, async () => {
    const session = sessionAt();
    for (let i = 1; i < MAX_FAILED_PINS; i += 1) expect((await asyncRefusal(() => session.signIn(pin('1001', '0000')))).code).toBe('SIGN_IN_FAILED');
    expect((await asyncRefusal(() => session.signIn(pin('1001', '0000')))).code).toBe('OPERATOR_LOCKED_OUT');
    expect(ledger.audit.recent({ action: 'operator.lockedOut' })).toHaveLength(1);

    // A new session (a restarted terminal) still refuses the right PIN.
    const restarted = sessionAt();
    expect((await asyncRefusal(() => restarted.signIn(alex))).code).toBe('OPERATOR_LOCKED_OUT');
    clock.advance(PIN_LOCKOUT_MS - 1000);
    expect((await asyncRefusal(() => restarted.signIn(alex))).code).toBe('OPERATOR_LOCKED_OUT');
    clock.advance(1000);
    expect((await restarted.signIn(alex)).operator?.operatorId).toBe('1001');
    expect(ledger.operators.find('1001')).toMatchObject({ failedPinAttempts: 0, lockedUntil: null });
  });

  it('a right PIN before the limit starts the count again', async () => {
    const session = sessionAt();
    for (let i = 1; i < MAX_FAILED_PINS; i += 1) await asyncRefusal(() => session.signIn(pin('1001', '0000')));
    await session.signIn(alex);
    session.signOut();
    expect((await asyncRefusal(() => session.signIn(pin('1001', '0000')))).code).toBe('SIGN_IN_FAILED');
  });

  it('self-checkout has no operator sign-in: shoppers shop without one', async () => {
    const session = sessionAt('self-checkout');
    expect(() => session.authorize('basket.scan', { code: '4011' })).not.toThrow();
    expect((await asyncRefusal(() => session.signIn(alex))).code).toBe('FORBIDDEN');
  });
});

describe('locking the screen', () => {
  it('only the same operator or a supervisor+ unlocks; a supervisor then works the lane as themselves', async () => {
    const session = sessionAt();
    await session.signIn(alex);
    expect(session.lock().locked).toBe(true);
    expect(refusal(() => session.authorize('basket.scan', { code: '4011' })).code).toBe('LANE_LOCKED');
    expect((await asyncRefusal(() => session.unlock(jordan))).code).toBe('FORBIDDEN');
    expect((await session.unlock(alex)).operator?.operatorId).toBe('1001');

    session.lock();
    const unlocked = await session.unlock(badge('EMP-2001-V9LD'));
    expect(unlocked).toMatchObject({ locked: false, operator: { operatorId: '2001' } });
    expect(ledger.audit.recent().map((entry) => entry.action)).toEqual([
      'operator.signIn',
      'operator.lock',
      'approval.refused',
      'operator.unlock',
      'operator.lock',
      'operator.unlock',
    ]);
  });
});

describe('step-up approval', () => {
  it('a cashier cannot post-void without approval: the refusal names the permission and the request waits', async () => {
    const session = sessionAt();
    await session.signIn(alex);
    const refused = refusal(() => session.authorize('sale.postVoid', voidA));
    expect(refused.code).toBe('APPROVAL_REQUIRED');
    expect(refused.message).toContain('sale.postVoid');
    expect(session.view().approval).toMatchObject({
      approvalId: 'apv_1',
      permission: 'sale.postVoid',
      command: 'sale.postVoid',
      summary: 'Post-void receipt L01-000001',
      requestedBy: { operatorId: '1001' },
      approverRole: 'manager',
    });
  });

  it('a cashier cannot approve, and a supervisor cannot approve what needs a manager', async () => {
    const session = sessionAt();
    const ran: { command: CommandName; input: unknown }[] = [];
    await session.signIn(alex);
    refusal(() => session.authorize('sale.postVoid', voidA));
    expect((await asyncRefusal(() => session.grant('apv_1', jordan, recordingRun(session, ran)))).code).toBe('FORBIDDEN');
    const bySupervisor = await asyncRefusal(() => session.grant('apv_1', sam, recordingRun(session, ran)));
    expect(bySupervisor.code).toBe('FORBIDDEN');
    expect(bySupervisor.message).toContain('a manager must');
    expect(ran).toEqual([]);
    expect(session.view().approval?.approvalId).toBe('apv_1');
    expect(ledger.audit.recent({ action: 'approval.refused' }).map((entry) => entry.approverId)).toEqual(['1002', '2001']);
  });

  it("a manager's approval runs exactly the refused command once, and records who asked and who approved", async () => {
    const session = sessionAt();
    const ran: { command: CommandName; input: unknown }[] = [];
    await session.signIn(alex);
    refusal(() => session.authorize('sale.postVoid', voidA));
    const after = await session.grant('apv_1', morgan, recordingRun(session, ran));
    expect(ran).toEqual([{ command: 'sale.postVoid', input: voidA }]);
    expect(after.approval).toBeNull();
    expect(after.operator?.operatorId).toBe('1001');
    const [granted] = ledger.audit.recent({ action: 'approval.granted' });
    expect(granted).toMatchObject({
      operatorId: '1001',
      approverId: '3001',
      subject: 'sale.postVoid',
      details: { permission: 'sale.postVoid', arguments: { receiptNumber: 'L01-000001', reason: 'customer-request' } },
    });
  });

  it('an approval cannot be reused: the same command again needs a new approval, and the old id is spent', async () => {
    const session = sessionAt();
    const ran: { command: CommandName; input: unknown }[] = [];
    await session.signIn(alex);
    refusal(() => session.authorize('sale.postVoid', voidA));
    await session.grant('apv_1', morgan, recordingRun(session, ran));
    expect(refusal(() => session.authorize('sale.postVoid', voidA)).code).toBe('APPROVAL_REQUIRED');
    expect((await asyncRefusal(() => session.grant('apv_1', morgan, recordingRun(session, ran)))).code).toBe('NO_APPROVAL_PENDING');
    expect(ran).toHaveLength(1);
  });

  it('an approval cannot be replayed for another command or other arguments', async () => {
    const session = sessionAt();
    const ran: { command: CommandName; input: unknown }[] = [];
    await session.signIn(alex);
    refusal(() => session.authorize('sale.postVoid', voidA));
    // The run tries to slip in a different receipt: the guard refuses it, and the approval is not spent on it.
    const sneaky = (command: CommandName, _input: unknown): Promise<Result<unknown>> => recordingRun(session, ran)(command, voidB);
    const refused = await asyncRefusal(() => session.grant('apv_1', morgan, sneaky));
    expect(refused.code).toBe('APPROVAL_REQUIRED');
    expect(ran).toEqual([]);
    expect(refusal(() => session.authorize('sale.postVoid', voidA)).code).toBe('APPROVAL_REQUIRED');
  });

  it('an approval is short-lived: after its time it is refused and must be asked again', async () => {
    const session = sessionAt();
    const ran: { command: CommandName; input: unknown }[] = [];
    await session.signIn(alex);
    refusal(() => session.authorize('sale.postVoid', voidA));
    clock.advance(APPROVAL_TTL_MS);
    expect(session.view().approval).toBeNull();
    expect((await asyncRefusal(() => session.grant('apv_1', morgan, recordingRun(session, ran)))).code).toBe('APPROVAL_EXPIRED');
    expect(ran).toEqual([]);
  });

  it("a manager's badge scanned while a request waits approves it", async () => {
    const session = sessionAt();
    const ran: { command: CommandName; input: unknown }[] = [];
    await session.signIn(alex);
    refusal(() => session.authorize('sale.postVoid', voidA));
    await session.presentBadge('EMP-3001-H2WN', recordingRun(session, ran));
    expect(ran).toEqual([{ command: 'sale.postVoid', input: voidA }]);
  });

  it('signing out or locking withdraws the waiting request', async () => {
    const session = sessionAt();
    await session.signIn(alex);
    refusal(() => session.authorize('sale.postVoid', voidA));
    session.lock();
    expect(session.view().approval).toBeNull();
  });

  it('while an approved command runs, the audit trail names both the operator and the approver', async () => {
    const session = sessionAt();
    await session.signIn(alex);
    refusal(() => session.authorize('sale.postVoid', voidA));
    const actors: unknown[] = [];
    await session.grant('apv_1', badge('EMP-3001-H2WN'), (command, input) => {
      session.authorize(command, input);
      actors.push(session.actor());
      return Promise.resolve(ok(null));
    });
    expect(actors).toEqual([{ operatorId: '1001', approverId: '3001' }]);
    expect(session.actor()).toEqual({ operatorId: '1001', approverId: null });
  });
});
