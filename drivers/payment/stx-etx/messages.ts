import { FS, US } from './frame.ts';

// The messages of PROTOCOL.md. This is the PCI edge: a terminal message is reduced here to the
// few fields the POS may keep, and nothing else of it (PAN, expiry, name, track or EMV data)
// leaves this module, not even in an error message.

export const VERSION = '1.28';

export type TransactionType = 'sale' | 'refund' | 'void';
const typeCodes: Record<TransactionType, string> = { sale: '01', refund: '02', void: '16' };

/** A POS reference as the protocol allows it. */
export const ECR_REF = /^[A-Za-z0-9_-]{1,40}$/;
const TERMINAL_REF = /^[A-Za-z0-9-]{1,40}$/;

/** The payload of a transaction request (`T00`). */
export function transactionRequest(request: { type: TransactionType; ecrRef: string; amount?: number; target?: string }): Buffer {
  const amount = request.type === 'void' ? '' : String(request.amount);
  const trace = request.type === 'void' ? `${request.ecrRef}${US}${request.target ?? ''}` : request.ecrRef;
  return message(['T00', VERSION, typeCodes[request.type], amount, '', trace, '', '', '', '', '']);
}

export const abortRequest = (): Buffer => message(['A14', VERSION]);
export const statusRequest = (ecrRef: string): Buffer => message(['S00', VERSION, ecrRef]);
export const helloRequest = (): Buffer => message(['A00', VERSION]);

function message(fields: readonly string[]): Buffer {
  return Buffer.from(fields.join(FS), 'latin1');
}

export type ResultCode = 'approved' | 'declined' | 'customer-timeout' | 'aborted' | 'busy' | 'not-understood' | 'error';

/** A transaction result with the card data already gone. */
export interface TerminalResult {
  readonly code: ResultCode;
  /** The raw six-digit code, for reasons and logs. */
  readonly rawCode: string;
  /** The terminal's text, with anything that looks like a card number removed. */
  readonly message: string;
  readonly hostCode: string;
  readonly authCode: string;
  readonly type: TransactionType | 'other';
  readonly approvedAmount: number | null;
  readonly requestedAmount: number | null;
  readonly last4: string;
  readonly brand: string;
  readonly ecrRef: string;
  readonly terminalRef: string;
}

export type TerminalMessage =
  | { readonly kind: 'result'; readonly result: TerminalResult }
  | { readonly kind: 'status'; readonly ecrRef: string; readonly state: 'done'; readonly result: TerminalResult }
  | { readonly kind: 'status'; readonly ecrRef: string; readonly state: 'in-progress' | 'unknown' | 'voided' }
  | { readonly kind: 'prompt'; readonly prompt: 'card' | 'pin' | 'processing' | 'remove-card' }
  | { readonly kind: 'wake-up'; readonly bootId: string }
  | { readonly kind: 'hello'; readonly serialNo: string; readonly model: string; readonly bootId: string };

/** A message that does not follow PROTOCOL.md; its text names the structure, never the content. */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
}

const codes: Record<string, ResultCode> = {
  '000000': 'approved',
  '000100': 'declined',
  '100001': 'customer-timeout',
  '100002': 'aborted',
  '100003': 'busy',
  '100010': 'not-understood',
};

const prompts = { CARD: 'card', PIN: 'pin', PROCESSING: 'processing', REMOVE_CARD: 'remove-card' } as const;

export function parseTerminalMessage(payload: Buffer): TerminalMessage {
  const fields = payload.toString('latin1').split(FS);
  const id = fields[0] ?? '';
  if (!/^[A-Z][0-9]{2}$/.test(id)) throw new ProtocolError('a message without a command id');
  if (fields[1] !== VERSION) throw new ProtocolError(`${id} of an unsupported protocol version`);
  switch (id) {
    case 'T01':
      return { kind: 'result', result: parseResult(id, fields.slice(2)) };
    case 'S01': {
      const ecrRef = field(fields, 3);
      if (!ECR_REF.test(ecrRef)) throw new ProtocolError('S01 without a valid reference');
      const state = fields[2];
      if (state === 'IN_PROGRESS') return { kind: 'status', ecrRef, state: 'in-progress' };
      if (state === 'UNKNOWN') return { kind: 'status', ecrRef, state: 'unknown' };
      if (state === 'VOIDED') return { kind: 'status', ecrRef, state: 'voided' };
      if (state === 'DONE') return { kind: 'status', ecrRef, state: 'done', result: parseResult(id, fields.slice(4)) };
      throw new ProtocolError('S01 with an unknown state');
    }
    case 'D00': {
      const prompt = field(fields, 2);
      if (!(prompt in prompts)) throw new ProtocolError('D00 with an unknown prompt');
      return { kind: 'prompt', prompt: prompts[prompt as keyof typeof prompts] };
    }
    case 'W00':
      return { kind: 'wake-up', bootId: printable(field(fields, 2), 32) };
    case 'A01':
      if (fields[2] !== '000000') throw new ProtocolError('A01 reporting a terminal error');
      return { kind: 'hello', serialNo: printable(field(fields, 4), 32), model: printable(field(fields, 5), 32), bootId: printable(field(fields, 6), 32) };
    default:
      throw new ProtocolError(`an unexpected ${id} message`);
  }
}

/** `code|message|host|type|amounts|account|trace|raw`: the `raw` field is never even split. */
function parseResult(id: string, fields: readonly string[]): TerminalResult {
  if (fields.length < 7) throw new ProtocolError(`${id} with ${fields.length} result fields, expected at least 7`);
  const [rawCode = '', text = '', host = '', type = '', amounts = '', account = '', trace = ''] = fields;
  if (!/^[0-9]{6}$/.test(rawCode)) throw new ProtocolError(`${id} without a six-digit result code`);
  const [hostCode = '', authCode = ''] = host.split(US);
  const [approved = '', requested = ''] = amounts.split(US);
  const [accountNumber = '', brand = ''] = account.split(US); // entry mode, expiry, cardholder: dropped
  const [ecrRef = '', terminalRef = ''] = trace.split(US);
  const code = codes[rawCode] ?? 'error';
  if (!ECR_REF.test(ecrRef)) throw new ProtocolError(`${id} without a valid reference`);
  const approvedAmount = amount(id, 'approved amount', approved);
  if (code === 'approved') {
    if (approvedAmount === null || approvedAmount <= 0) throw new ProtocolError(`${id} approved without an approved amount`);
    if (!TERMINAL_REF.test(terminalRef)) throw new ProtocolError(`${id} approved without a valid terminal reference`);
    if (!/^[A-Za-z0-9]{1,12}$/.test(authCode)) throw new ProtocolError(`${id} approved without a valid auth code`);
  }
  const digits = accountNumber.replace(/[^0-9]/g, '');
  // A terminal that sends the whole PAN must not get it out through its own reference either.
  if (digits.length >= 12 && terminalRef.includes(digits.slice(-12))) throw new ProtocolError(`${id} with card data in the terminal reference`);
  return {
    code,
    rawCode,
    message: scrub(text),
    hostCode: /^[A-Za-z0-9]{1,4}$/.test(hostCode) ? hostCode : '',
    authCode: /^[A-Za-z0-9]{1,12}$/.test(authCode) ? authCode : '',
    type: type === '01' ? 'sale' : type === '02' ? 'refund' : type === '16' ? 'void' : 'other',
    approvedAmount,
    requestedAmount: amount(id, 'requested amount', requested),
    last4: digits.length >= 4 ? digits.slice(-4) : '',
    brand: /^[A-Za-z][A-Za-z0-9 ]{0,19}$/.test(brand.trim()) ? brand.trim().toUpperCase() : 'CARD',
    ecrRef,
    terminalRef: TERMINAL_REF.test(terminalRef) ? terminalRef : '',
  };
}

function amount(id: string, what: string, text: string): number | null {
  if (text === '') return null;
  if (!/^[0-9]{1,12}$/.test(text)) throw new ProtocolError(`${id} with a malformed ${what}`);
  return Number(text);
}

function field(fields: readonly string[], index: number): string {
  return fields[index] ?? '';
}

function printable(text: string, max: number): string {
  return scrub(text).slice(0, max);
}

/**
 * Terminal text for a screen or a log: printable characters only, and any run of seven or more
 * digits (spaces, dots and dashes between them allowed) replaced, so a card number a terminal
 * puts in a message can never reach the ledger or a log.
 */
export function scrub(text: string): string {
  return text
    .replace(/[^\x20-\x7e]/g, ' ')
    .replace(/\d(?:[\s.-]*\d){6,}/g, '[number removed]')
    .trim()
    .slice(0, 80);
}
