import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import type { ScopeAccess } from "@/lib/auth/scope-access";
import { queryRows, sqlNumber as num } from "@/lib/store/query-rows";
import { scopedLeg } from "../evaluations/scoped-leg";
import { autoChecks, type AutoCheck } from "./auto-checks";

/** One recording's transcript, in segment order (transcript_segments is sorted by call, so this reads one call). */
const SEGMENTS_SQL = `
SELECT speaker, start_ms, end_ms, text FROM transcript_segments FINAL
WHERE tenant_id = {tenant:String} AND call_id = {call:String} AND recording_id = {recording:String}
ORDER BY segment_index`;

const segmentRow = z.object({ speaker: z.string(), start_ms: num, end_ms: num, text: z.string() });

export type CallChecks = { callId: string; recordingId: string; hasTranscript: boolean; checks: AutoCheck[] };

/** The automatic checks for the leg a recording (or, without one, the call's first answered leg) belongs to; 404 outside the scope. */
export async function callChecks(
  ch: ClickHouseClient,
  p: { tenantId: string; access: ScopeAccess; callId: string; recordingId?: string | undefined },
): Promise<CallChecks> {
  const { events, leg } = await scopedLeg(ch, p);
  const rows = leg.recordingId ? await queryRows(ch, SEGMENTS_SQL, { tenant: p.tenantId, call: p.callId, recording: leg.recordingId }, segmentRow) : [];
  const started = events.find((e) => e.type === "recording.started" && e.data.recordingId === leg.recordingId);
  const answered = events.find((e) => e.type === "call.established" && e.legId === leg.legId);
  const stopped = events.find((e) => e.type === "recording.stopped" && e.data.recordingId === leg.recordingId);
  const originMs = started?.time ?? answered?.time ?? leg.callAt;
  const durationMs = stopped?.type === "recording.stopped" ? stopped.data.durationMs : leg.talkMs;
  const segments = rows.map((r) => ({ speaker: r.speaker, startMs: r.start_ms, endMs: r.end_ms, text: r.text }));
  return {
    callId: p.callId,
    recordingId: leg.recordingId,
    hasTranscript: segments.length > 0,
    checks: autoChecks({ segments, events, legId: leg.legId, originMs, durationMs }),
  };
}
