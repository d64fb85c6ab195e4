import type { ClickHouseClient } from "@clickhouse/client";
import type { Env } from "@/lib/env";
import type { CtiEvent } from "@/lib/events";
import { retryUntil } from "@/lib/retry-until";
import type { RuntimeStatus } from "@/lib/runtime/status";
import { startKafkaConsumer, startLiveTail, type WorkerMetrics } from "@/ingest/pipeline";

/**
 * In the single-process mode this server is the ingest worker (the embedded store
 * admits one process); otherwise workers write the store and this server only
 * follows the stream for the live floor. A broker that is still coming up is waited
 * for in the background, and aborting `signal` ends the wait (undefined then).
 * `metrics` receives the consumer's counts (what it stored, for /api/health), and its
 * place in its group goes to the runtime status (/api/health's `kafka`).
 */
export function startKafka(
  ch: ClickHouseClient,
  env: Env,
  log: (line: string) => void,
  onEvents: (events: readonly CtiEvent[]) => void,
  signal: AbortSignal,
  status: RuntimeStatus,
  metrics?: WorkerMetrics,
): Promise<{ stop(): Promise<void> } | undefined> {
  const consume = () => startKafkaConsumer(ch, env, log, onEvents, metrics, (m) => (status.kafka = { ...m }));
  return retryUntil(() => (env.ingestInWeb ? consume() : startLiveTail(env, onEvents, log)), {
    firstDelayMs: 1000,
    maxDelayMs: 30_000,
    signal,
    onRetry: (e, delay) => log(`kafka: cannot start yet (${e.message}); retrying in ${delay} ms`),
  });
}
