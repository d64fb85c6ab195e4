import { BANK_RATE } from "@/lib/recordings/bank/format";
import { loadPhraseBank } from "@/lib/recordings/bank/load-bank";
import { mixScript } from "@/lib/recordings/simulated/mixer";
import { scriptCall } from "@/lib/recordings/simulated/script";
import { recordingIdOf, plannedTimeline } from "./recording";
import type { LiveLeg } from "./live-legs";

/**
 * The sound of a leg in conversation: the same script and mix its recording holds,
 * from the plan fixed at answer, but with no recording pause (a pause stops the
 * recording, not the call: a supervisor on the line hears the payment too, as on a
 * real PBX). Mixed once per leg, when the first supervisor joins; both channels
 * (agent, caller) summed to the mono a supervisor hears.
 */
export function legAudio(leg: LiveLeg): { sampleRate: number; samples: Int16Array } {
  const timeline = { ...plannedTimeline(recordingIdOf(leg.legId), leg.agentId, leg.plan), pauses: [] };
  const bank = loadPhraseBank();
  const [agent, caller] = mixScript({ timeline, script: scriptCall(timeline, bank.index), pcm: (key) => bank.pcm(key) });
  const samples = new Int16Array(agent?.length ?? 0);
  for (let i = 0; i < samples.length; i++) samples[i] = Math.max(-32768, Math.min(32767, (agent?.[i] ?? 0) + (caller?.[i] ?? 0)));
  return { sampleRate: BANK_RATE, samples };
}
