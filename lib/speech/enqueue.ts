import type { ClickHouseClient } from "@clickhouse/client";
import path from "node:path";
import { InvalidInput } from "@/lib/errors/domain-errors";
import { queuedJob } from "./job-state";
import { writeJob } from "./jobs-store";
import { speechService } from "./service";

export type EnqueueInput = {
  tenantId: string;
  recordingId: string;
  callId: string;
  /** The audio the product wrote under DATA_DIR (any format the worker's decoder reads: WAV, WebM/Opus...); kept until the job is done. */
  audioPath: string;
  /** One role per channel (agent, caller, supervisor); empty: recording_media's, else agent/caller. */
  channelRoles?: string[];
};

/**
 * Queues a real recording for transcription (the media helper calls it after an import
 * or upload). Returns once the job is stored; the transcription runs in the background
 * on this process's workers, or on another process's that polls the same store.
 * Simulated calls never come here: the simulator emits their transcripts itself.
 */
export async function enqueueTranscription(ch: ClickHouseClient, dataDir: string, input: EnqueueInput): Promise<void> {
  const root = path.resolve(dataDir) + path.sep;
  const audioPath = path.resolve(input.audioPath);
  if (!audioPath.startsWith(root)) throw new InvalidInput(`audioPath: must be a file under DATA_DIR (${dataDir})`);
  const job = { tenantId: input.tenantId, recordingId: input.recordingId, callId: input.callId, audioPath, channelRoles: input.channelRoles ?? [] };
  const service = speechService();
  if (service) await service.queue.enqueue(job);
  else await writeJob(ch, queuedJob(job, Date.now()));
}
