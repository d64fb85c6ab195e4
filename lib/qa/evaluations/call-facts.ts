import type { CtiEvent } from "@/lib/events";

/**
 * The agent leg an evaluation is about, from the call's stored events: the leg
 * the recording being played belongs to (recording.started names it), else the
 * call's first answered leg. Pure; evaluation-actions reads the events.
 */
export type EvaluatedLeg = { callId: string; legId: string; agentId: string; queueId: string; recordingId: string; callAt: number; talkMs: number };

export function evaluatedLeg(events: readonly CtiEvent[], recordingId?: string): EvaluatedLeg | null {
  const first = events[0];
  if (!first) return null;
  const recordings = new Map<string, string>();
  for (const e of events) if (e.type === "recording.started" && e.legId) recordings.set(e.data.recordingId, e.legId);
  const answered = events.filter((e) => e.type === "call.established" && e.agentId && e.legId);
  const wanted = recordingId ? recordings.get(recordingId) : undefined;
  if (recordingId && !wanted) return null;
  const leg = wanted ? answered.find((e) => e.legId === wanted) : answered[0];
  if (!leg?.legId || !leg.agentId) return null;
  const legRecording = [...recordings].find(([, l]) => l === leg.legId)?.[0] ?? "";
  const cleared = events.find((e) => e.type === "call.connection_cleared" && e.legId === leg.legId);
  return {
    callId: first.callId ?? "",
    legId: leg.legId,
    agentId: leg.agentId,
    queueId: leg.queueId ?? "",
    recordingId: legRecording,
    callAt: first.time,
    talkMs: cleared?.type === "call.connection_cleared" ? cleared.data.talkMs : 0,
  };
}
