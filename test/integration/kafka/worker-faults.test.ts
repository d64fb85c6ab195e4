import { execFile } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CtiEvent } from "@/lib/events";
import { ContactCentreSim, loadSimulatorConfig } from "@/ingest/simulator";
import { createTopic, ensureBroker } from "../helpers/kafka";
import { expectedDerivedSums, type DerivedSums } from "../helpers/derived-sums";
import { metrics, produce, startWorker, storeTool, tempDir, totalLag, waitFor, type Worker } from "./worker-process";

/**
 * The real ingest worker (npm run ingest, a separate process) against the real
 * broker and the embedded ClickHouse engine, under faults. Each test checks the
 * store afterwards against the events it produced: the same set of ids (nothing
 * lost), one row each, and sums over the derived tables' raw rows that counted
 * each event once (see test/helpers/derived-sums.ts; the worker's merges run
 * meanwhile and may collapse a repeat before the audit, so this catches lost
 * derived rows surely and repeated ones only while unmerged; the deterministic
 * repeat checks are in test/ingest/pipeline.test.ts).
 */
const DAY = 86_400_000;
const ROOT = path.resolve(import.meta.dirname, "..", "..", "..");
const config = loadSimulatorConfig();
let brokers = "";
let run = 0;

/**
 * The fault loads include the simulator's recordings: their transcript segments (a few KB each)
 * make each insert slower, so a kill lands more often between the raw events' commit and their
 * views' (docs/architecture.md, "Exactly once, as the user sees it"), which the fixed offset
 * blocks of the Kafka path must repair.
 */
function simulate(tenant: string, seed: number, from: number, minEvents: number): CtiEvent[] {
  const sim = new ContactCentreSim({ ...config, tenantId: tenant, behaviours: { ...config.behaviours, recordings: true } }, { seed, startTime: from });
  const events: CtiEvent[] = [];
  while (events.length < minEvents) for (const e of sim.advanceTo(sim.now + 3_600_000)) events.push(e);
  return events;
}

function workerEnv(topic: string, dataDir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    KAFKA_BROKERS: brokers,
    KAFKA_TOPIC: topic,
    KAFKA_GROUP_ID: `${topic}-group`,
    KAFKA_TOPIC_PARTITIONS: "6",
    KAFKA_SESSION_TIMEOUT_MS: "6000",
    DATA_DIR: dataDir,
    ...extra,
  };
}

async function untilDone(w: Worker, expected: number, timeoutMs: number): Promise<void> {
  await waitFor(
    "the worker to store everything",
    async () => {
      const m = await metrics(w);
      return (m.get("ingest_events_inserted_total") ?? 0) + (m.get("ingest_events_already_stored_total") ?? 0) >= expected && totalLag(m) === 0;
    },
    timeoutMs,
    w.log,
  );
}

async function stop(w: Worker): Promise<number | null> {
  w.child.kill("SIGTERM");
  return w.exited;
}

type Audit = { ids: string[]; exitedLegs: number; transcriptSegments: number; derived: DerivedSums };

function expectExactlyOnce(audit: Audit, produced: readonly CtiEvent[]): void {
  expect(audit.ids.length).toBe(produced.length);
  expect(new Set(audit.ids)).toEqual(new Set(produced.map((e) => e.id)));
  const exits = produced.filter((e) => e.type === "call.queue_exited").length;
  expect(audit.exitedLegs).toBe(exits);
  // Raw rows of a table the entry table's views write (the merges may have collapsed a repeat, never a lost row).
  expect(audit.transcriptSegments).toBe(produced.filter((e) => e.type === "transcript.segment").length);
  expect(audit.derived).toEqual(expectedDerivedSums(produced));
}

beforeAll(async () => {
  brokers = await ensureBroker();
}, 300_000);

const fresh = async (name: string) => {
  run += 1;
  const topic = `t-${name}-${process.pid}-${run}-${Date.now()}`;
  await createTopic(brokers, topic, 6);
  return topic;
};

describe("Kafka ingest worker", () => {
  it("round trip: a simulated day through Kafka gives the KPIs of the same day ingested in-process", async () => {
    const topic = await fresh("roundtrip");
    const from = Date.UTC(2026, 4, 12);
    const events = new ContactCentreSim({ ...config, tenantId: "rt" }, { seed: 11, startTime: from }).advanceTo(from + DAY + 6 * 3_600_000);
    await produce(brokers, topic, events);
    const viaKafka = tempDir("rt-kafka-");
    const w = startWorker(workerEnv(topic, viaKafka));
    await untilDone(w, events.length, 120_000);
    expect(await stop(w)).toBe(0);

    const inProcess = tempDir("rt-inproc-");
    await storeTool(["ingest-sim", inProcess, "rt", "11", String(from), String(from + DAY + 6 * 3_600_000)]);
    const period = [String(from), String(from + DAY)];
    const [a, b] = await Promise.all([
      storeTool<{ kpis: unknown; counts: { offered: number } }>(["kpis", viaKafka, "rt", ...period]),
      storeTool<{ kpis: unknown; counts: { offered: number } }>(["kpis", inProcess, "rt", ...period]),
    ]);
    expect(a.counts.offered).toBeGreaterThan(1000);
    expect(a).toEqual(b);
  }, 300_000);

  it("crash: killed -9 three times under a 200,000-event load, it stores each event exactly once", async () => {
    const topic = await fresh("crash");
    const events = simulate("crash", 21, Date.UTC(2026, 5, 1), 200_000);
    await produce(brokers, topic, events);
    const dataDir = tempDir("crash-");
    const env = workerEnv(topic, dataDir);
    let kills = 0;
    while (kills < 3) {
      const w = startWorker(env);
      // Kill at a random moment once it is consuming (and before it has finished).
      await waitFor("consumption to start", async () => ((await metrics(w)).get("ingest_messages_consumed_total") ?? 0) > 0, 120_000, w.log);
      await new Promise((r) => setTimeout(r, 200 + Math.random() * 1500));
      const m = await metrics(w);
      w.child.kill("SIGKILL");
      await w.exited;
      kills += 1;
      expect(m.get("ingest_events_inserted_total") ?? 0).toBeLessThan(events.length);
    }
    const last = startWorker(env);
    await untilDone(last, 1, 240_000);
    await waitFor("all events committed", async () => totalLag(await metrics(last)) === 0, 240_000, last.log);
    expect(await stop(last)).toBe(0);
    expectExactlyOnce(await storeTool<Audit>(["audit", dataDir, "crash"]), events);
  }, 600_000);

  it("starved past its session timeout (stopped with SIGSTOP), it is evicted, joins again and stores each event exactly once", async () => {
    const topic = await fresh("starved");
    const events = simulate("starved", 41, Date.UTC(2026, 7, 1), 60_000);
    await produce(brokers, topic, events.slice(0, 30_000));
    const dataDir = tempDir("starved-");
    const w = startWorker(workerEnv(topic, dataDir));
    await waitFor("consumption to start", async () => ((await metrics(w)).get("ingest_messages_consumed_total") ?? 0) > 0, 120_000, w.log);
    // Frozen for twice the 6 s session timeout: the coordinator gives its partitions up and forgets the member.
    w.child.kill("SIGSTOP");
    await new Promise((r) => setTimeout(r, 12_000));
    w.child.kill("SIGCONT");
    await produce(brokers, topic, events.slice(30_000));
    await untilDone(w, events.length, 240_000);
    // Still the same process: an eviction is survived inside it, not by a supervisor restarting it.
    expect(w.child.exitCode).toBeNull();
    expect((await metrics(w)).get("ingest_consumer_rejoins_total") ?? 0).toBeGreaterThanOrEqual(1);
    expect(await stop(w)).toBe(0);
    expectExactlyOnce(await storeTool<Audit>(["audit", dataDir, "starved"]), events);
  }, 600_000);

  it("recovers by itself from a broker restart mid-stream", async () => {
    // Its own broker, so restarting it cannot disturb other tests.
    const work = tempDir("kafka-restart-");
    const kenv = { ...process.env, KAFKA_WORK_DIR: work, KAFKA_PORT: "19192", KAFKA_CONTROLLER_PORT: "19193", KAFKA_LIB_DIR: path.join(ROOT, "infra/kafka/.work/lib") };
    const kafka = (cmd: string) =>
      new Promise<void>((resolve, reject) =>
        execFile("bash", [path.join(ROOT, "infra/kafka/kafka.sh"), cmd], { env: kenv, timeout: 240_000 }, (e, _o, stderr) => (e ? reject(new Error(stderr)) : resolve())),
      );
    await kafka("up");
    const own = "127.0.0.1:19192";
    try {
      const topic = `restart-${Date.now()}`;
      await createTopic(own, topic, 6);
      const events = simulate("restart", 31, Date.UTC(2026, 6, 1), 60_000);
      await produce(own, topic, events.slice(0, 30_000));
      const dataDir = tempDir("restart-");
      const w = startWorker({ ...workerEnv(topic, dataDir), KAFKA_BROKERS: own });
      await waitFor("consumption to start", async () => ((await metrics(w)).get("ingest_messages_consumed_total") ?? 0) > 0, 120_000, w.log);
      await kafka("down");
      await new Promise((r) => setTimeout(r, 3000));
      await kafka("up");
      await produce(own, topic, events.slice(30_000));
      await untilDone(w, events.length, 240_000);
      expect(await stop(w)).toBe(0);
      expectExactlyOnce(await storeTool<Audit>(["audit", dataDir, "restart"]), events);
    } finally {
      await kafka("down").catch(() => undefined);
    }
  }, 600_000);
});

afterAll(() => undefined);
