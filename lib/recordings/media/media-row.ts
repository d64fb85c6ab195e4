import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { queryRows, sqlNumber } from "@/lib/store/query-rows";
import { storeInsert } from "@/lib/store/store-call";
import type { StorageKind } from "@/lib/recordings/storage/object-store";
import { forgetServedRecording } from "./served-recording";

/**
 * recording_media rows (migration 0019): what the product stored for a recording.
 * Every change (stored, redacted, restored, deleted by retention) is a new row with
 * a higher version; the latest wins (argMax here, ReplacingMergeTree in the
 * background). Keys stay on the server: nothing here is sent to a browser as is.
 */
export type MediaRow = {
  recordingId: string;
  version: number;
  callId: string;
  storage: StorageKind;
  audioKey: string;
  peaksKey: string;
  originalKey: string;
  bytes: number;
  durationMs: number;
  sampleRate: number;
  channels: number;
  channelRoles: string[];
  redactedSpans: number;
  /** Epoch ms; null while the audio is kept. */
  deletedAt: number | null;
  deletedReason: string;
  storedAt: number;
};

const LATEST_SQL = `
SELECT recording_id AS recordingId,
  max(version) AS latestVersion,
  argMax(call_id, version) AS callId,
  argMax(storage, version) AS storage,
  argMax(audio_key, version) AS audioKey,
  argMax(peaks_key, version) AS peaksKey,
  argMax(original_key, version) AS originalKey,
  argMax(bytes, version) AS bytes,
  argMax(duration_ms, version) AS durationMs,
  argMax(sample_rate, version) AS sampleRate,
  argMax(channels, version) AS channels,
  argMax(channel_roles, version) AS channelRoles,
  argMax(redacted_spans, version) AS redactedSpans,
  toUnixTimestamp64Milli(argMax(deleted_at, version)) AS deletedAt,
  argMax(deleted_reason, version) AS deletedReason,
  toUnixTimestamp64Milli(argMax(stored_at, version)) AS storedAt
FROM recording_media
WHERE tenant_id = {tenantId:String} AND has({ids:Array(String)}, recording_id)
GROUP BY recording_id`;

const rowSchema = z.object({
  recordingId: z.string(),
  latestVersion: sqlNumber,
  callId: z.string(),
  storage: z.enum(["local", "s3"]),
  audioKey: z.string(),
  peaksKey: z.string(),
  originalKey: z.string(),
  bytes: sqlNumber,
  durationMs: sqlNumber,
  sampleRate: sqlNumber,
  channels: sqlNumber,
  channelRoles: z.array(z.string()),
  redactedSpans: sqlNumber,
  deletedAt: sqlNumber.nullable(),
  deletedReason: z.string(),
  storedAt: sqlNumber,
});

export async function readMediaRows(ch: ClickHouseClient, tenantId: string, recordingIds: readonly string[]): Promise<Map<string, MediaRow>> {
  if (recordingIds.length === 0) return new Map();
  const rows = await queryRows(ch, LATEST_SQL, { tenantId, ids: [...recordingIds] }, rowSchema);
  return new Map(rows.map(({ latestVersion, ...r }) => [r.recordingId, { ...r, version: latestVersion }]));
}

export async function readMediaRow(ch: ClickHouseClient, tenantId: string, recordingId: string): Promise<MediaRow | undefined> {
  return (await readMediaRows(ch, tenantId, [recordingId])).get(recordingId);
}

export async function writeMediaRow(ch: ClickHouseClient, tenantId: string, row: MediaRow): Promise<void> {
  await storeInsert(ch, "recording_media", [
    {
      tenant_id: tenantId,
      recording_id: row.recordingId,
      version: row.version,
      call_id: row.callId,
      storage: row.storage,
      audio_key: row.audioKey,
      peaks_key: row.peaksKey,
      original_key: row.originalKey,
      bytes: row.bytes,
      duration_ms: row.durationMs,
      sample_rate: row.sampleRate,
      channels: row.channels,
      channel_roles: row.channelRoles,
      redacted_spans: row.redactedSpans,
      deleted_at: row.deletedAt,
      deleted_reason: row.deletedReason,
      stored_at: row.storedAt,
    },
  ]);
  forgetServedRecording(tenantId, row.recordingId);
}
