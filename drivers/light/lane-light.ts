import { z } from 'zod';
import { parseOptions } from '../options.ts';
import { DeviceBase } from '../device.ts';
import type { RelayBoard } from '../gate/relay-board.ts';
import type { LinkState } from '../link/reconnector.ts';

/** What the lane light shows: green = open, flashing = help, red = closed; `off` when the lane is shut down. */
export type LightSignal = 'open' | 'help' | 'closed' | 'off';

const LaneLightOptionsSchema = z.object({
  name: z.string().min(1),
  /** The relay output of the green lamp (or of a single-colour lane light), from 0. */
  green: z.number().int().min(0),
  /** The relay output of the red lamp, when the light has one; without it, closed is dark. */
  red: z.number().int().min(0).optional(),
  /** Half a flash period: the lamp is on this long, then off this long. */
  flashMs: z.number().int().min(100).max(5000).default(500),
});

export type LaneLightOptions = z.input<typeof LaneLightOptionsSchema> & { readonly board: RelayBoard };

/**
 * The lane light on relay outputs of a relay/IO board (possibly the gate's own board). The
 * signal is re-applied whenever the board reconnects, and the light is switched off on release.
 */
export class LaneLight extends DeviceBase<LightSignal> {
  readonly #settings: z.output<typeof LaneLightOptionsSchema>;
  readonly #board: RelayBoard;
  #signal: LightSignal = 'off';
  #flashTimer: NodeJS.Timeout | null = null;
  #flashLit = false;
  #unsubscribe: (() => void) | null = null;
  /** Set while a flash write fails, so one outage is reported once, not twice a second. */
  #flashFailing = false;

  constructor(options: LaneLightOptions) {
    const parsed = parseOptions(LaneLightOptionsSchema, options, 'lane light options');
    if (parsed.red === parsed.green) throw new TypeError('lane light options: red: the red and green lamps need different outputs');
    super(parsed.name, 'light');
    this.#settings = parsed;
    this.#board = options.board;
    this.setLink('offline', `not connected to ${options.board.address}`);
  }

  get signal(): LightSignal {
    return this.#signal;
  }

  /** Shows a signal; resolves once the lamps are switched (the first flash, for `help`). */
  async show(signal: LightSignal): Promise<void> {
    if (!this.enabled) throw new Error(`${this.name}: the lane light is not enabled`);
    this.#signal = signal;
    this.deliver(signal);
    await this.#apply();
  }

  protected override async onClaim(): Promise<void> {
    const shared = this.#board.link().state === 'online';
    this.#unsubscribe = this.#board.onLink((link) => this.#linkChanged(link));
    await this.#board.acquire();
    if (shared) this.#linkChanged(this.#board.link());
    else this.setLink(this.#board.link().state, this.#board.link().detail);
  }

  protected override async onRelease(): Promise<void> {
    this.#stopFlashing();
    this.#signal = 'off';
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    if (this.#board.link().state === 'online') await this.#apply().catch((error: unknown) => this.reportError(asError(error)));
    await this.#board.release();
    this.setLink('offline', `not connected to ${this.#board.address}`);
  }

  #linkChanged(link: LinkState): void {
    this.setLink(link.state, link.detail);
    if (link.state === 'online') void this.#apply().catch((error: unknown) => this.reportError(asError(error)));
  }

  async #apply(): Promise<void> {
    this.#stopFlashing();
    const { green, red } = this.#settings;
    const lit = { open: [true, false], help: [true, false], closed: [false, true], off: [false, false] }[this.#signal];
    await this.#board.setOutput(green, lit[0] ?? false);
    if (red !== undefined) await this.#board.setOutput(red, lit[1] ?? false);
    if (this.#signal === 'help') {
      this.#flashLit = true;
      this.#flashTimer = setInterval(() => void this.#flash(), this.#settings.flashMs);
    }
  }

  async #flash(): Promise<void> {
    this.#flashLit = !this.#flashLit;
    try {
      await this.#board.setOutput(this.#settings.green, this.#flashLit);
      this.#flashFailing = false;
    } catch (error) {
      if (!this.#flashFailing) this.reportError(asError(error));
      this.#flashFailing = true;
    }
  }

  #stopFlashing(): void {
    if (this.#flashTimer) clearInterval(this.#flashTimer);
    this.#flashTimer = null;
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
