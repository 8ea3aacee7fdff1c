import type { Migration } from './migration.ts';
import { migration as init } from './0001-init.ts';
import { migration as salesJournal } from './0002-sales-journal.ts';
import { migration as outbox } from './0003-outbox.ts';
import { migration as operatorsAudit } from './0004-operators-audit.ts';
import { migration as postVoid } from './0005-post-void.ts';
import { migration as tendersShifts } from './0006-tenders-shifts.ts';
import { migration as returns } from './0007-returns.ts';
import { migration as suspendedBaskets } from './0008-suspended-baskets.ts';
import { migration as paymentAttempts } from './0009-payment-attempts.ts';
import { migration as lookupPromotions } from './0010-lookup-promotions.ts';

export type { Migration } from './migration.ts';
export { LEDGER_APPLICATION_ID } from './migration.ts';

/** Every migration, oldest first; versions are 1, 2, 3… with no gaps. */
export const migrations: readonly Migration[] = [init, salesJournal, outbox, operatorsAudit, postVoid, tendersShifts, returns, suspendedBaskets, paymentAttempts, lookupPromotions];

export const LATEST_VERSION: number = migrations.at(-1)?.version ?? 0;
