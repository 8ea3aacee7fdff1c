import type { BrowserWindowConstructorOptions } from 'electron';
import type { Role } from '../../common/api/contract.ts';

/** How each role's window is shaped: shoppers get a locked full screen, staff a normal window. */
export function windowOptionsFor(role: Role, kiosk: boolean): BrowserWindowConstructorOptions {
  const titles: Record<Role, string> = {
    'self-checkout': 'Self-checkout',
    associate: 'Cashier lane',
    attendant: 'Attendant station',
    gate: 'Gate',
  };
  const shopperFacing = role === 'self-checkout' || role === 'gate';
  return {
    title: titles[role],
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 700,
    backgroundColor: '#ffffff',
    show: false,
    kiosk: kiosk && shopperFacing,
    fullscreen: kiosk,
    autoHideMenuBar: true,
  };
}
