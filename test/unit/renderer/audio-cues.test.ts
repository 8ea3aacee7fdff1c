import { describe, expect, it } from 'vitest';
import type { TerminalState } from '../../../common/api/contract.ts';
import type { BasketView } from '../../../common/basket.ts';
import { cueTones, playCue, type Cue, type CueContext } from '../../../renderer/src/audio/cues.ts';
import { cueForChange } from '../../../renderer/src/audio/useAudioCues.ts';

interface Played {
  frequency: number;
  type: string;
  start: number;
  stop: number;
  peak: number;
}

/** Records what a cue schedules, as an AudioContext would play it. */
function recordingContext(state: AudioContextState = 'running'): { context: CueContext; played: Played[]; resumed: () => number } {
  const played: Played[] = [];
  let resumes = 0;
  const param = (onSet: (value: number) => void): AudioParam =>
    ({
      setValueAtTime: (value: number) => onSet(value),
      linearRampToValueAtTime: (value: number) => onSet(value),
      exponentialRampToValueAtTime: (value: number) => onSet(value),
    }) as unknown as AudioParam;
  const context = {
    currentTime: 10,
    destination: {} as AudioDestinationNode,
    state,
    resume: () => {
      resumes += 1;
      return Promise.resolve();
    },
    createGain: () => {
      const gain = { peak: 0 };
      return { gain: param((value) => (gain.peak = Math.max(gain.peak, value))), connect: () => undefined, disconnect: () => undefined, _gain: gain } as unknown as GainNode;
    },
    createOscillator: () => {
      const entry: Played = { frequency: 0, type: '', start: -1, stop: -1, peak: 0 };
      const oscillator = {
        set type(value: string) {
          entry.type = value;
        },
        frequency: param((value) => (entry.frequency = value)),
        connect: (gain: { _gain: { peak: number } }) => {
          Object.defineProperty(entry, 'peak', { get: () => gain._gain.peak, enumerable: true });
        },
        disconnect: () => undefined,
        start: (at: number) => (entry.start = at),
        stop: (at: number) => (entry.stop = at),
        onended: null,
      };
      played.push(entry);
      return oscillator as unknown as OscillatorNode;
    },
  } satisfies CueContext;
  return { context, played, resumed: () => resumes };
}

describe('audio cues made by Web Audio', () => {
  it('schedules each cue’s tones from now, at their pitch, quietly, and stops every oscillator', () => {
    for (const cue of ['scan', 'error', 'help'] as const satisfies readonly Cue[]) {
      const { context, played } = recordingContext();
      playCue(context, cue);
      expect(played.map((tone) => tone.frequency)).toEqual(cueTones[cue].map((tone) => tone.frequency));
      for (const [index, tone] of played.entries()) {
        const spec = cueTones[cue][index];
        expect(tone.start).toBeCloseTo(10 + (spec?.at ?? NaN));
        expect(tone.stop).toBeGreaterThan(tone.start);
        expect(tone.peak).toBeGreaterThan(0);
        expect(tone.peak).toBeLessThanOrEqual(0.5);
      }
    }
  });

  it('tells the three cues apart: a high beep, falling low tones, a rising chime', () => {
    const pitches = (cue: Cue): number[] => cueTones[cue].map((tone) => tone.frequency);
    expect(pitches('scan')).toHaveLength(1);
    expect(pitches('error')).toEqual([...pitches('error')].sort((a, b) => b - a));
    expect(pitches('help')).toEqual([...pitches('help')].sort((a, b) => a - b));
    expect(Math.max(...pitches('error'))).toBeLessThan(Math.min(...pitches('scan')));
  });

  it('wakes a suspended context before playing', () => {
    const { context, resumed } = recordingContext('suspended');
    playCue(context, 'scan');
    expect(resumed()).toBe(1);
  });
});

function stateWith(itemCount: number, help: TerminalState['help'] = null): TerminalState {
  const basket = { itemCount, lines: Array.from({ length: itemCount }, () => ({})) } as unknown as BasketView;
  return { help, basket: itemCount > 0 ? basket : null } as TerminalState;
}

describe('which change the shopper hears', () => {
  it('beeps for an item added, chimes for a call for help, and stays quiet otherwise', () => {
    expect(cueForChange(null, stateWith(1))).toBeNull();
    expect(cueForChange(stateWith(0), stateWith(1))).toBe('scan');
    expect(cueForChange(stateWith(2), stateWith(3))).toBe('scan');
    expect(cueForChange(stateWith(3), stateWith(2))).toBeNull();
    expect(cueForChange(stateWith(2), stateWith(2))).toBeNull();
    expect(cueForChange(stateWith(2), stateWith(2, { requestedAt: '2026-11-30T12:00:00.000Z' }))).toBe('help');
    expect(cueForChange(stateWith(2, { requestedAt: '2026-11-30T12:00:00.000Z' }), stateWith(2))).toBeNull();
  });
});
