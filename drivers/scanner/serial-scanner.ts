import { z } from 'zod';
import { DeviceBase } from '../device.ts';
import { parseOptions, SerialLink, serialLineSchema, type SerialLineOptions } from '../link/serial-link.ts';
import { hexPreview, readFrame, ScanFramer, type Suffix } from './frame.ts';
import type { ScanData, Scanner } from './scan-data.ts';
import { LabelError, parseLabel } from './symbology.ts';

const SerialScannerOptionsSchema = serialLineSchema({ dataBits: 8, parity: 'none' }).extend({
  name: z.string().min(1),
  prefix: z.string().max(8).default(''),
  suffix: z.enum(['CR', 'CRLF', 'TAB', 'ETX']).default('CR'),
});

export interface SerialScannerOptions extends SerialLineOptions {
  readonly name: string;
  /** Bytes the scanner is programmed to send before each label. */
  readonly prefix?: string;
  readonly suffix?: Suffix;
}

/** A frame that arrived but could not be read as a label; the scanner carries on. */
export class ScanFrameError extends Error {
  override readonly name = 'ScanFrameError';
}

/**
 * A serial (RS-232 or USB-CDC) barcode scanner: `[prefix][AIM id]data[suffix]` frames
 * (PROTOCOLS §1.4). Claiming opens the port; while claimed, an unplugged scanner is reported
 * `offline` and reopened with exponential back-off until it is back.
 */
export class SerialScanner extends DeviceBase<ScanData> implements Scanner {
  readonly path: string;
  readonly #prefix: Buffer;
  readonly #framer: ScanFramer;
  readonly #link: SerialLink;

  constructor(options: SerialScannerOptions) {
    const settings = parseOptions(SerialScannerOptionsSchema, options, 'serial scanner');
    super(settings.name, 'scanner');
    this.path = settings.path;
    this.#prefix = Buffer.from(settings.prefix, 'latin1');
    this.#framer = new ScanFramer({ suffix: settings.suffix });
    this.#link = new SerialLink(settings, {
      data: (chunk) => this.#receive(chunk),
      link: (state, detail) => {
        // A partial label from before a reconnect belongs to no label after it.
        this.#framer.reset();
        this.setLink(state, detail);
      },
    });
    this.setLink('offline', `not connected to ${this.path}`);
  }

  protected override async onClaim(): Promise<void> {
    await this.#link.start();
  }

  protected override async onEnable(): Promise<void> {
    // Bytes that arrived while disabled belong to labels nobody asked for.
    this.#framer.reset();
  }

  protected override async onRelease(): Promise<void> {
    await this.#link.stop();
  }

  #receive(chunk: Buffer): void {
    for (const frame of this.#framer.push(chunk, Date.now())) {
      if (!this.enabled) continue;
      const content = readFrame(frame.bytes, this.#prefix);
      if (content.kind === 'noise') continue;
      if (!frame.complete) {
        this.#unreadable('incomplete frame given up (no terminator)', frame.bytes);
        continue;
      }
      if (content.kind === 'invalid') {
        this.#unreadable(content.reason, frame.bytes);
        continue;
      }
      try {
        this.deliver({ ...parseLabel(content.text), source: 'scanner', device: this.name });
      } catch (error) {
        if (!(error instanceof LabelError)) throw error;
        this.#unreadable(error.message, frame.bytes);
      }
    }
  }

  #unreadable(reason: string, bytes: Buffer): void {
    this.reportError(new ScanFrameError(`${this.name}: unreadable frame on ${this.path}: ${reason} [${hexPreview(bytes)}]`));
  }
}
