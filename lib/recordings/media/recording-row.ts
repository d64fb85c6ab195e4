import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { queryRows, sqlNumber } from "@/lib/store/query-rows";

/** A recording as its platform described it (the `recordings` table, merged from recording.* events). */
export type RecordingRow = {
  recordingId: string;
  callId: string;
  legId: string;
  queueId: string;
  agentId: string;
  source: string;
  /** Epoch ms. */
  startedAt: number;
  /** Epoch ms; 0 while the recording has not stopped. */
  stoppedAt: number;
  durationMs: number;
};

/** One recording's merged row, as `recordingRowSchema` reads it; the caller adds `FROM recordings WHERE ... GROUP BY recording_id`. */
export const RECORDING_COLUMNS = `recording_id AS recordingId, max(call_id) AS callId, max(leg_id) AS legId, max(queue_id) AS queueId, max(agent_id) AS agentId,
  max(source) AS source, toUnixTimestamp64Milli(max(started_at)) AS startedAt, toUnixTimestamp64Milli(max(stopped_at)) AS stoppedAt,
  max(duration_ms) AS durationMs`;

const SQL = `
SELECT ${RECORDING_COLUMNS}
FROM recordings
WHERE tenant_id = {tenantId:String} AND recording_id = {recordingId:String}
GROUP BY recording_id`;

export const recordingRowSchema = z.object({
  recordingId: z.string(),
  callId: z.string(),
  legId: z.string(),
  queueId: z.string(),
  agentId: z.string(),
  source: z.string(),
  startedAt: sqlNumber,
  stoppedAt: sqlNumber,
  durationMs: sqlNumber,
});

export async function readRecording(ch: ClickHouseClient, tenantId: string, recordingId: string): Promise<RecordingRow | undefined> {
  const [row] = await queryRows(ch, SQL, { tenantId, recordingId }, recordingRowSchema);
  return row;
}
