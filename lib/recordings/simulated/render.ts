import type { CtiEvent } from "@/lib/events";
import { loadPhraseBank } from "@/lib/recordings/bank/load-bank";
import { BANK_RATE } from "@/lib/recordings/bank/format";
import { bargeAudio, mixBarge, type BargeSpan } from "./barge-audio";
import { mixScript } from "./mixer";
import { SAMPLES_PER_MS } from "./playback";
import { scriptCall } from "./script";
import { timelineFromEvents } from "./timeline";

export interface RenderedRecording {
  sampleRate: number;
  channels: Int16Array[];
  channelRoles: string[];
}

/**
 * The audio of a simulated recording, from its call's stored CTI events alone: the
 * timeline (answer, holds, pauses, end) is rebuilt from them, the script regenerated
 * from it and the recording id, and the phrases mixed. The caller (the media pipeline)
 * encodes and stores the result; rendering again gives the same samples. A supervisor who
 * barged in is mixed into the agent's side at the times they spoke (barge-audio.ts).
 */
export async function renderSimulatedRecording({
  recordingId,
  events,
  barge = bargeAudio().of(recordingId),
}: {
  recordingId: string;
  events: readonly CtiEvent[];
  barge?: readonly BargeSpan[];
}): Promise<RenderedRecording> {
  const timeline = timelineFromEvents(recordingId, events);
  const bank = loadPhraseBank();
  const script = scriptCall(timeline, bank.index);
  const channels = mixScript({ timeline, script, pcm: (key) => bank.pcm(key) });
  const agent = channels[0];
  if (agent) mixBarge(agent, barge, SAMPLES_PER_MS, timeline.pauses);
  return { sampleRate: BANK_RATE, channels, channelRoles: ["agent", "caller"] };
}
