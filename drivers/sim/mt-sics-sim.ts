import { fireAndForget, MAX_PENDING_COMMAND, ScaleSimulator, type ScaleSimOptions } from './scale-sim.ts';

// Mettler Toledo MT-SICS, device side (PROTOCOLS §2.4 and §8.7): CR LF lines both ways.

export interface MtSicsSimOptions extends ScaleSimOptions {
  /** The unit of the weight replies: `g` with two decimals or `kg` with three. */
  readonly unit?: 'g' | 'kg';
  /** Milliseconds between the replies of `SIR` (repeat immediately) until `@`. */
  readonly repeatMs?: number;
  readonly serialNumber?: string;
}

/**
 * An MT-SICS balance or weigh module: `S`, `SI`, `SIR`, `Z`, `ZI`, `T`, `TI`, `TAC`, `@`,
 * `I0`–`I5`; `ES` for anything else.
 */
export class MtSicsSimulator extends ScaleSimulator {
  readonly unit: 'g' | 'kg';
  readonly #repeatMs: number;
  readonly #serialNumber: string;
  #pending = '';
  #repeat: NodeJS.Timeout | null = null;

  constructor(options: MtSicsSimOptions) {
    super(options);
    this.unit = options.unit ?? 'g';
    this.#repeatMs = options.repeatMs ?? 100;
    this.#serialNumber = options.serialNumber ?? '1126493049';
  }

  /** `S S     100.00 g`: the weight right-aligned in ten characters, then the unit. */
  #weight(grams: number): string {
    const text = this.unit === 'g' ? grams.toFixed(2) : (grams / 1000).toFixed(3);
    return `${text.padStart(10)} ${this.unit}`;
  }

  /** The reply to `SI` (immediate) now. */
  immediateReply(): string {
    const view = this.platter.view();
    if (view.overCapacity) return 'S +';
    if (view.underZero) return 'S -';
    return `S ${view.motion ? 'D' : 'S'} ${this.#weight(view.shownGrams)}`;
  }

  protected override receive(bytes: Buffer): void {
    this.#pending = (this.#pending + bytes.toString('latin1')).slice(-MAX_PENDING_COMMAND);
    for (let end = this.#pending.indexOf('\r\n'); end >= 0; end = this.#pending.indexOf('\r\n')) {
      const line = this.#pending.slice(0, end);
      this.#pending = this.#pending.slice(end + 2);
      this.hear(line);
      fireAndForget(this.#answer(line));
    }
  }

  async #answer(line: string): Promise<void> {
    const send = (text: string): Promise<void> => this.reply(`${text}\r\n`);
    const view = this.platter.view();
    switch (line) {
      case 'S':
        // S waits for stability; a platter that will not settle gets `S I`.
        if (view.overCapacity) return send('S +');
        if (view.underZero) return send('S -');
        return send(view.motion ? 'S I' : `S S ${this.#weight(view.shownGrams)}`);
      case 'SI':
        return send(this.immediateReply());
      case 'SIR':
        this.#stopRepeat();
        this.#repeat = setInterval(() => fireAndForget(send(this.immediateReply())), this.#repeatMs);
        return send(this.immediateReply());
      case 'Z':
        if (view.motion) return send('Z I');
        return send(this.platter.zero() ? 'Z A' : view.grossGrams > 0 ? 'Z +' : 'Z -');
      case 'ZI':
        if (!this.platter.zero()) return send(view.grossGrams > 0 ? 'Z +' : 'Z -');
        return send(view.motion ? 'ZI D' : 'ZI S');
      case 'T':
      case 'TI':
        if (line === 'T' && view.motion) return send('T I');
        if (view.overCapacity) return send('T +');
        if (!this.platter.tare()) return send('T -');
        return send(`T ${view.motion ? 'D' : 'S'} ${this.#weight(this.platter.view().tareGrams)}`);
      case 'TAC':
        this.platter.clearTare();
        return send('TAC A');
      case '@':
        this.#stopRepeat();
        return send(`I4 A "${this.#serialNumber}"`);
      case 'I0':
        return send('I0 A 0 "I0"');
      case 'I1':
        return send('I1 A "01" "2.20" "" "" ""');
      case 'I2':
        return send(`I2 A "Simulated SICS scale" "${this.platter.capacityGrams} g"`);
      case 'I3':
        return send('I3 A "1.0.0"');
      case 'I4':
        return send(`I4 A "${this.#serialNumber}"`);
      case 'I5':
        return send('I5 A "SIM-SICS"');
      default:
        return send('ES');
    }
  }

  #stopRepeat(): void {
    if (this.#repeat) clearInterval(this.#repeat);
    this.#repeat = null;
  }

  override async close(): Promise<void> {
    this.#stopRepeat();
    await super.close();
  }
}
