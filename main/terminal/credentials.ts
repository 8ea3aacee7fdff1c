import { TerminalError } from '../../common/api/result.ts';
import type { Credential } from '../../common/session.ts';
import type { AuditLog } from '../ledger/audit-log.ts';
import type { Operator, OperatorRepository } from '../ledger/operators.ts';
import { badgeHash, verifyPin } from '../ledger/pin-hash.ts';

/** Wrong PINs in a row before an operator's PIN is refused for a while. */
export const MAX_FAILED_PINS = 5;
export const PIN_LOCKOUT_MS = 5 * 60_000;

/** Why a credential is presented: recorded with every failure. */
export type CredentialPurpose = 'sign-in' | 'unlock' | 'approval';

export interface CredentialCheckOptions {
  readonly operators: OperatorRepository;
  readonly audit: AuditLog;
  readonly laneId: string;
  readonly now: () => string;
}

// One answer for an unknown number and a wrong PIN, so the pad does not tell which numbers exist.
const WRONG_PIN = 'the operator number or PIN is not right';

/**
 * Proves who an operator is, from a PIN or a badge scan. Wrong PINs are counted per operator
 * in the ledger (so a restart does not reset them) and lock that operator's PIN for a while; a
 * badge, which must be held, still works during a PIN lockout. Every failure is audited.
 */
export class CredentialCheck {
  readonly #options: CredentialCheckOptions;

  constructor(options: CredentialCheckOptions) {
    this.#options = options;
  }

  /** The active operator whose badge this scanned code is, or null when it is not a badge. */
  badgeOwner(code: string): Operator | null {
    const owner = this.#options.operators.findByBadgeHash(badgeHash(code));
    return owner?.active ? owner : null;
  }

  async verify(credential: Credential, purpose: CredentialPurpose): Promise<Operator> {
    switch (credential.kind) {
      case 'badge': {
        const owner = this.badgeOwner(credential.code);
        if (!owner) {
          this.#failed(null, purpose, 'unknown badge');
          throw new TerminalError('SIGN_IN_FAILED', 'that badge is not an operator badge of this store', 'credential.code');
        }
        return owner;
      }
      case 'pin':
        return this.#verifyPin(credential.operatorId, credential.pin, purpose);
      default: {
        const unknown: never = credential;
        throw new Error(`unknown credential ${JSON.stringify(unknown)}`);
      }
    }
  }

  async #verifyPin(operatorId: string, pin: string, purpose: CredentialPurpose): Promise<Operator> {
    const { operators, now } = this.#options;
    const operator = operators.find(operatorId);
    const stored = operators.storedPin(operatorId);
    if (!operator || !stored || !operator.active) {
      this.#failed(operatorId, purpose, operator ? 'inactive operator' : 'unknown operator');
      throw new TerminalError('SIGN_IN_FAILED', WRONG_PIN, 'credential.pin');
    }
    const at = now();
    if (operator.lockedUntil !== null) {
      if (Date.parse(operator.lockedUntil) > Date.parse(at)) {
        this.#failed(operatorId, purpose, 'PIN locked out');
        throw new TerminalError('OPERATOR_LOCKED_OUT', `too many wrong PINs: operator ${operatorId} can use a PIN again after ${operator.lockedUntil}, or sign in with a badge`, 'credential.operatorId');
      }
      operators.clearFailedPins(operatorId);
    }
    if (await verifyPin(pin, stored)) {
      if (operator.failedPinAttempts > 0 || operator.lockedUntil !== null) operators.clearFailedPins(operatorId);
      return operators.find(operatorId) ?? operator;
    }
    // Re-read after the slow hash: another attempt may have counted meanwhile.
    const attempts = (operators.find(operatorId)?.failedPinAttempts ?? 0) + 1;
    const lockUntil = attempts >= MAX_FAILED_PINS ? new Date(Date.parse(now()) + PIN_LOCKOUT_MS).toISOString() : null;
    operators.recordFailedPin(operatorId, lockUntil);
    this.#failed(operatorId, purpose, 'wrong PIN', { attempts });
    if (lockUntil !== null) {
      this.#options.audit.record({ action: 'operator.lockedOut', laneId: this.#options.laneId, at: now(), operatorId, details: { attempts, until: lockUntil } });
      throw new TerminalError('OPERATOR_LOCKED_OUT', `too many wrong PINs: operator ${operatorId} can use a PIN again after ${lockUntil}, or sign in with a badge`, 'credential.operatorId');
    }
    throw new TerminalError('SIGN_IN_FAILED', WRONG_PIN, 'credential.pin');
  }

  #failed(operatorId: string | null, purpose: CredentialPurpose, why: string, extra: Record<string, unknown> = {}): void {
    this.#options.audit.record({
      action: 'operator.signInFailed',
      laneId: this.#options.laneId,
      at: this.#options.now(),
      operatorId,
      details: { purpose, why, ...extra },
    });
  }
}
