import type { ChannelRole } from "./pcm";

/** What the player draws: the loudest sample of every 20 ms, per channel, 0..1 with three decimals. */
export type Peaks = { durationMs: number; peaksPerSecond: number; channels: { role: ChannelRole; peaks: number[] }[] };

export const PEAKS_PER_SECOND = 50;

/**
 * Peaks, pure: max |x| per 20 ms window (the last window may be shorter), divided
 * by 32768 so the loudest possible sample is 1. A window of 20 ms keeps a 3-minute
 * call at 9,000 numbers per channel, enough for any screen width.
 */
export function computePeaks(pcm: { sampleRate: number; channels: readonly Int16Array[]; channelRoles: readonly ChannelRole[] }): Peaks {
  const window = pcm.sampleRate / PEAKS_PER_SECOND;
  const length = pcm.channels[0]?.length ?? 0;
  const count = Math.ceil(length / window);
  const channels = pcm.channels.map((samples, c) => {
    const peaks: number[] = new Array<number>(count);
    for (let w = 0; w < count; w++) {
      let max = 0;
      const end = Math.min(length, Math.round((w + 1) * window));
      for (let i = Math.round(w * window); i < end; i++) {
        const v = Math.abs(samples[i] as number);
        if (v > max) max = v;
      }
      peaks[w] = Math.round((max / 32768) * 1000) / 1000;
    }
    return { role: pcm.channelRoles[c] ?? "mixed", peaks };
  });
  return { durationMs: Math.round((length / pcm.sampleRate) * 1000), peaksPerSecond: PEAKS_PER_SECOND, channels };
}
