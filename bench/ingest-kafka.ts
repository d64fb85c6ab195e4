import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { CtiEvent } from "../lib/events";
import { parseEnv } from "../lib/env";
import { getClickHouse } from "../lib/store/client";
import { eventToRow } from "../lib/store/event-row";
import { migrate } from "../sql/migrate";
import { ContactCentreSim, loadSimulatorConfig } from "../ingest/simulator";
import { createAdmin, createConsumer, createProducer } from "../ingest/kafka/kafkajs-adapter";
import { eventKey } from "../ingest/kafka/event-key";

/**
 * bench:ingest -- --kafka: the Kafka worker (a separate process, as deployed) against
 * two ceilings measured in the same run on the same data: consuming alone (same
 * client and settings, no insert) and inserting alone (same rows, no Kafka). Then a
 * latency run at a steady offered load: produce time to queryable.
 */
const ROOT = process.cwd();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function brokers(): string {
  if (process.env.KAFKA_BROKERS) return process.env.KAFKA_BROKERS;
  execFileSync("bash", [path.join(ROOT, "infra/kafka/kafka.sh"), "up"], { stdio: "inherit" });
  return "127.0.0.1:9092";
}

function generate(total: number): CtiEvent[] {
  const sim = new ContactCentreSim({ ...loadSimulatorConfig(), tenantId: "bench" }, { seed: 3, startTime: Date.UTC(2026, 0, 1) });
  const out: CtiEvent[] = [];
  while (out.length < total) for (const e of sim.advanceTo(sim.now + 3_600_000)) out.push(e);
  return out.slice(0, total);
}

async function produce(b: string, topic: string, events: readonly CtiEvent[]): Promise<void> {
  const p = await createProducer({ brokers: [b], clientId: "bench" });
  for (let i = 0; i < events.length; i += 10_000)
    await p.send(
      topic,
      events.slice(i, i + 10_000).map((e) => ({ key: eventKey(e), value: JSON.stringify(e) })),
    );
  await p.stop();
}

async function consumeAlone(b: string, topic: string, total: number): Promise<number> {
  const consumer = await createConsumer({
    brokers: [b],
    clientId: "bench-consume",
    groupId: `${topic}-consume-only`,
    topic,
    fromBeginning: true,
    maxWaitMs: 250,
    maxBytesPerPartition: 4 << 20,
    sessionTimeoutMs: 10_000,
  });
  let seen = 0;
  let first = 0;
  let last = 0;
  await consumer.run(async (batch) => {
    if (first === 0) first = Date.now();
    const lastMsg = batch.messages[batch.messages.length - 1];
    if (!lastMsg) return;
    // Same per-message work a consumer cannot avoid: touch the bytes.
    for (const m of batch.messages) seen += m.value ? 1 : 0;
    await consumer.commit(batch.topic, batch.partition, (BigInt(lastMsg.offset) + 1n).toString());
    batch.resolve(lastMsg.offset);
    last = Date.now();
  }, 12);
  while (seen < total) await sleep(100);
  await consumer.stop();
  return total / ((last - first) / 1000);
}

async function insertAlone(events: readonly CtiEvent[], dataDir: string): Promise<number> {
  const ch = await getClickHouse(parseEnv({ DATA_DIR: dataDir }));
  await migrate(ch);
  const rows = events.map((e) => eventToRow({ ...e, tenantId: "ceiling" }));
  const t = performance.now();
  for (let i = 0; i < rows.length; i += 20_000) await ch.insert({ table: "cti_events", values: rows.slice(i, i + 20_000), format: "JSONEachRow" });
  return rows.length / ((performance.now() - t) / 1000);
}

type Metrics = Map<string, number>;
async function scrape(port: number): Promise<Metrics> {
  const m: Metrics = new Map();
  try {
    for (const line of (await (await fetch(`http://127.0.0.1:${port}/metrics`)).text()).split("\n")) {
      if (!line || line.startsWith("#")) continue;
      const i = line.lastIndexOf(" ");
      m.set(line.slice(0, i), Number(line.slice(i + 1)));
    }
  } catch {
    // not up yet
  }
  return m;
}

function startWorker(b: string, topic: string, dataDir: string, port: number) {
  const child = spawn(process.execPath, ["--import", "tsx", "ingest/worker/main.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      KAFKA_BROKERS: b,
      KAFKA_TOPIC: topic,
      KAFKA_GROUP_ID: `${topic}-worker`,
      DATA_DIR: dataDir,
      INGEST_HTTP_PORT: String(port),
      KAFKAJS_NO_PARTITIONER_WARNING: "1",
    },
    stdio: "ignore",
  });
  return { child, exited: new Promise((r) => child.on("exit", r)) };
}

async function runWorkerUntil(port: number, total: number): Promise<Metrics> {
  for (;;) {
    const m = await scrape(port);
    const done = (m.get("ingest_events_inserted_total") ?? 0) + (m.get("ingest_events_already_stored_total") ?? 0);
    const lag = [...m].filter(([k]) => k.startsWith("ingest_consumer_lag")).reduce((a, [, v]) => a + v, 0);
    if (done >= total && lag === 0 && (m.get("ingest_last_commit_timestamp_seconds") ?? 0) > 0) return m;
    await sleep(200);
  }
}

export async function benchKafka(total: number): Promise<void> {
  const b = brokers();
  const stamp = Date.now();
  const topic = `bench-${stamp}`;
  const admin = await createAdmin({ brokers: [b], clientId: "bench" });
  await admin.ensureTopic(topic, 12);
  await admin.stop();
  console.log(`bench:ingest --kafka: ${total.toLocaleString("en")} events, topic ${topic} (12 partitions)`);
  const events = generate(total);
  let t = performance.now();
  await produce(b, topic, events);
  console.log(`  pre-produced in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const consumeRate = await consumeAlone(b, topic, total);
  const insertRate = await insertAlone(events, fs.mkdtempSync(path.join(os.tmpdir(), "bench-ceiling-")));

  const port = 19_464;
  const worker = startWorker(b, topic, fs.mkdtempSync(path.join(os.tmpdir(), "bench-worker-")), port);
  const m = await runWorkerUntil(port, total);
  const seconds = (m.get("ingest_last_commit_timestamp_seconds") ?? 0) - (m.get("ingest_first_fetch_timestamp_seconds") ?? 0);
  const workerRate = total / seconds;
  const rssMiB = (m.get("process_max_resident_memory_bytes") ?? 0) / 1024 / 1024;
  worker.child.kill("SIGTERM");
  await worker.exited;

  // Latency at a steady offered load, against a fresh worker on a fresh topic.
  const offered = 5_000;
  const latencyTopic = `${topic}-latency`;
  const admin2 = await createAdmin({ brokers: [b], clientId: "bench" });
  await admin2.ensureTopic(latencyTopic, 12);
  await admin2.stop();
  const lw = startWorker(b, latencyTopic, fs.mkdtempSync(path.join(os.tmpdir(), "bench-latency-")), port + 1);
  const producer = await createProducer({ brokers: [b], clientId: "bench-latency" });
  const load = generate(offered * 30);
  while ((await scrape(port + 1)).size === 0) await sleep(200);
  t = Date.now();
  let sent = 0;
  while (sent < load.length) {
    const due = Math.min(load.length, Math.floor(((Date.now() - t) / 1000) * offered));
    if (due > sent) {
      await producer.send(
        latencyTopic,
        load.slice(sent, due).map((e) => ({ key: eventKey(e), value: JSON.stringify({ ...e, tenantId: "latency" }) })),
      );
      sent = due;
    }
    await sleep(20);
  }
  await producer.stop();
  const lm = await runWorkerUntil(port + 1, load.length);
  lw.child.kill("SIGTERM");
  await lw.exited;

  const lower = Math.min(consumeRate, insertRate);
  const f = (n: number) => Math.round(n).toLocaleString("en");
  console.log("");
  console.log(`worker, first fetch to last commit : ${f(workerRate)} events/s (${seconds.toFixed(1)} s)   goal >= 50,000`);
  console.log(`ceiling, consume alone             : ${f(consumeRate)} events/s   worker / this = ${(workerRate / consumeRate).toFixed(2)}`);
  console.log(`ceiling, insert alone              : ${f(insertRate)} events/s   worker / this = ${(workerRate / insertRate).toFixed(2)}`);
  console.log(`worker / lower ceiling             : ${(workerRate / lower).toFixed(2)}   goal >= 0.7`);
  console.log(`worker peak RSS                    : ${rssMiB.toFixed(0)} MiB   goal < 512`);
  const q = (k: string) => ((lm.get(`ingest_produce_to_stored_seconds{quantile="${k}"}`) ?? Number.NaN) * 1000).toFixed(0);
  console.log(`produce -> queryable at ${f(offered)}/s   : p50 ${q("0.5")} ms, p95 ${q("0.95")} ms, p99 ${q("0.99")} ms   goal p95 < 2000 ms`);
}
