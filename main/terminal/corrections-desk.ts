import type { ParsedInput, Role, TerminalState } from '../../common/api/contract.ts';
import type { CommandName } from '../../common/api/names.ts';
import { TerminalError } from '../../common/api/result.ts';
import type { BasketLineView, BasketView } from '../../common/basket.ts';
import type { CashierLimit, CorrectionKind, CorrectionSettings, LineDiscountInput } from '../../common/corrections.ts';
import { formatMoney, roundHalfUp } from '../../common/money.ts';
import { commandAccess, type CommandAccess } from '../../common/permissions.ts';
import { isStaffed } from './authorize.ts';
import type { CorrectionAudit, Lane } from './lane.ts';
import type { OperatorSession } from './operator-session.ts';

export interface CorrectionsDeskOptions {
  readonly lane: Lane;
  readonly session: OperatorSession;
  readonly settings: CorrectionSettings;
  readonly terminalRole: Role;
}

export interface CorrectionsDesk {
  settings(): CorrectionSettings;
  voidLine(input: ParsedInput<'line.void'>): TerminalState;
  overridePrice(input: ParsedInput<'line.overridePrice'>): TerminalState;
  discountLine(input: ParsedInput<'line.discount'>): TerminalState;
  exemptFromTax(input: ParsedInput<'basket.taxExempt'>): TerminalState;
  /** What a correction needs of the operator: less than its permission when it stays within the cashier's limit. */
  access(command: CommandName, input: unknown): CommandAccess;
  /** The correction in words for the approver, with the item and the money; null for other commands. */
  describe(command: CommandName, input: unknown): string | null;
}

/** What a line comes to before any saving, at its regular (catalog or label) price. */
function regularAmount(line: BasketLineView): number {
  const unit = line.regularUnitPrice ?? line.unitPrice;
  if (line.priceSource === 'label') return line.extendedPrice;
  return line.soldBy === 'weight' ? roundHalfUp(unit * line.quantity, 1000) : unit * line.quantity;
}

/** How much a new unit price takes off the line's regular amount (negative: it raises it). */
function overrideReduction(line: BasketLineView, unitPrice: number): number {
  const newAmount = line.soldBy === 'weight' ? roundHalfUp(unitPrice * line.quantity, 1000) : unitPrice * line.quantity;
  return regularAmount(line) - newAmount;
}

function discountAmount(line: BasketLineView, discount: LineDiscountInput): number {
  const base = line.extendedPrice;
  return discount.kind === 'percent' ? roundHalfUp(base * discount.basisPoints, 10_000) : Math.min(discount.amount, base);
}

/** `share`: the basis points asked for, when the cashier keyed a percentage (its rounded amount may be a hair over). */
function withinLimit(limit: CashierLimit | null, off: number, base: number, share?: number): boolean {
  if (limit === null) return false;
  if (off <= 0) return true;
  return off <= limit.maxAmount && (share === undefined ? off * 10_000 <= limit.maxBasisPoints * base : share <= limit.maxBasisPoints);
}

function lineOf(basket: BasketView | null, lineId: unknown): BasketLineView | null {
  return basket?.lines.find((line) => line.lineId === lineId) ?? null;
}

/**
 * The attended lane's line corrections: void a line, override its price, discount it, exempt the
 * sale from tax. Each needs a reason from the store's list for that kind of correction, and each
 * is audited (operator, approver, line, old and new price, reason) in the transaction that
 * journals it.
 */
export function correctionsDesk(options: CorrectionsDeskOptions): CorrectionsDesk {
  const { lane, session, settings } = options;

  const checkReason = (kind: CorrectionKind, code: string): void => {
    const listed = settings.reasons.find((reason) => reason.code === code);
    if (listed && listed.appliesTo.includes(kind)) return;
    const allowed = settings.reasons.filter((reason) => reason.appliesTo.includes(kind)).map((reason) => reason.code);
    throw new TerminalError('INVALID_INPUT', `reason: "${code}" is not a reason for this correction; use one of ${allowed.join(', ')}`, 'reason');
  };

  const requireLine = (lineId: string): BasketLineView => {
    const line = lineOf(lane.state().basket, lineId);
    if (!line) throw new TerminalError('UNKNOWN_LINE', `there is no line ${lineId} in this basket`, 'lineId');
    return line;
  };

  /** Whoever allowed it: the approver of a step-up approval, else the operator who did it. */
  const authorizedBy = (): string | null => {
    const actor = session.actor();
    return actor.approverId ?? actor.operatorId;
  };

  const audited =
    (action: string, lineId: string | null, details: (before: BasketView, after: BasketView) => Record<string, unknown>): CorrectionAudit =>
    (before, after) =>
      session.record({ action, subject: lineId ?? before.basketId, details: { basketId: before.basketId, currency: before.currency, ...details(before, after) } });

  // The item id, not the scanned code: the audit log refuses digit runs that pass as card numbers, and some GTINs do.
  const lineFacts = (line: BasketLineView): Record<string, unknown> => ({ itemId: line.itemId, name: line.name, quantity: line.quantity, soldBy: line.soldBy });

  return {
    settings: () => settings,

    voidLine(input) {
      checkReason('void', input.reason);
      if (lane.applied(input.requestId)) return lane.state();
      const line = requireLine(input.lineId);
      return lane.voidLine(
        input.lineId,
        input.requestId,
        input.reason,
        audited('line.void', input.lineId, (before, after) => ({
          ...lineFacts(line),
          oldUnitPrice: line.unitPrice,
          oldAmount: line.amountPaid,
          newAmount: 0,
          totalBefore: before.total,
          totalAfter: after.total,
          reason: input.reason,
        })),
      );
    },

    overridePrice(input) {
      checkReason('override', input.reason);
      if (lane.applied(input.requestId)) return lane.state();
      const line = requireLine(input.lineId);
      return lane.overridePrice(
        input.lineId,
        input.unitPrice,
        input.reason,
        authorizedBy(),
        input.requestId,
        audited('price.override', input.lineId, (_before, after) => ({
          ...lineFacts(line),
          regularUnitPrice: line.regularUnitPrice ?? line.unitPrice,
          oldUnitPrice: line.unitPrice,
          newUnitPrice: input.unitPrice,
          oldAmount: line.amountPaid,
          newAmount: lineOf(after, input.lineId)?.amountPaid ?? null,
          reason: input.reason,
        })),
      );
    },

    discountLine(input) {
      checkReason('discount', input.reason);
      if (lane.applied(input.requestId)) return lane.state();
      const line = requireLine(input.lineId);
      return lane.discountLine(
        input.lineId,
        input.discount,
        input.reason,
        authorizedBy(),
        input.requestId,
        audited('line.discount', input.lineId, (_before, after) => {
          const changed = lineOf(after, input.lineId);
          return {
            ...lineFacts(line),
            discount: input.discount,
            unitPrice: line.unitPrice,
            oldNetPrice: line.netPrice,
            newNetPrice: changed?.netPrice ?? null,
            oldAmount: line.amountPaid,
            newAmount: changed?.amountPaid ?? null,
            reason: input.reason,
          };
        }),
      );
    },

    exemptFromTax(input) {
      checkReason('exempt', input.reason);
      if (lane.applied(input.requestId)) return lane.state();
      return lane.exemptFromTax(
        input.certificate,
        authorizedBy(),
        input.requestId,
        input.reason,
        audited('tax.exempt', null, (before, after) => ({
          certificate: input.certificate,
          taxBefore: before.taxTotal,
          totalBefore: before.total,
          totalAfter: after.total,
          reason: input.reason,
        })),
      );
    },

    access(command, input) {
      const full: CommandAccess = commandAccess[command];
      // Only an operator's own limit is relaxed: a shopper at self-checkout always needs the attendant.
      if (!isStaffed(options.terminalRole) || (command !== 'line.overridePrice' && command !== 'line.discount')) return full;
      const args = input as Partial<ParsedInput<'line.overridePrice'> & ParsedInput<'line.discount'>>;
      const line = lineOf(lane.state().basket, args.lineId);
      // An unknown line is refused by the command itself, whoever runs it.
      if (!line) return 'sale.sell';
      const within =
        command === 'line.overridePrice'
          ? args.unitPrice !== undefined && withinLimit(settings.cashierLimits.priceOverride, overrideReduction(line, args.unitPrice), regularAmount(line))
          : args.discount !== undefined &&
            withinLimit(settings.cashierLimits.lineDiscount, discountAmount(line, args.discount), line.extendedPrice, args.discount.kind === 'percent' ? args.discount.basisPoints : undefined);
      return within ? 'sale.sell' : full;
    },

    describe(command, input) {
      const basket = lane.state().basket;
      const args = input as Partial<ParsedInput<'line.overridePrice'> & ParsedInput<'line.discount'> & ParsedInput<'basket.taxExempt'>>;
      const currency = basket?.currency ?? 'USD';
      const money = (amount: number): string => formatMoney(amount, currency);
      const line = lineOf(basket, args.lineId);
      const name = line ? line.name : `line ${String(args.lineId)}`;
      const reason = settings.reasons.find((listed) => listed.code === args.reason)?.label ?? String(args.reason);
      switch (command) {
        case 'line.overridePrice':
          return `Price override: ${name} from ${line ? money(line.unitPrice) : '?'} to ${money(args.unitPrice ?? 0)}${line?.soldBy === 'weight' ? '/kg' : ''} (${reason})`;
        case 'line.discount': {
          const off = args.discount?.kind === 'percent' ? `${args.discount.basisPoints / 100} %` : money(args.discount?.amount ?? 0);
          return `Line discount: ${off} off ${name}${line ? ` (${money(line.extendedPrice)})` : ''} (${reason})`;
        }
        case 'line.void':
          return `Void line: ${name} (${reason})`;
        case 'basket.taxExempt':
          return `Tax exemption, certificate ${String(args.certificate)} (${reason})`;
        default:
          return null;
      }
    },
  };
}
