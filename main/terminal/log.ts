import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Structured logs to stderr. Card data never reaches a log: drivers hand over only brand,
 * last four, auth code and reference, and the redaction below is a second line of defence.
 */
export function createLogger(component: string, level = process.env.TERMINAL_LOG_LEVEL ?? 'info'): Logger {
  return pino(
    {
      name: component,
      level,
      redact: { paths: ['pan', '*.pan', 'track', '*.track', 'cvv', '*.cvv', 'raw', '*.raw'], censor: '[redacted]' },
    },
    pino.destination(2),
  );
}
