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
import type { Job } from "@/lib/speech/job-state";
import { startSpeech, type SpeechService } from "@/lib/speech/service";

/** Who silences a recording's redacted spans, in the audit log. */
const SPEECH_ACTOR = { id: "speech", name: "speech worker", role: "system" };

/**
 * The speech side of the web process, joined to the recordings side: a stored real
 * recording (an import or upload, lib/recordings) is copied out of the object store to
 * DATA_DIR/speech/ (the worker reads files, and the store may be S3), queued, and once its
 * segments are stored, the spans redaction masked in them are silenced in the served
 * audio (redactMedia) and the copy is removed.
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
    if (job.audioPath.startsWith(workDir + path.sep)) await fs.rm(job.audioPath, { force: true });
  };
  const speech: SpeechService = startSpeech(env, ch, ingest, log, afterDone);

  return { speech, enqueueStored: storedRecordingEnqueuer(env, ch, () => recordingServices().store) };
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
