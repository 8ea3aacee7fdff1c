/**
 * The quantity key as cashiers type it: `3*` (or `3x`, `3×`) before the code sells three.
 * Anything else is a plain code, quantity 1; the lane validates the code and the range.
 */
export function parseKeyedEntry(text: string): { readonly code: string; readonly quantity: number } {
  const match = /^(\d{1,3})\s*[*xX×]\s*(\S+)$/.exec(text.trim());
  if (!match) return { code: text.trim(), quantity: 1 };
  return { code: match[2] ?? '', quantity: Number(match[1]) };
}
