import { z } from 'zod';

/** Ids are opaque strings made by an injected generator (ULIDs in production). */
export const IdSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits and _ . : - only');

/** Caller-supplied idempotency key: the same key applies a write at most once. */
export const RequestIdSchema = z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only');
