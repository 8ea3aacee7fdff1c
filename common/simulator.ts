import { z } from 'zod';

// The on-screen simulator panel of a development lane (`npm start` on simulated devices). Main
// offers it only when its configuration names the simulators' control socket and it is not an
// installed build; the renderer merely asks.

export const SimulatedDeviceSchema = z.enum(['scanner', 'scale', 'bagging', 'payment', 'printer', 'gate']);
export type SimulatedDevice = z.infer<typeof SimulatedDeviceSchema>;

const ScaleDevice = z.enum(['scale', 'bagging']);

/** One thing done to a simulated device, as the panel's buttons ask for it. */
export const SimulatorActionSchema = z.discriminatedUnion('action', [
  /** Scan a label on the serial scanner. */
  z.object({ action: z.literal('scan'), code: z.string().trim().regex(/^[0-9A-Za-z-]{1,48}$/, 'letters, digits and - (at most 48)') }),
  /** Put this much on the platter (it swings, then settles). */
  z.object({ action: z.literal('weigh'), device: ScaleDevice, grams: z.number().int().min(0).max(15_000) }),
  z.object({ action: z.literal('clearWeight'), device: ScaleDevice }),
  /** What the card terminal does with the next payment. */
  z.object({ action: z.literal('nextPayment'), outcome: z.enum(['approve', 'decline', 'timeout']) }),
  z.object({ action: z.literal('paper'), state: z.enum(['ok', 'out']) }),
  /** The gate's light beam: someone walking through breaks it. */
  z.object({ action: z.literal('beam'), state: z.enum(['broken', 'clear']) }),
  z.object({ action: z.literal('unplug'), device: SimulatedDeviceSchema }),
  z.object({ action: z.literal('replug'), device: SimulatedDeviceSchema }),
]);
export type SimulatorAction = z.infer<typeof SimulatorActionSchema>;

export const SimulatorPanelViewSchema = z.object({
  /** The simulated devices of this lane, in the order they were started. */
  devices: z.array(SimulatedDeviceSchema),
  /** Which of them are unplugged now. */
  unplugged: z.array(SimulatedDeviceSchema),
  /** Demo labels to scan, each with what it is. */
  barcodes: z.array(z.object({ code: z.string(), label: z.string() })),
  /** What the last action did, as the simulator said it. */
  last: z.string().nullable(),
});
export type SimulatorPanelView = z.infer<typeof SimulatorPanelViewSchema>;
