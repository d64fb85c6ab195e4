import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { queryRows, sqlNumber } from "@/lib/store/query-rows";
import type { RedactionKind } from "./kinds";

/** A stretch of one channel's audio to silence, ms from the recording's start; channel null: every channel (its segment did not say which). */
export type AudioRedaction = { channel: number | null; startMs: number; endMs: number; kind: RedactionKind };

/** transcript_redactions.channel of a segment that named no channel (migration 0025): silenced on every channel. */
export const UNKNOWN_CHANNEL = 255;

/**
 * Where the recording's masked words were said, per channel: what the media pipeline
 * silences in the audio it serves (`redactMedia`). Read from transcript_redactions, which
 * migration 0021 fills from the same transcript.segment events as transcript_segments,
 * with each span's first word's start and last word's end. `padMs` widens each range
 * (recognisers' word times are good to about 0.3 s); overlapping ranges of a channel merge.
 * A span whose segment named no channel is silenced on every channel (channel null).
 */
const SQL = `
SELECT channel, kind, startMs, endMs FROM (
  SELECT channel, arrayJoin(arrayZip(kinds, starts_ms, ends_ms)) AS span,
    span.1 AS kind, span.2 AS startMs, span.3 AS endMs
  FROM transcript_redactions FINAL
  WHERE tenant_id = {tenantId:String} AND recording_id = {recordingId:String}
)
ORDER BY channel, startMs`;

const rowSchema = z.object({ channel: sqlNumber, kind: z.enum(["card_number", "security_code", "expiry"]), startMs: sqlNumber, endMs: sqlNumber });

export async function redactionSpansForRecording(ch: ClickHouseClient, tenantId: string, recordingId: string, padMs = 300): Promise<AudioRedaction[]> {
  const rows = await queryRows(ch, SQL, { tenantId, recordingId }, rowSchema);
  return mergeAudioRedactions(
    rows.map((r) => ({ ...r, channel: r.channel === UNKNOWN_CHANNEL ? null : r.channel, startMs: Math.max(0, r.startMs - padMs), endMs: r.endMs + padMs })),
  );
}

/** Pure: ranges of one channel that overlap or touch become one (the first one's kind); every-channel ranges (null) first, merged among themselves. */
export function mergeAudioRedactions(ranges: readonly AudioRedaction[]): AudioRedaction[] {
  const sorted = [...ranges].sort((a, b) => (a.channel ?? -1) - (b.channel ?? -1) || a.startMs - b.startMs);
  const out: AudioRedaction[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && last.channel === r.channel && r.startMs <= last.endMs) last.endMs = Math.max(last.endMs, r.endMs);
    else out.push({ ...r });
  }
  return out;
}
