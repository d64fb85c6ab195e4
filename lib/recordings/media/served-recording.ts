import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { queryRows, sqlNumber } from "@/lib/store/query-rows";
import { outsideRequest } from "@/lib/store/request-signal";
import type { MediaRow } from "./media-row";
import { recordingRowSchema, type RecordingRow } from "./recording-row";

/**
 * Everything a request for a recording's audio needs to know, in one query: the
 * recording (its queue and agent, for the scope check), the agent's team, the
 * latest media row and the queue's retention. A media element makes many range
 * requests per playback and the embedded store answers one query at a time, so
 * one query instead of five is what keeps seeking quick with 20 listeners.
 *
 * The answer is kept for a few seconds per process (a playback's range requests
 * then ask the store once). The scope check still runs on every request, against
 * these facts. Changes made in this process (a new media version: rendering,
 * redaction, retention) drop the entry at once; a change made by another server
 * is seen within TTL_MS.
 */
export type ServedRecording = { recording: RecordingRow; teamId: string | null; media: MediaRow | undefined; retentionDays: number };

export const TTL_MS = 5_000;

const SQL = `
SELECT r.recordingId AS recordingId, r.callId AS callId, r.legId AS legId, r.queueId AS queueId, r.agentId AS agentId, r.source AS source,
  r.startedAt AS startedAt, r.stoppedAt AS stoppedAt, r.durationMs AS durationMs,
  a.team_id AS teamId, a.known AS teamKnown, ret.kept_days AS retentionDays,
  m.n AS mediaRows, m.latestVersion AS mVersion, m.callId AS mCallId, m.storage AS mStorage, m.audioKey AS mAudioKey, m.peaksKey AS mPeaksKey,
  m.originalKey AS mOriginalKey, m.bytes AS mBytes, m.durationMs AS mDurationMs, m.sampleRate AS mSampleRate, m.channels AS mChannels,
  m.channelRoles AS mChannelRoles, m.redactedSpans AS mRedactedSpans, m.deletedAt AS mDeletedAt, m.deletedReason AS mDeletedReason, m.storedAt AS mStoredAt
FROM (
  SELECT recording_id AS recordingId, max(call_id) AS callId, max(leg_id) AS legId, max(queue_id) AS queueId, max(agent_id) AS agentId, max(source) AS source,
    toUnixTimestamp64Milli(max(started_at)) AS startedAt, toUnixTimestamp64Milli(max(stopped_at)) AS stoppedAt, max(duration_ms) AS durationMs
  FROM recordings WHERE tenant_id = {tenantId:String} AND recording_id = {recordingId:String} GROUP BY recording_id
) AS r
LEFT JOIN (
  SELECT agent_id, team_id, 1 AS known FROM agents FINAL WHERE tenant_id = {tenantId:String}
) AS a ON a.agent_id = r.agentId
LEFT JOIN (
  SELECT queue_id, argMax(days, version) AS kept_days FROM recording_retention WHERE tenant_id = {tenantId:String} GROUP BY queue_id
) AS ret ON ret.queue_id = r.queueId
LEFT JOIN (
  SELECT recording_id, count() AS n, max(version) AS latestVersion, argMax(call_id, version) AS callId, argMax(storage, version) AS storage,
    argMax(audio_key, version) AS audioKey, argMax(peaks_key, version) AS peaksKey, argMax(original_key, version) AS originalKey,
    argMax(bytes, version) AS bytes, argMax(duration_ms, version) AS durationMs, argMax(sample_rate, version) AS sampleRate,
    argMax(channels, version) AS channels, argMax(channel_roles, version) AS channelRoles, argMax(redacted_spans, version) AS redactedSpans,
    toUnixTimestamp64Milli(argMax(deleted_at, version)) AS deletedAt, argMax(deleted_reason, version) AS deletedReason,
    toUnixTimestamp64Milli(argMax(stored_at, version)) AS storedAt
  FROM recording_media WHERE tenant_id = {tenantId:String} AND recording_id = {recordingId:String} GROUP BY recording_id
) AS m ON m.recording_id = r.recordingId`;

const rowSchema = recordingRowSchema.extend({
  teamId: z.string(),
  teamKnown: sqlNumber,
  retentionDays: sqlNumber,
  mediaRows: sqlNumber,
  mVersion: sqlNumber,
  mCallId: z.string(),
  mStorage: z.string(),
  mAudioKey: z.string(),
  mPeaksKey: z.string(),
  mOriginalKey: z.string(),
  mBytes: sqlNumber,
  mDurationMs: sqlNumber,
  mSampleRate: sqlNumber,
  mChannels: sqlNumber,
  mChannelRoles: z.array(z.string()),
  mRedactedSpans: sqlNumber,
  mDeletedAt: sqlNumber.nullable(),
  mDeletedReason: z.string(),
  mStoredAt: sqlNumber,
});

type Row = z.output<typeof rowSchema>;

function toServed(r: Row): ServedRecording {
  const recording: RecordingRow = {
    recordingId: r.recordingId,
    callId: r.callId,
    legId: r.legId,
    queueId: r.queueId,
    agentId: r.agentId,
    source: r.source,
    startedAt: r.startedAt,
    stoppedAt: r.stoppedAt,
    durationMs: r.durationMs,
  };
  const media: MediaRow | undefined =
    r.mediaRows === 0
      ? undefined
      : {
          recordingId: r.recordingId,
          version: r.mVersion,
          callId: r.mCallId,
          storage: r.mStorage === "s3" ? "s3" : "local",
          audioKey: r.mAudioKey,
          peaksKey: r.mPeaksKey,
          originalKey: r.mOriginalKey,
          bytes: r.mBytes,
          durationMs: r.mDurationMs,
          sampleRate: r.mSampleRate,
          channels: r.mChannels,
          channelRoles: r.mChannelRoles,
          redactedSpans: r.mRedactedSpans,
          deletedAt: r.mDeletedAt,
          deletedReason: r.mDeletedReason,
          storedAt: r.mStoredAt,
        };
  return { recording, teamId: r.teamKnown === 1 ? r.teamId : null, media, retentionDays: r.retentionDays };
}

const KEY = Symbol.for("cc-supervisor.served-recordings");
type Entry = { at: number; value: Promise<ServedRecording | undefined> };
type Holder = { [KEY]?: Map<string, Entry> };
const cache = () => ((globalThis as Holder)[KEY] ??= new Map());
const keyOf = (tenantId: string, recordingId: string) => JSON.stringify([tenantId, recordingId]);

/** The recording's facts, from this process's few-second cache or one query; undefined for an unknown recording. */
export function readServedRecording(ch: ClickHouseClient, tenantId: string, recordingId: string, now = Date.now()): Promise<ServedRecording | undefined> {
  const entries = cache();
  const key = keyOf(tenantId, recordingId);
  const hit = entries.get(key);
  if (hit && now - hit.at < TTL_MS) return hit.value;
  if (entries.size > 10_000) entries.clear();
  // Cached and shared between requests, so not cancelled with the request that happened to read it first.
  const value = outsideRequest(() => queryRows(ch, SQL, { tenantId, recordingId }, rowSchema)).then(([row]) => (row ? toServed(row) : undefined));
  entries.set(key, { at: now, value });
  // Neither a failed read nor "unknown" is kept: a recording made known a moment later must be found.
  value.then(
    (v) => v === undefined && entries.delete(key),
    () => entries.delete(key),
  );
  return value;
}

/** Drops the cached facts of a recording whose media changed in this process. */
export function forgetServedRecording(tenantId: string, recordingId: string): void {
  cache().delete(keyOf(tenantId, recordingId));
}
