import { SerialPort } from 'serialport';

/** Opens the device side of a pty pair for a simulator; the cable may be pulled under it later. */
export async function openSimPort(path: string, baudRate: number, onData?: (chunk: Buffer) => void): Promise<SerialPort> {
  const port = new SerialPort({ path, baudRate, autoOpen: false });
  // PtyPair.kill pulls the cable; the port then just stops being open.
  port.on('error', () => undefined);
  if (onData) port.on('data', onData);
  await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
  return port;
}

/** Closes a simulator's port if it is still open. */
export async function closeSimPort(port: SerialPort | null): Promise<void> {
  if (!port?.isOpen) return;
  await new Promise<void>((resolve) => port.close(() => resolve()));
}
