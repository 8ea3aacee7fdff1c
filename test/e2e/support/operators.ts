import { expect, type Page } from '@playwright/test';

/** The demo operators of data/demo-operators.json (see data/README.md). */
export const demoOperators = {
  cashier: { operatorId: '1001', pin: '1234', name: 'Alex Rivera', badge: 'EMP-1001-K7QX' },
  supervisor: { operatorId: '2001', pin: '5678', name: 'Sam Patel', badge: 'EMP-2001-V9LD' },
  manager: { operatorId: '3001', pin: '9012', name: 'Morgan Chen', badge: 'EMP-3001-H2WN' },
} as const;

/** Taps digits on a credential keypad (the large touch keys), as a person at the lane does. */
export async function tapDigits(page: Page, digits: string): Promise<void> {
  for (const digit of digits) await page.getByRole('button', { name: `Digit ${digit}`, exact: true }).last().click();
}

/** Signs in on the sign-in screen with operator number and PIN on the keypad. */
export async function signInWithPin(page: Page, operator: { operatorId: string; pin: string; name: string }): Promise<void> {
  await expect(page.getByTestId('sign-in-screen')).toBeVisible();
  await tapDigits(page, operator.operatorId);
  await page.getByTestId('sign-in-submit').click();
  await tapDigits(page, operator.pin);
  await page.getByTestId('sign-in-submit').click();
  await expect(page.getByTestId('operator-chip')).toContainText(operator.name);
}
