import type { ReceiptPrinter } from './receipt-printer.ts';

export type DrawerState = 'open' | 'closed' | 'unknown';

/**
 * The cash drawer wired to a receipt printer's kick connector (UnifiedPOS CashDrawer): opened
 * with a pulse through the printer, its state read from the printer's drawer-sense input.
 */
export class CashDrawer {
  readonly #printer: ReceiptPrinter;

  constructor(printer: ReceiptPrinter) {
    this.#printer = printer;
  }

  get state(): DrawerState {
    return this.#printer.printerStatus()?.drawer ?? 'unknown';
  }

  /** Kicks the drawer open; resolves once the pulse was sent and the status read again. */
  open(): Promise<void> {
    return this.#printer.kickDrawer();
  }

  /** Calls `listener` when the drawer is seen to open or close; returns the unsubscribe. */
  onChange(listener: (state: DrawerState) => void): () => void {
    let last = this.state;
    const watch = (): void => {
      const now = this.state;
      if (now === last) return;
      last = now;
      listener(now);
    };
    this.#printer.on('data', watch);
    this.#printer.on('status', watch);
    return () => {
      this.#printer.off('data', watch);
      this.#printer.off('status', watch);
    };
  }
}
