import type { ShiftReport } from '../../common/shift.ts';
import { Paper, plainAmount, printedTime } from './receipt-text.ts';

const METHOD_LABEL = { cash: 'Cash', card: 'Card', 'gift-card': 'Gift card' } as const;

/** "+1.25" over, "-0.40" short, "0.00" even: the sign is the point of the line. */
function signed(amount: number, currency: string): string {
  return amount > 0 ? `+${plainAmount(amount, currency)}` : plainAmount(amount, currency);
}

/**
 * An X (mid-shift) or Z (end of day) report as fixed-width text, the way the receipt printer
 * prints it and the screen shows it. Pure: the same report always gives the same text.
 */
export function renderReportText(report: ShiftReport, options: { width?: number; timeZone?: string } = {}): string {
  const width = options.width ?? 42;
  if (!Number.isInteger(width) || width < 32 || width > 64) throw new RangeError(`a report is 32–64 characters wide, not ${width}`);
  const zone = options.timeZone ?? 'UTC';
  const money = (amount: number): string => plainAmount(amount, report.currency);
  const paper = new Paper(width);

  paper.center(report.storeName.toUpperCase());
  paper.center(report.kind === 'X' ? 'X REPORT - SHIFT SO FAR' : `Z REPORT ${String(report.zNumber ?? 0).padStart(4, '0')} - DAY CLOSED`);
  paper.blank();
  paper.row(`Lane ${report.laneId}`, `Day ${report.businessDate}`, ' ');
  paper.left(`Printed ${printedTime(report.generatedAt, zone)}`);
  paper.rule();

  paper.row(`Sales (${report.saleCount})`, money(report.salesTotal));
  for (const tender of report.tenders) paper.row(`  ${METHOD_LABEL[tender.method]} (${tender.count})`, money(tender.amount));
  if (report.cashRounding !== 0) paper.row('  Cash rounding', money(report.cashRounding));
  paper.row('Change given', money(report.changeGiven));
  paper.row('Paid in', money(report.paidIn));
  paper.row('Paid out', money(-report.paidOut));
  paper.row('No sale (drawer opened)', String(report.noSales));
  paper.rule();

  for (const shift of report.shifts) {
    paper.left(`Shift ${shift.shiftId}`);
    paper.left(`  Operator ${shift.operatorId}`);
    paper.left(`  Opened ${printedTime(shift.openedAt, zone)}`);
    if (shift.closedAt !== null) paper.left(`  Closed ${printedTime(shift.closedAt, zone)}`);
    paper.row('  Opening float', money(shift.openingFloat));
    paper.row('  Cash sales', money(shift.cashSales));
    paper.row('  Paid in', money(shift.paidIn));
    paper.row('  Paid out', money(-shift.paidOut));
    if (shift.cashRefunds > 0) paper.row('  Cash refunds', money(-shift.cashRefunds));
    paper.row('  Expected in drawer', money(shift.expectedCash));
    if (shift.countedCash !== null) paper.row('  Counted', money(shift.countedCash));
    if (shift.overShort !== null) paper.row(shift.overShort < 0 ? '  SHORT' : shift.overShort > 0 ? '  OVER' : '  EVEN', signed(shift.overShort, report.currency));
    paper.rule();
  }

  if (report.kind === 'Z') {
    paper.rule('=');
    paper.row('DAY OVER/SHORT', signed(report.overShort, report.currency));
    paper.rule('=');
    paper.center('Business day closed');
  } else {
    paper.center('Shift still open - not a day close');
  }
  return `${paper.lines.join('\n')}\n`;
}
