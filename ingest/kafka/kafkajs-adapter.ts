import { Kafka, logLevel, type Consumer, type EachBatchPayload, type IHeaders } from "kafkajs";
import type { BatchConsumer, BatchHandler, MessageProducer, OutgoingMessage, TopicAdmin } from "./types";

/** The one module that knows kafkajs. */

export type KafkaConnection = { brokers: string[]; clientId: string };

function kafka({ brokers, clientId }: KafkaConnection): Kafka {
  return new Kafka({
    brokers,
    clientId,
    logLevel: logLevel.WARN,
    // A broker that is restarting should be waited for, not given up on.
    retry: { initialRetryTime: 300, retries: 30, maxRetryTime: 5_000 },
    connectionTimeout: 5_000,
  });
}

function headerStrings(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (v === undefined) continue;
    out[k] = Array.isArray(v) ? v.map(String).join(",") : v.toString();
  }
  return out;
}

export type ConsumerOptions = KafkaConnection & {
  groupId: string;
  topic: string;
  fromBeginning: boolean;
  /** How long the broker may hold a fetch open waiting for data: the flush time under light load. */
  maxWaitMs: number;
  maxBytesPerPartition: number;
};

export async function createConsumer(o: ConsumerOptions): Promise<BatchConsumer> {
  const consumer: Consumer = kafka(o).consumer({
    groupId: o.groupId,
    maxWaitTimeInMs: o.maxWaitMs,
    maxBytesPerPartition: o.maxBytesPerPartition,
    maxBytes: o.maxBytesPerPartition * 8,
    sessionTimeout: 30_000,
    heartbeatInterval: 3_000,
    retry: { retries: 30, initialRetryTime: 300, maxRetryTime: 5_000 },
  });
  await consumer.connect();
  await consumer.subscribe({ topic: o.topic, fromBeginning: o.fromBeginning });
  return {
    run: (handler: BatchHandler, concurrency: number) =>
      consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: concurrency,
        eachBatch: async (p: EachBatchPayload) => {
          await handler({
            topic: p.batch.topic,
            partition: p.batch.partition,
            highWatermark: p.batch.highWatermark,
            messages: p.batch.messages.map((m) => ({
              offset: m.offset,
              key: m.key,
              value: m.value,
              headers: headerStrings(m.headers),
              timestamp: Number(m.timestamp),
            })),
            isStale: p.isStale,
            isRunning: p.isRunning,
            heartbeat: p.heartbeat,
            resolve: p.resolveOffset,
          });
        },
      }),
    commit: (topic, partition, nextOffset) => consumer.commitOffsets([{ topic, partition, offset: nextOffset }]),
    stop: async () => {
      await consumer.stop();
      await consumer.disconnect();
    },
    onGroupJoin: (listener) => {
      consumer.on(consumer.events.GROUP_JOIN, () => listener());
    },
    onCrash: (listener) => {
      consumer.on(consumer.events.CRASH, (e) => listener(e.payload.error));
    },
  };
}

export async function createProducer(c: KafkaConnection): Promise<MessageProducer> {
  const producer = kafka(c).producer({ allowAutoTopicCreation: false });
  await producer.connect();
  return {
    send: async (topic: string, messages: OutgoingMessage[]) => {
      await producer.send({ topic, acks: -1, messages });
    },
    stop: () => producer.disconnect(),
  };
}

export async function createAdmin(c: KafkaConnection): Promise<TopicAdmin> {
  const admin = kafka(c).admin();
  await admin.connect();
  return {
    ensureTopic: async (topic, partitions) => {
      const existing = await admin.listTopics();
      if (!existing.includes(topic)) {
        // Replication follows the broker's default.replication.factor.
        await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: partitions }] });
      }
    },
    stop: () => admin.disconnect(),
  };
}
