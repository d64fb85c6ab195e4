/**
 * Skip silence: spans where every channel stays quiet, from the precomputed peaks.
 * A span counts when all channels' peaks stay under `threshold` (absolute, peaks
 * are -1..1) for at least `minMs`; shorter pauses are part of speech and are kept.
 * The player jumps from inside a span to its end, keeping `leadMs` before the
 * next sound so the first syllable is not clipped.
 */
export type Span = { startMs: number; endMs: number };

export function silentSpans(channels: readonly (readonly number[])[], peaksPerSecond: number, o: { threshold?: number; minMs?: number } = {}): Span[] {
  const threshold = o.threshold ?? 0.02;
  const minMs = o.minMs ?? 1_000;
  const length = Math.max(0, ...channels.map((c) => c.length));
  const msPer = 1_000 / peaksPerSecond;
  const out: Span[] = [];
  let start = -1;
  for (let i = 0; i <= length; i++) {
    const quiet = i < length && channels.every((c) => Math.abs(c[i] ?? 0) < threshold);
    if (quiet && start < 0) start = i;
    if (!quiet && start >= 0) {
      if ((i - start) * msPer >= minMs) out.push({ startMs: Math.round(start * msPer), endMs: Math.round(i * msPer) });
      start = -1;
    }
  }
  return out;
}

/** Where to jump to from `ms`, or null when `ms` is not inside a silent span (or already at its last `leadMs`). */
export function skipTarget(spans: readonly Span[], ms: number, leadMs = 250): number | null {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = spans[mid];
    if (!s) break;
    if (ms < s.startMs) hi = mid - 1;
    else if (ms >= s.endMs) lo = mid + 1;
    else {
      const target = Math.max(s.startMs, s.endMs - leadMs);
      return ms < target ? target : null;
    }
  }
  return null;
}
