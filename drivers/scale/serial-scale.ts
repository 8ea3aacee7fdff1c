import { z } from 'zod';
import { DeviceBase, type DeviceState, type EventMap } from '../device.ts';
import { hexPreview, ScanFramer, type Suffix } from '../scanner/frame.ts';
import { SerialLink, SerialLinkDownError, serialLineSchema, type SerialLineOptions } from '../link/serial-link.ts';
import { LineCheck } from './line-check.ts';
import { isStable, ScaleError, type Scale, type ScaleCapabilities, type ScaleEvents, type ScaleReading, type StableReading } from './scale.ts';

/** Options every serial scale driver takes; each protocol sets its own line defaults. */
export function scaleOptionsSchema(line: { dataBits: 7 | 8; parity: 'none' | 'even' | 'odd' }, defaultPollMs: number) {
  return serialLineSchema(line).extend({
    name: z.string().min(1),
    /**
     * Milliseconds between weight requests while enabled. A placed item waits on average half of
     * it before the lane sees its weight, so each protocol polls as fast as its exchange allows.
     */
    pollMs: z.number().int().min(20).max(10_000).default(defaultPollMs),
    /** How long the scale has to answer a request (1 s is the usual ECR figure, PROTOCOLS §2.1). */
    replyTimeoutMs: z.number().int().min(50).max(30_000).default(1000),
    /** Unanswered requests in a row after which a connected scale is reported offline. */
    missedRepliesOffline: z.number().int().min(1).max(100).default(3),
  });
}

export type ScaleSettings = z.output<ReturnType<typeof scaleOptionsSchema>>;

export interface ScaleDriverOptions extends SerialLineOptions {
  readonly name: string;
  readonly pollMs?: number;
  readonly replyTimeoutMs?: number;
  readonly missedRepliesOffline?: number;
}

/** One request on the wire and how to recognise its reply among the frames that arrive. */
export interface ScaleRequest<T> {
  readonly bytes: Buffer;
  /** Names the request in errors (`W`, `SI`). */
  readonly what: string;
  /**
   * The decoded reply, or undefined when the frame is not a reply to this request. Throws a
   * `ScaleError` for a reply that says the request failed.
   */
  reply(frame: Buffer, at: number): T | undefined;
}

interface Pending {
  readonly request: ScaleRequest<unknown>;
  resolve(value: unknown): void;
  reject(error: Error): void;
  readonly timer: NodeJS.Timeout;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * What every serial scale shares: the port link with reconnect, framing at a terminator, one
 * request at a time with a reply timeout, polling while enabled (a `data` event when the reading
 * changes), the stable-weight wait, and the line-settings check. A protocol supplies its
 * requests and the decoding of its frames.
 */
export abstract class SerialScale<TEvents extends EventMap<TEvents> & ScaleEvents = ScaleEvents> extends DeviceBase<ScaleReading, TEvents> implements Scale {
  readonly path: string;
  readonly capabilities: ScaleCapabilities;
  protected readonly settings: ScaleSettings;
  readonly #link: SerialLink;
  readonly #framer: ScanFramer;
  readonly #lineCheck: LineCheck;
  #linkState: { state: Exclude<DeviceState, 'off'>; detail: string };
  #lineFault: string | null = null;
  /** Requests unanswered in a row since the last reply or reopen. */
  #missed = 0;
  /** The scale has stopped answering; only a reply clears this, not a reopened port. */
  #silent = false;
  #pending: Pending | null = null;
  #queue: Promise<unknown> = Promise.resolve();
  #pollTimer: NodeJS.Timeout | null = null;
  #polling = false;
  #last: ScaleReading | null = null;

  protected constructor(settings: ScaleSettings, terminator: Suffix, capabilities: ScaleCapabilities) {
    super(settings.name, 'scale');
    this.settings = settings;
    this.path = settings.path;
    this.capabilities = capabilities;
    // A reply is written in one burst; a piece left over from an unplug is stale after half a second.
    this.#framer = new ScanFramer({ suffix: terminator, staleAfterMs: 500, maxFrameBytes: 256 });
    this.#lineCheck = new LineCheck(settings);
    this.#linkState = { state: 'offline', detail: `not connected to ${this.path}` };
    this.#link = new SerialLink(settings, {
      data: (chunk) => this.#receive(chunk),
      link: (state, detail) => {
        this.#framer.reset();
        this.#lineCheck.reset();
        this.#lineFault = null;
        this.#missed = 0;
        this.#linkState = { state, detail };
        if (state !== 'online') {
          // What lay on a scale that went away is not known to lie there now.
          this.#last = null;
          this.#failPending(new ScaleError(this.name, 'offline', detail));
        }
        this.#publishLink();
      },
    });
    this.#publishLink();
  }

  /** The request that asks the scale for its current reading. */
  protected abstract weightRequest(): ScaleRequest<ScaleReading>;

  /** A frame no request was waiting for; true when the protocol used it (a Magellan label). */
  protected unsolicited(_frame: Buffer, _at: number): boolean {
    return false;
  }

  lastReading(): ScaleReading | null {
    return this.#last;
  }

  readWeight(): Promise<ScaleReading> {
    return this.request(this.weightRequest()).then((reading) => {
      this.#observe(reading);
      return reading;
    });
  }

  async stableReading(timeoutMs: number, options: { readonly allowZero?: boolean } = {}): Promise<StableReading> {
    const deadline = Date.now() + timeoutMs;
    let last: ScaleError;
    do {
      try {
        const reading = await this.readWeight();
        if (isStable(reading) && (reading.grams > 0 || (options.allowZero === true && reading.grams === 0))) return reading;
        const reason = reading.state === 'stable' ? 'zero' : reading.state;
        last = new ScaleError(this.name, reason, reading.shown ? `last reading ${reading.shown} ${reading.unit}` : undefined);
      } catch (error) {
        if (!(error instanceof ScaleError)) throw error;
        if (error.reason === 'disabled') throw error;
        last = error;
      }
      const left = deadline - Date.now();
      if (left > 0) await sleep(Math.min(this.settings.pollMs, left));
    } while (Date.now() < deadline);
    throw last;
  }

  async zero(): Promise<void> {
    if (!this.capabilities.zero) throw new ScaleError(this.name, 'unsupported', 'zero');
    await this.zeroScale();
  }

  async tare(): Promise<void> {
    if (!this.capabilities.tare) throw new ScaleError(this.name, 'unsupported', 'tare');
    await this.tareScale();
  }

  protected async zeroScale(): Promise<void> {
    throw new ScaleError(this.name, 'unsupported', 'zero');
  }

  protected async tareScale(): Promise<void> {
    throw new ScaleError(this.name, 'unsupported', 'tare');
  }

  /** Sends a request and resolves with its decoded reply; requests and commands go one at a time. */
  protected request<T>(request: ScaleRequest<T>): Promise<T> {
    const run = (): Promise<T> => {
      this.#ready();
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          this.#pending = null;
          this.#unanswered();
          const silence = `to ${request.what} within ${this.settings.replyTimeoutMs} ms`;
          reject(this.#lineFault ? new ScaleError(this.name, 'lineSettings', this.#lineFault) : new ScaleError(this.name, 'noReply', silence));
        }, this.settings.replyTimeoutMs);
        this.#pending = { request, resolve: resolve as (value: unknown) => void, reject, timer };
        this.#link.write(request.bytes).catch((error: unknown) => {
          this.#failPending(error instanceof SerialLinkDownError ? new ScaleError(this.name, 'offline', error.message) : toError(error));
        });
      });
    };
    const next = this.#queue.then(run, run);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  /** Sends a command the protocol does not answer, in turn with the requests. */
  protected send(bytes: Buffer): Promise<void> {
    const run = async (): Promise<void> => {
      this.#ready();
      try {
        await this.#link.write(bytes);
      } catch (error) {
        throw error instanceof SerialLinkDownError ? new ScaleError(this.name, 'offline', error.message) : error;
      }
    };
    const next = this.#queue.then(run, run);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  protected override async onClaim(): Promise<void> {
    await this.#link.start();
  }

  protected override async onEnable(): Promise<void> {
    this.#last = null;
    this.#polling = true;
    this.#schedulePoll(0);
  }

  protected override async onDisable(): Promise<void> {
    this.#polling = false;
    if (this.#pollTimer) clearTimeout(this.#pollTimer);
    this.#pollTimer = null;
  }

  protected override async onRelease(): Promise<void> {
    await this.#link.stop();
  }

  #schedulePoll(delayMs: number): void {
    if (!this.#polling || this.#pollTimer) return;
    this.#pollTimer = setTimeout(() => {
      this.#pollTimer = null;
      if (!this.#polling) return;
      if (!this.#link.connected) {
        this.#schedulePoll(this.settings.pollMs);
        return;
      }
      // Failures are already in the status (no reply, offline) or reported as errors.
      this.readWeight()
        .catch(() => undefined)
        .finally(() => this.#schedulePoll(this.settings.pollMs));
    }, delayMs);
  }

  #ready(): void {
    if (!this.enabled) throw new ScaleError(this.name, 'disabled');
    if (!this.#link.connected) throw new ScaleError(this.name, 'offline', this.#linkState.detail);
  }

  /** Delivers a reading when it differs from the last one delivered. */
  #observe(reading: ScaleReading): void {
    const last = this.#last;
    if (last && last.state === reading.state && last.grams === reading.grams && last.net === reading.net && last.unit === reading.unit) return;
    this.#last = reading;
    this.deliver(reading);
  }

  #receive(chunk: Buffer): void {
    const fault = this.#lineCheck.push(chunk);
    if (fault && !this.#lineFault) {
      this.#lineFault = fault;
      const error = new ScaleError(this.name, 'lineSettings', fault);
      this.reportError(error);
      this.#failPending(error);
      this.#publishLink();
    }
    const at = Date.now();
    for (const frame of this.#framer.push(chunk, at)) {
      if (!frame.complete) continue; // a reply cut off by an unplug or noise; the request times out
      this.#frame(frame.bytes, at);
    }
  }

  #frame(bytes: Buffer, at: number): void {
    const pending = this.#pending;
    if (pending) {
      let reply: unknown;
      try {
        reply = pending.request.reply(bytes, at);
      } catch (error) {
        clearTimeout(pending.timer);
        this.#pending = null;
        if (this.#lineFault) {
          pending.reject(new ScaleError(this.name, 'lineSettings', this.#lineFault));
          return;
        }
        // Garbage is the device's problem, not only the caller's: the log and the technician hear of it.
        if (error instanceof ScaleError && error.reason === 'protocol') this.reportError(error);
        pending.reject(toError(error));
        return;
      }
      if (reply !== undefined) {
        this.#settle(pending);
        pending.resolve(reply);
        return;
      }
    }
    if (this.unsolicited(bytes, at)) return;
    // Bytes of line noise that happened to end in a terminator are no frame at all.
    if (!bytes.some((byte) => byte > 0x20 && byte < 0x7f)) return;
    this.reportError(new ScaleError(this.name, 'protocol', `unexpected frame on ${this.path}: [${hexPreview(bytes)}]`));
  }

  /** A reply arrived: the scale is talking, and its line settings are right. */
  #settle(pending: Pending): void {
    clearTimeout(pending.timer);
    this.#pending = null;
    this.#missed = 0;
    this.#silent = false;
    this.#lineFault = null;
    this.#lineCheck.reset();
    this.#publishLink();
  }

  /**
   * A silent scale is a gone scale (PROTOCOLS §6: a pulled pty or a wedged USB adapter may not
   * signal otherwise): report it offline and reopen the port, with the link's back-off.
   */
  #unanswered(): void {
    this.#missed += 1;
    // Bytes are arriving, only with the wrong line settings: a new port would not help.
    if (this.#missed < this.settings.missedRepliesOffline || this.#lineFault) return;
    this.#silent = true;
    this.#publishLink();
    this.#link.reopen(`no reply to ${this.#missed} requests`);
  }

  #failPending(error: Error): void {
    const pending = this.#pending;
    if (!pending) return;
    clearTimeout(pending.timer);
    this.#pending = null;
    pending.reject(error);
  }

  #publishLink(): void {
    if (this.#linkState.state !== 'online') this.setLink(this.#linkState.state, this.#linkState.detail);
    else if (this.#lineFault) this.setLink('error', `line settings do not match the scale on ${this.path}: ${this.#lineFault}`);
    else if (this.#silent) {
      this.setLink('offline', `no reply from the scale on ${this.path} (${this.settings.missedRepliesOffline} requests unanswered; switched off?)`);
    } else this.setLink('online', this.#linkState.detail);
  }
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
