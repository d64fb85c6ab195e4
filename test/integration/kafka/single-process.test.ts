import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { ContactCentreSim, loadSimulatorConfig } from "@/ingest/simulator";
import { startRuntime } from "@/server/runtime";
import { createProducer } from "@/ingest/kafka/kafkajs-adapter";
import { checkHealth } from "@/lib/runtime/health";
import { eventKey } from "@/ingest/kafka/event-key";
import { createTopic, ensureBroker } from "../helpers/kafka";
import { queryRows, testStore } from "../helpers/store";
import { waitFor } from "./worker-process";

/**
 * The single-process mode: embedded store and KAFKA_BROKERS set, so the web
 * server's runtime (the same one instrumentation.ts starts) consumes Kafka itself.
 */
describe("single-process mode", () => {
  it("the embedded runtime consumes Kafka into its own store, and /api/health counts what it stored", async () => {
    const brokers = await ensureBroker();
    const { env: storeEnv, ch } = await testStore();
    const topic = `single-${process.pid}-${Date.now()}`;
    await createTopic(brokers, topic, 4);
    const env = parseEnv({
      DATA_DIR: storeEnv.DATA_DIR,
      KAFKA_BROKERS: brokers,
      KAFKA_TOPIC: topic,
      KAFKA_GROUP_ID: `${topic}-g`,
      KAFKA_TOPIC_PARTITIONS: "4",
      TENANT_ID: "single",
    });
    expect(env).toMatchObject({ embedded: true, ingestInWeb: true, telephony: "none" });
    const runtime = await startRuntime(env, () => undefined);
    try {
      const sim = new ContactCentreSim({ ...loadSimulatorConfig(), tenantId: "single" }, { seed: 8, startTime: Date.now() - 6 * 3_600_000 });
      const events = sim.advanceTo(Date.now() - 60_000);
      const producer = await createProducer({ brokers: [brokers], clientId: "t" });
      await producer.send(
        topic,
        events.map((e) => ({ key: eventKey(e), value: JSON.stringify(e) })),
      );
      await producer.stop();
      const count = async () => Number((await queryRows<{ n: string }>(ch, "SELECT count() n FROM cti_events WHERE tenant_id = 'single'"))[0]?.n ?? 0);
      await waitFor("the runtime to store the events", async () => (await count()) === events.length, 120_000);
      expect(await count()).toBe(events.length);
      // Health counts what the Kafka path stored too (it reported 0 while events flowed in): every event, once,
      // and the newest event's time. Nothing else stores in this process (TELEPHONY=none).
      // (Counted just after the store confirms the block: waited for, not assumed.)
      await waitFor("health to count the stored events", async () => (await checkHealth(ch)).ingest.inserted >= events.length, 30_000);
      const health = await checkHealth(ch);
      expect(health.ingest.inserted).toBe(events.length);
      expect(health.ingest.lastEventTime).toBe(Math.max(...events.map((e) => e.time)));
    } finally {
      await runtime.stop();
    }
  }, 300_000);
});
