import { describe, expect, it } from "vitest";
import { IngestPipeline, InProcessSource } from "@/ingest/pipeline";
import { SimulatedPbx } from "@/ingest/simulator/pbx";
import { initialRuntimeStatus } from "@/lib/runtime/status";
import { startTelephony } from "@/server/telephony";
import { defaultConfig, MONDAY } from "../../unit/simulator/fixtures";
import { freshTenant, queryRows, testStore } from "../helpers/store";
import { until } from "../helpers/until";

/**
 * The web runtime's side of the platform boundary on a real store: a simulated PBX
 * started through startTelephony fills its history straight into the store in whole
 * batches, then goes live through the buffered in-process source; a restart resumes
 * after the last stored event.
 */
const HOUR = 3_600_000;
const T0 = MONDAY + 9 * HOUR;

describe("telephony in the web runtime", () => {
  it("backfills straight to the store, goes live through the buffer, and resumes after a restart", async () => {
    const { ch } = await testStore();
    const tenantId = freshTenant("tel");
    const config = { ...defaultConfig(), tenantId };
    const stored = async () =>
      queryRows<{ n: string; ids: string; first: string; last: string }>(
        ch,
        "SELECT count() n, uniqExact(event_id) ids, toUnixTimestamp64Milli(min(time)) first, toUnixTimestamp64Milli(max(time)) last FROM cti_events WHERE tenant_id = {t:String}",
        { t: tenantId },
      ).then(([r]) => ({ n: Number(r?.n), ids: Number(r?.ids), first: Number(r?.first), last: Number(r?.last) }));

    // First start: six hours of history, then live.
    let clock = T0 + 6 * HOUR;
    const status = initialRuntimeStatus();
    const pipeline = new IngestPipeline(ch, { maxEventBytes: 65_536, origin: "test" });
    // A long flush interval: live events wait in the buffer until the test flushes them.
    const source = new InProcessSource(pipeline, { batchSize: 1_000_000, flushMs: 60_000 });
    const pbx = new SimulatedPbx({ config, seed: 5, backfillMs: 6 * HOUR, batchSize: 2_000, tickMs: 20, now: () => clock });
    const telephony = startTelephony(pbx, { ch, tenantId, pipeline, source, status, label: "simulator", log: () => undefined });
    expect(telephony.name).toBe(pbx.name);
    await until("live", () => status.live.state === "running");

    expect(status.backfill.state).toBe("done");
    const history = status.backfill.state === "done" ? status.backfill.events : 0;
    const afterBackfill = await stored();
    expect(afterBackfill.n).toBe(history);
    expect(afterBackfill.first).toBeGreaterThanOrEqual(T0);
    // Whole batches: one insert per 2,000 events or more, not one per simulated hour.
    expect(pipeline.stats.batches).toBeLessThanOrEqual(Math.ceil(history / 2_000));
    expect(pipeline.stats.batches).toBeGreaterThan(1);

    clock += 10 * 60_000;
    await until("live events in the buffer", () => source.pending > 0);
    expect((await stored()).n).toBe(history); // buffered, not yet written
    await telephony.stop();
    expect(status.live.state).toBe("off");
    await source.close();
    const firstRun = await stored();
    expect(firstRun.n).toBeGreaterThan(history);

    const [directory] = await queryRows<{ queues: string; agents: string }>(
      ch,
      "SELECT (SELECT count() FROM queues FINAL WHERE tenant_id = {t:String}) queues, (SELECT count() FROM agents FINAL WHERE tenant_id = {t:String}) agents",
      { t: tenantId },
    );
    expect(Number(directory?.queues)).toBe(config.queues.length);
    expect(Number(directory?.agents)).toBeGreaterThan(0);

    // Restart an hour later: only the gap is filled, with fresh ids.
    clock += HOUR;
    const status2 = initialRuntimeStatus();
    const pipeline2 = new IngestPipeline(ch, { maxEventBytes: 65_536, origin: "test" });
    const source2 = new InProcessSource(pipeline2, { batchSize: 1_000_000, flushMs: 60_000 });
    const pbx2 = new SimulatedPbx({ config, seed: 5, backfillMs: 6 * HOUR, batchSize: 2_000, tickMs: 20, now: () => clock });
    const telephony2 = startTelephony(pbx2, { ch, tenantId, pipeline: pipeline2, source: source2, status: status2, label: "simulator", log: () => undefined });
    await until("live again", () => status2.live.state === "running");
    await telephony2.stop();
    await source2.close();

    expect(status2.backfill).toMatchObject({ state: "done" });
    expect(pipeline2.stats.alreadyStored).toBe(0);
    const secondRun = await stored();
    expect(secondRun.n).toBe(secondRun.ids);
    expect(secondRun.n).toBe(firstRun.n + pipeline2.stats.inserted);
    // Every event of the second run lies after the first run's last one: the gap, nothing repeated.
    const [after] = await queryRows<{ n: string }>(
      ch,
      "SELECT count() n FROM cti_events WHERE tenant_id = {t:String} AND time > fromUnixTimestamp64Milli({last:Int64})",
      { t: tenantId, last: firstRun.last },
    );
    expect(Number(after?.n)).toBe(pipeline2.stats.inserted);
    expect(pipeline2.stats.inserted).toBeGreaterThan(0);
  });

  it("starts nothing without an adapter", async () => {
    const { ch } = await testStore();
    const status = initialRuntimeStatus();
    const pipeline = new IngestPipeline(ch, { maxEventBytes: 65_536, origin: "test" });
    const source = new InProcessSource(pipeline, { batchSize: 10, flushMs: 10 });
    const telephony = startTelephony(undefined, { ch, tenantId: freshTenant("none"), pipeline, source, status, label: "none", log: () => undefined });
    expect(telephony).toMatchObject({ name: "none", capabilities: { monitorModes: [], setAgentState: false, originateCallback: false, fetchRecording: false } });
    await telephony.stop();
    expect(status).toMatchObject({ backfill: { state: "idle" }, live: { state: "off" } });
    expect(pipeline.stats.batches).toBe(0);
  });
});
