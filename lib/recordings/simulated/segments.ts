import type { BankWord, SpeakerRole } from "@/lib/recordings/bank/format";
import type { CallScript } from "./script";
import type { RecordingTimeline } from "./timeline";

/** The data of one transcript.segment event (lib/events), times ms from the recording's start. */
export interface ScriptSegment {
  readonly recordingId: string;
  readonly segmentIndex: number;
  readonly speaker: SpeakerRole;
  readonly channel: 0 | 1;
  readonly startMs: number;
  readonly endMs: number;
  readonly text: string;
  readonly confidence: number;
  readonly words: readonly BankWord[];
}

interface Turn {
  speaker: SpeakerRole;
  channel: 0 | 1;
  words: BankWord[];
}

/**
 * A segment closes at the end of the first turn that takes it past this span. One event per
 * turn (20 to 30 a call) made a 3-day backfill 4.5 times as slow; segments of about a minute
 * of one party's speech bring it to about 10 a call. The words keep their own times, so the
 * dialogue is still exact word by word; a per-channel recogniser also returns segments of
 * several sentences rather than turns.
 */
export const SEGMENT_SPAN_MS = 45_000;

/**
 * The transcript segments of a script, numbered in the order they start. Each holds one
 * party's words (one channel) over a stretch of the call: whole turns, closed once the
 * segment spans SEGMENT_SPAN_MS, and always before a hold or a pause, so nothing said after
 * the caller comes back is held until a minute later. The script is known, so the words
 * are exact (confidence 1) and their times are where the mixer puts them.
 */
export function scriptSegments(script: CallScript, timeline: Pick<RecordingTimeline, "holds" | "pauses">): ScriptSegment[] {
  const breaks = [...timeline.holds, ...timeline.pauses].map((s) => s.start);
  const byTurn = new Map<number, Turn>();
  for (const u of script.utterances) {
    const t = byTurn.get(u.turn) ?? { speaker: u.speaker, channel: u.channel, words: [] };
    t.words.push(...u.words);
    byTurn.set(u.turn, t);
  }
  const turns = [...byTurn.values()].filter((t) => t.words.length > 0).sort((a, b) => start(a) - start(b) || a.channel - b.channel);
  const segments: Turn[] = [];
  const open = new Map<number, Turn>();
  for (const t of turns) {
    const current = open.get(t.channel);
    const crossesBreak = current !== undefined && breaks.some((b) => b > end(current) && b <= start(t));
    if (current && !crossesBreak) current.words.push(...t.words);
    else {
      const fresh = { ...t, words: [...t.words] };
      segments.push(fresh);
      open.set(t.channel, fresh);
    }
    const now = open.get(t.channel) as Turn;
    if (end(now) - start(now) >= SEGMENT_SPAN_MS) open.delete(t.channel);
  }
  return segments
    .sort((a, b) => start(a) - start(b) || a.channel - b.channel)
    .map((t, segmentIndex) => ({
      recordingId: script.recordingId,
      segmentIndex,
      speaker: t.speaker,
      channel: t.channel,
      startMs: start(t),
      endMs: end(t),
      text: t.words.map((w) => w.t).join(" "),
      confidence: 1,
      words: t.words,
    }));
}

function start(t: Turn): number {
  return (t.words[0] as BankWord).s;
}

function end(t: Turn): number {
  return (t.words[t.words.length - 1] as BankWord).e;
}
