import type { ClickHouseClient } from "@clickhouse/client";
import type { Env } from "@/lib/env";
import type { CtiEvent } from "@/lib/events";
import { createAdmin, createConsumer, createProducer } from "./kafkajs-adapter";
import { KafkaIngestWorker } from "./ingest-worker";
import { WorkerMetrics } from "./metrics";

export type RunningConsumer = {
  metrics: WorkerMetrics;
  ready: () => boolean;
  /** Stop fetching, flush, commit, leave the group. */
  stop: () => Promise<void>;
  /** Rejects if the consumer crashes for good. */
  crashed: Promise<never>;
};

/**
 * Starts a consumer-group member that feeds `cti.events` into the store: used by
 * the worker process (npm run ingest) and, in single-process mode, by the web server.
 */
export async function startKafkaConsumer(
  ch: ClickHouseClient,
  env: Env,
  log: (line: string) => void,
  onEvents?: (events: readonly CtiEvent[]) => void,
  metrics: WorkerMetrics = new WorkerMetrics(),
): Promise<RunningConsumer> {
  const connection = { brokers: env.kafkaBrokers, clientId: env.KAFKA_CLIENT_ID };
  const admin = await createAdmin(connection);
  await admin.ensureTopic(env.KAFKA_TOPIC, env.KAFKA_TOPIC_PARTITIONS);
  await admin.ensureTopic(env.dlqTopic, env.KAFKA_TOPIC_PARTITIONS);
  await admin.stop();

  const producer = await createProducer(connection);
  const consumer = await createConsumer({
    ...connection,
    groupId: env.KAFKA_GROUP_ID,
    topic: env.KAFKA_TOPIC,
    fromBeginning: true,
    maxWaitMs: env.INGEST_FLUSH_MS,
    // Room for a whole block in one fetch (2 KiB a message, above the simulator's 1.3 KiB average);
    // a block of larger messages is gathered over several fetches (ingest-worker.ts).
    maxBytesPerPartition: Math.max(4 * 1024 * 1024, env.INGEST_BLOCK_OFFSETS * 2048),
    sessionTimeoutMs: env.KAFKA_SESSION_TIMEOUT_MS,
  });
  const worker = new KafkaIngestWorker({
    ch,
    consumer,
    producer,
    dlqTopic: env.dlqTopic,
    metrics,
    blockOffsets: env.INGEST_BLOCK_OFFSETS,
    flushMs: env.INGEST_FLUSH_MS,
    maxEventBytes: env.INGEST_MAX_EVENT_BYTES,
    maxFutureMs: env.INGEST_MAX_FUTURE_MS,
    log,
    onEvents,
  });
  let joined = false;
  consumer.onGroupJoin(() => {
    joined = true;
    worker.rejoined();
  });
  const crashed = new Promise<never>((_, reject) =>
    consumer.onCrash((e, restart) => {
      if (restart) log(`ingest: consumer error, restarting: ${e.message}`);
      else reject(e);
    }),
  );
  crashed.catch(() => undefined);
  await consumer.run(worker.handle, env.KAFKA_TOPIC_PARTITIONS);
  log(`ingest: consuming ${env.KAFKA_TOPIC} as group ${env.KAFKA_GROUP_ID} from ${env.kafkaBrokers.join(",")}`);
  return {
    metrics,
    ready: () => joined && worker.storeHealthy,
    crashed,
    stop: async () => {
      const draining = worker.drain();
      await consumer.stop();
      await draining;
      await producer.stop();
    },
  };
}
