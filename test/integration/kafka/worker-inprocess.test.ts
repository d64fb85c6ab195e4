import { KafkaJSNonRetriableError } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CtiEvent } from "@/lib/events";
import { parseEnv } from "@/lib/env";
import { ContactCentreSim, loadSimulatorConfig } from "@/ingest/simulator";
import { startKafkaConsumer, type RunningConsumer } from "@/ingest/kafka/start-consumer";
import { createProducer } from "@/ingest/kafka/kafkajs-adapter";
import { eventKey } from "@/ingest/kafka/event-key";
import { createTopic, ensureBroker, kafkaClient } from "../helpers/kafka";
import { queryRows, testStore } from "../helpers/store";
import { startWorker, metrics, waitFor } from "./worker-process";

/**
 * The consumer run inside this test process (the web server's single-process mode),
 * so the test can make the real store fail underneath it and read the store
 * directly afterwards.
 */
let brokers = "";
const running: RunningConsumer[] = [];

beforeAll(async () => {
  brokers = await ensureBroker();
}, 300_000);
afterAll(async () => {
  for (const r of running) await r.stop().catch(() => undefined);
});

function events(tenant: string, seed: number, count: number): CtiEvent[] {
  const sim = new ContactCentreSim({ ...loadSimulatorConfig(), tenantId: tenant }, { seed, startTime: Date.UTC(2026, 7, 3) });
  const out: CtiEvent[] = [];
  while (out.length < count) out.push(...sim.advanceTo(sim.now + 3_600_000));
  return out.slice(0, count);
}

async function consume(topic: string, extra: Record<string, string> = {}, onEvents?: (events: readonly CtiEvent[]) => void): Promise<RunningConsumer> {
  const { ch } = await testStore();
  const env = parseEnv({
    KAFKA_BROKERS: brokers,
    KAFKA_TOPIC: topic,
    KAFKA_GROUP_ID: `${topic}-g`,
    KAFKA_TOPIC_PARTITIONS: "4",
    KAFKA_SESSION_TIMEOUT_MS: "6000",
    ...extra,
  });
  const r = await startKafkaConsumer(ch, env, () => undefined, onEvents);
  running.push(r);
  return r;
}

async function storedIds(tenant: string): Promise<string[]> {
  const { ch } = await testStore();
  return (await queryRows<{ id: string }>(ch, "SELECT toString(event_id) id FROM cti_events WHERE tenant_id = {t:String}", { t: tenant })).map((r) => r.id);
}

async function committed(topic: string): Promise<number> {
  const admin = kafkaClient(brokers).admin();
  await admin.connect();
  const [offsets] = await admin.fetchOffsets({ groupId: `${topic}-g`, topics: [topic] });
  await admin.disconnect();
  return (offsets?.partitions ?? []).reduce((a, p) => a + Math.max(0, Number(p.offset)), 0);
}

describe("Kafka consumer against a failing store", () => {
  it("commits nothing while ClickHouse refuses writes, and stores everything once when it is back", async () => {
    const topic = `down-${process.pid}-${Date.now()}`;
    await createTopic(brokers, topic, 4);
    const sent = events("down", 5, 8000);
    const producer = await createProducer({ brokers: [brokers], clientId: "t" });
    await producer.send(
      topic,
      sent.map((e) => ({ key: eventKey(e), value: JSON.stringify(e) })),
    );
    await producer.stop();

    const { ch } = await testStore();
    // A real failure of the real engine: the table the worker writes is gone.
    await ch.command({ query: "RENAME TABLE cti_events TO cti_events_away" });
    let r: RunningConsumer;
    try {
      r = await consume(topic);
      await waitFor("retries", async () => r.metrics.retries >= 3, 60_000);
      expect(await committed(topic)).toBe(0);
      expect(r.ready()).toBe(false);
    } finally {
      await ch.command({ query: "RENAME TABLE cti_events_away TO cti_events" });
    }
    await waitFor("recovery", async () => r.metrics.commits > 0 && (await committed(topic)) === sent.length, 120_000);
    expect(r.ready()).toBe(true);
    const ids = await storedIds("down");
    expect(ids.length).toBe(sent.length);
    expect(new Set(ids)).toEqual(new Set(sent.map((e) => e.id)));
  }, 300_000);

  it("a worker started with an unreachable ClickHouse URL stays alive, not ready, and keeps trying", async () => {
    const w = startWorker({ KAFKA_BROKERS: brokers, CLICKHOUSE_URL: "http://127.0.0.1:1", KAFKA_TOPIC: "unused" });
    try {
      await waitFor("two store attempts", async () => w.log.join("").split("store not reachable").length > 2, 60_000, w.log);
      const base = `http://127.0.0.1:${w.port}`;
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect((await fetch(`${base}/readyz`)).status).toBe(503);
      expect((await metrics(w)).get("ingest_events_inserted_total")).toBe(0);
    } finally {
      w.child.kill("SIGTERM");
      expect(await w.exited).toBe(0);
    }
  }, 120_000);
});

describe("a consumer the client gives up on", () => {
  it("is rebuilt in the process: not ready while it rejoins, then every event stored once", async () => {
    const topic = `crash-${process.pid}-${Date.now()}`;
    await createTopic(brokers, topic, 4);
    const sent = events("gaveup", 17, 6000);
    // Once, after a block was stored and before its commit, the batch handler fails with an error kafkajs counts
    // as not retriable (as the coordinator's "not aware of this member" was under load), so kafkajs stops the
    // consumer for good (CRASH with restart false): the path that used to end ingestion silently.
    let failures = 0;
    const r = await consume(topic, {}, () => {
      if (failures++ === 0) throw new KafkaJSNonRetriableError("provoked: not retriable");
    });
    const states: string[] = [];
    const watch = setInterval(() => states.push(`${r.membership().state}/${r.ready()}`), 20);
    try {
      const producer = await createProducer({ brokers: [brokers], clientId: "t" });
      await producer.send(
        topic,
        sent.map((e) => ({ key: eventKey(e), value: JSON.stringify(e) })),
      );
      await producer.stop();
      await waitFor("the consumer rebuilt and everything committed", async () => r.membership().restarts === 1 && (await committed(topic)) === sent.length, 180_000);
    } finally {
      clearInterval(watch);
    }
    // The gap was visible (rejoining, not ready), and over: in the group, ready.
    expect(states).toContain("rejoining/false");
    expect(r.membership()).toMatchObject({ state: "consuming", restarts: 1, rejoins: 1 });
    expect(r.ready()).toBe(true);
    const ids = await storedIds("gaveup");
    expect(ids.length).toBe(sent.length);
    expect(new Set(ids)).toEqual(new Set(sent.map((e) => e.id)));
  }, 300_000);
});

describe("two workers in one consumer group", () => {
  it("share the partitions, survive one leaving mid-stream, and store each event once", async () => {
    const topic = `rebalance-${process.pid}-${Date.now()}`;
    await createTopic(brokers, topic, 4);
    const sent = events("rebalance", 13, 40_000);
    const extra = { INGEST_BLOCK_OFFSETS: "1000" };
    const a = await consume(topic, extra);
    const b = await consume(topic, extra);
    await waitFor("both members in the group", async () => a.ready() && b.ready(), 120_000);
    const producer = await createProducer({ brokers: [brokers], clientId: "t" });
    await producer.send(
      topic,
      sent.slice(0, 20_000).map((e) => ({ key: eventKey(e), value: JSON.stringify(e) })),
    );
    await waitFor("both members to work", async () => a.metrics.commits > 0 && b.metrics.commits > 0, 120_000);
    // One member leaves while the rest is still arriving: its partitions move to the other.
    await a.stop();
    await producer.send(
      topic,
      sent.slice(20_000).map((e) => ({ key: eventKey(e), value: JSON.stringify(e) })),
    );
    await producer.stop();
    await waitFor("everything committed", async () => (await committed(topic)) === sent.length, 180_000);
    const ids = await storedIds("rebalance");
    expect(ids.length).toBe(sent.length);
    expect(new Set(ids)).toEqual(new Set(sent.map((e) => e.id)));
  }, 300_000);
});

describe("poison messages", () => {
  it("sends each of 10,000 malformed messages to the DLQ with its reason, and stores every valid one", async () => {
    const topic = `poison-${process.pid}-${Date.now()}`;
    await createTopic(brokers, topic, 4);
    const good = events("poison", 9, 10_000);
    const template = JSON.stringify(good[0]);
    const kinds: Array<[string, (i: number) => Buffer]> = [
      ["malformed_json", (i) => Buffer.from(`{"specVersion":"1.0","id":"${i}"`)],
      ["schema_violation", (i) => Buffer.from(template.replace(/"time":\d+/, `"time":"noon-${i}"`))],
      ["unknown_type", (i) => Buffer.from(template.replace(/"type":"[^"]+"/, `"type":"call.teleported.${i}"`))],
      ["oversized", (i) => Buffer.from(JSON.stringify({ ...good[0], raw: { blob: `${i}`.padEnd(70_000, "x") } }))],
      ["invalid_utf8", (i) => Buffer.concat([Buffer.from(`{"n":${i},"s":"`), Buffer.from([0xc3, 0x28]), Buffer.from('"}')])],
    ];
    const bad = Array.from({ length: 10_000 }, (_, i) => {
      const [reason, make] = kinds[i % kinds.length] as [string, (i: number) => Buffer];
      return { reason, value: make(i), key: `bad-${i}` };
    });
    const messages = good.flatMap((e, i) => {
      const b = bad[i];
      const valid = { key: eventKey(e), value: JSON.stringify(e) };
      return b ? [{ key: b.key, value: b.value, headers: { "x-test": `bad-${i}` } }, valid] : [valid];
    });
    const producer = await createProducer({ brokers: [brokers], clientId: "t" });
    await producer.send(topic, messages);
    await producer.stop();

    const r = await consume(topic, { INGEST_MAX_EVENT_BYTES: "65536" });
    // Every offset committed (the counters count a block read again after a rejoin twice).
    await waitFor("all consumed", async () => (await committed(topic)) === messages.length, 180_000);
    expect(r.metrics.inserted).toBeGreaterThanOrEqual(good.length);
    expect(r.metrics.deadLettered).toBeGreaterThanOrEqual(bad.length);
    expect(new Set(await storedIds("poison"))).toEqual(new Set(good.map((e) => e.id)));

    // Read the whole DLQ topic back: original key, value and headers, plus the reason.
    const consumer = kafkaClient(brokers).consumer({ groupId: `${topic}-dlq-reader` });
    await consumer.connect();
    await consumer.subscribe({ topic: `${topic}.dlq`, fromBeginning: true });
    const seen = new Map<string, { reason: string; value: Buffer; header: string }>();
    await consumer.run({
      eachMessage: async ({ message }) => {
        seen.set(message.key?.toString() ?? "", {
          reason: message.headers?.["x-dlq-reason"]?.toString() ?? "",
          value: message.value ?? Buffer.alloc(0),
          header: message.headers?.["x-test"]?.toString() ?? "",
        });
      },
    });
    await waitFor("the DLQ to be read", async () => seen.size >= bad.length, 120_000);
    await consumer.disconnect();
    expect(seen.size).toBe(bad.length);
    for (const [i, b] of bad.entries()) {
      const got = seen.get(b.key);
      expect(got?.reason, b.key).toBe(b.reason);
      expect(got?.value.equals(b.value), b.key).toBe(true);
      expect(got?.header).toBe(`bad-${i}`);
    }
    const { ch } = await testStore();
    const [letters] = await queryRows<{ n: string }>(ch, "SELECT count() n FROM dead_letters WHERE topic = {t:String}", { t: topic });
    expect(Number(letters?.n)).toBe(bad.length);
  }, 300_000);
});
