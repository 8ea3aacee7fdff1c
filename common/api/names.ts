/**
 * The fixed allow-list of API calls and event channels. It is kept free of zod so the sandboxed
 * preload can bundle it without the schemas; `contract.ts` checks that both lists agree.
 */
export const commandNames = [
  'terminal.state',
  'basket.scan',
  'basket.setQuantity',
  'basket.cancel',
  'payment.start',
  'payment.cancel',
  'sale.finish',
  'lane.callHelp',
  'lane.cancelHelp',
  'bagging.allow',
  'operator.session',
  'operator.signIn',
  'operator.signOut',
  'operator.lock',
  'operator.unlock',
  'approval.grant',
  'approval.cancel',
  'sale.lookup',
  'sale.postVoid',
  'tender.cash',
  'tender.giftCard',
  'giftCard.balance',
  'giftCard.issue',
  'drawer.noSale',
  'cash.paidIn',
  'cash.paidOut',
  'shift.current',
  'shift.open',
  'shift.close',
  'report.x',
  'report.z',
  'simulator.panel',
  'simulator.act',
] as const;
export type CommandName = (typeof commandNames)[number];

export const eventNames = ['state', 'notice', 'session'] as const;
export type EventName = (typeof eventNames)[number];

export function isCommandName(value: unknown): value is CommandName {
  return typeof value === 'string' && (commandNames as readonly string[]).includes(value);
}
