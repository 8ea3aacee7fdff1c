import type { Notice } from '../../common/api/contract.ts';
import type { Logger } from './log.ts';

/** What the lane needs of a cash drawer: a kick (drivers/printer/cash-drawer.ts). */
export interface DrawerKick {
  open(): Promise<void>;
}

export type DrawerResult = 'opened' | 'no-drawer' | 'failed';

/**
 * Opens the lane's drawer for a reason (cash tender, no sale, paid in/out). A lane without one
 * tells the cashier to use the till by hand; a kick that fails is reported, never silent.
 */
export async function openDrawer(drawer: DrawerKick | null, reason: string, notify: (notice: Notice) => void, log: Logger): Promise<DrawerResult> {
  if (!drawer) {
    notify({ level: 'warning', code: 'DEVICE', message: `No cash drawer on this lane (${reason}): put the cash in the till by hand.` });
    return 'no-drawer';
  }
  try {
    await drawer.open();
    return 'opened';
  } catch (error) {
    log.error({ err: error, reason }, 'cash drawer did not open');
    notify({ level: 'error', code: 'DEVICE', message: `The cash drawer did not open (${reason}). Check the printer and open it with the key.` });
    return 'failed';
  }
}
