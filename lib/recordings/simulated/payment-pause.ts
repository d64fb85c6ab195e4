import { hashSeed, Rng } from "@/lib/random/rng";
import { talkWindows, type RecordingTimeline, type Span } from "./timeline";

/** Share of recorded calls in which the agent pauses the recording to take a card payment. */
export const PAUSED_PAYMENT_SHARE = 0.06;

const MIN_BEFORE_MS = 40_000;
const MIN_AFTER_MS = 20_000;

/**
 * Where the agent presses pause for a payment, if they do: inside the longest stretch of
 * talk, with time before it for the greeting and the reason and time after it to wrap up.
 * The simulator asks this at answer (the call's plan is known then) and emits
 * recording.paused/resumed at these times; the script reads the pause back from the
 * timeline like any other. Its own random stream, from the recording id.
 */
export function planPaymentPause(timeline: Omit<RecordingTimeline, "pauses">): Span | null {
  const rng = new Rng(hashSeed("recording-pause", timeline.recordingId));
  if (!rng.chance(PAUSED_PAYMENT_SHARE)) return null;
  const windows = talkWindows({ ...timeline, pauses: [] });
  const longest = windows.reduce<Span | null>((best, w) => (best === null || w.end - w.start > best.end - best.start ? w : best), null);
  if (longest === null) return null;
  const length = Math.round(rng.uniform(20_000, 45_000));
  const earliest = longest.start + MIN_BEFORE_MS;
  const latest = longest.end - MIN_AFTER_MS - length;
  if (latest < earliest) return null;
  const start = Math.round(rng.uniform(earliest, latest));
  return { start, end: start + length };
}
