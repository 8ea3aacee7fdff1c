import { z } from 'zod';
import type { CommandName } from './api/names.ts';

/** What an operator may do. Checked in main, never in the renderer. */
export const permissions = [
  'sale.sell',
  'price.override',
  'line.discount',
  'line.void',
  'basket.void',
  'sale.postVoid',
  'return.noReceipt',
  'drawer.noSale',
  'cash.paidInOut',
  'shift.close',
  'report.z',
  'age.approve',
  'bagging.override',
  'operator.manage',
  'giftCard.issue',
  'tax.exempt',
  'basket.suspend',
  /** Take cash into a drawer (cash tender, opening a shift): never a shopper's own doing at self-checkout. */
  'cash.take',
] as const;
export const PermissionSchema = z.enum(permissions);
export type Permission = z.infer<typeof PermissionSchema>;

export const operatorRoles = ['cashier', 'supervisor', 'manager'] as const;
export const OperatorRoleSchema = z.enum(operatorRoles);
export type OperatorRole = z.infer<typeof OperatorRoleSchema>;

const cashier: readonly Permission[] = ['sale.sell', 'cash.take', 'line.void', 'basket.void', 'basket.suspend', 'age.approve', 'bagging.override'];
const supervisor: readonly Permission[] = [...cashier, 'price.override', 'line.discount', 'drawer.noSale', 'cash.paidInOut', 'shift.close', 'giftCard.issue', 'tax.exempt'];
const manager: readonly Permission[] = permissions;

/** Each role's permissions; a higher role holds everything of the ones below it. */
export const rolePermissions: { readonly [R in OperatorRole]: ReadonlySet<Permission> } = {
  cashier: new Set(cashier),
  supervisor: new Set(supervisor),
  manager: new Set(manager),
};

export function roleHas(role: OperatorRole, permission: Permission): boolean {
  return rolePermissions[role].has(permission);
}

/** The lowest role that holds a permission, to tell a cashier whom to call. */
export function lowestRoleWith(permission: Permission): OperatorRole {
  return operatorRoles.find((role) => roleHas(role, permission)) ?? 'manager';
}

/** Whether a supervisor or manager outranks (or equals) another operator's role. */
export function roleRank(role: OperatorRole): number {
  return operatorRoles.indexOf(role);
}

/**
 * What a command needs:
 * - `public`: nothing (reading the state, signing in, unlocking, answering an approval);
 * - `signed-in`: an operator signed in on this terminal, whatever the role;
 * - a permission: an operator who holds it, or a step-up approval by one who does.
 *
 * The map is exhaustive over the contract, so a new command cannot be added without saying
 * what it needs (a compile error otherwise).
 */
export type CommandAccess = 'public' | 'signed-in' | Permission;

export const commandAccess = {
  'terminal.state': 'public',
  'basket.scan': 'sale.sell',
  'basket.setQuantity': 'sale.sell',
  'basket.cancel': 'basket.void',
  'payment.start': 'sale.sell',
  'payment.cancel': 'sale.sell',
  'sale.finish': 'sale.sell',
  // Anyone at the lane may call for help, even on a locked or signed-out lane; the attendant who comes clears it.
  'lane.callHelp': 'public',
  'lane.cancelHelp': 'public',
  'bagging.allow': 'bagging.override',
  'operator.session': 'public',
  'operator.signIn': 'public',
  'operator.signOut': 'signed-in',
  'operator.lock': 'signed-in',
  'operator.unlock': 'public',
  'approval.grant': 'public',
  'approval.cancel': 'public',
  'sale.lookup': 'signed-in',
  'sale.postVoid': 'sale.postVoid',
  'tender.cash': 'cash.take',
  'tender.giftCard': 'sale.sell',
  'giftCard.balance': 'signed-in',
  'giftCard.issue': 'giftCard.issue',
  'drawer.noSale': 'drawer.noSale',
  'cash.paidIn': 'cash.paidInOut',
  'cash.paidOut': 'cash.paidInOut',
  'shift.current': 'signed-in',
  'shift.open': 'cash.take',
  // Closing is blind for the cashier; a supervisor (or their approval) sees the over/short.
  'shift.close': 'shift.close',
  // The X report shows the expected cash, so it is not for the cashier who will count the drawer.
  'report.x': 'shift.close',
  'report.z': 'report.z',
  'return.lookup': 'signed-in',
  'return.quote': 'signed-in',
  // A return by receipt refunds what the receipt proves was paid: any operator may take it, but
  // only at a staffed lane (a self-checkout shopper holds sale.sell, never an operator's session).
  'return.byReceipt': 'signed-in',
  'return.quoteNoReceipt': 'signed-in',
  'return.noReceipt': 'return.noReceipt',
  'return.view': 'signed-in',
  'age.verify': 'age.approve',
  'store.board': 'signed-in',
  'attendant.approveAge': 'age.approve',
  'attendant.voidLine': 'line.void',
  'attendant.clearBagging': 'bagging.override',
  'attendant.acknowledgeHelp': 'signed-in',
  'corrections.settings': 'signed-in',
  'line.void': 'line.void',
  // A cashier may lower a line within the store's cashier limits without approval (see
  // main/terminal/corrections-desk.ts `correctionAccess`); beyond them these permissions apply.
  'line.overridePrice': 'price.override',
  'line.discount': 'line.discount',
  'basket.taxExempt': 'tax.exempt',
  // At self-checkout a shopper cannot park a basket: the attendant approves it.
  'basket.suspend': 'basket.suspend',
  'basket.resume': 'sale.sell',
  'basket.suspended': 'signed-in',
  'catalog.categories': 'sale.sell',
  'catalog.search': 'sale.sell',
  // A gate has nobody signed in: whoever stands there shows a code; main checks the code itself.
  'gate.present': 'public',
  // The panel exists only on a development lane (main refuses it otherwise), where anyone at the screen plays the devices.
  'simulator.panel': 'public',
  'simulator.act': 'public',
} as const satisfies Record<CommandName, CommandAccess>;

/**
 * Terminal roles staffed by an operator, who must sign in before anything but signing in.
 * Self-checkout is used by shoppers (no sign-in to shop); a gate has no operator at all.
 */
export const staffedTerminalRoles = ['associate', 'attendant'] as const;

/** What the anonymous user of an unstaffed terminal may do without an approval. */
export const anonymousPermissions: { readonly 'self-checkout': ReadonlySet<Permission>; readonly gate: ReadonlySet<Permission> } = {
  // The shopper scans, pays and may abandon their own basket before paying.
  'self-checkout': new Set<Permission>(['sale.sell', 'basket.void']),
  gate: new Set<Permission>(),
};
