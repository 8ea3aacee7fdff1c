import type { TerminalState } from '../../common/api/contract.ts';
import type { SessionView } from '../../common/session.ts';
import type { LightSignal } from '../../drivers/light/lane-light.ts';
import type { Logger } from './log.ts';

/**
 * What the lane light says, from the lane's and the session's state: flashing (help) while the
 * lane needs an attendant (a shopper called for help, a bagging intervention, an approval
 * waiting, a card reader that failed or an age check before payment); red (closed) while a staffed lane has nobody signed in or is
 * locked; green (open) otherwise.
 */
export function laneSignal(state: TerminalState, session: SessionView): LightSignal {
  const needsHelp =
    state.help !== null ||
    (state.bagging?.interventions.length ?? 0) > 0 ||
    session.approval !== null ||
    state.payment.state === 'failed' ||
    (state.phase === 'shopping' && state.basket?.ageCheckRequired === true);
  if (needsHelp) return 'help';
  if (session.locked || (session.signInRequired && session.operator === null)) return 'closed';
  return 'open';
}

/** Switches the lane light when its signal changes; a light that fails is logged, never fatal to the lane. */
export class LaneSignalLight {
  readonly #light: { show(signal: LightSignal): Promise<void> };
  readonly #log: Logger;
  #shown: LightSignal | null = null;

  constructor(light: { show(signal: LightSignal): Promise<void> }, log: Logger) {
    this.#light = light;
    this.#log = log;
  }

  update(signal: LightSignal): void {
    if (signal === this.#shown) return;
    this.#shown = signal;
    this.#light.show(signal).catch((error: unknown) => {
      // Shown again at the next change once the light is back.
      this.#shown = null;
      this.#log.warn({ signal, err: error instanceof Error ? error.message : String(error) }, 'lane light not switched');
    });
  }
}
