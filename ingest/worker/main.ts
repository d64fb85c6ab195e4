import { getEnv } from "@/lib/env";
import { closeClickHouse, getClickHouse } from "@/lib/store/client";
import { startCompaction } from "@/lib/store/compact";
import { keepRedactionPolicyFresh } from "@/lib/redaction/settings-record";
import { migrate, MigrationError } from "@/sql/migrate";
import { retryUntil } from "@/lib/retry-until";
import { startKafkaConsumer, type RunningConsumer } from "../kafka/start-consumer";
import { startHealthServer } from "./health-server";
import { WorkerMetrics } from "../kafka/metrics";

/**
 * npm run ingest: the Kafka ingest worker. Scale out by running more of these with
 * the same KAFKA_GROUP_ID against a ClickHouse server (CLICKHOUSE_URL). With the
 * embedded store this process holds chDB's lock, so the web server cannot read it
 * at the same time: use the single-process mode instead (npm start with
 * KAFKA_BROKERS set), where the web server runs this consumer itself.
 *
 * Exit codes: 0 clean shutdown; 1 failed to start; 2 shutdown deadline missed. A consumer crash
 * is survived inside the process (start-consumer.ts): /readyz says 503 until it is back in its group.
 */
const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`);

async function main(): Promise<void> {
  const env = getEnv();
  if (env.kafkaBrokers.length === 0) throw new Error("KAFKA_BROKERS: required for the ingest worker");
  // Health first: while the store or broker is still coming up, the worker is alive but not ready.
  const metrics = new WorkerMetrics();
  // Filled once the store answers; read by the health check and the shutdown handler meanwhile.
  const worker: { running?: RunningConsumer } = {};
  let stopping = false;
  const starting = new AbortController();
  const health = await startHealthServer(env.INGEST_HTTP_PORT, metrics, () => worker.running?.ready() ?? false);
  log(`ingest: health and metrics on :${env.INGEST_HTTP_PORT} (/healthz /readyz /metrics)`);

  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    starting.abort();
    log(`ingest: ${signal}: stopping fetch, flushing, committing`);
    const deadline = setTimeout(() => {
      log(`ingest: shutdown took longer than ${env.INGEST_SHUTDOWN_MS} ms; exiting without a clean close`);
      process.exit(2);
    }, env.INGEST_SHUTDOWN_MS);
    try {
      await worker.running?.stop();
      health.close();
      await closeClickHouse();
      clearTimeout(deadline);
      log("ingest: stopped cleanly");
      process.exit(0);
    } catch (e) {
      log(`ingest: error while stopping: ${(e as Error).message}`);
      process.exit(1);
    }
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));

  const ch = await getClickHouse(env);
  // A store that is down at start-up is waited for, not given up on: the worker recovers by itself.
  await retryUntil(() => migrate(ch), {
    firstDelayMs: 500,
    maxDelayMs: 15_000,
    signal: starting.signal,
    isFatal: (e) => e instanceof MigrationError,
    onRetry: (e, delay) => log(`ingest: store not reachable (${e.message.split("\n")[0]}); retrying in ${delay} ms`),
  });
  if (stopping) return;
  // Transcript segments are masked as they are ingested, with the settings admins saved (lib/redaction).
  keepRedactionPolicyFresh(ch, env.TENANT_ID, env.REDACTION_KEEP_ORIGINAL, 60_000, log);
  worker.running = await startKafkaConsumer(ch, env, log, undefined, metrics);
  // Workers own the store's upkeep in the scaled shape (the web server only reads it).
  if (env.STORE_COMPACT_MINUTES > 0) startCompaction(ch, env.STORE_COMPACT_MINUTES * 60_000, log);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? `${e.name}: ${e.message}` : e);
  process.exit(1);
});
