import { describe, expect, it, vi } from 'vitest';
import { ACK, BlockReader, encodeBlock, encodeMessage, ENQ, EOT, lrc, NAK, STX } from '../../../drivers/payment/stx-etx/frame.ts';
import { StxEtxLink } from '../../../drivers/payment/stx-etx/link.ts';
import { parseTerminalMessage, ProtocolError, scrub, statusRequest, transactionRequest } from '../../../drivers/payment/stx-etx/messages.ts';
import { toPaymentResult } from '../../../drivers/payment/stx-etx/outcome.ts';

const hex = (text: string): Buffer => Buffer.from(text.replace(/\s+/g, ''), 'hex');
const FS = '\x1c';
const US = '\x1f';

// PROTOCOLS §3.2 (computed there): the PAX DoCredit sale of 10.99 with ECR ref "1", and Ingenico RBA's status request.
const PAX_SALE = hex('02 54 30 30 1C 31 2E 32 38 1C 30 31 1C 31 30 39 39 1C 1C 31 1C 1C 1C 1C 1C 03 73');
const RBA_STATUS = hex('02 31 31 2E 03 2D');

describe('stx-etx frames', () => {
  it('encodes the sale of 10.99 with reference 1 as the golden frame of PROTOCOLS §3.2, byte for byte', () => {
    const [frame, ...more] = encodeMessage(transactionRequest({ type: 'sale', ecrRef: '1', amount: 1099 }));
    expect(more).toEqual([]);
    expect(frame).toEqual(PAX_SALE);
  });

  it('computes the LRC of the Ingenico status request as §3.2 does', () => {
    expect(encodeBlock(Buffer.from('11.', 'latin1'), true)).toEqual(RBA_STATUS);
    expect(lrc(hex('31 31 2E 03'))).toBe(0x2d);
  });

  it('reads a golden frame delivered one byte at a time, with noise before it', () => {
    const reader = new BlockReader();
    const events = [...reader.push(hex('ff 41 00 7e')), ...[...PAX_SALE].flatMap((byte) => reader.push(Buffer.from([byte])))];
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'block', last: true });
    expect(events[0]?.kind === 'block' && events[0].payload.toString('latin1')).toBe(`T00${FS}1.28${FS}01${FS}1099${FS}${FS}1${FS}${FS}${FS}${FS}${FS}`);
  });

  it('reports a block with a wrong LRC, and resynchronises on an STX inside a broken block', () => {
    const reader = new BlockReader();
    const bad = Buffer.from(RBA_STATUS);
    bad[bad.length - 1] = 0x00;
    expect(reader.push(bad)).toEqual([{ kind: 'bad-block' }]);
    const events = reader.push(Buffer.concat([hex('02 41 42'), RBA_STATUS]));
    expect(events).toEqual([{ kind: 'block', payload: Buffer.from('11.'), last: true, wire: RBA_STATUS }]);
  });

  it('takes an LRC that happens to be STX as the LRC, not as a new block', () => {
    // "@A" ETX: 0x40 ^ 0x41 ^ 0x03 = 0x02, the value of STX.
    const block = encodeBlock(Buffer.from('@A', 'latin1'), true);
    expect(block.at(-1)).toBe(STX);
    const events = new BlockReader().push(block);
    expect(events).toEqual([{ kind: 'block', payload: Buffer.from('@A'), last: true, wire: block }]);
  });

  it('splits a long message into ETB blocks of at most 240 payload bytes', () => {
    const payload = Buffer.alloc(500, 0x41);
    const blocks = encodeMessage(payload);
    expect(blocks.map((block) => block.length)).toEqual([243, 243, 23]);
    expect(blocks.map((block) => block.at(-2))).toEqual([0x17, 0x17, 0x03]);
  });
});

describe('stx-etx link', () => {
  function rig(options: Partial<{ ackTimeoutMs: number }> = {}) {
    const written: Buffer[] = [];
    const messages: string[] = [];
    const link = new StxEtxLink(
      async (bytes) => void written.push(bytes),
      (payload) => messages.push(payload.toString('latin1')),
      () => undefined,
      { ackTimeoutMs: options.ackTimeoutMs ?? 5000, maxAttempts: 3, interByteTimeoutMs: 5000 },
    );
    return { link, written, messages };
  }

  it('acknowledges a retransmitted block again without delivering it twice', () => {
    const { link, written, messages } = rig();
    link.receive(RBA_STATUS);
    link.receive(RBA_STATUS);
    expect(messages).toEqual(['11.']);
    expect(written).toEqual([Buffer.from([ACK]), Buffer.from([ACK])]);
    expect(link.counters.duplicatesDropped).toBe(1);
    link.close();
  });

  it('answers a bad LRC with NAK and delivers the good copy that follows', () => {
    const { link, written, messages } = rig();
    const bad = Buffer.from(RBA_STATUS);
    bad[bad.length - 1] = (bad.at(-1) ?? 0) ^ 0xff;
    link.receive(bad);
    link.receive(RBA_STATUS);
    expect(written).toEqual([Buffer.from([NAK]), Buffer.from([ACK])]);
    expect(messages).toEqual(['11.']);
    link.close();
  });

  it('assembles an ETB-chained message, acknowledging each block', () => {
    const { link, written, messages } = rig();
    for (const block of encodeMessage(Buffer.alloc(300, 0x42))) link.receive(block);
    expect(messages).toEqual(['B'.repeat(300)]);
    expect(written).toHaveLength(2);
    link.close();
  });

  it('resends a block on NAK and gives up with EOT after three attempts', async () => {
    const { link, written } = rig();
    const sent = link.send(statusRequest('R1'));
    const rejected = expect(sent).rejects.toThrow(/did not acknowledge a block after 3 attempts \(last: NAK\)/);
    for (let attempt = 0; attempt < 3; attempt++) {
      await new Promise((resolve) => setImmediate(resolve));
      link.receive(Buffer.from([NAK]));
    }
    await rejected;
    const frames = written.filter((bytes) => bytes[0] === STX);
    expect(frames).toHaveLength(3);
    expect(new Set(frames.map((frame) => frame.toString('hex'))).size).toBe(1);
    expect(written.at(-1)).toEqual(Buffer.from([EOT]));
    expect(link.counters.retransmissions).toBe(2);
  });

  it('drops a block left unfinished for the inter-byte time-out, and reads the next one', () => {
    vi.useFakeTimers();
    try {
      const written: Buffer[] = [];
      const messages: string[] = [];
      const problems: string[] = [];
      const link = new StxEtxLink(
        async (bytes) => void written.push(bytes),
        (payload) => messages.push(payload.toString('latin1')),
        (problem) => problems.push(problem),
        { ackTimeoutMs: 5000, maxAttempts: 3, interByteTimeoutMs: 50 },
      );
      link.receive(RBA_STATUS.subarray(0, 3));
      vi.advanceTimersByTime(49);
      expect(problems).toEqual([]);
      vi.advanceTimersByTime(1);
      expect(problems).toEqual(['an incomplete block was dropped after 50 ms of silence']);
      // The rest of the old block is now noise; it is not taken for the start of a new one.
      link.receive(RBA_STATUS.subarray(3));
      link.receive(RBA_STATUS);
      expect(messages).toEqual(['11.']);
      expect(written).toEqual([Buffer.from([ACK])]);
      link.close();
    } finally {
      vi.useRealTimers();
    }
  });

  it('answers line bidding (ENQ) with ACK', () => {
    const { link, written } = rig();
    link.receive(Buffer.from([ENQ]));
    expect(written).toEqual([Buffer.from([ACK])]);
    link.close();
  });

  it('resolves a send once the block is acknowledged', async () => {
    const { link, written } = rig();
    const sent = link.send(statusRequest('R1'));
    await new Promise((resolve) => setImmediate(resolve));
    link.receive(Buffer.from([ACK]));
    await sent;
    expect(written).toHaveLength(1);
    link.close();
  });
});

describe('stx-etx messages at the PCI edge', () => {
  const pan = '4111111111111111';
  const approvedWithCardData = [
    'T01', '1.28', '000000', `APPROVED ${pan}`, `00${US}123456${US}H1`, '01', `1099${US}1099`,
    `${pan}${US}Visa${US}CHIP${US}2812${US}TEST/CARD`, `R1${US}T0000001${US}20261130120000`,
    `TRACK2=;${pan}=28121010000000000?${US}EMV9F26=8E2F1C0A7B3D5E61`,
  ].join(FS);

  it('keeps only brand, last four, auth code and the terminal reference of an approval', () => {
    const message = parseTerminalMessage(Buffer.from(approvedWithCardData, 'latin1'));
    expect(message.kind).toBe('result');
    if (message.kind !== 'result') return;
    const outcome = toPaymentResult(message.result);
    expect(outcome).toEqual({ status: 'approved', amount: 1099, brand: 'VISA', last4: '1111', authCode: '123456', reference: 'T0000001' });
    const everything = JSON.stringify(message) + JSON.stringify(outcome);
    expect(everything).not.toContain(pan);
    expect(everything).not.toContain('2812');
    expect(everything).not.toContain('TEST/CARD');
    expect(everything).not.toContain('TRACK2');
  });

  it('names only the structure of a malformed message, never its content', () => {
    const broken = approvedWithCardData.replace('000000', '0000x0');
    expect(() => parseTerminalMessage(Buffer.from(broken, 'latin1'))).toThrow(ProtocolError);
    try {
      parseTerminalMessage(Buffer.from(broken, 'latin1'));
    } catch (error) {
      expect(String(error)).not.toContain(pan);
      expect(String(error)).toMatch(/T01 without a six-digit result code/);
    }
  });

  it('removes card-number-like runs from terminal text in any common formatting', () => {
    for (const text of [pan, '4111 1111 1111 1111', '4111-1111-1111-1111', '4111.1111.1111.1111']) {
      expect(scrub(`card ${text} refused`)).toBe('card [number removed] refused');
    }
    expect(scrub('DO NOT HONOUR 05')).toBe('DO NOT HONOUR 05');
  });

  it('reports a decline with the issuer reason code', () => {
    const declined = ['T01', '1.28', '000100', 'DECLINED', `51${US}${US}`, '01', `${US}1099`, '', `R1${US}${US}`, ''].join(FS);
    const message = parseTerminalMessage(Buffer.from(declined, 'latin1'));
    expect(message.kind === 'result' && toPaymentResult(message.result)).toEqual({ status: 'declined', reason: 'Insufficient funds (51)', code: '51' });
  });

  it('reads status answers: done with a result, in progress, unknown', () => {
    const done = parseTerminalMessage(Buffer.from(['S01', '1.28', 'DONE', 'R1', ...approvedWithCardData.split(FS).slice(2)].join(FS), 'latin1'));
    expect(done).toMatchObject({ kind: 'status', state: 'done', ecrRef: 'R1', result: { code: 'approved', last4: '1111' } });
    expect(parseTerminalMessage(Buffer.from(['S01', '1.28', 'IN_PROGRESS', 'R1'].join(FS)))).toEqual({ kind: 'status', state: 'in-progress', ecrRef: 'R1' });
    expect(parseTerminalMessage(Buffer.from(['S01', '1.28', 'UNKNOWN', 'R1'].join(FS)))).toEqual({ kind: 'status', state: 'unknown', ecrRef: 'R1' });
  });
});
