import os from "node:os";
import type { Env } from "@/lib/env";
import type { CtiEvent } from "@/lib/events";
import { buildBatch } from "../pipeline/batch";
import { createConsumer } from "./kafkajs-adapter";

/**
 * The web server's view of the live stream when ingest workers (not this process)
 * write the store: every web server is its own consumer group, reading from the
 * newest offset, so each one sees every event. It stores nothing and commits
 * nothing (the group is thrown away with the process); invalid messages are simply
 * skipped here, since the workers dead-letter them.
 */
export async function startLiveTail(env: Env, onEvents: (events: readonly CtiEvent[]) => void, log: (line: string) => void): Promise<{ stop(): Promise<void> }> {
  const groupId = `${env.KAFKA_GROUP_ID}-live-${os.hostname()}-${process.pid}`;
  const consumer = await createConsumer({
    brokers: env.kafkaBrokers,
    clientId: `${env.KAFKA_CLIENT_ID}-web`,
    groupId,
    topic: env.KAFKA_TOPIC,
    fromBeginning: false,
    maxWaitMs: 100,
    maxBytesPerPartition: 1 << 20,
    sessionTimeoutMs: env.KAFKA_SESSION_TIMEOUT_MS,
  });
  await consumer.run(async (batch) => {
    const last = batch.messages[batch.messages.length - 1];
    if (!last) return;
    const { events } = buildBatch(
      batch.messages.map((m) => ({ payload: m.value ?? new Uint8Array(0), origin: { source: "kafka-live" } })),
      env.INGEST_MAX_EVENT_BYTES,
      Date.now(),
      env.INGEST_MAX_FUTURE_MS,
    );
    if (events.length > 0) onEvents(events);
    batch.resolve(last.offset);
  }, env.KAFKA_TOPIC_PARTITIONS);
  log(`live: following ${env.KAFKA_TOPIC} as ${groupId}`);
  return { stop: () => consumer.stop() };
}
