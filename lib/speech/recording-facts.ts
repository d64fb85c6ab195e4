import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { queryRows, sqlNumber } from "@/lib/store/query-rows";

/** What the transcript events of a recording carry besides the words: its call, leg, queue, agent and start. */
export type RecordingFacts = {
  callId: string;
  legId: string;
  queueId: string;
  agentId: string;
  startedAt: number;
  /** The stored audio's channel roles (recording_media), when the media helper has written them. */
  channelRoles: string[];
};

const SQL = `
SELECT max(call_id) AS callId, max(leg_id) AS legId, max(queue_id) AS queueId, max(agent_id) AS agentId,
  toUnixTimestamp64Milli(max(started_at)) AS startedAt,
  (SELECT argMax(channel_roles, version) FROM recording_media
   WHERE tenant_id = {tenantId:String} AND recording_id = {recordingId:String}) AS channelRoles,
  count() AS found
FROM recordings
WHERE tenant_id = {tenantId:String} AND recording_id = {recordingId:String}`;

const rowSchema = z.object({
  callId: z.string(),
  legId: z.string(),
  queueId: z.string(),
  agentId: z.string(),
  startedAt: sqlNumber,
  channelRoles: z.array(z.string()),
  found: sqlNumber,
});

/** The recording's facts, or undefined when no recording.started event for it is stored. */
export async function readRecordingFacts(ch: ClickHouseClient, tenantId: string, recordingId: string): Promise<RecordingFacts | undefined> {
  const [row] = await queryRows(ch, SQL, { tenantId, recordingId }, rowSchema, { kind: "ingest" });
  if (!row || row.found === 0 || row.callId === "") return undefined;
  const { found: _found, ...facts } = row;
  return facts;
}
