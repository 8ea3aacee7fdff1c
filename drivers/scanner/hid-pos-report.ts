/** The input report layouts of USB HID POS scanners this driver reads (PROTOCOLS §1.2). */
export type HidPosLayoutName = 'honeywell' | 'microscan';

/** What one input report carries of a label. */
export interface LabelPiece {
  /** The AIM identifier in the report's own field, or null when the layout has none (it may then lead the data). */
  readonly aim: string | null;
  readonly data: Buffer;
  /**
   * `more`: the report says more follow; `end`: the label is complete; `maybe`: the layout cannot
   * tell (a full report without a continuation flag), so only a quiet line ends the label.
   */
  readonly next: 'more' | 'end' | 'maybe';
}

/** An input report that is not a scanned-data report of the configured layout. */
export class HidReportError extends Error {
  override readonly name = 'HidReportError';
}

/** A vendor's report layout: one more entry in `layouts`, not a change to the driver. */
export interface HidPosReportLayout {
  readonly name: HidPosLayoutName;
  /** Who uses it, for messages and the technician's tools. */
  readonly vendors: string;
  read(report: Uint8Array): LabelPiece;
}

const REPORT_BYTES = 64;
const AIM_ID = /^\][A-Za-z][0-9A-Za-z]$/;

function hexByte(value: number): string {
  return `0x${value.toString(16).padStart(2, '0')}`;
}

/** Checks what every layout has in common (size, report id, length byte) and returns the data length. */
function dataLength(report: Uint8Array, layout: { title: string; report: string; reportId: number; maxData: number }): number {
  if (report.length !== REPORT_BYTES) throw new HidReportError(`a ${layout.title} input report is ${REPORT_BYTES} bytes, got ${report.length}`);
  const reportId = report[0] ?? 0;
  if (reportId !== layout.reportId) {
    throw new HidReportError(`report ID ${hexByte(reportId)} is not a ${layout.title} ${layout.report} (${hexByte(layout.reportId)})`);
  }
  const length = report[1] ?? 0;
  if (length > layout.maxData) throw new HidReportError(`a ${layout.title} report holds at most ${layout.maxData} data bytes, this one claims ${length}`);
  return length;
}

/**
 * Honeywell / Hand Held Products and Access-IS: report ID 0x02, data length (≤ 56), the AIM id in
 * bytes 2–4, data in 5–60 zero-padded, a vendor code id in 61 (not trusted: "verify on device"),
 * and bit 0 of byte 63 set while the label continues in the next report. Every report of a
 * label repeats the AIM id.
 */
const honeywell: HidPosReportLayout = {
  name: 'honeywell',
  vendors: 'Honeywell / Hand Held Products, Access-IS',
  read(report) {
    const length = dataLength(report, { title: 'Honeywell HID POS', report: 'scanned-data report', reportId: 0x02, maxData: 56 });
    const aimBytes = report.subarray(2, 5);
    let aim: string | null = null;
    if (aimBytes.some((byte) => byte !== 0)) {
      aim = Buffer.from(aimBytes).toString('latin1');
      if (!AIM_ID.test(aim)) throw new HidReportError(`bytes 2–4 are not an AIM identifier: ${[...aimBytes].map(hexByte).join(' ')}`);
    }
    return { aim, data: Buffer.from(report.subarray(5, 5 + length)), next: ((report[63] ?? 0) & 0x01) === 1 ? 'more' : 'end' };
  },
};

/**
 * Microscan: report ID 0x01, data length (0–62), 62 data bytes zero-padded. A long message streams
 * over several reports, every one but the last full, and no flag marks the last; so a full
 * report may be followed by more. The AIM id, when the scanner sends one, leads the data.
 */
const microscan: HidPosReportLayout = {
  name: 'microscan',
  vendors: 'Microscan (Omron Microscan)',
  read(report) {
    const length = dataLength(report, { title: 'Microscan HID', report: 'data report', reportId: 0x01, maxData: 62 });
    return { aim: null, data: Buffer.from(report.subarray(2, 2 + length)), next: length === 62 ? 'maybe' : 'end' };
  },
};

export const layouts: Readonly<Record<HidPosLayoutName, HidPosReportLayout>> = { honeywell, microscan };

/** A label put together from its reports, or what could not be. */
export type AssembledLabel =
  | { readonly kind: 'label'; readonly aim: string | null; readonly data: Buffer }
  | { readonly kind: 'unreadable'; readonly reason: string; readonly bytes: Buffer };

export interface AssemblerOptions {
  /** How long a label that may continue (`maybe`) waits for another report before it counts as complete. */
  readonly quietMs?: number;
  /** How long a label whose report said "more follow" waits before it is given up as incomplete. */
  readonly giveUpMs?: number;
  /** A label longer than this is refused (a 2D code holds far less). */
  readonly maxLabelBytes?: number;
}

/**
 * Puts labels together from input reports (the continuation of PROTOCOLS §1.2). Time is passed
 * in, so the driver owns the clock: after every `push` it asks `deadline` and calls `settle` then
 * if no report came in between.
 */
export class HidLabelAssembler {
  readonly #layout: HidPosReportLayout;
  readonly #quietMs: number;
  readonly #giveUpMs: number;
  readonly #maxLabelBytes: number;
  #pieces: Buffer[] = [];
  #size = 0;
  #aim: string | null = null;
  #next: 'more' | 'maybe' | null = null;
  #lastAt = 0;

  constructor(layout: HidPosReportLayout, options: AssemblerOptions = {}) {
    this.#layout = layout;
    this.#quietMs = options.quietMs ?? 100;
    this.#giveUpMs = options.giveUpMs ?? 1000;
    this.#maxLabelBytes = options.maxLabelBytes ?? 8192;
  }

  /** When `settle` must run if no report arrives before; null when no label is pending. */
  get deadline(): number | null {
    if (this.#next === null) return null;
    return this.#lastAt + (this.#next === 'maybe' ? this.#quietMs : this.#giveUpMs);
  }

  push(report: Uint8Array, now: number): AssembledLabel[] {
    const out = this.settle(now);
    let piece: LabelPiece;
    try {
      piece = this.#layout.read(report);
    } catch (error) {
      if (!(error instanceof HidReportError)) throw error;
      out.push({ kind: 'unreadable', reason: error.message, bytes: Buffer.from(report) });
      return out;
    }
    if (this.#next !== null && piece.aim !== null && this.#aim !== null && piece.aim !== this.#aim) {
      out.push(this.#giveUp(`a ${piece.aim} report arrived before the ${this.#aim} label was complete`));
    }
    if (this.#next === null) this.#aim = piece.aim;
    this.#pieces.push(piece.data);
    this.#size += piece.data.length;
    if (this.#size > this.#maxLabelBytes) {
      out.push(this.#giveUp(`label longer than ${this.#maxLabelBytes} bytes`));
      return out;
    }
    if (piece.next === 'end') {
      out.push({ kind: 'label', aim: this.#aim, data: Buffer.concat(this.#pieces) });
      this.reset();
    } else {
      this.#next = piece.next;
      this.#lastAt = now;
    }
    return out;
  }

  /** Completes or gives up a pending label whose deadline has passed. */
  settle(now: number): AssembledLabel[] {
    const deadline = this.deadline;
    if (deadline === null || now < deadline) return [];
    if (this.#next === 'maybe') {
      const label: AssembledLabel = { kind: 'label', aim: this.#aim, data: Buffer.concat(this.#pieces) };
      this.reset();
      return [label];
    }
    return [this.#giveUp(`incomplete label: the report said more would follow, none came within ${this.#giveUpMs} ms`)];
  }

  reset(): void {
    this.#pieces = [];
    this.#size = 0;
    this.#aim = null;
    this.#next = null;
  }

  #giveUp(reason: string): AssembledLabel {
    const bytes = Buffer.concat(this.#pieces);
    this.reset();
    return { kind: 'unreadable', reason, bytes };
  }
}
