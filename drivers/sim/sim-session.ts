import readline from 'node:readline';

/** One JSON line on stdout: what the simulator did, for a person or a test driving it. */
export function say(event: string, fields: Record<string, unknown> = {}): void {
  process.stdout.write(`${JSON.stringify({ event, ...fields })}\n`);
}

/** Thrown by a command handler for a line it does not understand; reported as an `error` line. */
export class UsageError extends Error {}

export interface Session {
  /** Plugs the device in; resolves with the fields of the `ready` line. */
  start(): Promise<Record<string, unknown>>;
  /** Carries out one command line. */
  handle(line: string): Promise<void>;
  /** Unplugs everything (removes links, closes ports). */
  stop(): Promise<void>;
}

/**
 * Runs a simulator as a command-line session: `ready` once plugged in, one command per input
 * line, and a clean stop (links removed) on end of input, SIGINT or SIGTERM.
 */
export async function runSession(session: Session): Promise<void> {
  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> =>
    (stopping ??= session
      .stop()
      .catch(() => undefined)
      .then(() => process.exit(0)));
  // Installed before anything is plugged in, so a signal sent on `ready` is never missed.
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  say('ready', await session.start());
  for await (const raw of readline.createInterface({ input: process.stdin })) {
    const line = raw.trim();
    if (line === '') continue;
    await session.handle(line).catch((error: unknown) => say('error', { message: error instanceof Error ? error.message : String(error) }));
  }
  await stop();
}

/** `noise 00 ff 0d` → the bytes, or a clear error. */
export function hexBytes(text: string): number[] {
  const hex = text.replace(/\s+/g, '');
  if (!/^([0-9a-fA-F]{2})+$/.test(hex)) throw new UsageError(`noise takes hex bytes such as "00 ff 0d", got "${text}"`);
  return [...Buffer.from(hex, 'hex')];
}
