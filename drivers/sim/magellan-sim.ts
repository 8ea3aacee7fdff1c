import { fireAndForget, MAX_PENDING_COMMAND, ScaleSimulator, type ScaleSimOptions } from './scale-sim.ts';

// Datalogic Magellan single-cable scanner-scale, device side (PROTOCOLS §2.2 and §8.4).

export interface MagellanSimOptions extends ScaleSimOptions {
  /** lb replies carry 4 digits (hundredths of a pound), kg replies 5 (thousandths of a kilogram). */
  readonly unit?: 'kg' | 'lb';
  /** `stx-etx`: the NCR variant, every message in STX (02) … ETX (03) instead of ending in CR. */
  readonly framing?: 'cr' | 'stx-etx';
}

/** Magellan label ids (PROTOCOLS §2.2). */
export type MagellanLabelId = 'A' | 'E' | 'F' | 'FF' | 'B1' | 'B2' | 'B3' | 'R';

/**
 * A Magellan scanner-scale: frames are `S…` + CR. `S11` asks for a stable non-zero weight, `S14`
 * for the scale's state, `S334` beeps, `S10` zeroes; labels go out unsolicited as `S08<id><data>`.
 * Without a stable non-zero weight the simulator answers `S11` with its state, as `S14` would
 * (the protocol leaves that case open; verify on a device).
 */
export class MagellanSimulator extends ScaleSimulator {
  readonly unit: 'kg' | 'lb';
  readonly framing: 'cr' | 'stx-etx';
  readonly beeps: number[] = [];
  #pending = '';

  constructor(options: MagellanSimOptions) {
    super(options);
    this.unit = options.unit ?? 'kg';
    this.framing = options.framing ?? 'cr';
  }

  /** A message as this scanner-scale frames it. */
  #framed(message: string): string {
    return this.framing === 'stx-etx' ? `\x02${message}\x03` : `${message}\r`;
  }

  /** The scale's state as `S14` reports it. */
  statusReply(): string {
    const view = this.platter.view();
    if (view.zeroError) return 'S140';
    if (view.overCapacity) return 'S142';
    if (view.underZero) return 'S145';
    if (view.motion) return 'S141';
    if (view.shownGrams === 0) return 'S143';
    return `S144${this.#digits(view.shownGrams)}`;
  }

  #digits(grams: number): string {
    if (this.unit === 'kg') return String(grams).padStart(5, '0');
    return String(Math.round((grams * 100) / 453.59237)).padStart(4, '0');
  }

  /** The frame a scan of `code` sends; the id is chosen from the code's length unless given. */
  labelFrame(code: string, id?: MagellanLabelId): string {
    const chosen = id ?? (/^[0-9]{12}$/.test(code) ? 'A' : /^[0-9]{13}$/.test(code) ? 'F' : /^[0-9]{8}$/.test(code) ? 'FF' : 'B3');
    return this.#framed(`S08${chosen}${code}`);
  }

  /** Scans a label: sent whatever the scale is doing, even between a request and its reply. */
  scan(code: string, id?: MagellanLabelId): Promise<void> {
    return this.line.send(Buffer.from(this.labelFrame(code, id), 'latin1'));
  }

  protected override receive(bytes: Buffer): void {
    this.#pending = (this.#pending + bytes.toString('latin1')).slice(-MAX_PENDING_COMMAND);
    const terminator = this.framing === 'stx-etx' ? '\x03' : '\r';
    for (let end = this.#pending.indexOf(terminator); end >= 0; end = this.#pending.indexOf(terminator)) {
      const frame = this.#pending.slice(0, end).replace(/^[^S]*/, '');
      this.#pending = this.#pending.slice(end + 1);
      this.hear(frame);
      this.#answer(frame);
    }
  }

  #answer(frame: string): void {
    const send = (text: string): void => fireAndForget(this.reply(this.#framed(text)));
    switch (frame) {
      case 'S11': {
        const status = this.statusReply();
        send(status.startsWith('S144') ? `S11${status.slice(4)}` : status);
        return;
      }
      case 'S14':
        send(this.statusReply());
        return;
      case 'S334':
        this.beeps.push(Date.now());
        return;
      case 'S10':
        this.platter.zero();
        return;
      default:
        return;
    }
  }
}
