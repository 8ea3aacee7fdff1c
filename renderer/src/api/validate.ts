import { commands, events, type TerminalEvent } from '../../../common/api/contract.ts';
import type { CommandName, EventName } from '../../../common/api/names.ts';
import { ApiErrorSchema, type Result } from '../../../common/api/result.ts';
import { z } from 'zod';

export type ParsedEvent = { ok: true; event: TerminalEvent } | { ok: false; problem: string };

function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name);
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${(issue?.path ?? []).join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`;
}

/** Checks an `{event, payload}` pair against the contract's schema for that event. */
export function parseTerminalEvent(raw: unknown): ParsedEvent {
  if (typeof raw !== 'object' || raw === null) return { ok: false, problem: 'an event that is not an object' };
  const { event, payload } = raw as { event?: unknown; payload?: unknown };
  if (typeof event !== 'string' || !isEventName(event)) return { ok: false, problem: `an unknown event ${JSON.stringify(event)}` };
  const parsed = events[event].safeParse(payload);
  if (!parsed.success) return { ok: false, problem: `a malformed ${event} event (${describe(parsed.error)})` };
  return { ok: true, event: { event, payload: parsed.data } as TerminalEvent };
}

const EnvelopeSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: ApiErrorSchema }),
]);

/**
 * Checks a command's answer: a Result envelope whose value matches the command's output schema.
 * An unreadable answer becomes an INTERNAL failure rather than a crash in some screen later.
 */
export function checkResult<T>(name: CommandName, raw: unknown, onProblem: (problem: string) => void): Result<T> {
  const envelope = EnvelopeSchema.safeParse(raw);
  if (!envelope.success) {
    onProblem(`a malformed answer to ${name} (${describe(envelope.error)})`);
    return unreadable();
  }
  if (!envelope.data.ok) return { ok: false, error: envelope.data.error };
  const value = commands[name].output.safeParse(envelope.data.value);
  if (!value.success) {
    onProblem(`a malformed value in the answer to ${name} (${describe(value.error)})`);
    return unreadable();
  }
  return { ok: true, value: value.data as T };
}

export function unreadable(): { ok: false; error: { code: 'INTERNAL'; message: string } } {
  return { ok: false, error: { code: 'INTERNAL', message: 'the lane sent an answer the screen cannot read' } };
}
