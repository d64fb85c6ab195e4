import { describe, expect, it } from "vitest";
import { runtimeStatus } from "@/lib/runtime/status";
import { startSingleProcess } from "./single-process-setup";
import { waitFor } from "./worker-process";

/**
 * The single-process mode (the web server's runtime consuming Kafka) starved past its session
 * timeout: the coordinator evicts the member, and the runtime must join again by itself and
 * store everything, with /api/health's `kafka` saying so. The process-shaped worker's side is
 * worker-faults.test.ts ("starved"); a crash the client will not restart from, worker-inprocess.test.ts.
 */
describe("single-process mode, starved", () => {
  it("is evicted, joins again, stores every event, and health shows the rejoin", async () => {
    const { events, runtime, send, count } = await startSingleProcess("starved", 9, { KAFKA_SESSION_TIMEOUT_MS: "6000" });
    try {
      const half = Math.floor(events.length / 2);
      await send(events.slice(0, half));
      await waitFor("the first half stored", async () => (await count()) === half, 120_000);
      expect(runtimeStatus().kafka).toMatchObject({ state: "consuming", rejoins: 0, restarts: 0 });
      // The whole process starved (this test shares it with the runtime) for twice the session timeout: no heartbeat leaves.
      const until = Date.now() + 12_000;
      while (Date.now() < until) {
        // busy: the event loop is held, as on a machine whose cores are taken
      }
      await send(events.slice(half));
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
