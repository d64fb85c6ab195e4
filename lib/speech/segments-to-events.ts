import { createHash } from "node:crypto";
import { SPEC_VERSION, type CtiEvent } from "@/lib/events";
import type { TranscriptionResult } from "./protocol";
import type { RecordingFacts } from "./recording-facts";

/** The events' `source`: what transcript_segments.source says of segments the worker made. */
export const SPEECH_SOURCE = "speech";

type Speaker = "agent" | "caller" | "supervisor";
const SPEAKERS = new Set<string>(["agent", "caller", "supervisor"]);

/** Stereo recordings without roles of their own: channel 0 the agent, channel 1 the caller (the shared contract). */
export const DEFAULT_ROLES = ["agent", "caller"];

/**
 * The worker's result as transcript.segment events, pure. Segments of every channel are
 * numbered together in time order (segment_index is per recording), the speaker comes from
 * the channel's role, times stay relative to the recording's start, and the event time is
 * the recording's start plus the segment's. Event ids derive from the recording, channel
 * and the segment's place, so transcribing the same audio again stores nothing twice.
 */
export function segmentsToEvents(tenantId: string, recordingId: string, facts: RecordingFacts, roles: readonly string[], result: TranscriptionResult): CtiEvent[] {
  const all = result.channels.flatMap((c) => c.segments.map((s, k) => ({ ...s, channel: c.channel, k })));
  all.sort((a, b) => a.startMs - b.startMs || a.channel - b.channel);
  return all.map((s, index): CtiEvent => {
    const role = roles[s.channel] ?? DEFAULT_ROLES[s.channel] ?? "caller";
    const speaker: Speaker = SPEAKERS.has(role) ? (role as Speaker) : "caller";
    const words = s.words.filter((w) => w.t.length > 0).map((w) => ({ t: w.t.slice(0, 128), s: Math.max(0, Math.round(w.s)), e: Math.max(0, Math.round(w.e)) }));
    return {
      specVersion: SPEC_VERSION,
      id: stableUuid(`${tenantId}/${recordingId}/${s.channel}/${s.k}/${s.startMs}`),
      source: SPEECH_SOURCE,
      time: facts.startedAt + Math.max(0, Math.round(s.startMs)),
      tenantId,
      callId: facts.callId,
      ...(facts.legId ? { legId: facts.legId } : {}),
      ...(facts.queueId ? { queueId: facts.queueId } : {}),
      ...(facts.agentId ? { agentId: facts.agentId } : {}),
      type: "transcript.segment",
      data: {
        recordingId,
        segmentIndex: index,
        speaker,
        startMs: Math.max(0, Math.round(s.startMs)),
        endMs: Math.max(0, Math.round(s.endMs)),
        text: s.text.slice(0, 8192),
        ...(s.confidence === undefined ? {} : { confidence: Math.min(1, Math.max(0, s.confidence)) }),
        channel: s.channel,
        words: words.slice(0, 2000),
      },
    };
  });
}

/** A name-based UUID (version 5 layout, SHA-1): the same name always gives the same id. */
export function stableUuid(name: string): string {
  const h = createHash("sha1").update("cc-supervisor/speech/").update(name).digest();
  h[6] = ((h[6] as number) & 0x0f) | 0x50;
  h[8] = ((h[8] as number) & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString("hex");
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}
