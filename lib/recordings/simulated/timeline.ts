import type { CtiEvent } from "@/lib/events";

/** A span of the recording, ms from its start, end exclusive. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * What a simulated call's script is written around: the recorded leg from answer
 * (the recording's start, 0) to the leg's clearing (`durationMs`), its holds and its
 * recording pauses, and how it ended. The simulator builds it from its plan at answer
 * time; render rebuilds it from the stored events (`timelineFromEvents`). The two must
 * agree, since the script is a function of this and nothing else.
 */
export interface RecordingTimeline {
  readonly recordingId: string;
  readonly agentId: string;
  readonly durationMs: number;
  /** Ordered, disjoint. An attended transfer's consultation is the last hold, ending at the clearing. */
  readonly holds: readonly Span[];
  /** Ordered, disjoint, never inside a hold. */
  readonly pauses: readonly Span[];
  readonly ending: "release" | "blind-transfer" | "attended-transfer";
}

export class RecordingTimelineError extends Error {
  override readonly name = "RecordingTimelineError";
}

/** Pairs opening and closing events into spans; one left open closes at the end. */
function spans(events: readonly CtiEvent[], open: (e: CtiEvent) => boolean, close: (e: CtiEvent) => boolean, t0: number, end: number): Span[] {
  const out: Span[] = [];
  let since: number | null = null;
  for (const e of events) {
    if (open(e) && since === null) since = e.time;
    else if (close(e) && since !== null) {
      out.push({ start: since - t0, end: e.time - t0 });
      since = null;
    }
  }
  if (since !== null) out.push({ start: since - t0, end });
  return out.filter((s) => s.end > s.start);
}

/** The timeline of one recording from its call's stored CTI events (lib/calls/read-call-events). */
export function timelineFromEvents(recordingId: string, events: readonly CtiEvent[]): RecordingTimeline {
  const started = events.find((e) => e.type === "recording.started" && e.data.recordingId === recordingId);
  if (!started) throw new RecordingTimelineError(`no recording.started for ${recordingId}`);
  const stopped = events.find((e) => e.type === "recording.stopped" && e.data.recordingId === recordingId);
  if (!stopped) throw new RecordingTimelineError(`${recordingId} has not stopped yet`);
  const t0 = started.time;
  const durationMs = stopped.time - t0;
  const legId = started.legId;
  const ofLeg = events.filter((e) => e.legId === legId && e.time >= t0 && e.time <= stopped.time);
  const holds = spans(
    ofLeg,
    (e) => e.type === "call.held",
    (e) => e.type === "call.retrieved",
    t0,
    durationMs,
  );
  const ofRecording = events.filter((e) => (e.type === "recording.paused" || e.type === "recording.resumed") && e.data.recordingId === recordingId);
  const pauses = spans(
    ofRecording,
    (e) => e.type === "recording.paused",
    (e) => e.type === "recording.resumed",
    t0,
    durationMs,
  );
  const transfer = ofLeg.find((e) => e.type === "call.transferred");
  const ending = transfer?.type !== "call.transferred" ? "release" : transfer.data.kind === "attended" ? "attended-transfer" : "blind-transfer";
  return { recordingId, agentId: started.agentId ?? "", durationMs, holds, pauses, ending };
}

/** The talk time: the recording minus its holds and pauses. */
export function talkWindows(t: RecordingTimeline): Span[] {
  const blocked = [...t.holds, ...t.pauses].sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  let at = 0;
  for (const b of blocked) {
    if (b.start > at) out.push({ start: at, end: Math.min(b.start, t.durationMs) });
    at = Math.max(at, b.end);
  }
  if (at < t.durationMs) out.push({ start: at, end: t.durationMs });
  return out;
}
