import type { ClickHouseClient } from "@clickhouse/client";
import type { Env } from "@/lib/env";
import type { CtiEvent } from "@/lib/events";
import { runtimeStatus } from "@/lib/runtime/status";
import { ingestTotals } from "@/lib/runtime/ingest-totals";
import { ensureDemoUsers } from "@/lib/auth/demo-users";
import { startLiveFloor } from "@/lib/live/start-floor";
import { startCompaction } from "@/lib/store/compact";
import { secureDataDir } from "@/lib/store/data-dir";
import { keepRedactionPolicyFresh } from "@/lib/redaction/settings-record";
import { IngestPipeline, InProcessSource, WorkerMetrics } from "@/ingest/pipeline";
import { createPlatformAdapter, type PlatformCapabilities } from "@/ingest/platform";
import { startKafka } from "./kafka";
import { printSignIns } from "./sign-ins";
import { openStore } from "./store";
import { startOperatorSocket } from "./operator-socket";
import { pipelineIngest, startFetchingFromPlatform, startRecordings } from "./recordings";
import { startSpeechForRecordings } from "./speech";
import { startTelephony } from "./telephony";
import { startMonitorRelay } from "./monitor-relay-start";

/**
 * The web process's composition root: everything that shares the process with the
 * web server. The store (chDB binds one data directory per process, so the embedded
 * shape cannot split this across processes), migrations, demo users, the ingest
 * pipeline, the live floor, the telephony platform (TELEPHONY) and, with
 * KAFKA_BROKERS, a Kafka consumer. Started once per process from
 * instrumentation-node.ts; kept on globalThis so route handlers in other bundles of
 * the same process find it.
 */
export type Runtime = {
  ch: ClickHouseClient;
  pipeline: IngestPipeline;
  source: InProcessSource;
  /** The platform adapter in use ("none" without one) and what it can be asked to do. */
  telephony: { name: string; capabilities: PlatformCapabilities };
  stop(): Promise<void>;
};

const KEY = Symbol.for("cc-supervisor.runtime");
type Holder = { [KEY]?: Promise<Runtime> };

export function getRuntime(): Promise<Runtime> | undefined {
  return (globalThis as Holder)[KEY];
}

export function startRuntime(env: Env, log: (line: string) => void = console.log): Promise<Runtime> {
  const holder = globalThis as Holder;
  holder[KEY] ??= boot(env, log);
  return holder[KEY];
}

async function boot(env: Env, log: (line: string) => void): Promise<Runtime> {
  const status = runtimeStatus();
  for (const line of env.deprecations) log(`config: ${line}`);
  // Before anything writes there: the secret, sign-ins, operator socket and store files are the owner's only.
  const fixed = secureDataDir(env.DATA_DIR);
  if (fixed > 0) log(`data: ${env.DATA_DIR} was readable by others; made ${fixed} entries owner-only`);
  const ch = await openStore(env, status, log);

  const pipeline = new IngestPipeline(ch, { maxEventBytes: env.INGEST_MAX_EVENT_BYTES, maxFutureMs: env.INGEST_MAX_FUTURE_MS, origin: "in-process" });
  const source = new InProcessSource(pipeline, {
    batchSize: env.INGEST_BATCH_SIZE,
    flushMs: env.INGEST_FLUSH_MS,
    onError: (e) => {
      status.ingest.lastError = (e as Error).message;
      console.error("ingest: store write failed, will retry", e);
    },
  });
  // Health counts what every path stored: this pipeline, and in the single-process Kafka shape the consumer's own.
  const kafkaMetrics = new WorkerMetrics();
  let kafkaLastEventTime = 0;
  const publishIngest = () =>
    Object.assign(
      status.ingest,
      ingestTotals([
        pipeline.stats,
        { inserted: kafkaMetrics.inserted, deadLettered: kafkaMetrics.deadLettered, alreadyStored: kafkaMetrics.alreadyStored, lastEventTime: kafkaLastEventTime },
      ]),
    );
  pipeline.onEvents(publishIngest);
  const onKafkaEvents = (events: readonly CtiEvent[]) => {
    // Without ingestInWeb this process only follows the stream (the workers store it): nothing of its own to count.
    if (!env.ingestInWeb) return;
    for (const e of events) kafkaLastEventTime = Math.max(kafkaLastEventTime, e.time);
    publishIngest();
  };

  // Built before anything starts: the live floor's "today" is the centre's local day, the same day every page's "Today" means.
  const adapter = createPlatformAdapter(env);
  if (adapter?.timeZone && adapter.timeZone !== env.centreTimeZone) {
    log(`time zone: the platform reports ${adapter.timeZone}, CENTRE_TIME_ZONE is ${env.centreTimeZone}; the pages and the wallboard use ${env.centreTimeZone}`);
  }
  const floor = startLiveFloor({ ch, tenantId: env.TENANT_ID, timeZone: env.centreTimeZone, maxFutureMs: env.INGEST_MAX_FUTURE_MS, log });
  pipeline.onEvents((events) => floor.apply(events));

  // Redaction settings reach the pipeline before the first transcript does; the speech queue writes through the pipeline too.
  const stopRedactionRefresh = keepRedactionPolicyFresh(ch, env.TENANT_ID, env.REDACTION_KEEP_ORIGINAL, 60_000, log);
  // A segment the pipeline refuses fails the job with the reason (RefusedEvents is final: not retried), as the recordings side's events do.
  const { speech, enqueueStored } = startSpeechForRecordings(env, ch, pipelineIngest(pipeline, "speech"), log);

  // The command-line tools' way in while this process holds the embedded store (npm run ch, the imports, npm run kpi).
  const operatorSocket = startOperatorSocket(env, { ch, pipeline, platformRecordings: adapter?.commands.fetchRecordings?.bind(adapter.commands) }, log);
  if (env.demoMode) printSignIns(await ensureDemoUsers(env.DATA_DIR), env, log);

  // The web server owns the store's upkeep when it is embedded; with a ClickHouse server the ingest workers do it.
  const stopCompaction = env.embedded && env.STORE_COMPACT_MINUTES > 0 ? startCompaction(ch, env.STORE_COMPACT_MINUTES * 60_000, log) : undefined;
  // Recording storage, the simulator's renderer, the speech queue for uploads and imports, retention (server/recordings.ts).
  const stopRecordings = startRecordings({ ch, env, pipeline, enqueueTranscription: enqueueStored }, log);
  const telephony = startTelephony(adapter, { ch, tenantId: env.TENANT_ID, pipeline, source, status, label: env.telephony, log });
  const stopFetchingRecordings = startFetchingFromPlatform(adapter, { ch, env }, log);
  // The browser's audio for listen / whisper / barge: a WebSocket npm start's server hands over (server/http-server.ts).
  const stopMonitorRelay = startMonitorRelay(env, log);
  // Started in the background: a broker that is still coming up must not hold up the web server.
  const kafkaStarting = new AbortController();
  const kafka =
    env.kafkaBrokers.length === 0
      ? undefined
      : startKafka(
          ch,
          env,
          log,
          (events) => {
            floor.apply(events);
            onKafkaEvents(events);
          },
          kafkaStarting.signal,
          status,
          kafkaMetrics,
        );
  return {
    ch,
    pipeline,
    source,
    telephony: { name: telephony.name, capabilities: telephony.capabilities },
    stop: async () => {
      // A broker that never came up must not hold shutdown: stop waiting for it first.
      kafkaStarting.abort();
      stopCompaction?.();
      stopRecordings();
      stopFetchingRecordings?.();
      stopMonitorRelay();
      await telephony.stop();
      await speech.stop();
      stopRedactionRefresh();
      await source.close();
      await (await kafka)?.stop();
      floor.stop();
      await operatorSocket.stop();
    },
  };
}
