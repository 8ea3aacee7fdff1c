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
  'return.lookup',
  'return.quote',
  'return.byReceipt',
  'return.quoteNoReceipt',
  'return.noReceipt',
  'return.view',
  // The age check and the store network (common/store.ts).
  'age.verify',
  'store.board',
  'attendant.approveAge',
  'attendant.voidLine',
  'attendant.clearBagging',
  'attendant.acknowledgeHelp',
  // Line corrections and suspend/resume (common/corrections.ts, common/suspend.ts).
  'corrections.settings',
  'line.void',
  'line.overridePrice',
  'line.discount',
  'basket.taxExempt',
  'basket.suspend',
  'basket.resume',
  'basket.suspended',
  'catalog.categories',
  'catalog.search',
  'gate.present',
  'simulator.panel',
  'simulator.act',
] as const;
export type CommandName = (typeof commandNames)[number];

export const eventNames = ['state', 'notice', 'session'] as const;
export type EventName = (typeof eventNames)[number];

export function isCommandName(value: unknown): value is CommandName {
  return typeof value === 'string' && (commandNames as readonly string[]).includes(value);
}
