import type { ClickHouseClient } from "@clickhouse/client";
import type { Env } from "@/lib/env";
import { getClickHouse } from "@/lib/store/client";
import { runtimeStatus } from "@/lib/runtime/status";
import { ensureDemoUsers, type DemoSignIn } from "@/lib/auth/demo-users";
import { migrate } from "@/sql/migrate";
import { ensureInternalToken } from "@/lib/runtime/internal-token";
import { IngestPipeline } from "./pipeline/pipeline";
import { InProcessSource } from "./in-process-source";
import { startSimulatorFeed } from "./simulator-feed";
import { startKafkaConsumer } from "./kafka/start-consumer";
import { startLiveTail } from "./kafka/live-tail";
import type { CtiEvent } from "@/lib/events";
import { startLiveFloor } from "@/lib/live/start-floor";
import { startCompaction } from "@/lib/store/compact";
import { loadSimulatorConfig } from "./simulator/config";
import { retryUntil } from "@/lib/retry-until";

/**
 * Everything that shares the process with the web server: the store (chDB binds one
 * data directory per process, so the embedded shape cannot split this across
 * processes), migrations, demo users, the ingest pipeline and the simulator.
 * Started once per process from instrumentation.ts; kept on globalThis so route
 * handlers in other bundles of the same process find it.
 */
export type Runtime = { ch: ClickHouseClient; pipeline: IngestPipeline; source: InProcessSource; stop(): Promise<void> };

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
  const ch = await getClickHouse(env);
  try {
    const report = await migrate(ch);
    status.migrations = { state: "ok", applied: report.applied };
    if (report.applied.length > 0) log(`store: applied ${report.applied.length} migration(s)`);
  } catch (e) {
    status.migrations = { state: "failed", applied: [], error: (e as Error).message };
    throw e;
  }
  log(env.embedded ? `store: embedded chDB in ${env.DATA_DIR}` : `store: ClickHouse at ${env.CLICKHOUSE_URL}`);

  const pipeline = new IngestPipeline(ch, { maxEventBytes: env.INGEST_MAX_EVENT_BYTES, origin: "in-process" });
  const source = new InProcessSource(pipeline, {
    batchSize: env.INGEST_BATCH_SIZE,
    flushMs: env.INGEST_FLUSH_MS,
    onError: (e) => {
      status.ingest.lastError = (e as Error).message;
      console.error("ingest: store write failed, will retry", e);
    },
  });
  pipeline.onEvents(() => {
    Object.assign(status.ingest, {
      inserted: pipeline.stats.inserted,
      deadLettered: pipeline.stats.deadLettered,
      alreadyStored: pipeline.stats.alreadyStored,
      lastEventTime: pipeline.stats.lastEventTime,
    });
  });

  // The wallboard's live floor hears each new event once stored; its "today" is the simulated centre's local day (UTC without one).
  const floor = startLiveFloor({ ch, tenantId: env.TENANT_ID, timeZone: env.simulator ? loadSimulatorConfig(env.SIM_CONFIG).timeZone : "UTC", log });
  pipeline.onEvents((events) => floor.apply(events));

  ensureInternalToken(env.DATA_DIR);
  if (env.demoMode) printSignIns(await ensureDemoUsers(env.DATA_DIR), env, log);

  // The web server owns the store's upkeep when it is embedded; with a ClickHouse server the ingest workers do it.
  const stopCompaction = env.embedded && env.STORE_COMPACT_MINUTES > 0 ? startCompaction(ch, env.STORE_COMPACT_MINUTES * 60_000, log) : undefined;
  const feed = env.simulator ? await startSimulatorFeed({ ch, env, pipeline, source, log }) : undefined;
  // Kafka: in the single-process mode this server is the ingest worker (the embedded store
  // admits one process); otherwise workers write the store and this server only follows
  // the stream for the live floor. Started in the background: a broker that is still
  // coming up must not hold up the web server.
  const kafkaStarting = new AbortController();
  const kafka = env.kafkaBrokers.length === 0 ? undefined : startKafka(ch, env, log, (events) => floor.apply(events), kafkaStarting.signal);
  return {
    ch,
    pipeline,
    source,
    stop: async () => {
      // A broker that never came up must not hold shutdown: stop waiting for it first.
      kafkaStarting.abort();
      stopCompaction?.();
      await feed?.stop();
      await source.close();
      await (await kafka)?.stop();
      floor.stop();
    },
  };
}

async function startKafka(
  ch: ClickHouseClient,
  env: Env,
  log: (line: string) => void,
  onEvents: (events: readonly CtiEvent[]) => void,
  signal: AbortSignal,
): Promise<{ stop(): Promise<void> } | undefined> {
  return retryUntil(() => (env.ingestInWeb ? startKafkaConsumer(ch, env, log, onEvents) : startLiveTail(env, onEvents, log)), {
    firstDelayMs: 1000,
    maxDelayMs: 30_000,
    signal,
    onRetry: (e, delay) => log(`kafka: cannot start yet (${e.message}); retrying in ${delay} ms`),
  });
}

function printSignIns(signIns: DemoSignIn[], env: Env, log: (line: string) => void): void {
  const url = env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`;
  log("");
  log(`Demo mode: open ${url} and sign in as one of`);
  for (const s of signIns) log(`  ${s.role.padEnd(11)} username ${s.username.padEnd(11)} password ${s.password}`);
  log(`(kept in ${env.DATA_DIR}/demo-sign-ins.json; set DEMO_MODE=false and AUTH_USERS_FILE for real users)`);
  log("");
}
