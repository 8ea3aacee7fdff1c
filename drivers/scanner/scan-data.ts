import type { Device, DeviceEvents } from '../device.ts';
import type { ScanLabel } from './symbology.ts';

/** One scanned label as the terminal receives it from a scanner driver. */
export interface ScanData extends ScanLabel {
  readonly source: 'scanner';
  /** The name of the scanner that read it. */
  readonly device: string;
}

/** What every scanner driver (serial, HID POS) offers the terminal. */
export type Scanner = Device<DeviceEvents<ScanData>>;
