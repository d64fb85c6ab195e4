import { hashSeed, Rng } from "@/lib/random/rng";
import { holdMusicSample } from "./hold-music";
import { playedSamples, SAMPLES_PER_MS } from "./playback";
import type { CallScript } from "./script";
import type { RecordingTimeline } from "./timeline";

export interface MixInput {
  readonly timeline: RecordingTimeline;
  readonly script: CallScript;
  /** A phrase's PCM by its bank key (16 kHz mono). */
  readonly pcm: (key: string) => Int16Array;
}

/** Line noise, about -62 dBFS: an open line hisses a little; only a paused recording is digitally silent. */
const NOISE = 0.0008;

/**
 * The recording's two channels (0 agent, 1 caller) at 16 kHz: each utterance resampled by
 * its speaker's speed and added at its exact sample (at ms × 16), line noise under
 * everything, hold music on the caller's channel during holds (the agent's side is quiet
 * then), and both channels zero inside a recording pause. Pure: the same script gives the
 * same samples.
 */
export function mixScript({ timeline, script, pcm }: MixInput): Int16Array[] {
  const length = timeline.durationMs * SAMPLES_PER_MS;
  const mix = [new Float32Array(length), new Float32Array(length)];
  const rng = new Rng(hashSeed("recording-noise", timeline.recordingId));
  for (const ch of mix) {
    // Gentle low-pass on white noise: hiss with less fizz than white.
    let prev = 0;
    for (let i = 0; i < length; i++) {
      prev = 0.7 * prev + 0.3 * (rng.next() * 2 - 1);
      ch[i] = NOISE * 2 * prev;
    }
  }
  for (const hold of timeline.holds) {
    const from = hold.start * SAMPLES_PER_MS;
    const to = Math.min(length, hold.end * SAMPLES_PER_MS);
    const caller = mix[1] as Float32Array;
    for (let i = from; i < to; i++) caller[i] = (caller[i] as number) + holdMusicSample(i - from);
  }
  for (const u of script.utterances) addPhrase(mix[u.channel] as Float32Array, pcm(u.key), u.at * SAMPLES_PER_MS, u.speed);
  const out = mix.map((ch) => {
    const pcm16 = new Int16Array(length);
    for (let i = 0; i < length; i++) pcm16[i] = Math.max(-32768, Math.min(32767, Math.round((ch[i] as number) * 32767)));
    return pcm16;
  });
  for (const pause of timeline.pauses) for (const ch of out) ch.fill(0, pause.start * SAMPLES_PER_MS, Math.min(length, pause.end * SAMPLES_PER_MS));
  return out;
}

/** Adds `phrase` played at `speed` (output sample j reads input position j × speed, linearly interpolated). */
function addPhrase(out: Float32Array, phrase: Int16Array, at: number, speed: number): void {
  const n = playedSamples(phrase.length, speed);
  for (let j = 0; j < n && at + j < out.length; j++) {
    const x = j * speed;
    const i = Math.floor(x);
    const f = x - i;
    const a = phrase[i] ?? 0;
    const b = phrase[i + 1] ?? a;
    out[at + j] = (out[at + j] as number) + (a + (b - a) * f) / 32768;
  }
}
