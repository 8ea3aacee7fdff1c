import {
  exceptionName,
  hex,
  READ_COILS,
  READ_DISCRETE_INPUTS,
  readBitsRequest,
  replyBits,
  scanReply,
  writeCoilRequest,
  type ModbusFunction,
  type ModbusReply,
} from './modbus-frame.ts';

/** The slave answered with an exception (function | 0x80); asking again will not help. */
export class ModbusExceptionError extends Error {
  override readonly name = 'ModbusExceptionError';
  readonly code: number;
  constructor(code: number, what: string) {
    super(`${what} refused: ${exceptionName(code)} (exception ${code})`);
    this.code = code;
  }
}

/** No valid reply within the time-out, after every retry: the slave is off, unplugged or deaf. */
export class ModbusTimeoutError extends Error {
  override readonly name = 'ModbusTimeoutError';
}

/** The link went away while a request was out, or there is no link. */
export class ModbusLinkError extends Error {
  override readonly name = 'ModbusLinkError';
}

/** A valid frame that is not the right answer (a write echo that differs). */
export class ModbusProtocolError extends Error {
  override readonly name = 'ModbusProtocolError';
}

export interface ModbusMasterOptions {
  readonly slaveId: number;
  /** How long to wait for each reply. */
  readonly timeoutMs: number;
  /** How many times a request is sent again after a time-out. */
  readonly retries: number;
  /** Puts a request on the wire; rejects when there is no link. */
  readonly send: (frame: Buffer) => Promise<void>;
}

interface Pending {
  readonly fn: ModbusFunction;
  readonly settle: (outcome: { reply: ModbusReply } | { error: Error } | { timeout: true }) => void;
}

/**
 * A Modbus RTU master for one slave on a serial line: one request at a time, each answered,
 * refused with an exception, or retried after a time-out. Slaves ignore frames with a bad CRC
 * (PROTOCOLS §4.2), so a corrupted request shows up here as a time-out and is sent again.
 */
export class ModbusMaster {
  readonly #options: ModbusMasterOptions;
  #buffer: Buffer = Buffer.alloc(0);
  #pending: Pending | null = null;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: ModbusMasterOptions) {
    if (!Number.isInteger(options.slaveId) || options.slaveId < 1 || options.slaveId > 247) {
      throw new RangeError(`Modbus slave id must be 1…247, got ${options.slaveId}`);
    }
    this.#options = options;
  }

  get slaveId(): number {
    return this.#options.slaveId;
  }

  /** Feeds bytes read from the line. */
  receive(chunk: Buffer): void {
    const pending = this.#pending;
    if (!pending) return; // nothing asked: an unsolicited byte is noise
    // A master waits for one short reply; a runaway buffer is noise and is cut.
    this.#buffer = Buffer.concat([this.#buffer, chunk]).subarray(-512);
    const { reply, rest } = scanReply(this.#buffer, this.#options.slaveId, pending.fn);
    this.#buffer = rest;
    if (reply) pending.settle({ reply });
  }

  /** The link is gone: the request under way fails now instead of timing out. */
  linkLost(reason: string): void {
    this.#pending?.settle({ error: new ModbusLinkError(reason) });
  }

  async readCoils(address: number, count: number): Promise<boolean[]> {
    const reply = await this.#transact(readBitsRequest(this.slaveId, READ_COILS, address, count), `read ${count} coils at ${address}`);
    return replyBits(reply, count);
  }

  async readDiscreteInputs(address: number, count: number): Promise<boolean[]> {
    const request = readBitsRequest(this.slaveId, READ_DISCRETE_INPUTS, address, count);
    return replyBits(await this.#transact(request, `read ${count} discrete inputs at ${address}`), count);
  }

  async writeCoil(address: number, on: boolean): Promise<void> {
    const request = writeCoilRequest(this.slaveId, address, on);
    const reply = await this.#transact(request, `switch coil ${address} ${on ? 'on' : 'off'}`);
    if (!reply.equals(request)) throw new ModbusProtocolError(`coil ${address}: the slave echoed ${hex(reply)} to ${hex(request)}`);
  }

  #transact(request: Buffer, what: string): Promise<Buffer> {
    const run = this.#queue.then(() => this.#exchange(request, what));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #exchange(request: Buffer, what: string): Promise<Buffer> {
    const fn = request[1] as ModbusFunction;
    const attempts = this.#options.retries + 1;
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      this.#buffer = Buffer.alloc(0);
      const outcome = await new Promise<{ reply: ModbusReply } | { error: Error } | { timeout: true }>((resolve) => {
        const timer = setTimeout(() => settle({ timeout: true }), this.#options.timeoutMs);
        const settle: Pending['settle'] = (result) => {
          clearTimeout(timer);
          if (this.#pending?.settle === settle) this.#pending = null;
          resolve(result);
        };
        this.#pending = { fn, settle };
        this.#options.send(request).catch((error: unknown) => settle({ error: new ModbusLinkError(error instanceof Error ? error.message : String(error)) }));
      });
      if ('error' in outcome) throw new ModbusLinkError(`${what}: ${outcome.error.message}`);
      if ('reply' in outcome) {
        if (outcome.reply.kind === 'exception') throw new ModbusExceptionError(outcome.reply.code, `slave ${this.slaveId}: ${what}`);
        return outcome.reply.frame;
      }
    }
    throw new ModbusTimeoutError(`slave ${this.slaveId}: no reply to ${what} after ${attempts} attempts of ${this.#options.timeoutMs} ms`);
  }
}

