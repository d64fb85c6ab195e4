import type { ClickHouseClient } from "@clickhouse/client";
import type { CtiEvent } from "@/lib/events";
import type { Env } from "@/lib/env";
import { recordingServices, setRecordingServices, type RecordingServices } from "@/lib/recordings/media/services";
import { startFetchingRecordings } from "@/lib/recordings/import/fetch-recordings";
import { simulatedRecordingRenderer } from "@/lib/recordings/simulated/on-demand";
import { openObjectStore } from "@/lib/recordings/storage/open-store";
import { startRetention } from "@/lib/recordings/retention/retention-job";
import { ingestOrThrow, type IngestPipeline } from "@/ingest/pipeline";
import type { PlatformAdapter } from "@/ingest/platform";

/** How often the retention job looks for audio past its queue's days. */
const RETENTION_EVERY_MS = 3_600_000;

/**
 * The recordings side of the web process: the object store the configuration
 * names, the ingest pipeline (the upload API's recording.* events), the on-demand
 * renderer of simulated recordings, the speech queue for uploaded and imported
 * audio, and the hourly retention pass. Route handlers find them through
 * lib/recordings/media/services.ts.
 */
export function startRecordings(
  deps: { ch: ClickHouseClient; env: Env; pipeline: IngestPipeline; enqueueTranscription: NonNullable<RecordingServices["enqueueTranscription"]> },
  log: (line: string) => void,
): () => void {
  const { ch, env } = deps;
  const store = openObjectStore(env);
  const services: RecordingServices = {
    store,
    ingest: pipelineIngest(deps.pipeline),
    // Kept whatever TELEPHONY says now: recordings a simulator made earlier still render.
    renderer: simulatedRecordingRenderer(),
    enqueueTranscription: deps.enqueueTranscription,
  };
  setRecordingServices(services);
  log(`recordings: audio in the ${store.kind === "s3" ? `S3 bucket ${env.RECORDINGS_S3_BUCKET}` : "data directory"}`);
  return startRetention({ ch, tenantId: env.TENANT_ID, services }, RETENTION_EVERY_MS, log);
}

/**
 * Imports the platform's recordings as it hands them over (an Asterisk the product cannot see the disk of:
 * ARI's stored recordings), with the services startRecordings set. Undefined when the platform
 * cannot, or RECORDINGS_FETCH_SECONDS is 0.
 */
export function startFetchingFromPlatform(
  adapter: PlatformAdapter | undefined,
  deps: { ch: ClickHouseClient; env: Env },
  log: (line: string) => void,
): (() => void) | undefined {
  const fetchRecordings = adapter?.commands.fetchRecordings;
  const { env } = deps;
  if (!adapter || !fetchRecordings || env.RECORDINGS_FETCH_SECONDS === 0) return undefined;
  const source = fetchRecordings({ lookbackMs: env.RECORDINGS_FETCH_LOOKBACK_HOURS * 3_600_000 });
  log(`recordings: fetching new recordings from ${source.describe} every ${env.RECORDINGS_FETCH_SECONDS} s`);
  return startFetchingRecordings({ ch: deps.ch, tenantId: env.TENANT_ID, services: recordingServices() }, source, {
    platform: adapter.name === "freeswitch" ? "freeswitch" : "asterisk",
    everyMs: env.RECORDINGS_FETCH_SECONDS * 1000,
    log,
  });
}

/** Events straight into the pipeline, resolved once stored; an event the pipeline refuses is an error (RefusedEvents), not a silent loss. */
export function pipelineIngest(pipeline: IngestPipeline, source = "recordings"): (events: CtiEvent[]) => Promise<void> {
  return ingestOrThrow(pipeline, source);
}
