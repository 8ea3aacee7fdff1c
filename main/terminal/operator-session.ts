import { EventEmitter } from 'node:events';
import type { Role } from '../../common/api/contract.ts';
import type { CommandName } from '../../common/api/names.ts';
import { TerminalError, type Result } from '../../common/api/result.ts';
import { commandAccess, lowestRoleWith, roleHas, roleRank, type CommandAccess, type Permission } from '../../common/permissions.ts';
import type { ApprovalRequest, Credential, OperatorView, SessionView } from '../../common/session.ts';
import type { AuditEntry, AuditLog } from '../ledger/audit-log.ts';
import type { Operator } from '../ledger/operators.ts';
import { canonicalJson } from '../ledger/sale-hash.ts';
import { decideAccess, isStaffed } from './authorize.ts';
import type { CredentialCheck } from './credentials.ts';

/** How long a cashier's request waits for a supervisor before it must be asked again. */
export const APPROVAL_TTL_MS = 2 * 60_000;

export interface OperatorSessionOptions {
  readonly terminalRole: Role;
  readonly laneId: string;
  readonly credentials: CredentialCheck;
  readonly audit: AuditLog;
  readonly now: () => string;
  readonly newApprovalId: () => string;
  /** Words for the approver that need the lane's state (an item's name, its price); null: the generic words. */
  readonly describe?: (command: CommandName, input: unknown) => string | null;
}

/** A command refused for a missing permission, kept (with its exact input) until approved. */
interface PendingApproval {
  readonly approvalId: string;
  readonly command: CommandName;
  readonly input: unknown;
  readonly permission: Permission;
  readonly requestedBy: Operator | null;
  readonly expiresAt: string;
  /** In words, as the command was asked for (the lane may change while the request waits). */
  readonly summary: string;
}

/** An approval being used: good for one run of exactly that command with exactly that input. */
interface Grant {
  readonly approvalId: string;
  readonly command: CommandName;
  readonly inputKey: string;
  readonly approver: Operator;
}

type SessionEvents = { session: [SessionView] };

function view(operator: Operator): OperatorView {
  return { operatorId: operator.operatorId, name: operator.name, role: operator.role };
}

/** The arguments of a command as the audit log and the binding of an approval see them. */
function argumentsOf(input: unknown): Record<string, unknown> {
  if (typeof input !== 'object' || input === null) return {};
  // A buyer's date of birth is checked, never kept (not even in the audit of an approval).
  const { requestId: _requestId, dateOfBirth: _dateOfBirth, ...rest } = input as Record<string, unknown>;
  return rest;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** What is being approved, in words for the approver. */
export function describeCommand(command: CommandName, input: unknown): string {
  const args = argumentsOf(input);
  switch (command) {
    case 'sale.postVoid':
      return `Post-void receipt ${String(args.receiptNumber)}`;
    case 'return.noReceipt':
      return `Return without a receipt: ${String(args.quantity)} × item ${String(args.code)}, refunded ${isRecord(args.refund) && args.refund.method === 'store-credit' ? 'onto store credit' : 'in cash'}`;
    case 'basket.cancel':
      return 'Void the whole basket';
    case 'shift.close':
      return 'Close the shift with the counted drawer';
    case 'report.x':
      return 'Show the X report of the shift';
    case 'report.z':
      return 'Close the business day with the Z report';
    case 'drawer.noSale':
      return 'Open the cash drawer (no sale)';
    case 'cash.paidIn':
    case 'cash.paidOut':
      return `${command === 'cash.paidIn' ? 'Paid in' : 'Paid out'}: ${String(args.amount)} minor units, ${String(args.reason)}`;
    case 'giftCard.issue':
      return `Issue ${String(args.amount)} minor units of store credit (${String(args.reason)})`;
    case 'bagging.allow':
      return args.what === 'bag' ? 'Accept the shopper’s bag in the bagging area' : 'Accept a personal item in the bagging area';
    case 'age.verify':
      return 'Approve the age-restricted items after checking the buyer’s ID';
    case 'attendant.approveAge':
      return `Approve the age check at lane ${String(args.laneId)}`;
    case 'attendant.voidLine':
      return `Void a line at lane ${String(args.laneId)}`;
    case 'attendant.clearBagging':
      return `Clear the bagging alert at lane ${String(args.laneId)}`;
    default:
      return command;
  }
}

/**
 * Who works this terminal: the signed-in operator, the screen lock, and the one command waiting
 * for a step-up approval. `authorize` is the single gate every command passes (see
 * common/permissions.ts for what each needs).
 */
export class OperatorSession extends EventEmitter<SessionEvents> {
  readonly #options: OperatorSessionOptions;
  #operator: Operator | null = null;
  #locked = false;
  #pending: PendingApproval | null = null;
  #grant: Grant | null = null;
  #approverAtWork: Operator | null = null;

  constructor(options: OperatorSessionOptions) {
    super();
    this.#options = options;
  }

  view(): SessionView {
    const pending = this.#livePending();
    const approval: ApprovalRequest | null = pending && {
      approvalId: pending.approvalId,
      permission: pending.permission,
      command: pending.command,
      summary: pending.summary,
      requestedBy: pending.requestedBy && view(pending.requestedBy),
      approverRole: lowestRoleWith(pending.permission),
      expiresAt: pending.expiresAt,
    };
    return {
      signInRequired: isStaffed(this.#options.terminalRole),
      operator: this.#operator && view(this.#operator),
      locked: this.#locked,
      approval,
    };
  }

  /** Who is acting now: the operator, and the approver while an approved command runs. */
  actor(): { operatorId: string | null; approverId: string | null } {
    return { operatorId: this.#operator?.operatorId ?? null, approverId: this.#approverAtWork?.operatorId ?? null };
  }

  /** Records an audit entry stamped with the lane, the time and who is acting. */
  record(entry: Pick<AuditEntry, 'action' | 'subject' | 'details'> & Partial<Pick<AuditEntry, 'operatorId' | 'approverId'>>): void {
    this.#options.audit.record({ ...this.actor(), laneId: this.#options.laneId, at: this.#options.now(), ...entry });
  }

  /** The active operator whose badge a scanned code is, or null (then it is an item or coupon). */
  badgeOwner(code: string): Operator | null {
    return this.#options.credentials.badgeOwner(code);
  }

  /**
   * The gate every command passes before it runs. Throws SIGN_IN_REQUIRED or LANE_LOCKED, or
   * APPROVAL_REQUIRED naming the permission (the command then waits for `grant`). A command
   * being run by `grant` passes once, if it is exactly the approved command and input.
   * `access` is what this command needs with this input, when the caller knows it needs less than
   * the contract's rule (a correction within the cashier's limit).
   */
  authorize(command: CommandName, input: unknown, access: CommandAccess = commandAccess[command]): void {
    const grant = this.#grant;
    if (grant && grant.command === command && grant.inputKey === canonicalJson(input)) {
      this.#grant = null;
      this.#approverAtWork = grant.approver;
      return;
    }
    const decision = decideAccess(access, {
      terminalRole: this.#options.terminalRole,
      operatorRole: this.#operator?.role ?? null,
      locked: this.#locked,
    });
    switch (decision.verdict) {
      case 'allow':
        return;
      case 'refuse':
        throw new TerminalError(decision.code, decision.message);
      case 'approval': {
        const role = lowestRoleWith(decision.permission);
        this.#pending = {
          approvalId: this.#options.newApprovalId(),
          command,
          input,
          permission: decision.permission,
          requestedBy: this.#operator,
          expiresAt: new Date(Date.parse(this.#options.now()) + APPROVAL_TTL_MS).toISOString(),
          summary: this.#options.describe?.(command, input) ?? describeCommand(command, input),
        };
        this.record({ action: 'approval.requested', subject: command, details: { permission: decision.permission, arguments: argumentsOf(input) } });
        this.#changed();
        throw new TerminalError('APPROVAL_REQUIRED', `approval required: ${decision.permission} needs a ${role}; a ${role} scans a badge or enters a PIN to approve`);
      }
      default: {
        const unknown: never = decision;
        throw new Error(`unknown access decision ${JSON.stringify(unknown)}`);
      }
    }
  }

  async signIn(credential: Credential): Promise<SessionView> {
    if (!isStaffed(this.#options.terminalRole)) {
      throw new TerminalError('FORBIDDEN', `a ${this.#options.terminalRole} terminal has no operator sign-in; an attendant approves with a badge or PIN`);
    }
    if (this.#operator) throw new TerminalError('FORBIDDEN', `${this.#operator.name} is signed in; sign out first`);
    const operator = await this.#options.credentials.verify(credential, 'sign-in');
    this.#operator = operator;
    this.#locked = false;
    this.record({ action: 'operator.signIn', operatorId: operator.operatorId, details: { method: credential.kind } });
    return this.#changed();
  }

  signOut(): SessionView {
    const operator = this.#operator;
    if (!operator) return this.view();
    this.record({ action: 'operator.signOut' });
    this.#operator = null;
    this.#locked = false;
    this.#pending = null;
    return this.#changed();
  }

  lock(): SessionView {
    if (this.#locked) return this.view();
    this.record({ action: 'operator.lock' });
    this.#locked = true;
    this.#pending = null;
    return this.#changed();
  }

  /**
   * The operator who locked the screen unlocks it and carries on; a supervisor or manager may
   * unlock it too, and then works the lane as themselves (the basket is kept either way).
   */
  async unlock(credential: Credential): Promise<SessionView> {
    const locker = this.#operator;
    if (!this.#locked || !locker) return this.view();
    const operator = await this.#options.credentials.verify(credential, 'unlock');
    const same = operator.operatorId === locker.operatorId;
    if (!same && roleRank(operator.role) < roleRank('supervisor')) {
      this.record({ action: 'approval.refused', operatorId: operator.operatorId, subject: 'operator.unlock', details: { lockedBy: locker.operatorId } });
      throw new TerminalError('FORBIDDEN', `only ${locker.name} or a supervisor can unlock this lane`);
    }
    this.record({ action: 'operator.unlock', operatorId: operator.operatorId, details: { lockedBy: locker.operatorId, method: credential.kind } });
    this.#operator = operator;
    this.#locked = false;
    return this.#changed();
  }

  /**
   * A supervisor or manager approves the waiting command: their credential is checked, their
   * role must hold the permission, and the command then runs once through `run` (the dispatch),
   * with exactly the input it was refused with. Its failure is this call's failure.
   */
  async grant(approvalId: string, credential: Credential, run: (command: CommandName, input: unknown) => Promise<Result<unknown>>): Promise<SessionView> {
    const pending = this.#requirePending(approvalId);
    const approver = await this.#options.credentials.verify(credential, 'approval');
    if (this.#pending !== pending) throw new TerminalError('NO_APPROVAL_PENDING', 'that request was withdrawn or replaced while the approval was checked');
    if (!approver.active || !roleHas(approver.role, pending.permission)) {
      this.record({
        action: 'approval.refused',
        operatorId: pending.requestedBy?.operatorId ?? null,
        approverId: approver.operatorId,
        subject: pending.command,
        details: { permission: pending.permission, approverRole: approver.role },
      });
      throw new TerminalError('FORBIDDEN', `${approver.name} (${approver.role}) cannot approve ${pending.permission}; a ${lowestRoleWith(pending.permission)} must`);
    }
    this.#pending = null;
    this.record({
      action: 'approval.granted',
      operatorId: pending.requestedBy?.operatorId ?? null,
      approverId: approver.operatorId,
      subject: pending.command,
      details: { permission: pending.permission, arguments: argumentsOf(pending.input), approvalId },
    });
    this.#grant = { approvalId, command: pending.command, inputKey: canonicalJson(pending.input), approver };
    try {
      const result = await run(pending.command, pending.input);
      if (!result.ok) throw new TerminalError(result.error.code, result.error.message, result.error.field);
    } finally {
      this.#grant = null;
      this.#approverAtWork = null;
      this.#changed();
    }
    return this.view();
  }

  cancelApproval(approvalId: string): SessionView {
    const pending = this.#livePending();
    if (!pending || pending.approvalId !== approvalId) return this.view();
    this.record({ action: 'approval.cancelled', operatorId: pending.requestedBy?.operatorId ?? null, subject: pending.command, details: { permission: pending.permission } });
    this.#pending = null;
    return this.#changed();
  }

  /**
   * A badge scanned through any scanner path: it answers the waiting approval, or signs in, or
   * unlocks, in that order of what the lane is waiting for.
   */
  async presentBadge(code: string, run: (command: CommandName, input: unknown) => Promise<Result<unknown>>): Promise<SessionView> {
    const pending = this.#livePending();
    const credential: Credential = { kind: 'badge', code };
    if (pending) return this.grant(pending.approvalId, credential, run);
    if (this.#locked) return this.unlock(credential);
    if (isStaffed(this.#options.terminalRole) && !this.#operator) return this.signIn(credential);
    const owner = this.badgeOwner(code);
    throw new TerminalError('FORBIDDEN', `${owner?.name ?? 'an operator'}'s badge was scanned, but nothing is waiting for an approval`);
  }

  #requirePending(approvalId: string): PendingApproval {
    const pending = this.#pending;
    if (!pending || pending.approvalId !== approvalId) throw new TerminalError('NO_APPROVAL_PENDING', 'nothing is waiting for that approval (it was used, withdrawn or replaced)', 'approvalId');
    if (Date.parse(pending.expiresAt) <= Date.parse(this.#options.now())) {
      this.#pending = null;
      this.record({ action: 'approval.cancelled', operatorId: pending.requestedBy?.operatorId ?? null, subject: pending.command, details: { permission: pending.permission, why: 'expired' } });
      this.#changed();
      throw new TerminalError('APPROVAL_EXPIRED', `the request for ${pending.permission} expired at ${pending.expiresAt}; ask again`, 'approvalId');
    }
    return pending;
  }

  /** The waiting approval, unless it has expired (then it is quietly dropped from the view). */
  #livePending(): PendingApproval | null {
    const pending = this.#pending;
    if (pending && Date.parse(pending.expiresAt) <= Date.parse(this.#options.now())) return null;
    return pending;
  }

  #changed(): SessionView {
    const current = this.view();
    this.emit('session', current);
    return current;
  }
}
