import type { TerminalState } from '../../common/api/contract.ts';
import { TerminalError } from '../../common/api/result.ts';
import { roleHas, type Permission } from '../../common/permissions.ts';
import type { RemoteAction, RemoteActionRequest } from '../../common/store.ts';
import type { AuditEntry } from '../ledger/audit-log.ts';
import type { Operator } from '../ledger/operators.ts';
import { RecentRequests } from '../terminal/recent-requests.ts';

/** What each remote action needs of the attendant who sends it (common/permissions.ts). */
export const remoteActionNeeds: { readonly [T in RemoteAction['type']]: Permission | 'signed-in' } = {
  approveAge: 'age.approve',
  voidLine: 'line.void',
  clearBagging: 'bagging.override',
  acknowledgeHelp: 'signed-in',
};

/**
 * The lane's own decision on an attendant's request: the operator is looked up in this lane's
 * ledger (the station's word for the role is not taken), must be active, and their role must
 * hold the action's permission. Only a self-checkout takes orders from afar; a staffed lane's
 * cashier works their own lane.
 */
export function authorizeRemote(laneRole: TerminalState['role'], operator: Operator | null, action: RemoteAction['type']): Operator {
  if (laneRole !== 'self-checkout') throw new TerminalError('FORBIDDEN', `this lane is a ${laneRole} lane: it takes no actions from the attendant station`);
  if (!operator || !operator.active) throw new TerminalError('FORBIDDEN', 'the attendant is not an active operator of this store');
  const needs = remoteActionNeeds[action];
  if (needs !== 'signed-in' && !roleHas(operator.role, needs)) {
    throw new TerminalError('FORBIDDEN', `${operator.name} (${operator.role}) may not do ${needs}`);
  }
  return operator;
}

/** What the lane exposes to the attendant's actions; each is a lane command under the attendant's name. */
export interface AttendedLane {
  readonly laneId: string;
  role(): TerminalState['role'];
  state(): TerminalState;
  ageCheckNeeded(): number | null;
  verifyAge(dateOfBirth: string, method: 'dob' | 'id-scan', authorizedBy: string, requestId: string): void;
  voidLine(lineId: string, requestId: string): void;
  /** Clears every open bagging alert; throws when the lane has no bagging scale or none is open. */
  clearBagging(): void;
  /** True when a call for help was open and is now cleared. */
  acknowledgeHelp(requestId: string): boolean;
  findOperator(operatorId: string): Operator | null;
  audit(entry: Pick<AuditEntry, 'action' | 'operatorId' | 'subject' | 'details'>): void;
}

/** Runs attendants' requests on this lane: authorised, audited under the attendant's id, each once. */
export class RemoteActionDesk {
  readonly #lane: AttendedLane;
  readonly #done = new RecentRequests(500);

  constructor(lane: AttendedLane) {
    this.#lane = lane;
  }

  run(request: RemoteActionRequest, station: string): void {
    const { action } = request;
    const requestId = `peer-${request.requestId}`;
    if (this.#done.has(requestId)) return;
    const lane = this.#lane;
    let operator: Operator;
    try {
      operator = authorizeRemote(lane.role(), lane.findOperator(request.operatorId), action.type);
    } catch (error) {
      lane.audit({ action: 'attendant.refused', operatorId: request.operatorId, subject: action.type, details: { station, reason: error instanceof Error ? error.message : String(error) } });
      throw error;
    }
    const audit = (name: string, subject: string | null, details: Record<string, unknown>): void =>
      lane.audit({ action: `attendant.${name}`, operatorId: operator.operatorId, subject, details: { station, ...details } });
    const basketId = lane.state().basket?.basketId ?? null;
    switch (action.type) {
      case 'approveAge': {
        const minimumAge = lane.ageCheckNeeded();
        try {
          lane.verifyAge(action.dateOfBirth, action.method, operator.operatorId, requestId);
        } catch (error) {
          if (error instanceof TerminalError && error.code === 'UNDER_AGE') audit('ageRefused', basketId, { minimumAge, method: action.method });
          throw error;
        }
        audit('ageApproved', basketId, { minimumAge, method: action.method });
        break;
      }
      case 'voidLine': {
        const line = lane.state().basket?.lines.find((candidate) => candidate.lineId === action.lineId);
        lane.voidLine(action.lineId, requestId);
        audit('lineVoided', basketId, { lineId: action.lineId, item: line?.itemId ?? null, amount: line?.amountPaid ?? null });
        break;
      }
      case 'clearBagging': {
        const alerts = lane.state().bagging?.interventions ?? [];
        lane.clearBagging();
        audit('baggingCleared', basketId, { alerts: alerts.map((alert) => alert.kind) });
        break;
      }
      case 'acknowledgeHelp':
        if (lane.acknowledgeHelp(requestId)) audit('helpAcknowledged', lane.laneId, {});
        break;
      default: {
        const unknown: never = action;
        throw new Error(`unknown remote action ${JSON.stringify(unknown)}`);
      }
    }
    this.#done.add(requestId);
  }
}
