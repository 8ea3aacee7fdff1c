import { describe, expect, it } from 'vitest';
import { crc16, readBitsRequest, replyBits, scanReply, sealed, writeCoilRequest } from '../../../drivers/gate/modbus-frame.ts';
import { ModbusExceptionError, ModbusMaster, ModbusTimeoutError } from '../../../drivers/gate/modbus-master.ts';
import { modbusCrc } from '../../../drivers/sim/modbus-relay-sim.ts';

const bytes = (text: string): Buffer => Buffer.from(text.replace(/\s+/g, ''), 'hex');

// The computed frames of PROTOCOLS §4.2.
const golden = {
  coil0On: '01 05 00 00 FF 00 8C 3A',
  coil0Off: '01 05 00 00 00 00 CD CA',
  coil1On: '01 05 00 01 FF 00 DD FA',
  readCoils: '01 01 00 00 00 08 3D CC',
  readInputs: '01 02 00 00 00 08 79 CC',
  writeCoils: '01 0F 00 00 00 08 01 FF BE D5',
};

describe('Modbus RTU frames', () => {
  it('builds the golden requests of the protocol notes byte for byte', () => {
    expect(writeCoilRequest(1, 0, true)).toEqual(bytes(golden.coil0On));
    expect(writeCoilRequest(1, 0, false)).toEqual(bytes(golden.coil0Off));
    expect(writeCoilRequest(1, 1, true)).toEqual(bytes(golden.coil1On));
    expect(readBitsRequest(1, 0x01, 0, 8)).toEqual(bytes(golden.readCoils));
    expect(readBitsRequest(1, 0x02, 0, 8)).toEqual(bytes(golden.readInputs));
    expect(sealed([...bytes('01 0F 00 00 00 08 01 FF')])).toEqual(bytes(golden.writeCoils));
  });

  it('computes the same CRC as the independent simulator for every golden frame', () => {
    for (const frame of Object.values(golden).map(bytes)) {
      const body = frame.subarray(0, -2);
      expect(crc16(body)).toBe(frame.readUInt16LE(frame.length - 2));
      expect(modbusCrc(body)).toBe(frame.readUInt16LE(frame.length - 2));
    }
  });

  it('finds a reply behind line noise and skips a copy with a bad CRC', () => {
    const reply = sealed([1, 1, 1, 0b101]);
    const corrupt = Buffer.from(reply);
    corrupt[3] = 0xff;
    const scan = scanReply(Buffer.concat([bytes('00 FF 01'), corrupt, reply]), 1, 0x01);
    expect(scan.reply).toEqual({ kind: 'reply', frame: reply });
    expect(replyBits(reply, 8)).toEqual([true, false, true, false, false, false, false, false]);
  });

  it('waits for the rest of a reply that arrives in pieces', () => {
    const reply = sealed([1, 2, 1, 0x01]);
    const first = scanReply(reply.subarray(0, 3), 1, 0x02);
    expect(first.reply).toBeNull();
    expect(scanReply(Buffer.concat([first.rest, reply.subarray(3)]), 1, 0x02).reply?.frame).toEqual(reply);
  });

  it('reads an exception reply (function | 0x80) and ignores another slave', () => {
    const other = sealed([2, 0x85, 2]);
    const mine = sealed([1, 0x85, 2]);
    expect(scanReply(Buffer.concat([other, mine]), 1, 0x05).reply).toEqual({ kind: 'exception', code: 2, frame: mine });
  });

  it('refuses addresses outside the Modbus range', () => {
    expect(() => writeCoilRequest(1, 70000, true)).toThrow(/outside 0…65535/);
    expect(() => readBitsRequest(1, 0x01, 0, 0)).toThrow(/bit count 0/);
  });
});

describe('Modbus master', () => {
  it('retries after a time-out and names the request when every attempt went unanswered', async () => {
    const sent: Buffer[] = [];
    const master = new ModbusMaster({ slaveId: 1, timeoutMs: 5, retries: 2, send: async (frame) => void sent.push(frame) });
    await expect(master.writeCoil(0, true)).rejects.toThrow(ModbusTimeoutError);
    await expect(master.writeCoil(0, true)).rejects.toThrow(/slave 1: no reply to switch coil 0 on after 3 attempts/);
    expect(sent.slice(0, 3)).toEqual([bytes(golden.coil0On), bytes(golden.coil0On), bytes(golden.coil0On)]);
  });

  it('does not retry an exception and names it', async () => {
    const sent: Buffer[] = [];
    const master = new ModbusMaster({
      slaveId: 1,
      timeoutMs: 1000,
      retries: 2,
      send: async (frame) => {
        sent.push(frame);
        queueMicrotask(() => master.receive(sealed([1, 0x85, 2])));
      },
    });
    const failure = master.writeCoil(9, true);
    await expect(failure).rejects.toThrow(ModbusExceptionError);
    await expect(failure).rejects.toThrow(/switch coil 9 on refused: illegal data address \(exception 2\)/);
    expect(sent).toHaveLength(1);
  });

  it('refuses a slave id outside 1…247', () => {
    expect(() => new ModbusMaster({ slaveId: 0, timeoutMs: 10, retries: 0, send: async () => undefined })).toThrow(/slave id/);
  });
});
