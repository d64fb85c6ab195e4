import type { CtiEvent } from "@/lib/events";

/**
 * What happened during a recording, placed on its timeline: holds, transfers,
 * recording pauses and supervision (listen / whisper / barge), in ms from the
 * recording's start. Pure, from the call's events.
 *
 * A span (hold, pause, monitoring) that began before the recording is cut at its
 * start; one still open when the recording stopped is cut at its end. Holds and
 * transfers belong to one leg, so they go on that leg's recording; supervision is
 * per call and names the agent listened to, so it goes on that agent's recordings
 * (every recording of the call when the event names no agent).
 */

export type MarkerKind = "hold" | "transfer" | "paused" | "monitoring";

export type TimelineMarker = {
  kind: MarkerKind;
  startMs: number;
  /** Equal to startMs for a point (a transfer). */
  endMs: number;
  label: string;
};

export type RecordingSpan = { recordingId: string; legId: string; agentId: string; startedAt: number; durationMs: number };

/** An open monitoring span; `supervisor` is the name the started event gave (its id when it gave none). */
type Open = { at: number; label: string; supervisor?: string };

export function timelineMarkers(rec: RecordingSpan, events: readonly CtiEvent[]): TimelineMarker[] {
  const out: TimelineMarker[] = [];
  const end = rec.startedAt + rec.durationMs;
  const push = (kind: MarkerKind, from: number, to: number, label: string) => {
    const s = Math.max(from, rec.startedAt);
    const e = Math.min(to, end);
    if (e < s || (kind !== "transfer" && e === s)) return;
    out.push({ kind, startMs: s - rec.startedAt, endMs: e - rec.startedAt, label });
  };
  let hold: Open | null = null;
  let pause: Open | null = null;
  const supervision = new Map<string, Open>();
  const onThisLeg = (e: CtiEvent) => e.legId === rec.legId;
  const onThisAgent = (e: CtiEvent) => !e.agentId || e.agentId === rec.agentId;

  for (const e of [...events].sort((a, b) => a.time - b.time)) {
    switch (e.type) {
      case "call.held":
        if (onThisLeg(e)) hold ??= { at: e.time, label: "Hold" };
        break;
      case "call.retrieved":
        if (onThisLeg(e) && hold) {
          push("hold", hold.at, e.time, hold.label);
          hold = null;
        }
        break;
      case "call.transferred":
        if (onThisLeg(e)) {
          const to = e.data.toQueueId ?? e.data.toAgentId ?? e.data.toExtension;
          push("transfer", e.time, e.time, `${e.data.kind === "blind" ? "Blind" : "Attended"} transfer${to ? ` to ${to}` : ""}`);
        }
        break;
      case "recording.paused":
        if (e.data.recordingId === rec.recordingId) pause ??= { at: e.time, label: "Recording paused" };
        break;
      case "recording.resumed":
        if (e.data.recordingId === rec.recordingId && pause) {
          push("paused", pause.at, e.time, pause.label);
          pause = null;
        }
        break;
      case "supervision.started":
        if (onThisAgent(e))
          supervision.set(e.data.sessionId, {
            at: e.time,
            label: monitoringLabel(e.data.mode, e.data.supervisorName ?? e.data.supervisorId),
            supervisor: e.data.supervisorName ?? e.data.supervisorId,
          });
        break;
      case "supervision.mode_changed": {
        const open = supervision.get(e.data.sessionId);
        if (open && onThisAgent(e)) {
          push("monitoring", open.at, e.time, open.label);
          supervision.set(e.data.sessionId, { ...open, at: e.time, label: monitoringLabel(e.data.mode, open.supervisor ?? "") });
        }
        break;
      }
      case "supervision.ended": {
        const open = supervision.get(e.data.sessionId);
        if (open && onThisAgent(e)) {
          push("monitoring", open.at, e.time, open.label);
          supervision.delete(e.data.sessionId);
        }
        break;
      }
      default:
        break;
    }
  }
  if (hold) push("hold", hold.at, end, hold.label);
  if (pause) push("paused", pause.at, end, pause.label);
  for (const open of supervision.values()) push("monitoring", open.at, end, open.label);
  return out.sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
}

const MODE_WORDS = { listen: "listening", whisper: "whispering", barge: "barged in" } as const;

function monitoringLabel(mode: keyof typeof MODE_WORDS, supervisor: string): string {
  return `Supervisor ${supervisor} ${MODE_WORDS[mode]}`;
}
