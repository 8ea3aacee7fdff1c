import { z } from 'zod';

const ms = (fallback: number) => z.number().int().positive().default(fallback);

export const StxEtxOptionsSchema = z.object({
  name: z.string().min(1),
  connection: z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('serial'),
      path: z.string().min(1),
      baudRate: z.number().int().positive().default(19200),
      dataBits: z.union([z.literal(7), z.literal(8)]).default(8),
      parity: z.enum(['none', 'even', 'odd']).default('none'),
      stopBits: z.union([z.literal(1), z.literal(2)]).default(1),
    }),
    z.object({ kind: z.literal('tcp'), host: z.string().min(1), port: z.number().int().min(1).max(65535) }),
  ]),
  /** Link level: wait for ACK/NAK of a block (PROTOCOLS §3.2: 1–3 s). */
  ackTimeoutMs: ms(2000),
  maxAttempts: z.number().int().min(1).max(10).default(3),
  interByteTimeoutMs: ms(500),
  /** Answer to a hello or status request. */
  replyTimeoutMs: ms(5000),
  /** A whole transaction: card, PIN and host (PROTOCOLS §3.2: 60–180 s). */
  transactionTimeoutMs: ms(180_000),
  /** After the reply is overdue or the link dropped: how long to keep asking for the outcome. */
  recoveryTimeoutMs: ms(120_000),
  /** How long to wait for a transaction's result before asking the terminal about it (and between asks). */
  statusCheckMs: ms(15_000),
  /** How often to ask while recovering (after the link dropped, the terminal restarted or an abort). */
  statusPollMs: ms(1000),
  connectTimeoutMs: ms(3000),
  presenceCheckMs: ms(500),
  reconnect: z.object({ initialMs: ms(250), maxMs: ms(5000) }).prefault({}),
  /** `accept`: a partial approval is reported as approved for less; `reverse`: it is voided and reported declined. */
  partialApproval: z.enum(['accept', 'reverse']).default('accept'),
  /** The one currency the terminal is set up for; a request in another is refused before anything is sent. */
  currency: z.string().regex(/^[A-Z]{3}$/).optional(),
});

export type StxEtxOptions = z.input<typeof StxEtxOptionsSchema>;
export type StxEtxSettings = z.output<typeof StxEtxOptionsSchema>;
