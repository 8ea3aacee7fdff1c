/** Whether a digit string passes the Luhn check that every payment card number carries. */
function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/**
 * Whether text holds what could be a full card number (13–19 digits passing Luhn, spaces or
 * dashes allowed between groups). Used to refuse such text before it reaches the ledger (PCI DSS
 * 3.4: the PAN is never stored).
 */
export function containsCardNumber(text: string): boolean {
  const runs = text.match(/\d(?:[ -]?\d){12,}/g) ?? [];
  return runs.some((run) => {
    const digits = run.replace(/[ -]/g, '');
    return digits.length <= 19 && passesLuhn(digits);
  });
}
