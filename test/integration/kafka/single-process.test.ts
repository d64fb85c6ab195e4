import { describe, expect, it } from "vitest";
import { checkHealth } from "@/lib/runtime/health";
import { startSingleProcess } from "./single-process-setup";
import { waitFor } from "./worker-process";

/**
 * The single-process mode: embedded store and KAFKA_BROKERS set, so the web
 * server's runtime (the same one instrumentation.ts starts) consumes Kafka itself.
 */
describe("single-process mode", () => {
  it("the embedded runtime consumes Kafka into its own store, and /api/health counts what it stored", async () => {
    const { env, ch, events, runtime, send, count } = await startSingleProcess("single", 8);
    try {
      expect(env).toMatchObject({ embedded: true, ingestInWeb: true, telephony: "none" });
      await send(events);
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
