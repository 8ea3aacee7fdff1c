import { z } from 'zod';

/**
 * Stable error codes the UI translates. Electron keeps only `error.message` across `invoke`,
 * so every call answers with this envelope instead of throwing (the Signal Desktop habit).
 */
export const errorCodes = [
  'INVALID_INPUT',
  'UNKNOWN_COMMAND',
  'FORBIDDEN',
  'INVALID_BARCODE',
  'UNKNOWN_ITEM',
  'NEEDS_WEIGHT',
  'NO_OPEN_BASKET',
  'UNKNOWN_LINE',
  'BASKET_EMPTY',
  'BASKET_LOCKED',
  'AGE_CHECK_REQUIRED',
  'PAYMENT_IN_PROGRESS',
  'PAYMENT_DECLINED',
  'DEVICE_UNAVAILABLE',
  'SIGN_IN_REQUIRED',
  'SIGN_IN_FAILED',
  'OPERATOR_LOCKED_OUT',
  'LANE_LOCKED',
  'APPROVAL_REQUIRED',
  'NO_APPROVAL_PENDING',
  'APPROVAL_EXPIRED',
  'UNKNOWN_SALE',
  'SALE_ALREADY_VOIDED',
  'COUPON_NOT_ACCEPTED',
  'GIFT_CARD_REFUSED',
  'NO_OPEN_SHIFT',
  'SHIFT_ALREADY_OPEN',
  'DAY_CLOSED',
  'SCALE_UNAVAILABLE',
  'WEIGHT_NOT_STABLE',
  'SCALE_UNDER_ZERO',
  'SCALE_OVER_CAPACITY',
  'BAGGING_INTERVENTION',
  'RECEIPT_ALREADY_USED',
  'RECEIPT_EXPIRED',
  'ALREADY_RETURNED',
  'SALE_HAS_RETURNS',
  'REFUND_DECLINED',
  'UNDER_AGE',
  'ID_EXPIRED',
  'PAYMENT_STARTED',
  'SALE_IN_PROGRESS',
  'UNKNOWN_TICKET',
  'TICKET_EXPIRED',
  'TICKET_ALREADY_RESUMED',
  'LANE_UNREACHABLE',
  'INTERNAL',
  'ENTRY_CODE_INVALID',
  'ENTRY_CODE_EXPIRED',
  'ENTRY_CODE_USED',
] as const;
export const ErrorCodeSchema = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const ApiErrorSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  /** Dotted path of the offending input field, for INVALID_INPUT. */
  field: z.string().optional(),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message: string, field?: string): { ok: false; error: ApiError } {
  return { ok: false, error: field === undefined ? { code, message } : { code, message, field } };
}

/** A domain error thrown inside the core and turned into a failed Result at the API edge. */
export class TerminalError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  constructor(code: ErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'TerminalError';
    this.code = code;
    this.field = field;
  }
}

/** Names the first invalid field of a zod error, e.g. `input.code: Too small`. */
export function describeZodError(error: z.ZodError, prefix: string): { message: string; field: string } {
  const issue = error.issues[0];
  const path = [prefix, ...(issue?.path ?? []).map(String)].filter((p) => p !== '').join('.');
  return { message: `${path}: ${issue?.message ?? 'invalid'}`, field: path };
}
