import { z } from 'zod';
import { BasketViewSchema, ReceiptViewSchema } from '../basket.ts';
import { CameraScanningSchema, GatePassageSchema, GateViewSchema } from '../gate.ts';
import { IdSchema, RequestIdSchema } from '../ids.ts';
import { LookupCategoriesSchema, LookupLanguageSchema, LookupQuerySchema, LookupResultSchema } from '../lookup.ts';
import { CurrencyCodeSchema, MinorSchema } from '../money.ts';
import { CorrectionSettingsSchema, ExemptionIdSchema, LineDiscountInputSchema, ReasonCodeSchema } from '../corrections.ts';
import { SuspendTicketViewSchema, TicketCodeSchema } from '../suspend.ts';
import { CashCountSchema, GiftCardViewSchema, PaidReasonSchema, ReportViewSchema, ShiftCloseViewSchema, ShiftViewSchema } from '../shift.ts';
import { NoReceiptRefundSchema, ReturnableSaleSchema, ReturnQuoteSchema, ReturnSelectionSchema, ReturnViewSchema } from '../returns.ts';
import { SimulatorActionSchema, SimulatorPanelViewSchema } from '../simulator.ts';
import { CredentialSchema, PostVoidReasonSchema, PostVoidViewSchema, SaleSummarySchema, SessionViewSchema } from '../session.ts';
import { StoreBoardSchema } from '../store.ts';
import { commandNames, eventNames, type CommandName, type EventName } from './names.ts';
import { ErrorCodeSchema } from './result.ts';

export const RoleSchema = z.enum(['self-checkout', 'associate', 'attendant', 'gate']);
export type Role = z.infer<typeof RoleSchema>;

export const DeviceStatusSchema = z.object({
  name: z.string(),
  kind: z.enum(['scanner', 'scale', 'payment', 'printer', 'gate', 'light']),
  state: z.enum(['online', 'offline', 'off', 'error']),
  detail: z.string(),
});
export type DeviceStatus = z.infer<typeof DeviceStatusSchema>;

export const PaymentStatusSchema = z.object({
  state: z.enum(['idle', 'waiting', 'declined', 'failed']),
  /** What the payment terminal asks of the shopper, or why it failed. */
  message: z.string(),
});
export type PaymentStatus = z.infer<typeof PaymentStatusSchema>;

/** The printed receipt of the sale on screen: printing, printed, or why not (the screen shows it instead). */
export const ReceiptPrintStatusSchema = z.object({
  state: z.enum(['printing', 'printed', 'failed']),
  problem: z.enum(['paperOut', 'coverOpen', 'offline', 'error']).nullable(),
});
export type ReceiptPrintStatus = z.infer<typeof ReceiptPrintStatusSchema>;

/** An open intervention of the self-checkout bagging area (main/checkout/bagging.ts). */
export const BaggingInterventionSchema = z.object({
  kind: z.enum(['unexpectedItem', 'itemNotBagged', 'itemRemoved']),
  lineId: z.string().nullable(),
  grams: z.number().int().nonnegative(),
});
export const BaggingViewSchema = z.object({ interventions: z.array(BaggingInterventionSchema) });
export type BaggingView = z.infer<typeof BaggingViewSchema>;

/** Where the lane is in the shopper's journey; the screens follow it. */
export const PhaseSchema = z.enum(['welcome', 'shopping', 'paying', 'receipt']);
export type Phase = z.infer<typeof PhaseSchema>;

/** A shopper's (or cashier's) call for an attendant, held by the lane until someone cancels it. */
export const HelpRequestSchema = z.object({ requestedAt: z.string() });
export type HelpRequest = z.infer<typeof HelpRequestSchema>;

export const TerminalStateSchema = z.object({
  role: RoleSchema,
  laneId: z.string(),
  storeName: z.string(),
  currency: CurrencyCodeSchema,
  locale: z.string(),
  phase: PhaseSchema,
  basket: BasketViewSchema.nullable(),
  payment: PaymentStatusSchema,
  receipt: ReceiptViewSchema.nullable(),
  devices: z.array(DeviceStatusSchema),
  help: HelpRequestSchema.nullable(),
  /** Absent on a lane without a receipt printer. */
  receiptPrint: ReceiptPrintStatusSchema.nullable().optional(),
  /** Absent on a lane without a bagging scale. */
  bagging: BaggingViewSchema.optional(),
  /** Absent on a terminal that is not a gate. */
  gate: GateViewSchema.optional(),
  /** Absent unless the terminal scans with a camera (on by default at a gate, off at lanes). */
  camera: CameraScanningSchema.optional(),
});
export type TerminalState = z.infer<typeof TerminalStateSchema>;

export const ScanSourceSchema = z.enum(['wedge', 'scanner', 'camera', 'keyed']);
export type ScanSource = z.infer<typeof ScanSourceSchema>;

const empty = z.object({});
const LaneIdSchema = z.string().regex(/^[A-Za-z0-9-]{1,16}$/, 'a lane id: letters, digits and - (at most 16)');
const DateOfBirthSchema = z.iso.date({ error: 'a date of birth as YYYY-MM-DD' });
const write = z.object({ requestId: RequestIdSchema });

const GiftCardCodeInput = z.string().trim().min(6).max(32);

const paidInput = { amount: MinorSchema.positive(), reason: PaidReasonSchema, note: z.string().trim().max(200).optional() };

/** What a drawer command did: the movement recorded, and whether a drawer was there to open. */
export const DrawerOutcomeSchema = z.object({
  movementId: IdSchema,
  kind: z.enum(['paid-in', 'paid-out', 'no-sale']),
  amount: MinorSchema,
  drawer: z.enum(['opened', 'no-drawer', 'failed']),
});
export type DrawerOutcome = z.infer<typeof DrawerOutcomeSchema>;

/** Every call: its input and what it answers. Writes carry an idempotency key. */
export const commands = {
  'terminal.state': { input: empty, output: TerminalStateSchema },
  'basket.scan': {
    input: write.extend({
      code: z.string().trim().min(1).max(128),
      source: ScanSourceSchema,
      /** The quantity key: "3 ×" then scan adds three. */
      quantity: z.number().int().min(1).max(999).optional(),
    }),
    output: TerminalStateSchema,
  },
  'basket.setQuantity': {
    input: write.extend({ lineId: IdSchema, quantity: z.number().int().min(1).max(999) }),
    output: TerminalStateSchema,
  },
  'basket.cancel': { input: write, output: TerminalStateSchema },
  /** `amount`: charge only this much to the card (split tender); the rest stays due. */
  'payment.start': { input: write.extend({ method: z.enum(['card']), amount: MinorSchema.positive().optional() }), output: TerminalStateSchema },
  'payment.cancel': { input: write, output: TerminalStateSchema },
  'sale.finish': { input: write, output: TerminalStateSchema },
  /** Calls an attendant to the lane (the lane light flashes); cancelled by the shopper or the attendant. */
  'lane.callHelp': { input: write, output: TerminalStateSchema },
  'lane.cancelHelp': { input: write, output: TerminalStateSchema },
  /** The attendant accepts what lies in the bagging area (a shopper's bag or a personal item). */
  'bagging.allow': { input: write.extend({ what: z.enum(['bag', 'personalItem']) }), output: TerminalStateSchema },
  // Operators: who works the terminal (see common/permissions.ts for what each command needs).
  'operator.session': { input: empty, output: SessionViewSchema },
  'operator.signIn': { input: write.extend({ credential: CredentialSchema }), output: SessionViewSchema },
  'operator.signOut': { input: write, output: SessionViewSchema },
  'operator.lock': { input: write, output: SessionViewSchema },
  'operator.unlock': { input: write.extend({ credential: CredentialSchema }), output: SessionViewSchema },
  /** A supervisor or manager approves the pending command; main then runs it once. */
  'approval.grant': { input: write.extend({ approvalId: IdSchema, credential: CredentialSchema }), output: SessionViewSchema },
  'approval.cancel': { input: write.extend({ approvalId: IdSchema }), output: SessionViewSchema },
  'sale.lookup': { input: z.object({ receiptNumber: z.string().trim().min(1).max(32) }), output: SaleSummarySchema },
  'sale.postVoid': {
    input: write.extend({ receiptNumber: z.string().trim().min(1).max(32), reason: PostVoidReasonSchema }),
    output: PostVoidViewSchema,
  },
  // Tenders and the money (see common/shift.ts).
  /** Cash handed over: settles the rest (change due on the receipt) or pays part of it. */
  'tender.cash': { input: write.extend({ tendered: MinorSchema.positive() }), output: TerminalStateSchema },
  /** A gift card or store credit: its balance, up to what is due or `amount`. */
  'tender.giftCard': { input: write.extend({ code: GiftCardCodeInput, amount: MinorSchema.positive().optional() }), output: TerminalStateSchema },
  'giftCard.balance': { input: z.object({ code: GiftCardCodeInput }), output: GiftCardViewSchema },
  'giftCard.issue': {
    input: write.extend({ code: GiftCardCodeInput, amount: MinorSchema.positive(), reason: z.enum(['store-credit', 'goodwill', 'promotion', 'replacement']) }),
    output: GiftCardViewSchema,
  },
  'drawer.noSale': { input: write, output: DrawerOutcomeSchema },
  'cash.paidIn': { input: write.extend(paidInput), output: DrawerOutcomeSchema },
  'cash.paidOut': { input: write.extend(paidInput), output: DrawerOutcomeSchema },
  'shift.current': { input: empty, output: ShiftViewSchema.nullable() },
  /** Opens the lane's shift with the float counted into the drawer. */
  'shift.open': { input: write.extend({ float: CashCountSchema }), output: ShiftViewSchema },
  /** Blind close: the count goes in, the expected cash and over/short come out. */
  'shift.close': { input: write.extend({ counted: CashCountSchema }), output: ShiftCloseViewSchema },
  'report.x': { input: empty, output: ReportViewSchema },
  /** Closes the business day; asked again, answers the report that closed it. */
  'report.z': { input: write, output: ReportViewSchema },
  // Returns at a staffed lane (see common/returns.ts).
  /** The sale of a receipt with what is left to return of it. */
  'return.lookup': { input: z.object({ receiptNumber: z.string().trim().min(1).max(32) }), output: ReturnableSaleSchema },
  /** What returning the picked lines would refund, and to which tenders. */
  'return.quote': { input: z.object({ receiptNumber: z.string().trim().min(1).max(32), lines: ReturnSelectionSchema }), output: ReturnQuoteSchema },
  'return.byReceipt': { input: write.extend({ receiptNumber: z.string().trim().min(1).max(32), lines: ReturnSelectionSchema }), output: ReturnViewSchema },
  'return.quoteNoReceipt': { input: z.object({ code: z.string().trim().min(1).max(128), quantity: z.number().int().min(1).max(999) }), output: ReturnQuoteSchema },
  /** Needs a manager (or a manager's approval): cash or store credit only. */
  'return.noReceipt': {
    input: write.extend({ code: z.string().trim().min(1).max(128), quantity: z.number().int().min(1).max(999), refund: NoReceiptRefundSchema }),
    output: ReturnViewSchema,
  },
  /** The return made under a request id: how the screen learns the outcome of an approved return. */
  'return.view': { input: z.object({ requestId: RequestIdSchema }), output: ReturnViewSchema },
  /** An attendant (or the cashier) checked the buyer's ID; only the age is kept, never the date. */
  'age.verify': { input: write.extend({ dateOfBirth: DateOfBirthSchema }), output: TerminalStateSchema },
  /** The attendant's board: every lane of the store this station watches. */
  'store.board': { input: empty, output: StoreBoardSchema },
  // The attendant acts on a lane from afar; the lane checks the attendant's permission itself.
  /** With the date of birth keyed from the ID, or `idScan`: the ID card just scanned at the station. */
  'attendant.approveAge': {
    input: write
      .extend({ laneId: LaneIdSchema, dateOfBirth: DateOfBirthSchema.optional(), idScan: z.literal(true).optional() })
      .refine((input) => (input.dateOfBirth === undefined) !== (input.idScan === undefined), { message: 'give the dateOfBirth or idScan: true', path: ['dateOfBirth'] }),
    output: StoreBoardSchema,
  },
  'attendant.voidLine': { input: write.extend({ laneId: LaneIdSchema, lineId: IdSchema }), output: StoreBoardSchema },
  'attendant.clearBagging': { input: write.extend({ laneId: LaneIdSchema }), output: StoreBoardSchema },
  'attendant.acknowledgeHelp': { input: write.extend({ laneId: LaneIdSchema }), output: StoreBoardSchema },
  // Line corrections (common/corrections.ts): each with a reason code from the store's list.
  /** The store's reason codes and the cashier's limits, for the correction dialogs. */
  'corrections.settings': { input: empty, output: CorrectionSettingsSchema },
  'line.void': { input: write.extend({ lineId: IdSchema, reason: ReasonCodeSchema }), output: TerminalStateSchema },
  /** A new unit price (per kilogram for weighed items). */
  'line.overridePrice': { input: write.extend({ lineId: IdSchema, unitPrice: MinorSchema.nonnegative(), reason: ReasonCodeSchema }), output: TerminalStateSchema },
  'line.discount': { input: write.extend({ lineId: IdSchema, discount: LineDiscountInputSchema, reason: ReasonCodeSchema }), output: TerminalStateSchema },
  /** The customer's tax exemption certificate or exemption id: no tax is charged on the sale. */
  'basket.taxExempt': { input: write.extend({ certificate: ExemptionIdSchema, reason: ReasonCodeSchema }), output: TerminalStateSchema },
  // Suspend and resume (common/suspend.ts).
  /** Parks the open basket under a ticket code; the lane is free for the next customer. */
  'basket.suspend': { input: write, output: SuspendTicketViewSchema },
  /** Resumes a suspended basket, held by this lane or any lane of the store, re-priced today. */
  'basket.resume': { input: write.extend({ ticket: TicketCodeSchema }), output: TerminalStateSchema },
  /** This lane's suspended baskets still waiting to be resumed today. */
  'basket.suspended': { input: empty, output: z.array(SuspendTicketViewSchema) },
  // The item lookup (common/lookup.ts): the produce picker and the associate's lookup key.
  'catalog.categories': { input: z.object({ language: LookupLanguageSchema.default('en') }), output: LookupCategoriesSchema },
  'catalog.search': { input: LookupQuerySchema, output: LookupResultSchema },
  /** A code shown at a gate (app entry code or receipt, from any scanner or the camera): opens it or says why not. */
  'gate.present': {
    input: write.extend({ code: z.string().trim().min(1).max(512), source: ScanSourceSchema }),
    output: GatePassageSchema,
  },
  // Development only (npm start on simulated devices): null / DEVICE_UNAVAILABLE otherwise.
  /** The simulator panel: which simulated devices there are, or null on a lane without the panel. */
  'simulator.panel': { input: empty, output: SimulatorPanelViewSchema.nullable() },
  /** Does one thing to a simulated device (scan, weigh, decline the next card, paper out, unplug…). */
  'simulator.act': { input: write.extend({ action: SimulatorActionSchema }), output: SimulatorPanelViewSchema },
} as const satisfies Record<CommandName, { input: z.ZodType; output: z.ZodType }>;

export type Commands = typeof commands;
export type CommandInput<N extends CommandName> = z.input<Commands[N]['input']>;
export type ParsedInput<N extends CommandName> = z.output<Commands[N]['input']>;
export type CommandOutput<N extends CommandName> = z.output<Commands[N]['output']>;

export const NoticeSchema = z.object({
  level: z.enum(['info', 'warning', 'error']),
  /** `RECEIPT`: a receipt was scanned at a staffed lane; `message` is its number (the Returns screen opens). `CASH_BACK`: cash to hand back. */
  code: z.union([ErrorCodeSchema, z.enum(['SCANNED', 'DEVICE', 'RECEIPT', 'CASH_BACK'])]),
  message: z.string(),
});
export type Notice = z.infer<typeof NoticeSchema>;

export const events = {
  state: TerminalStateSchema,
  notice: NoticeSchema,
  session: SessionViewSchema,
} as const satisfies Record<EventName, z.ZodType>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export type TerminalEvent = { [E in EventName]: { event: E; payload: EventPayload<E> } }[EventName];

// The two name lists must agree with the schemas (checked at compile time).
const _commandsCovered: readonly (keyof Commands)[] = commandNames;
const _eventsCovered: readonly (keyof typeof events)[] = eventNames;
void _commandsCovered;
void _eventsCovered;
