import type { ErrorCode } from '../../../common/api/result.ts';

/**
 * The English messages. Other languages are sibling files typed `Catalog`, so a missing key is a
 * compile error. `{name}` placeholders are filled by `t`; counted keys come in `.one`/`.other`.
 */
export const en = {
  'app.starting': 'Starting the lane…',
  'app.reconnecting': 'Reconnecting to the lane…',
  'app.reconnectingHint': 'Please wait a moment. Your items are safe.',

  'welcome.greeting': 'Welcome to {store}',
  'welcome.title': 'Scan your first item to start',
  'welcome.subtitle': 'Hold the barcode under the scanner or in front of the glass.',
  'welcome.scannerArt': 'A barcode being scanned',

  'keypad.open': 'Enter code',
  'keypad.openHint': 'No barcode? Key in the number',
  'keypad.title': 'Enter the item code',
  'keypad.explain': 'Type the barcode number or the produce code (PLU).',
  'keypad.input': 'Item code',
  'keypad.placeholder': 'e.g. 4011',
  'keypad.submit': 'Add item',
  'keypad.clear': 'Clear',
  'keypad.backspace': 'Delete last digit',
  'keypad.close': 'Close',
  'keypad.digit': 'Digit {digit}',

  'basket.title': 'Your items',
  'basket.empty': 'No items yet',
  'basket.lineEach': '{quantity} × {unitPrice}',
  'basket.lineWeight': '{weight} kg × {unitPrice}/kg',
  'basket.ageCheck': 'ID check',
  'basket.ageCheckTitle': 'Age-restricted item ({age}+): an attendant will check your ID',
  'basket.increase': 'Add one more {name}',
  'basket.decrease': 'Remove one {name}',
  'basket.quantity': 'Quantity',

  'summary.items.one': '{count} item',
  'summary.items.other': '{count} items',
  'summary.subtotal': 'Subtotal',
  'summary.taxIncluded': '{label} (included)',
  'summary.total': 'Total',
  'summary.paid': 'Paid',
  'summary.due': 'To pay',
  'summary.pay': 'Pay',
  'summary.payEmpty': 'Scan an item to pay',
  'summary.payAgeCheck': 'An attendant must check your ID before you pay',
  'summary.cancelOrder': 'Cancel order',

  'cancel.title': 'Cancel this order?',
  'cancel.body': 'All items will be removed from your basket.',
  'cancel.keep': 'Keep shopping',
  'cancel.confirm': 'Yes, cancel order',

  'paying.title': 'Pay by card',
  'paying.totalDue': 'Total to pay',
  'paying.waitingArt': 'Tap, insert or swipe your card on the card reader',
  'paying.waiting': 'Follow the instructions on the card reader',
  'paying.cancel': 'Cancel payment',
  'paying.retry': 'Try again',
  'paying.back': 'Back to basket',
  'paying.declinedTitle': 'Payment not completed',

  'receipt.thanks': 'Thank you!',
  'receipt.subtitle': 'Your payment was approved. Please take your items.',
  'receipt.done': 'Done',
  'receipt.countdown.one': 'Returning to the start in {count} second',
  'receipt.countdown.other': 'Returning to the start in {count} seconds',
  'receipt.title': 'Receipt',
  'receipt.lane': 'Lane {lane}',
  'receipt.number': 'Receipt {number}',
  'receipt.card': '{brand} •••• {last4}',
  'receipt.auth': 'Auth code {code}',
  'receipt.approved': 'Approved',

  'devices.label': 'Devices',
  'role.self-checkout': 'Self-checkout',
  'devices.state.online': 'online',
  'devices.state.offline': 'offline',
  'devices.state.off': 'off',
  'devices.state.error': 'error',
  'devices.entry': '{name}: {state}',
  'devices.lane': 'Lane {lane}',

  'associate.title': 'Cashier lane',
  'associate.entry': 'Item code',
  'associate.entryHint': 'Scan or key a code, then Enter',
  'associate.noSale': 'No sale open. Scan or key an item to start.',
  'associate.column.item': 'Item',
  'associate.column.code': 'Code',
  'associate.column.quantity': 'Qty',
  'associate.column.price': 'Price',
  'associate.column.total': 'Amount',
  'associate.pay': 'Card payment',
  'associate.cancel': 'Cancel sale',
  'associate.cancelTitle': 'Cancel this sale?',
  'associate.cancelBody': 'Every line will be voided. Enter confirms, Esc keeps the sale.',
  'associate.cancelConfirm': 'Cancel sale',
  'associate.cancelKeep': 'Keep sale',
  'associate.paying': 'Card payment in progress',
  'associate.cancelPayment': 'Cancel payment',
  'associate.retry': 'Retry card',
  'associate.back': 'Back to sale',
  'associate.receipt': 'Sale complete',
  'associate.newSale': 'New sale',
  'associate.payBlockedAge': 'Check the customer’s ID before taking payment',

  'station.attendant.title': 'Attendant station',
  'station.gate.title': 'Gate',
  'station.attendant.explain': 'The live board of self-checkout lanes is not in this release yet. This station shows its own devices.',
  'station.gate.explain': 'Gate control is not in this release yet. This station shows its own devices.',
  'station.terminal': 'Terminal {lane}',

  'notice.dismiss': 'Dismiss',

  'error.INVALID_INPUT': 'That didn’t look right. Please try again.',
  'error.UNKNOWN_COMMAND': 'This lane can’t do that. Please ask an attendant for help.',
  'error.FORBIDDEN': 'That isn’t allowed on this lane. Please ask an attendant.',
  'error.INVALID_BARCODE': 'That barcode couldn’t be read. Please scan it again or enter the code.',
  'error.UNKNOWN_ITEM': 'We couldn’t find that item. Please try again or ask an attendant.',
  'error.NEEDS_WEIGHT': 'Please place the item on the scale.',
  'error.NO_OPEN_BASKET': 'Your basket is empty. Scan an item to start.',
  'error.UNKNOWN_LINE': 'That item is no longer in your basket.',
  'error.BASKET_EMPTY': 'Your basket is empty. Scan an item to start.',
  'error.BASKET_LOCKED': 'Your basket can’t be changed right now. Please ask an attendant.',
  'error.AGE_CHECK_REQUIRED': 'An attendant must check your ID before you pay.',
  'error.PAYMENT_IN_PROGRESS': 'A payment is in progress. Finish or cancel it first.',
  'error.PAYMENT_DECLINED': 'Your payment was declined. Please try again or use another card.',
  'error.DEVICE_UNAVAILABLE': 'A device on this lane isn’t working. Please ask an attendant.',
  'error.INTERNAL': 'Something went wrong. Please ask an attendant for help.',
} as const;

// Every stable error code of the API has a shopper-friendly message (checked at compile time).
const _everyErrorTranslated: Record<`error.${ErrorCode}`, string> = en;
void _everyErrorTranslated;

export type MessageKey = keyof typeof en;
export type Catalog = { readonly [K in MessageKey]: string };
