import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UdevMonitorParser, watchPortPath, watchUsbIds, type PlugChange, type UdevEvent, type UdevEventSource } from '../../../drivers/link/hotplug.ts';
import { Reconnector, type Connector, type LinkState } from '../../../drivers/link/reconnector.ts';

const monitorOutput = `monitor will print the received events for:
UDEV - the event which udev sends out after rule processing

UDEV  [5032.114512] add      /devices/pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.0/ttyUSB0/tty/ttyUSB0 (tty)
ACTION=add
DEVPATH=/devices/pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.0/ttyUSB0/tty/ttyUSB0
SUBSYSTEM=tty
DEVNAME=/dev/ttyUSB0
SEQNUM=4411
ID_VENDOR_ID=0403
ID_MODEL_ID=6001
DEVLINKS=/dev/serial/by-id/usb-FTDI_FT232R_A9K1-if00-port0 /dev/serial/by-path/pci-0000:00:14.0-usb-0:2:1.0-port0

UDEV  [5040.001200] remove   /devices/pci0000:00/0000:00:14.0/usb1/1-3/1-3:1.0/0003:0C2E:0B07.0004/hidraw/hidraw2 (hidraw)
ACTION=remove
DEVPATH=/devices/pci0000:00/0000:00:14.0/usb1/1-3/1-3:1.0/0003:0C2E:0B07.0004/hidraw/hidraw2
SUBSYSTEM=hidraw
DEVNAME=/dev/hidraw2
`;

/** A udev source the test feeds by hand. */
function fakeUdev(): UdevEventSource & { emit(event: Partial<UdevEvent>): void; readonly listeners: number } {
  const listeners = new Set<(event: UdevEvent) => void>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(event) {
      const full: UdevEvent = { action: 'add', subsystem: 'tty', devname: null, devlinks: [], vendorId: null, productId: null, ...event };
      for (const listener of listeners) listener(full);
    },
    get listeners() {
      return listeners.size;
    },
  };
}

/** Resolves with the next plug change, or rejects after a bounded wait. */
function nextChange(changes: PlugChange[], count: number): Promise<PlugChange> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const look = (): void => {
      const found = changes[count - 1];
      if (found) resolve(found);
      else if (Date.now() - started > 5000) reject(new Error(`no plug change #${count} within 5 s (have ${JSON.stringify(changes)})`));
      else setTimeout(look, 10);
    };
    look();
  });
}

describe('udevadm monitor output', () => {
  it('is read as add and remove events with the node, its links and the USB ids', () => {
    const parser = new UdevMonitorParser();
    const events = monitorOutput.split('\n').map((line) => parser.push(line)).filter((event) => event !== null);
    const last = parser.end();
    if (last) events.push(last);
    expect(events).toEqual([
      {
        action: 'add',
        subsystem: 'tty',
        devname: '/dev/ttyUSB0',
        devlinks: ['/dev/serial/by-id/usb-FTDI_FT232R_A9K1-if00-port0', '/dev/serial/by-path/pci-0000:00:14.0-usb-0:2:1.0-port0'],
        vendorId: 0x0403,
        productId: 0x6001,
      },
      { action: 'remove', subsystem: 'hidraw', devname: '/dev/hidraw2', devlinks: [], vendorId: 0x0c2e, productId: 0x0b07 },
    ]);
  });
});

describe('watching a port path', () => {
  const dirs: string[] = [];
  const stops: (() => void)[] = [];
  afterEach(() => {
    for (const stop of stops.splice(0)) stop();
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  function portDir(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotplug-'));
    dirs.push(dir);
    return dir;
  }

  it('reports a symlinked port path appearing and disappearing, once each', async () => {
    const dir = portDir();
    const port = path.join(dir, 'scanner');
    const changes: PlugChange[] = [];
    stops.push(watchPortPath(port, null)((change) => changes.push(change)));
    fs.symlinkSync('/dev/null', port);
    expect((await nextChange(changes, 1)).change).toBe('attached');
    fs.unlinkSync(port);
    expect((await nextChange(changes, 2)).change).toBe('detached');
    // Another name in the same folder is none of its business.
    fs.writeFileSync(path.join(dir, 'printer'), '');
    fs.symlinkSync('/dev/null', port);
    expect((await nextChange(changes, 3)).change).toBe('attached');
    expect(changes.map((change) => change.change)).toEqual(['attached', 'detached', 'attached']);
  });

  it('hears udev name the port by its node or one of its links', async () => {
    const dir = portDir();
    const port = path.join(dir, 'usb-FTDI-port0');
    fs.symlinkSync('/dev/null', port);
    const udev = fakeUdev();
    const changes: PlugChange[] = [];
    stops.push(watchPortPath(port, udev)((change) => changes.push(change)));
    udev.emit({ action: 'remove', devname: '/dev/ttyUSB9', devlinks: ['/dev/serial/by-id/other'] });
    udev.emit({ action: 'remove', devname: '/dev/ttyUSB0', devlinks: [port] });
    expect(changes).toEqual([{ change: 'detached', reason: 'udev: /dev/ttyUSB0 removed' }]);
    udev.emit({ action: 'add', devname: '/dev/ttyUSB0', devlinks: [port] });
    expect(changes.at(-1)?.change).toBe('attached');
  });

  it('hears udev plug a device in and out by its USB ids', () => {
    const udev = fakeUdev();
    const changes: PlugChange[] = [];
    const stop = watchUsbIds(0x0c2e, 0x0b07, udev)((change) => changes.push(change));
    udev.emit({ action: 'add', subsystem: 'hidraw', vendorId: 0x0c2e, productId: 0x0b07 });
    udev.emit({ action: 'add', subsystem: 'hidraw', vendorId: 0x0c2e, productId: 0x0b08 });
    udev.emit({ action: 'remove', subsystem: 'hidraw', vendorId: 0x0c2e, productId: 0x0b07 });
    stop();
    expect(udev.listeners).toBe(0);
    expect(changes.map((change) => change.change)).toEqual(['attached', 'detached']);
    expect(changes[0]?.reason).toBe('udev: USB 0c2e:0b07 plugged in');
  });
});

describe('a reconnector with plug events', () => {
  /** A device that can be opened only while "plugged", with a back-off far longer than any test waits. */
  function rig() {
    let plugged = false;
    let emit: ((change: PlugChange) => void) | null = null;
    const lost: ((reason: string) => void)[] = [];
    const links: LinkState[] = [];
    const connector: Connector<{ id: number }> = {
      address: '/dev/ttyUSB0',
      async connect(onLost) {
        if (!plugged) throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
        lost.push(onLost);
        return { id: lost.length };
      },
      async disconnect() {},
      describeFailure: () => ({ state: 'offline', detail: '/dev/ttyUSB0 not found (unplugged?)' }),
      watchPlug: (listener) => {
        emit = listener;
        return () => {
          emit = null;
        };
      },
    };
    const reconnector = new Reconnector(connector, { initialMs: 600_000, maxMs: 600_000 }, (link) => links.push(link));
    return {
      reconnector,
      links,
      plug(change: PlugChange['change']) {
        plugged = change === 'attached';
        emit?.({ change, reason: `test ${change}` });
      },
      get watching() {
        return emit !== null;
      },
    };
  }

  const stops: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
  });

  it('tries at once when the device is plugged in, instead of after its back-off', async () => {
    const device = rig();
    stops.push(() => device.reconnector.stop());
    await device.reconnector.start();
    expect(device.links.at(-1)).toEqual({ state: 'offline', detail: '/dev/ttyUSB0 not found (unplugged?); reconnecting' });
    device.plug('attached');
    await expect.poll(() => device.links.at(-1)?.state, { timeout: 5000 }).toBe('online');
  });

  it('drops the connection the moment the device is unplugged, and stops listening when stopped', async () => {
    const device = rig();
    device.plug('attached');
    await device.reconnector.start();
    expect(device.reconnector.connection).not.toBeNull();
    device.plug('detached');
    expect(device.reconnector.connection).toBeNull();
    expect(device.links.at(-1)).toEqual({ state: 'offline', detail: '/dev/ttyUSB0 disconnected (unplugged: test detached); reconnecting' });
    await device.reconnector.stop();
    expect(device.watching).toBe(false);
  });
});
