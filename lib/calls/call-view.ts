import { contactInScope, isWholeCentre, type ScopeAccess } from "@/lib/auth/scope-access";
import type { CtiEvent } from "@/lib/events";
import { buildCallFacts, type CallDirectory, type CallFacts, type CallLeg } from "./call-facts";
import type { CallCallback } from "./call-callbacks";
import type { MediaRow, RecordingRow } from "./call-recordings";
import { timelineMarkers, type TimelineMarker } from "./timeline-markers";

/** Stereo recordings in this product put the agent on channel 0 and the caller on 1 unless stored media says otherwise. */
export const DEFAULT_CHANNEL_ROLES = ["agent", "caller"] as const;

export type CallRecording = {
  recordingId: string;
  legId: string;
  queueId: string;
  agentId: string | null;
  agentName: string | null;
  /** Epoch ms. */
  startedAt: number;
  durationMs: number;
  channelRoles: string[];
  /** stored: audio kept by the product; deleted: removed (retention), metadata kept; pending: not stored yet (rendered or imported on first open, or never). */
  media: "stored" | "deleted" | "pending";
  deletedReason: string | null;
  redactedSpans: number;
  /** The audio as it was before redaction is kept (admins may restore it). */
  originalKept: boolean;
  markers: TimelineMarker[];
};

/** Callbacks placed for this call (it was missed): each with how it went (call-callbacks.ts). */
export type CallView = { facts: CallFacts; recordings: CallRecording[]; callbacks: CallCallback[] };

/**
 * The call as the caller may see it, or null when none of its legs is in their
 * scope (answered as 404, exactly like an unknown call). Legs outside the scope
 * are left out with their recordings; a recording without a leg is judged by its
 * own queue and agent.
 */
export function callView(
  callId: string,
  events: readonly CtiEvent[],
  o: {
    access: ScopeAccess;
    directory: CallDirectory;
    acwByLeg: ReadonlyMap<string, number>;
    recordings: readonly RecordingRow[];
    media: ReadonlyMap<string, MediaRow>;
    callbacks?: readonly CallCallback[];
  },
): CallView | null {
  const inScope = (queueId: string, agentId: string | null, teamId: string | null) =>
    contactInScope(o.access, { queueId, agent: agentId ? { teamId: teamId ?? o.directory.agents.get(agentId)?.teamId ?? null } : null });
  const keepLeg = (l: CallLeg) => inScope(l.queueId, l.agentId, l.teamId);
  const facts = buildCallFacts(callId, events, { directory: o.directory, acwByLeg: o.acwByLeg, keepLeg });
  const everyLeg = new Set(events.flatMap((e) => (e.legId ? [e.legId] : [])));
  const shownLegs = new Set(facts.legs.map((l) => l.legId));
  if (shownLegs.size === 0 && !(isWholeCentre(o.access) && events.length > 0)) return null;

  const recordings = o.recordings
    .filter((r) => (r.legId && everyLeg.has(r.legId) ? shownLegs.has(r.legId) : inScope(r.queueId, r.agentId || null, null)))
    .map((r): CallRecording => {
      const m = o.media.get(r.recordingId);
      const durationMs = m?.durationMs || r.durationMs || Math.max(0, r.stoppedAt - r.startedAt);
      const agentName = r.agentId ? o.directory.agents.get(r.agentId)?.name || r.agentId : null;
      return {
        recordingId: r.recordingId,
        legId: r.legId,
        queueId: r.queueId,
        agentId: r.agentId || null,
        agentName,
        startedAt: r.startedAt,
        durationMs,
        channelRoles: m && m.channelRoles.length > 0 ? m.channelRoles : [...DEFAULT_CHANNEL_ROLES],
        media: !m ? "pending" : m.deleted ? "deleted" : "stored",
        deletedReason: m?.deleted ? m.deletedReason || null : null,
        redactedSpans: m?.redactedSpans ?? 0,
        originalKept: m !== undefined && !m.deleted && m.originalKept,
        markers: timelineMarkers({ recordingId: r.recordingId, legId: r.legId, agentId: r.agentId, startedAt: r.startedAt, durationMs }, events),
      };
    });
  return { facts, recordings, callbacks: [...(o.callbacks ?? [])] };
}
