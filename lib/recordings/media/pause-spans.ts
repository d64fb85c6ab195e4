import type { CtiEvent } from "@/lib/events";
import type { SilenceSpan } from "./pcm";

/**
 * The spans a recording was paused (the agent pressed pause while a card number
 * was given), from its recording.paused / recording.resumed events, in ms from the
 * recording's start, on every channel. A pause never resumed runs to the end
 * (`durationMs`); a second pause while paused, or a resume while running, is
 * ignored, as the platform would.
 */
export function pauseSpans(events: readonly CtiEvent[], recordingId: string, startedAt: number, durationMs: number): SilenceSpan[] {
  const mine = events
    .filter((e) => (e.type === "recording.paused" || e.type === "recording.resumed") && e.data.recordingId === recordingId)
    .sort((a, b) => a.time - b.time);
  const spans: SilenceSpan[] = [];
  let pausedAt: number | null = null;
  for (const e of mine) {
    const at = Math.max(0, e.time - startedAt);
    if (e.type === "recording.paused" && pausedAt === null) pausedAt = at;
    else if (e.type === "recording.resumed" && pausedAt !== null) {
      spans.push({ channel: null, startMs: pausedAt, endMs: at });
      pausedAt = null;
    }
  }
  if (pausedAt !== null) spans.push({ channel: null, startMs: pausedAt, endMs: Math.max(pausedAt, durationMs) });
  return spans;
}
