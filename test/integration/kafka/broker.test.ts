import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Partitioners, type Consumer, type Producer } from "kafkajs";
import { createTopic, deleteTopic, ensureBroker, kafkaClient } from "../helpers/kafka";

// A real broker round trip: kafkajs against this checkout's Apache Kafka (infra/kafka).
const PARTITIONS = 3;
const MESSAGES = 1_000;
const KEYS = 25;

interface Received {
  key: string;
  seq: number;
  partition: number;
  offset: string;
}

describe("Kafka broker (real, single-node KRaft)", () => {
  const topic = `broker-test-${randomUUID()}`;
  let brokers = "";
  let producer: Producer | undefined;
  let consumer: Consumer | undefined;

  beforeAll(async () => {
    brokers = await ensureBroker();
    expect(await createTopic(brokers, topic, PARTITIONS)).toBe(true);
  }, 300_000);

  afterAll(async () => {
    await consumer?.disconnect();
    await producer?.disconnect();
    if (brokers) await deleteTopic(brokers, topic);
  }, 120_000);

  it("delivers 1,000 keyed messages to a consumer group exactly once, in order per key", async () => {
    const kafka = kafkaClient(brokers);

    const admin = kafka.admin();
    await admin.connect();
    const meta = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(meta.topics[0]?.partitions).toHaveLength(PARTITIONS);

    producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const nextSeq = new Map<string, number>();
    for (let start = 0; start < MESSAGES; start += 100) {
      const batch = [];
      for (let i = start; i < Math.min(start + 100, MESSAGES); i++) {
        const key = `agent-${i % KEYS}`;
        const seq = nextSeq.get(key) ?? 0;
        nextSeq.set(key, seq + 1);
        batch.push({ key, value: JSON.stringify({ key, seq, i }) });
      }
      await producer.send({ topic, acks: -1, messages: batch });
    }

    const offsets = await admin.fetchTopicOffsets(topic);
    expect(offsets).toHaveLength(PARTITIONS);
    expect(offsets.reduce((sum, p) => sum + Number(p.high), 0)).toBe(MESSAGES);
    // 25 keys spread over 3 partitions: every partition gets some.
    for (const p of offsets) expect(Number(p.high)).toBeGreaterThan(0);
    await admin.disconnect();

    const received: Received[] = [];
    let resolveAll: () => void = () => undefined;
    const all = new Promise<void>((resolve) => {
      resolveAll = resolve;
    });
    consumer = kafka.consumer({ groupId: `broker-test-${randomUUID()}`, sessionTimeout: 30_000, heartbeatInterval: 3_000 });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        const body: unknown = JSON.parse(message.value?.toString() ?? "null");
        const { key, seq } = body as { key: string; seq: number };
        expect(message.key?.toString()).toBe(key);
        received.push({ key, seq, partition, offset: message.offset });
        if (received.length >= MESSAGES) resolveAll();
      },
    });

    const timeout = new Promise<never>((_, reject) => {
      setTimeout(() => reject(new Error(`only ${received.length}/${MESSAGES} messages arrived in 90 s`)), 90_000).unref();
    });
    await Promise.race([all, timeout]);
    // Linger a moment so that a duplicate delivery would be seen.
    await new Promise((r) => setTimeout(r, 1_500));
    await consumer.disconnect();
    consumer = undefined;

    // Exactly once: 1,000 distinct (key, seq) pairs and nothing else.
    expect(received).toHaveLength(MESSAGES);
    expect(new Set(received.map((m) => `${m.key}#${m.seq}`)).size).toBe(MESSAGES);

    // Per-key order: each key's messages arrive as seq 0, 1, 2, ... from a single partition.
    const byKey = new Map<string, Received[]>();
    for (const m of received) byKey.set(m.key, [...(byKey.get(m.key) ?? []), m]);
    expect(byKey.size).toBe(KEYS);
    for (const [key, msgs] of byKey) {
      expect(msgs.map((m) => m.seq), key).toEqual(msgs.map((_, i) => i));
      expect(msgs.length, key).toBe(nextSeq.get(key));
      expect(new Set(msgs.map((m) => m.partition)).size, key).toBe(1);
    }
    expect(new Set(received.map((m) => m.partition)).size).toBe(PARTITIONS);
  }, 240_000);
});
