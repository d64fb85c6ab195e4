import type { ClickHouseClient } from "@clickhouse/client";
import fs from "node:fs/promises";
import path from "node:path";
import type { Env } from "@/lib/env";
import type { CtiEvent } from "@/lib/events";
import { activeRedactionPolicy } from "@/lib/redaction/active-policy";
import { redactionSpansForRecording } from "@/lib/redaction/spans-for-recording";
import { readMediaRow } from "@/lib/recordings/media/media-row";
import { redactMedia } from "@/lib/recordings/media/redact-media";
import { recordingServices } from "@/lib/recordings/media/services";
import { readWhole, type ObjectStore } from "@/lib/recordings/storage/object-store";
import { enqueueTranscription } from "@/lib/speech/enqueue";
import { readJobStatesByAudioPath } from "@/lib/speech/jobs-store";
import type { Job } from "@/lib/speech/job-state";
import { startSpeech, type SpeechService } from "@/lib/speech/service";

/** Who silences a recording's redacted spans, in the audit log. */
const SPEECH_ACTOR = { id: "speech", name: "speech worker", role: "system" };

/**
 * The speech side of the web process, joined to the recordings side: a stored real
 * recording (an import or upload, lib/recordings) is copied out of the object store to
 * DATA_DIR/speech/ (the worker reads files, and the store may be S3), queued, and once its
 * segments are stored, the spans redaction masked in them are silenced in the served
 * audio (redactMedia) and the copy is removed; the copy of a job that failed for good is
 * removed too, and at start the copies of jobs that ended before a restart.
 */
export function startSpeechForRecordings(env: Env, ch: ClickHouseClient, ingest: (events: CtiEvent[]) => Promise<void>, log: (line: string) => void) {
  const workDir = path.join(path.resolve(env.DATA_DIR), "speech");
  const afterDone = async (job: Job) => {
    const spans = await redactionSpansForRecording(ch, job.tenantId, job.recordingId);
    const media = await readMediaRow(ch, job.tenantId, job.recordingId);
    if (spans.length > 0 && media && media.deletedAt === null) {
      const keepOriginal = activeRedactionPolicy(job.tenantId).keepOriginal;
      await redactMedia({ ch, tenantId: job.tenantId, services: recordingServices(), actor: SPEECH_ACTOR }, job.recordingId, spans, keepOriginal);
      log(`speech: silenced ${spans.length} redacted span(s) in ${job.recordingId}`);
    }
    await removeCopy(workDir, job);
  };
  // A job that failed for good keeps its reason in its status; its copy of the audio goes, as a done job's does.
  const afterFailed = (job: Job) => removeCopy(workDir, job);
  const speech: SpeechService = startSpeech(env, ch, ingest, log, { afterDone, afterFailed });
  const swept = sweepSpeechCopies(ch, workDir).then(
    (removed) => {
      if (removed > 0) log(`speech: removed ${removed} audio cop${removed === 1 ? "y" : "ies"} of finished jobs`);
      return removed;
    },
    (e: unknown) => {
      log(`speech: the sweep of old audio copies failed: ${(e as Error).message}`);
      return 0;
    },
  );

  return { speech, swept, enqueueStored: storedRecordingEnqueuer(env, ch, () => recordingServices().store) };
}

/** Removes a job's copy of the audio, only ever one this side wrote (under DATA_DIR/speech/). */
async function removeCopy(workDir: string, job: Job): Promise<void> {
  if (job.audioPath.startsWith(workDir + path.sep)) await fs.rm(job.audioPath, { force: true });
}

/**
 * At start: removes the copies under DATA_DIR/speech/ whose job is done or failed for good, left by a
 * process that stopped between the job's end and the removal (or by a version that kept failed jobs'
 * copies). A copy whose job is queued or running is kept, and so is one with no job row: an import may
 * be between writing the copy and storing its job. Returns how many were removed.
 */
export async function sweepSpeechCopies(ch: ClickHouseClient, workDir: string): Promise<number> {
  const tenants = await fs.readdir(workDir, { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const t of tenants) {
    if (!t.isDirectory()) continue;
    for (const f of await fs.readdir(path.join(workDir, t.name), { withFileTypes: true })) if (f.isFile()) files.push(path.join(workDir, t.name, f.name));
  }
  let removed = 0;
  // In chunks: the paths go into the query's parameters.
  for (let i = 0; i < files.length; i += 1000) {
    const states = await readJobStatesByAudioPath(ch, files.slice(i, i + 1000));
    for (const [file, state] of states) {
      if (state !== "done" && state !== "failed") continue;
      await fs.rm(file, { force: true });
      removed++;
    }
  }
  return removed;
}

/**
 * For the recordings side (RecordingServices.enqueueTranscription): copy a stored
 * recording to DATA_DIR/speech/ and queue it. Also used by `npm run import:recordings`,
 * whose jobs the web process's workers then take from the shared queue.
 */
export function storedRecordingEnqueuer(env: Env, ch: ClickHouseClient, store: () => ObjectStore) {
  const workDir = path.join(path.resolve(env.DATA_DIR), "speech");
  return async (tenantId: string, recordingId: string): Promise<void> => {
    const media = await readMediaRow(ch, tenantId, recordingId);
    if (!media || media.audioKey === "") throw new Error(`speech: recording ${recordingId} has no stored audio`);
    const dir = path.join(workDir, safe(tenantId));
    await fs.mkdir(dir, { recursive: true, mode: 0o700 });
    const audioPath = path.join(dir, `${safe(recordingId)}.webm`);
    await fs.writeFile(audioPath, await readWhole(store(), media.audioKey), { mode: 0o600 });
    await enqueueTranscription(ch, env.DATA_DIR, { tenantId, recordingId, callId: media.callId, audioPath, channelRoles: media.channelRoles });
  };
}

/** A file name from an id: ids are ours, but a path must never climb out of its directory. */
const safe = (id: string) => id.replace(/[^A-Za-z0-9._-]/g, "_").replace(/^\.+/, "_");
