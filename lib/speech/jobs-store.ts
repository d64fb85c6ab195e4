import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { queryRows, sqlNumber } from "@/lib/store/query-rows";
import { storeInsert } from "@/lib/store/store-call";
import type { Job, JobState } from "./job-state";

/** transcription_jobs (migration 0021): one row per change of a job, the latest updated_at winning. */

const COLUMNS = `tenant_id AS tenantId, recording_id AS recordingId, call_id AS callId, audio_path AS audioPath,
  channel_roles AS channelRoles, state, attempts, progress, error, segments,
  toUnixTimestamp64Milli(enqueued_at) AS enqueuedAt, toUnixTimestamp64Milli(next_attempt_at) AS nextAttemptAt,
  toUnixTimestamp64Milli(updated_at) AS updatedAt`;

const rowSchema = z.object({
  tenantId: z.string(),
  recordingId: z.string(),
  callId: z.string(),
  audioPath: z.string(),
  channelRoles: z.array(z.string()),
  state: z.enum(["queued", "running", "done", "failed"]),
  attempts: sqlNumber,
  progress: sqlNumber,
  error: z.string(),
  segments: sqlNumber,
  enqueuedAt: sqlNumber,
  nextAttemptAt: sqlNumber,
  updatedAt: sqlNumber,
});

export async function writeJob(ch: ClickHouseClient, job: Job): Promise<void> {
  await storeInsert(ch, "transcription_jobs", [
    {
      tenant_id: job.tenantId,
      recording_id: job.recordingId,
      call_id: job.callId,
      audio_path: job.audioPath,
      channel_roles: job.channelRoles,
      state: job.state,
      attempts: Math.min(255, job.attempts),
      progress: job.progress,
      error: job.error.slice(0, 2000),
      segments: job.segments,
      enqueued_at: job.enqueuedAt,
      next_attempt_at: job.nextAttemptAt,
      updated_at: job.updatedAt,
    },
  ]);
}

/** Jobs in these states, every tenant (the queue serves the store, not one tenant). */
export async function readJobs(ch: ClickHouseClient, states: readonly JobState[]): Promise<Job[]> {
  return queryRows(ch, `SELECT ${COLUMNS} FROM transcription_jobs FINAL WHERE has({states:Array(String)}, state)`, { states: [...states] }, rowSchema, {
    kind: "ingest",
  });
}

export async function readJob(ch: ClickHouseClient, tenantId: string, recordingId: string): Promise<Job | undefined> {
  const [row] = await queryRows(
    ch,
    `SELECT ${COLUMNS} FROM transcription_jobs FINAL WHERE tenant_id = {tenantId:String} AND recording_id = {recordingId:String}`,
    { tenantId, recordingId },
    rowSchema,
  );
  return row;
}

/** The latest state of each job whose audio is one of these files (the speech copies' sweep at start). */
export async function readJobStatesByAudioPath(ch: ClickHouseClient, audioPaths: readonly string[]): Promise<Map<string, JobState>> {
  if (audioPaths.length === 0) return new Map();
  const rows = await queryRows(
    ch,
    "SELECT audio_path AS audioPath, state FROM transcription_jobs FINAL WHERE has({paths:Array(String)}, audio_path)",
    { paths: [...audioPaths] },
    z.object({ audioPath: z.string(), state: rowSchema.shape.state }),
    { kind: "ingest" },
  );
  return new Map(rows.map((r) => [r.audioPath, r.state]));
}
