import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { OperatorRoleSchema } from '../../common/permissions.ts';
import { OperatorIdSchema, PinSchema } from '../../common/session.ts';
import { formatPath, LedgerError } from './errors.ts';
import type { OperatorRepository } from './operators.ts';
import { badgeHash, hashPin, PIN_COST } from './pin-hash.ts';

/** The demo operators that ship with the terminal (see data/README.md for their PINs and badges). */
export const DEMO_OPERATORS_FILE = path.resolve(import.meta.dirname, '..', '..', 'data', 'demo-operators.json');

/** An operators file: the PINs and badge codes in it are hashed on import and never stored as such. */
export const OperatorsFileSchema = z.object({
  operators: z
    .array(
      z.object({
        operatorId: OperatorIdSchema,
        name: z.string().trim().min(1).max(60),
        role: OperatorRoleSchema,
        pin: PinSchema,
        badge: z.string().trim().min(6, 'at least 6 characters').max(128).nullable().default(null),
        active: z.boolean().default(true),
      }),
    )
    .min(1, 'at least one operator')
    .max(500)
    .superRefine((operators, ctx) => {
      const ids = new Set<string>();
      const badges = new Set<string>();
      operators.forEach((operator, index) => {
        if (ids.has(operator.operatorId)) ctx.addIssue({ code: 'custom', path: [index, 'operatorId'], message: `${operator.operatorId} is listed twice` });
        if (operator.badge !== null && badges.has(operator.badge)) ctx.addIssue({ code: 'custom', path: [index, 'badge'], message: 'another operator has this badge' });
        ids.add(operator.operatorId);
        if (operator.badge !== null) badges.add(operator.badge);
      });
    }),
});
export type OperatorsFile = z.infer<typeof OperatorsFileSchema>;

export function readOperatorsFile(file: string): OperatorsFile {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new LedgerError('INVALID_INPUT', `${file}: cannot be read as JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = OperatorsFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = formatPath('', issue?.path ?? []);
    throw new LedgerError('INVALID_INPUT', `${file}: ${field}: ${issue?.message ?? 'invalid'}`, field);
  }
  return parsed.data;
}

/** Hashes every PIN and badge, then adds all operators in one transaction; returns how many. */
export async function importOperators(repository: OperatorRepository, file: OperatorsFile, at: string, cost: number = PIN_COST): Promise<number> {
  const prepared = await Promise.all(
    file.operators.map(async (operator) => ({
      operatorId: operator.operatorId,
      name: operator.name,
      role: operator.role,
      pin: await hashPin(operator.pin, cost),
      badgeHash: operator.badge === null ? null : badgeHash(operator.badge),
      active: operator.active,
      createdAt: at,
    })),
  );
  repository.add(prepared);
  return prepared.length;
}
