import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { RECORDING_COLUMNS, recordingRowSchema, type RecordingRow } from "@/lib/recordings/media/recording-row";
import { queryRows, sqlNumber } from "@/lib/store/query-rows";

/**
 * A call's recordings: what the platform said (recordings, merged by max) and what
 * the product stored (recording_media, latest version). Storage keys are not read
 * (only whether an original is kept): they never leave the server, and this answer goes to the browser.
 */
const RECORDINGS_SQL = `
SELECT ${RECORDING_COLUMNS}
FROM recordings
WHERE tenant_id = {tenantId:String}
  AND recording_id IN (SELECT recording_id FROM recordings_by_call WHERE tenant_id = {tenantId:String} AND call_id = {callId:String})
GROUP BY recording_id
ORDER BY startedAt, recordingId`;

const MEDIA_SQL = `
SELECT recording_id AS recordingId, argMax(duration_ms, version) AS durationMs, argMax(channel_roles, version) AS channelRoles,
  argMax(redacted_spans, version) AS redactedSpans, argMax(deleted_at, version) IS NOT NULL AS deleted, argMax(deleted_reason, version) AS deletedReason,
  argMax(original_key, version) != '' AS originalKept
FROM recording_media
WHERE tenant_id = {tenantId:String} AND has({ids:Array(String)}, recording_id)
GROUP BY recording_id`;

const mediaRow = z.object({
  recordingId: z.string(),
  durationMs: sqlNumber,
  channelRoles: z.array(z.string()),
  redactedSpans: sqlNumber,
  deleted: z.union([z.boolean(), z.number()]).transform((v) => v === true || v === 1),
  deletedReason: z.string(),
  originalKept: z.union([z.boolean(), z.number()]).transform((v) => v === true || v === 1),
});

export type { RecordingRow };
export type MediaRow = z.output<typeof mediaRow>;

export async function readCallRecordings(ch: ClickHouseClient, tenantId: string, callId: string): Promise<{ recordings: RecordingRow[]; media: Map<string, MediaRow> }> {
  const recordings = await queryRows(ch, RECORDINGS_SQL, { tenantId, callId }, recordingRowSchema);
  if (recordings.length === 0) return { recordings, media: new Map() };
  const media = await queryRows(ch, MEDIA_SQL, { tenantId, ids: recordings.map((r) => r.recordingId) }, mediaRow);
  return { recordings, media: new Map(media.map((m) => [m.recordingId, m])) };
}
