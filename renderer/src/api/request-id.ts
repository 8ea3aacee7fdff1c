/**
 * A fresh idempotency key for one user action (fits RequestIdSchema: 32 hex digits).
 * `randomUUID` exists only in secure contexts; a browser kiosk on plain http still has
 * `getRandomValues`.
 */
export function newRequestId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID().replaceAll('-', '');
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
