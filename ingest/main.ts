import { getEnv } from "@/lib/env";
import { closeClickHouse, getClickHouse } from "@/lib/store/client";
import { startCompaction } from "@/lib/store/compact";
import { migrate, MigrationError } from "@/sql/migrate";
import { startKafkaConsumer, type RunningConsumer } from "./kafka/start-consumer";
import { startHealthServer } from "./kafka/health-server";
import { WorkerMetrics } from "./kafka/metrics";

/**
 * npm run ingest: the Kafka ingest worker. Scale out by running more of these with
 * the same KAFKA_GROUP_ID against a ClickHouse server (CLICKHOUSE_URL). With the
 * embedded store this process holds chDB's lock, so the web server cannot read it
 * at the same time: use the single-process mode instead (npm start with
 * KAFKA_BROKERS set), where the web server runs this consumer itself.
 *
 * Exit codes: 0 clean shutdown; 1 failed to start or crashed; 2 shutdown deadline missed.
 */
const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`);

/** A store that is down at start-up is waited for, not given up on: the worker recovers by itself. */
async function untilStoreAnswers(attempt: () => Promise<unknown>, stopped: () => boolean): Promise<void> {
  for (let delay = 500; !stopped(); delay = Math.min(delay * 2, 15_000)) {
    try {
      await attempt();
      return;
    } catch (e) {
      if (e instanceof MigrationError) throw e;
      log(`ingest: store not reachable (${(e as Error).message.split("\n")[0]}); retrying in ${delay} ms`);
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

async function main(): Promise<void> {
  const env = getEnv();
  if (env.kafkaBrokers.length === 0) throw new Error("KAFKA_BROKERS: required for the ingest worker");
  // Health first: while the store or broker is still coming up, the worker is alive but not ready.
  const metrics = new WorkerMetrics();
  // Filled once the store answers; read by the health check and the shutdown handler meanwhile.
  const worker: { running?: RunningConsumer } = {};
  let stopping = false;
  const health = await startHealthServer(env.INGEST_HTTP_PORT, metrics, () => worker.running?.ready() ?? false);
  log(`ingest: health and metrics on :${env.INGEST_HTTP_PORT} (/healthz /readyz /metrics)`);

  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
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
  await untilStoreAnswers(() => migrate(ch), () => stopping);
  if (stopping) return;
  worker.running = await startKafkaConsumer(ch, env, log, undefined, metrics);
  // Workers own the store's upkeep in the scaled shape (the web server only reads it).
  if (env.STORE_COMPACT_MINUTES > 0) startCompaction(ch, env.STORE_COMPACT_MINUTES * 60_000, log);
  worker.running.crashed.catch((e: unknown) => {
    log(`ingest: consumer crashed: ${(e as Error).message}`);
    process.exit(1);
  });
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? `${e.name}: ${e.message}` : e);
  process.exit(1);
});
