import type { SilenceSpan } from "./pcm";

/**
 * Zeroes the samples of each span (a paused stretch, a card number said aloud),
 * on its channel or on every channel. Returns new arrays; the input is left as it
 * is. Spans past the end are cut to it, spans with end <= start do nothing.
 */
export function silenceSpans(pcm: { sampleRate: number; channels: readonly Int16Array[] }, spans: readonly SilenceSpan[]): Int16Array[] {
  const out = pcm.channels.map((c) => Int16Array.from(c));
  for (const span of spans) {
    const channels = span.channel === null ? out : out.filter((_, i) => i === span.channel);
    for (const samples of channels) {
      const start = Math.max(0, Math.floor((span.startMs * pcm.sampleRate) / 1000));
      const end = Math.min(samples.length, Math.ceil((span.endMs * pcm.sampleRate) / 1000));
      if (end > start) samples.fill(0, start, end);
    }
  }
  return out;
}
