import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { runtimeStatus } from "@/lib/runtime/status";
import { ContactCentreSim, loadSimulatorConfig } from "@/ingest/simulator";
import { startRuntime } from "@/server/runtime";
import { createProducer } from "@/ingest/kafka/kafkajs-adapter";
import { eventKey } from "@/ingest/kafka/event-key";
import { createTopic, ensureBroker } from "../helpers/kafka";
import { queryRows, testStore } from "../helpers/store";
import { waitFor } from "./worker-process";

/**
 * The single-process mode (the web server's runtime consuming Kafka) starved past its session
 * timeout: the coordinator evicts the member, and the runtime must join again by itself and
 * store everything, with /api/health's `kafka` saying so. The process-shaped worker's side is
 * worker-faults.test.ts ("starved"); a crash the client will not restart from, worker-inprocess.test.ts.
 */
describe("single-process mode, starved", () => {
  it("is evicted, joins again, stores every event, and health shows the rejoin", async () => {
    const brokers = await ensureBroker();
    const { env: storeEnv, ch } = await testStore();
    const topic = `starved-${process.pid}-${Date.now()}`;
    await createTopic(brokers, topic, 4);
    const env = parseEnv({
      DATA_DIR: storeEnv.DATA_DIR,
      KAFKA_BROKERS: brokers,
      KAFKA_TOPIC: topic,
      KAFKA_GROUP_ID: `${topic}-g`,
      KAFKA_TOPIC_PARTITIONS: "4",
      KAFKA_SESSION_TIMEOUT_MS: "6000",
      TENANT_ID: "starved",
    });
    const runtime = await startRuntime(env, () => undefined);
    try {
      const sim = new ContactCentreSim({ ...loadSimulatorConfig(), tenantId: "starved" }, { seed: 9, startTime: Date.now() - 6 * 3_600_000 });
      const events = sim.advanceTo(Date.now() - 60_000);
      const half = Math.floor(events.length / 2);
      const producer = await createProducer({ brokers: [brokers], clientId: "t" });
      const send = (es: typeof events) =>
        producer.send(
          topic,
          es.map((e) => ({ key: eventKey(e), value: JSON.stringify(e) })),
        );
      const count = async () => Number((await queryRows<{ n: string }>(ch, "SELECT count() n FROM cti_events WHERE tenant_id = 'starved'"))[0]?.n ?? 0);
      await send(events.slice(0, half));
      await waitFor("the first half stored", async () => (await count()) === half, 120_000);
      expect(runtimeStatus().kafka).toMatchObject({ state: "consuming", rejoins: 0, restarts: 0 });
      // The whole process starved (this test shares it with the runtime) for twice the session timeout: no heartbeat leaves.
      const until = Date.now() + 12_000;
      while (Date.now() < until) {
        // busy: the event loop is held, as on a machine whose cores are taken
      }
      await send(events.slice(half));
      await producer.stop();
      await waitFor("everything stored after the eviction", async () => (await count()) === events.length, 180_000);
      expect(await count()).toBe(events.length);
      // The gap was survived in the process, and health says so.
      expect(runtimeStatus().kafka.state).toBe("consuming");
      expect(runtimeStatus().kafka.rejoins).toBeGreaterThanOrEqual(1);
    } finally {
      await runtime.stop();
    }
  }, 300_000);
});
