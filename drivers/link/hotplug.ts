import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, realpathSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';

// USB attach/detach as a trigger (PROTOCOLS §7.4): serialport and node-hid have no plug events,
// so a plugged-in device would otherwise wait for the reconnector's next back-off attempt. Two
// sources, both optional: udev (`udevadm monitor`), and an inotify watch on the folder of a
// configured port path (which also sees socat links and udev symlinks come and go). Polling stays
// the fallback: an event only makes the next attempt happen now.

/** A kernel/udev device event, as `udevadm monitor --property` prints it. */
export interface UdevEvent {
  readonly action: string;
  readonly subsystem: string;
  /** `/dev/ttyUSB0`, `/dev/hidraw3`; absent for events without a device node. */
  readonly devname: string | null;
  /** The node's symlinks (`/dev/serial/by-id/…`). */
  readonly devlinks: readonly string[];
  /** USB ids when udev knows them (tty: ID_VENDOR_ID/ID_MODEL_ID; hidraw: from the HID id in DEVPATH). */
  readonly vendorId: number | null;
  readonly productId: number | null;
}

/**
 * Splits `udevadm monitor --udev --property` output into events: a header line
 * (`UDEV  [1234.56] add /devices/… (tty)`) then KEY=VALUE lines, blank line between events.
 */
export class UdevMonitorParser {
  #fields: Map<string, string> | null = null;

  /** Feeds one line; returns the event it completes, if any. */
  push(line: string): UdevEvent | null {
    if (line.trim() === '') return this.#finish();
    if (/^UDEV\s+\[/.test(line) || /^KERNEL\[/.test(line)) {
      const done = this.#finish();
      this.#fields = new Map();
      return done;
    }
    const at = line.indexOf('=');
    if (this.#fields && at > 0) this.#fields.set(line.slice(0, at), line.slice(at + 1));
    return null;
  }

  /** Ends the input: the event still open, if any. */
  end(): UdevEvent | null {
    return this.#finish();
  }

  #finish(): UdevEvent | null {
    const fields = this.#fields;
    this.#fields = null;
    const action = fields?.get('ACTION');
    const subsystem = fields?.get('SUBSYSTEM');
    if (!fields || !action || !subsystem) return null;
    // hidraw nodes carry the HID id of their parent in DEVPATH: …/0003:0C2E:0B07.0001/hidraw/hidraw3
    const hidId = /\/[0-9A-Fa-f]{4}:([0-9A-Fa-f]{4}):([0-9A-Fa-f]{4})\.[0-9A-Fa-f]{4}\//.exec(fields.get('DEVPATH') ?? '');
    const hex = (value: string | undefined): number | null => (value && /^[0-9A-Fa-f]{4}$/.test(value) ? Number.parseInt(value, 16) : null);
    return {
      action,
      subsystem,
      devname: fields.get('DEVNAME') ?? null,
      devlinks: (fields.get('DEVLINKS') ?? '').split(/\s+/).filter((link) => link !== ''),
      vendorId: hex(fields.get('ID_VENDOR_ID')) ?? hex(hidId?.[1]),
      productId: hex(fields.get('ID_MODEL_ID')) ?? hex(hidId?.[2]),
    };
  }
}

/** Where udev events come from; a test passes its own. */
export interface UdevEventSource {
  /** Starts delivering events to `listener`; the returned function stops. */
  subscribe(listener: (event: UdevEvent) => void): () => void;
}

/**
 * `udevadm monitor` under a small shell that ends it when its standard input closes: when this
 * process ends, however it ends (even `kill -9`, where no exit hook runs), the pipe closes and
 * the monitor goes with it instead of lingering as an orphan.
 */
const MONITOR_SCRIPT =
  'udevadm monitor --udev --property --subsystem-match=tty --subsystem-match=hidraw --subsystem-match=usb </dev/null & monitor=$!; ' +
  'read -r _; kill $monitor 2>/dev/null; wait $monitor 2>/dev/null';

/**
 * One udev monitor for every subscriber, started with the first and ended with the last. Where
 * udevadm is missing, nothing is delivered and the reconnectors' polling carries on alone.
 */
export class UdevadmMonitor implements UdevEventSource {
  readonly #listeners = new Set<(event: UdevEvent) => void>();
  #child: ChildProcess | null = null;
  #available: boolean | null = null;

  subscribe(listener: (event: UdevEvent) => void): () => void {
    this.#listeners.add(listener);
    if (!this.#child && this.#installed()) this.#start();
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) this.#stop();
    };
  }

  #installed(): boolean {
    this.#available ??= spawnSync('udevadm', ['--version'], { stdio: 'ignore' }).error === undefined;
    return this.#available;
  }

  #start(): void {
    const child = spawn('sh', ['-c', MONITOR_SCRIPT], { stdio: ['pipe', 'pipe', 'ignore'] });
    this.#child = child;
    child.once('error', () => undefined);
    child.stdin?.on('error', () => undefined);
    child.once('exit', () => {
      if (this.#child === child) this.#child = null;
    });
    const parser = new UdevMonitorParser();
    if (child.stdout) {
      readline.createInterface({ input: child.stdout }).on('line', (line) => {
        const event = parser.push(line);
        if (event) for (const listener of this.#listeners) listener(event);
      });
    }
  }

  #stop(): void {
    const child = this.#child;
    this.#child = null;
    child?.stdin?.end();
  }
}

/** The process-wide udev source the drivers share. */
export const systemUdev: UdevEventSource = new UdevadmMonitor();

/** What happened to a watched device: it appeared (plug it in now) or went away (drop it now). */
export type PlugChange = { readonly change: 'attached' | 'detached'; readonly reason: string };

/** Subscribes to the plug changes of one device; returns the unsubscribe. */
export type PlugWatch = (listener: (change: PlugChange) => void) => () => void;

/** Does a udev event concern the device at `portPath` (the node itself, or one of its links)? */
export function eventConcernsPath(event: UdevEvent, portPath: string, resolved: string | null): boolean {
  if (event.devname !== null && (event.devname === portPath || event.devname === resolved)) return true;
  return event.devlinks.includes(portPath);
}

interface DirectoryWatch {
  readonly watcher: FSWatcher;
  readonly listeners: Set<(name: string) => void>;
}

const directories = new Map<string, DirectoryWatch>();

/** Calls `listener` with each name created or removed in `dir`, sharing one inotify watch per folder. */
function watchDirectory(dir: string, listener: (name: string) => void): () => void {
  let entry = directories.get(dir);
  if (!entry) {
    let watcher: FSWatcher;
    try {
      watcher = watch(dir, { persistent: false });
    } catch {
      return () => undefined; // no such folder (yet), or not watchable: udev and polling remain
    }
    const listeners = new Set<(name: string) => void>();
    watcher.on('error', () => undefined);
    watcher.on('change', (_type, name) => {
      for (const each of listeners) each(String(name));
    });
    entry = { watcher, listeners };
    directories.set(dir, entry);
  }
  const watched = entry;
  watched.listeners.add(listener);
  return () => {
    watched.listeners.delete(listener);
    if (watched.listeners.size === 0) {
      watched.watcher.close();
      directories.delete(dir);
    }
  };
}

/**
 * Plug changes of the serial port at `portPath`: its path appearing or disappearing in its folder
 * (a USB-serial node in /dev, a udev symlink, a socat link), and udev add/remove events naming it.
 * A change is reported only when the path's existence changes, so the two sources never report twice.
 */
export function watchPortPath(portPath: string, udev: UdevEventSource | null = systemUdev): PlugWatch {
  return (listener) => {
    let present = existsSync(portPath);
    const resolve = (): string | null => {
      try {
        return realpathSync(portPath);
      } catch {
        return null;
      }
    };
    let resolved = resolve();
    const check = (reason: string): void => {
      const now = existsSync(portPath);
      if (now === present) return;
      present = now;
      if (now) resolved = resolve();
      listener({ change: now ? 'attached' : 'detached', reason });
    };
    const base = path.basename(portPath);
    const stopDirectory = watchDirectory(path.dirname(portPath), (name) => {
      if (name === base) check(`${portPath} ${existsSync(portPath) ? 'appeared' : 'disappeared'}`);
    });
    const stopUdev =
      udev?.subscribe((event) => {
        if (event.action !== 'add' && event.action !== 'remove') return;
        if (!eventConcernsPath(event, portPath, resolved)) return;
        if (event.action === 'remove') {
          // udev reports the removal while the node may still be there a moment: trust the event.
          if (!present) return;
          present = false;
          listener({ change: 'detached', reason: `udev: ${event.devname ?? portPath} removed` });
        } else check(`udev: ${event.devname ?? portPath} added`);
      }) ?? (() => undefined);
    return () => {
      stopDirectory();
      stopUdev();
    };
  };
}

/** Plug changes of a USB device by its ids (a HID POS scanner, a USB relay board), from udev. */
export function watchUsbIds(vendorId: number, productId: number, udev: UdevEventSource | null = systemUdev): PlugWatch {
  return (listener) =>
    udev?.subscribe((event) => {
      if ((event.action !== 'add' && event.action !== 'remove') || event.vendorId !== vendorId || event.productId !== productId) return;
      const ids = `${vendorId.toString(16).padStart(4, '0')}:${productId.toString(16).padStart(4, '0')}`;
      listener({ change: event.action === 'add' ? 'attached' : 'detached', reason: `udev: USB ${ids} ${event.action === 'add' ? 'plugged in' : 'removed'}` });
    }) ?? (() => undefined);
}
