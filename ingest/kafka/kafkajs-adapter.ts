import { Kafka, logLevel, Partitioners, type Admin, type Batch, type Consumer, type EachBatchPayload, type IHeaders } from "kafkajs";
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
  /** How soon the group notices a member that died without leaving (kill -9). */
  sessionTimeoutMs: number;
};

export async function createConsumer(o: ConsumerOptions): Promise<BatchConsumer> {
  const consumer: Consumer = kafka(o).consumer({
    groupId: o.groupId,
    maxWaitTimeInMs: o.maxWaitMs,
    maxBytesPerPartition: o.maxBytesPerPartition,
    maxBytes: o.maxBytesPerPartition * 8,
    sessionTimeout: o.sessionTimeoutMs,
    heartbeatInterval: Math.max(1_000, Math.floor(o.sessionTimeoutMs / 10)),
    retry: { retries: 30, initialRetryTime: 300, maxRetryTime: 5_000 },
  });
  await consumer.connect();
  await consumer.subscribe({ topic: o.topic, fromBeginning: o.fromBeginning });
  let admin: Promise<Admin> | undefined;
  return {
    run: (handler: BatchHandler, concurrency: number) =>
      consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: concurrency,
        eachBatch: async (p: EachBatchPayload) => {
          // kafkajs's isStale says only that a seek is pending; a heartbeat refused because this member left the group says the rest.
          let lost = false;
          await handler({
            topic: p.batch.topic,
            partition: p.batch.partition,
            highWatermark: p.batch.highWatermark,
            fetchedOffset: fetchedOffset(p.batch),
            lastOffset: p.batch.lastOffset(),
            messages: p.batch.messages.map((m) => ({
              offset: m.offset,
              key: m.key,
              value: m.value,
              headers: headerStrings(m.headers),
              timestamp: Number(m.timestamp),
            })),
            isStale: () => lost || p.isStale(),
            isRunning: p.isRunning,
            heartbeat: async () => {
              try {
                await p.heartbeat();
              } catch (e) {
                if (membershipError(e)) lost = true;
                throw e;
              }
            },
            resolve: p.resolveOffset,
          });
        },
      }),
    commit: async (topic, partition, nextOffset, metadata) => {
      try {
        await consumer.commitOffsets([{ topic, partition, offset: nextOffset, metadata: metadata ?? null }]);
      } catch (e) {
        throw membershipError(e) ?? e;
      }
    },
    rewind: (topic, partition, offset) => consumer.seek({ topic, partition, offset }),
    committed: async (topic, partition) => {
      // The consumer keeps its committed offsets to itself (and without their metadata): ask the group's coordinator.
      admin ??= connected(kafka(o).admin()).catch((e: unknown) => {
        admin = undefined;
        throw e;
      });
      const topics = await (await admin).fetchOffsets({ groupId: o.groupId, topics: [topic] });
      const found = topics.find((t) => t.topic === topic)?.partitions.find((p) => p.partition === partition);
      return found ? { offset: found.offset, metadata: found.metadata } : undefined;
    },
    stop: async () => {
      await consumer.stop();
      await consumer.disconnect();
      if (admin) await (await admin).disconnect();
    },
    onGroupJoin: (listener) => {
      consumer.on(consumer.events.GROUP_JOIN, () => listener());
    },
    onRebalancing: (listener) => {
      consumer.on(consumer.events.REBALANCING, () => listener());
    },
    onCrash: (listener) => {
      consumer.on(consumer.events.CRASH, (e) => listener(e.payload.error, e.payload.restart));
    },
  };
}

async function connected(admin: Admin): Promise<Admin> {
  await admin.connect();
  return admin;
}

/**
 * Where the fetch behind this batch started. kafkajs keeps it on the batch (`fetchedOffset`)
 * without declaring it in its types; without it, the first message's offset is the best
 * answer (it differs only after records the client filtered, such as aborted ones).
 */
function fetchedOffset(batch: Batch): string {
  const fetched: unknown = (batch as Batch & { fetchedOffset?: unknown }).fetchedOffset;
  if (typeof fetched === "string" || typeof fetched === "number" || typeof fetched === "bigint") return String(fetched);
  return batch.firstOffset() ?? batch.lastOffset();
}

const MEMBERSHIP_ERRORS = new Set(["UNKNOWN_MEMBER_ID", "REBALANCE_IN_PROGRESS", "NOT_COORDINATOR_FOR_GROUP", "ILLEGAL_GENERATION"]);

/**
 * A commit refused because this member lost its place in the group (its session
 * expired under load, or a rebalance began) comes back from commitOffsets wrapped
 * as "non-retriable", which would make kafkajs stop the consumer for good. Its
 * consumer loop rejoins the group by itself when it sees the protocol error as
 * such, so that is what the batch handler throws: the uncommitted messages are
 * read again after the rejoin, and the store drops what was already written.
 */
export function membershipError(e: unknown): Error | undefined {
  for (let cause: unknown = e; cause instanceof Error; cause = (cause as { cause?: unknown }).cause) {
    const type = (cause as { type?: unknown }).type;
    if (typeof type === "string" && MEMBERSHIP_ERRORS.has(type)) return cause;
  }
  return undefined;
}

/** Below the broker's default message.max.bytes (1 MiB), which bounds a whole record batch, not one message. */
const MAX_REQUEST_BYTES = 512 * 1024;

const sizeOf = (m: OutgoingMessage) => (m.value?.length ?? 0) + (m.key?.length ?? 0) + Object.entries(m.headers ?? {}).reduce((a, [k, v]) => a + k.length + v.length, 0);

/** Splits messages into sends that each stay under `maxBytes` (a single larger message goes alone). */
export function chunkByBytes(messages: OutgoingMessage[], maxBytes: number): OutgoingMessage[][] {
  const chunks: OutgoingMessage[][] = [];
  let current: OutgoingMessage[] = [];
  let bytes = 0;
  for (const m of messages) {
    const size = sizeOf(m);
    if (current.length > 0 && bytes + size > maxBytes) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(m);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

export async function createProducer(c: KafkaConnection): Promise<MessageProducer> {
  // The default (murmur2, Java-compatible) partitioner: a key lands where Java producers put it.
  const producer = kafka(c).producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  return {
    send: async (topic: string, messages: OutgoingMessage[]) => {
      for (const chunk of chunkByBytes(messages, MAX_REQUEST_BYTES)) await producer.send({ topic, acks: -1, messages: chunk });
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
