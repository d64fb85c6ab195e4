import type { BankWord, SpeakerRole } from "@/lib/recordings/bank/format";
import type { CallScript } from "./script";

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
 * One segment per turn at talk, numbered in the order they start. A turn holds the floor
 * until the other party speaks: the agent's "let me check", the silence of looking it up
 * and "that's all confirmed" are one turn. A caller's "mm-hm" while the agent is still
 * talking does not take the floor; it is a segment of its own and the agent's turn goes on.
 * The script is known, so the words are exact (confidence 1) and their times are where the
 * mixer puts them.
 */
export function scriptSegments(script: CallScript): ScriptSegment[] {
  const byTurn = new Map<number, Turn>();
  for (const u of script.utterances) {
    const t = byTurn.get(u.turn) ?? { speaker: u.speaker, channel: u.channel, words: [] };
    t.words.push(...u.words);
    byTurn.set(u.turn, t);
  }
  const turns = [...byTurn.values()].filter((t) => t.words.length > 0).sort((a, b) => start(a) - start(b) || a.channel - b.channel);
  const segments: Turn[] = [];
  let floor: Turn | null = null;
  for (const t of turns) {
    if (floor && floor.speaker !== t.speaker && start(t) < end(floor)) segments.push(t);
    else if (floor && floor.speaker === t.speaker) floor.words.push(...t.words);
    else {
      floor = { ...t, words: [...t.words] };
      segments.push(floor);
    }
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
