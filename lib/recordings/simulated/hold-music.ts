/**
 * Hold music, synthesised: a slow four-chord loop of soft electric-piano tones (a sine
 * with a quieter octave, each note struck and decaying), about -22 dBFS. Written here
 * rather than shipped as audio so the bank holds speech only. `sample` is the index from
 * the start of the hold, so every hold begins at the top of the loop, as a PBX's
 * music-on-hold class restarts for each caller.
 */
const RATE = 16_000;
const BEAT = RATE / 2; // 120 bpm: a note every half second
const CHORDS = [
  [261.63, 329.63, 392.0], // C
  [220.0, 261.63, 329.63], // Am
  [174.61, 220.0, 261.63], // F
  [196.0, 246.94, 293.66], // G
] as const;
const BEATS_PER_CHORD = 8;
const LEVEL = 0.08;

export function holdMusicSample(sample: number): number {
  const beat = Math.floor(sample / BEAT);
  const chord = CHORDS[Math.floor(beat / BEATS_PER_CHORD) % CHORDS.length] as readonly number[];
  // An arpeggio: the chord's notes in turn, the root again an octave down on the bar.
  const note = beat % 4 === 0 ? (chord[0] as number) / 2 : (chord[beat % 3] as number);
  const t = (sample - beat * BEAT) / RATE;
  const envelope = Math.exp(-t * 3.2) * Math.min(1, t * 200);
  const phase = 2 * Math.PI * note * (sample / RATE);
  const pad = 0.25 * (Math.sin(2 * Math.PI * (chord[0] as number) * (sample / RATE)) + Math.sin(2 * Math.PI * (chord[2] as number) * (sample / RATE)));
  return LEVEL * (envelope * (Math.sin(phase) + 0.3 * Math.sin(2 * phase)) + 0.35 * pad);
}
