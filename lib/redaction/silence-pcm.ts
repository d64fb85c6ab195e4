import type { AudioRedaction } from "./spans-for-recording";

/** The edges of a silenced stretch fade over this long, so the cut does not click. */
const RAMP_MS = 5;

/**
 * Silences the redacted stretches of 16-bit PCM channels (channel i = `channels[i]`), as
 * redactionSpansForRecording gives them: pure, the input left as it is. Inside a range
 * every sample is 0; for RAMP_MS either side the level ramps down to it and back up, so
 * nothing of the digits is audible and the edit does not click. Ranges past the end are cut;
 * a range of channel null is silenced on every channel.
 */
export function silencePcm(channels: readonly Int16Array[], sampleRate: number, ranges: readonly AudioRedaction[]): Int16Array[] {
  const out = channels.map((c) => new Int16Array(c));
  const ramp = Math.max(1, Math.round((RAMP_MS / 1000) * sampleRate));
  for (const r of ranges) for (const pcm of r.channel === null ? out : out.filter((_, i) => i === r.channel)) silenceRange(pcm, sampleRate, ramp, r);
  return out;
}

function silenceRange(pcm: Int16Array, sampleRate: number, ramp: number, r: AudioRedaction): void {
  const from = Math.max(0, Math.floor((r.startMs / 1000) * sampleRate));
  const to = Math.min(pcm.length, Math.ceil((r.endMs / 1000) * sampleRate));
  if (to <= from) return;
  pcm.fill(0, from, to);
  for (let k = 1; k <= ramp; k++) {
    const gain = k / (ramp + 1);
    const before = from - k;
    const after = to - 1 + k;
    if (before >= 0) pcm[before] = Math.round((pcm[before] as number) * gain);
    if (after < pcm.length) pcm[after] = Math.round((pcm[after] as number) * gain);
  }
}
