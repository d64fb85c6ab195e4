import type { ClickHouseClient } from "@clickhouse/client";
import type { Env } from "@/lib/env";
import type { CtiEvent } from "@/lib/events";
import { retryUntil } from "@/lib/retry-until";
import { createAdmin, createConsumer, createProducer } from "./kafkajs-adapter";
import { KafkaIngestWorker } from "./ingest-worker";
import { Membership, type MembershipState } from "./membership";
import { WorkerMetrics } from "./metrics";
import type { BatchConsumer, MessageProducer } from "./types";

export type RunningConsumer = {
  metrics: WorkerMetrics;
  /** In the group and the store accepting writes. */
  ready: () => boolean;
  membership: () => MembershipState;
  /** Stop fetching, flush, commit, leave the group. */
  stop: () => Promise<void>;
};

/** One consumer and its worker: what a crash the client will not restart from replaces whole. */
type Incarnation = { consumer: BatchConsumer; worker: KafkaIngestWorker };

/**
 * Starts a consumer-group member that feeds `cti.events` into the store: used by
 * the worker process (npm run ingest) and, in single-process mode, by the web server.
 *
 * It outlives its consumer. kafkajs rejoins by itself after a rebalance or an eviction it
 * notices (a member starved past its session timeout), and restarts itself after errors it
 * counts as retriable; any other crash (an error it does not know, the coordinator
 * forgetting the member while it was joining again) stops its consumer for good. Then this
 * builds a new consumer and worker, which join the group as a new member and read each
 * partition from its commit: what the old one held uncommitted is read again, and the
 * store's block tokens drop what was already written. Until the new member has joined,
 * `ready()` is false and `membership()` says since when and why (readiness, /api/health).
 */
export async function startKafkaConsumer(
  ch: ClickHouseClient,
  env: Env,
  log: (line: string) => void,
  onEvents?: (events: readonly CtiEvent[]) => void,
  metrics: WorkerMetrics = new WorkerMetrics(),
  onMembership?: (state: MembershipState) => void,
): Promise<RunningConsumer> {
  const connection = { brokers: env.kafkaBrokers, clientId: env.KAFKA_CLIENT_ID };
  const admin = await createAdmin(connection);
  await admin.ensureTopic(env.KAFKA_TOPIC, env.KAFKA_TOPIC_PARTITIONS);
  await admin.ensureTopic(env.dlqTopic, env.KAFKA_TOPIC_PARTITIONS);
  await admin.stop();

  const producer = await createProducer(connection);
  const membership = new Membership(Date.now, (s) => {
    metrics.membership = s;
    onMembership?.(s);
  });
  const stopping = new AbortController();
  let current: Incarnation | undefined;
  let rebuilding: Promise<void> | undefined;
  const start = () => incarnation(ch, env, producer, metrics, membership, log, onEvents, (e, dead) => void rebuild(e, dead));

  /** Replaces the incarnation whose client gave up (once, however many of its callbacks report it). */
  function rebuild(e: Error, dead: BatchConsumer): Promise<void> {
    if (current && current.consumer !== dead) return Promise.resolve();
    rebuilding ??= (async () => {
      membership.left(e.message, true);
      log(`ingest: the consumer stopped (${e.message}); joining the group again as a new member, from the committed offsets`);
      const old = current;
      current = undefined;
      if (old) {
        await old.worker.drain();
        await old.consumer.stop().catch((err: unknown) => log(`ingest: stopping the old consumer: ${(err as Error).message}`));
      }
      current = await retryUntil(start, {
        firstDelayMs: 1_000,
        maxDelayMs: 30_000,
        signal: stopping.signal,
        onRetry: (err, delay) => log(`ingest: cannot rejoin yet (${err.message}); retrying in ${delay} ms`),
      });
    })()
      .catch((err: unknown) => log(`ingest: rejoining stopped: ${(err as Error).message}`))
      .finally(() => (rebuilding = undefined));
    return rebuilding;
  }

  const first = await start();
  // A crash while it was starting has already replaced it.
  if (!rebuilding && !current) current = first;

  log(`ingest: consuming ${env.KAFKA_TOPIC} as group ${env.KAFKA_GROUP_ID} from ${env.kafkaBrokers.join(",")}`);
  return {
    metrics,
    ready: () => membership.current.state === "consuming" && (current?.worker.storeHealthy ?? false),
    membership: () => membership.current,
    stop: async () => {
      stopping.abort();
      await rebuilding;
      const last = current;
      if (last) {
        const draining = last.worker.drain();
        await last.consumer.stop();
        await draining;
      }
      await producer.stop();
    },
  };
}

async function incarnation(
  ch: ClickHouseClient,
  env: Env,
  producer: MessageProducer,
  metrics: WorkerMetrics,
  membership: Membership,
  log: (line: string) => void,
  onEvents: ((events: readonly CtiEvent[]) => void) | undefined,
  crashed: (e: Error, consumer: BatchConsumer) => void,
): Promise<Incarnation> {
  const consumer = await createConsumer({
    brokers: env.kafkaBrokers,
    clientId: env.KAFKA_CLIENT_ID,
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
  consumer.onGroupJoin(() => {
    worker.rejoined();
    membership.joined();
  });
  consumer.onRebalancing(() => membership.left("the group is rebalancing"));
  consumer.onCrash((e, restart) => {
    if (restart) {
      membership.left(e.message);
      log(`ingest: consumer error, the client restarts itself: ${e.message}`);
    } else crashed(e, consumer);
  });
  await consumer.run(worker.handle, env.KAFKA_TOPIC_PARTITIONS);
  return { consumer, worker };
}
