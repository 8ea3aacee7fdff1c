import type Database from 'better-sqlite3';
import { BasketJournal } from './basket-journal.ts';
import { CatalogRepository } from './catalog.ts';
import { ItemLookup } from './item-lookup.ts';
import { openDatabase, type OpenOptions } from './open-database.ts';
import { AuditLog } from './audit-log.ts';
import { OperatorRepository } from './operators.ts';
import { OutboxRepository } from './outbox.ts';
import { PromotionLedger } from './promotions.ts';
import { PostVoids } from './post-voids.ts';
import { Returns } from './returns.ts';
import { SalesJournal } from './sales-journal.ts';
import { DayClose } from './day-close.ts';
import { GiftCards } from './gift-cards.ts';
import { Shifts } from './shifts.ts';
import { PaymentAttempts } from './payment-attempts.ts';
import { Suspensions } from './suspensions.ts';

/**
 * The terminal's durable store: one SQLite file holding the catalog, the open baskets, the
 * sales journal and the outbox to HQ. Every method commits before it returns.
 */
export class Ledger {
  readonly file: string;
  readonly catalog: CatalogRepository;
  readonly lookup: ItemLookup;
  readonly promotions: PromotionLedger;
  readonly baskets: BasketJournal;
  readonly sales: SalesJournal;
  readonly outbox: OutboxRepository;
  readonly postVoids: PostVoids;
  readonly returns: Returns;
  readonly operators: OperatorRepository;
  readonly audit: AuditLog;
  readonly giftCards: GiftCards;
  readonly shifts: Shifts;
  readonly days: DayClose;
  readonly paymentAttempts: PaymentAttempts;
  readonly suspensions: Suspensions;
  readonly #db: Database.Database;

  private constructor(file: string, db: Database.Database) {
    this.file = file;
    this.#db = db;
    this.catalog = new CatalogRepository(db);
    this.lookup = new ItemLookup(db);
    this.promotions = new PromotionLedger(db);
    this.baskets = new BasketJournal(db);
    this.outbox = new OutboxRepository(db);
    this.sales = new SalesJournal(db, this.baskets, this.outbox);
    this.postVoids = new PostVoids(db, this.sales, this.outbox);
    this.returns = new Returns(db, this.outbox);
    this.operators = new OperatorRepository(db);
    this.audit = new AuditLog(db);
    this.giftCards = new GiftCards(db, this.outbox);
    this.shifts = new Shifts(db, this.outbox);
    this.days = new DayClose(db, this.shifts, this.outbox);
    this.paymentAttempts = new PaymentAttempts(db);
    this.suspensions = new Suspensions(db, this.baskets);
  }

  /** Opens (or creates) the ledger file and migrates it; throws LedgerError DATABASE_TOO_NEW for a newer file. */
  static open(file: string, options: OpenOptions = {}): Ledger {
    return new Ledger(file, openDatabase(file, options));
  }

  /** Runs `fn` in one transaction (nested repository writes become savepoints of it). */
  transaction<T>(fn: () => T): T {
    return this.#db.transaction(fn)();
  }

  get isOpen(): boolean {
    return this.#db.open;
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }
}
