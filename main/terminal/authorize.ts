import type { Role } from '../../common/api/contract.ts';
import { anonymousPermissions, roleHas, staffedTerminalRoles, type CommandAccess, type OperatorRole, type Permission } from '../../common/permissions.ts';

/** Who is at the terminal when a command arrives. */
export interface Presence {
  readonly terminalRole: Role;
  readonly operatorRole: OperatorRole | null;
  readonly locked: boolean;
}

export type AccessDecision =
  | { readonly verdict: 'allow' }
  | { readonly verdict: 'refuse'; readonly code: 'SIGN_IN_REQUIRED' | 'LANE_LOCKED' | 'FORBIDDEN'; readonly message: string }
  | { readonly verdict: 'approval'; readonly permission: Permission };

const ALLOW: AccessDecision = { verdict: 'allow' };

export function isStaffed(role: Role): boolean {
  return (staffedTerminalRoles as readonly Role[]).includes(role);
}

/**
 * The one rule of who may run what: public commands always; on staffed terminals (associate,
 * attendant) only with an operator signed in and the screen unlocked, and a permission the
 * operator lacks needs a step-up approval; at self-checkout the shopper holds a fixed few
 * permissions and anything else needs an attendant's approval; a gate has nobody to approve.
 */
export function decideAccess(access: CommandAccess, presence: Presence): AccessDecision {
  if (access === 'public') return ALLOW;
  if (isStaffed(presence.terminalRole)) {
    if (presence.operatorRole === null) return { verdict: 'refuse', code: 'SIGN_IN_REQUIRED', message: 'sign in with your operator number and PIN, or scan your badge' };
    if (presence.locked) return { verdict: 'refuse', code: 'LANE_LOCKED', message: 'the lane is locked; unlock it with your PIN or badge' };
    if (access === 'signed-in' || roleHas(presence.operatorRole, access)) return ALLOW;
    return { verdict: 'approval', permission: access };
  }
  if (access === 'signed-in') return { verdict: 'refuse', code: 'SIGN_IN_REQUIRED', message: 'this needs an operator, and this terminal has none' };
  if (presence.terminalRole === 'self-checkout') {
    return anonymousPermissions['self-checkout'].has(access) ? ALLOW : { verdict: 'approval', permission: access };
  }
  return anonymousPermissions.gate.has(access) ? ALLOW : { verdict: 'refuse', code: 'FORBIDDEN', message: `a ${presence.terminalRole} terminal cannot do ${access}` };
}
