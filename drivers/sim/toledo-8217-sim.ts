import { fireAndForget, MAX_PENDING_COMMAND, ScaleSimulator, type ScaleSimOptions } from './scale-sim.ts';

// Mettler Toledo 8217 ECR protocol, device side (PROTOCOLS §2.1 and §8.5).

const STX = '\x02';
const CR = '\r';

export interface Toledo8217SimOptions extends ScaleSimOptions {
  /** What the scale weighs in: kg replies `01.234`, lb replies `02.72`. */
  readonly unit?: 'kg' | 'lb';
}

/**
 * A Toledo 8217 scale. The host sends single letters with no terminator (a CR or LF after them
 * is ignored): `W` weight, `H` weight at ten times the resolution, `Z` zero, `T` tare the load,
 * `Twwwww` preset tare, `C` clear tare, `E…F` echo test. `W` gets `STX weight [N] CR` when the
 * weight is stable and legal, otherwise `STX ? status CR`.
 */
export class Toledo8217Simulator extends ScaleSimulator {
  readonly unit: 'kg' | 'lb';
  #pending = '';
  #echo = false;
  #tareTimer: NodeJS.Timeout | null = null;

  constructor(options: Toledo8217SimOptions) {
    super(options);
    this.unit = options.unit ?? 'kg';
  }

  /** The bytes a `W` gets right now. */
  weightReply(highResolution = false): string {
    const view = this.platter.view();
    const legal = !view.motion && !view.overCapacity && !view.underZero && !view.zeroError;
    if (!legal) {
      let status = 0x40;
      if (view.motion) status |= 0x01;
      if (view.overCapacity) status |= 0x02;
      if (view.underZero) status |= 0x04;
      if (view.zeroError) status |= 0x08;
      if (view.centerOfZero) status |= 0x10;
      if (view.net) status |= 0x20;
      return `${STX}?${String.fromCharCode(status)}${CR}`;
    }
    return `${STX}${this.#display(view.shownGrams, highResolution)}${view.net ? 'N' : ''}${CR}`;
  }

  /** Two integer digits, a point, then thousandths of a kilogram or hundredths of a pound. */
  #display(grams: number, highResolution: boolean): string {
    const decimals = this.unit === 'kg' ? 3 : 2;
    const counts = this.unit === 'kg' ? grams : Math.round((grams * 100) / 453.59237);
    const base = 10 ** decimals;
    const whole = String(Math.floor(counts / base)).padStart(2, '0');
    const fraction = String(counts % base).padStart(decimals, '0');
    return `${whole}.${fraction}${highResolution ? '0' : ''}`;
  }

  protected override receive(bytes: Buffer): void {
    this.#pending = (this.#pending + bytes.toString('latin1')).slice(-MAX_PENDING_COMMAND);
    this.#run(false);
  }

  /** Works through the received letters; `flush` ends a `T` whose digits never came. */
  #run(flush: boolean): void {
    while (this.#pending.length > 0) {
      const letter = this.#pending.charAt(0);
      if (this.#echo) {
        this.#pending = this.#pending.slice(1);
        if (letter === 'F') this.#echo = false;
        else fireAndForget(this.reply(letter));
        continue;
      }
      if (letter === 'T') {
        const digits = /^T([0-9]{0,5})/.exec(this.#pending)?.[1] ?? '';
        const waiting = digits.length < 5 && digits.length === this.#pending.length - 1;
        if (waiting && !flush) {
          // `T` alone tares; `Twwwww` presets a tare: wait briefly for digits that may follow.
          this.#tareTimer ??= setTimeout(() => {
            this.#tareTimer = null;
            this.#run(true);
          }, 50);
          return;
        }
        if (this.#tareTimer) clearTimeout(this.#tareTimer);
        this.#tareTimer = null;
        if (digits.length === 5) {
          this.hear(`T${digits}`);
          this.platter.presetTare(this.unit === 'kg' ? Number(digits) : Math.round(Number(digits) * 4.5359237));
          this.#pending = this.#pending.slice(6);
        } else {
          this.hear('T');
          this.platter.tare();
          this.#pending = this.#pending.slice(1);
        }
        continue;
      }
      this.#pending = this.#pending.slice(1);
      this.#command(letter);
    }
  }

  #command(letter: string): void {
    switch (letter) {
      case 'W':
      case 'H':
        this.hear(letter);
        fireAndForget(this.reply(this.weightReply(letter === 'H')));
        return;
      case 'Z':
        this.hear('Z');
        this.platter.zero();
        return;
      case 'C':
        this.hear('C');
        this.platter.clearTare();
        return;
      case 'E':
        this.hear('E');
        this.#echo = true;
        fireAndForget(this.reply(`${STX}E${CR}`));
        return;
      default:
        // CR/LF after a command, and letters this scale does not know, get no answer.
        return;
    }
  }

  override async close(): Promise<void> {
    if (this.#tareTimer) clearTimeout(this.#tareTimer);
    this.#tareTimer = null;
    await super.close();
  }
}
