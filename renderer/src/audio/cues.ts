/** The lane's sounds, made by the Web Audio API (no sound files to ship or lose). */
export type Cue = 'scan' | 'error' | 'help';

export interface Tone {
  /** Hz. */
  readonly frequency: number;
  /** Seconds after the cue starts. */
  readonly at: number;
  /** Seconds, attack to silence. */
  readonly length: number;
  readonly wave: OscillatorType;
  /** Peak gain, 0..1 (kept well under 1: a lane sounds all day next to the shopper's ear). */
  readonly level: number;
}

/**
 * - scan: one short high beep, the sound every shopper knows from a scanner;
 * - error: two falling low tones, unlike the beep so it is heard as "no";
 * - help: a rising three-note chime, calm, that says someone is coming.
 */
export const cueTones: { readonly [C in Cue]: readonly Tone[] } = {
  scan: [{ frequency: 1760, at: 0, length: 0.12, wave: 'square', level: 0.12 }],
  error: [
    { frequency: 440, at: 0, length: 0.2, wave: 'triangle', level: 0.35 },
    { frequency: 294, at: 0.22, length: 0.3, wave: 'triangle', level: 0.35 },
  ],
  help: [
    { frequency: 659, at: 0, length: 0.6, wave: 'sine', level: 0.3 },
    { frequency: 831, at: 0.16, length: 0.6, wave: 'sine', level: 0.3 },
    { frequency: 988, at: 0.32, length: 0.8, wave: 'sine', level: 0.3 },
  ],
};

/** The part of an AudioContext the cues use (a test passes a recording fake). */
export type CueContext = Pick<AudioContext, 'currentTime' | 'destination' | 'state' | 'resume' | 'createOscillator' | 'createGain'>;

const ATTACK = 0.01;
const FLOOR = 0.0001; // exponential ramps cannot reach 0

/** Schedules a cue's tones now; each tone fades in and out so it does not click. */
export function playCue(context: CueContext, cue: Cue): void {
  if (context.state === 'suspended') void context.resume();
  const start = context.currentTime;
  for (const tone of cueTones[cue]) {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    const from = start + tone.at;
    oscillator.type = tone.wave;
    oscillator.frequency.setValueAtTime(tone.frequency, from);
    gain.gain.setValueAtTime(FLOOR, from);
    gain.gain.linearRampToValueAtTime(tone.level, from + ATTACK);
    gain.gain.exponentialRampToValueAtTime(FLOOR, from + tone.length);
    oscillator.connect(gain);
    gain.connect(context.destination);
    oscillator.start(from);
    oscillator.stop(from + tone.length + 0.02);
    oscillator.onended = () => {
      oscillator.disconnect();
      gain.disconnect();
    };
  }
}

let shared: AudioContext | null = null;

/** Plays a cue on the page's one AudioContext; silent where the browser has no Web Audio. */
export function sound(cue: Cue): void {
  if (typeof AudioContext === 'undefined') return;
  shared ??= new AudioContext();
  playCue(shared, cue);
}
