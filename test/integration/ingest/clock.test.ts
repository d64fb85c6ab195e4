import { describe, expect, it } from "vitest";
import { IngestPipeline, InProcessSource, lastStoredTime } from "@/ingest/pipeline";
import { SimulatedPbx } from "@/ingest/simulator/pbx";
import type { CtiEvent } from "@/lib/events";
import { judgeClock, readClockFacts } from "@/lib/runtime/clock-health";
import { initialRuntimeStatus } from "@/lib/runtime/status";
import { startTelephony } from "@/server/telephony";
import { defaultConfig, MONDAY } from "../../unit/simulator/fixtures";
import { freshTenant, queryRows, testStore } from "../helpers/store";

const YEAR_2100 = Date.UTC(2100, 0, 1);
const FIVE_MIN = 300_000;

const ready = (tenantId: string, time: number, id: string): CtiEvent => ({
  specVersion: "1.0",
  id,
  source: "test://clock",
  tenantId,
  type: "agent.ready",
  time,
  agentId: "a1",
  data: {},
});

describe("event clocks on the real store", () => {
  it("refuses an event dated 2100 to the dead letters, keeps history, and health says so", async () => {
    const { ch } = await testStore();
    const tenantId = freshTenant("clock");
    const now = Date.now();
    const pipeline = new IngestPipeline(ch, { maxEventBytes: 65_536, origin: "test" });
    // A year-old event (history: stored), one a minute old, one four minutes ahead (within 5 min: stored), one dated 2100.
    const bytes = (e: CtiEvent) => new TextEncoder().encode(JSON.stringify(e));
    const events = [
      ready(tenantId, now - 365 * 86_400_000, "00000000-0000-4000-8000-000000000001"),
      ready(tenantId, now - 60_000, "00000000-0000-4000-8000-000000000002"),
      ready(tenantId, now + 240_000, "00000000-0000-4000-8000-000000000003"),
      ready(tenantId, YEAR_2100, "00000000-0000-4000-8000-000000000004"),
    ];
    const r = await pipeline.ingest(events.map((e) => ({ payload: bytes(e), origin: { source: "kafka", offset: e.id.slice(-1) } })));
    expect([r.inserted, r.deadLettered]).toEqual([3, 1]);
    expect(pipeline.stats.futureRefused).toBe(1);
    const [letter] = await queryRows<{ reason: string; detail: string; payload_base64: string }>(
      ch,
      "SELECT reason, detail, payload_base64 FROM dead_letters WHERE source = 'kafka' AND offset = '4'",
    );
    expect(letter?.reason).toBe("future_time");
    expect(letter?.detail).toMatch(
      /^time 2100-01-01T00:00:00.000Z is [\d,.]+ days ahead of this server's clock .* more than 5 min ahead are refused \(INGEST_MAX_FUTURE_MS\)$/,
    );
    expect(Buffer.from(letter?.payload_base64 ?? "", "base64").equals(Buffer.from(bytes(events[3] as CtiEvent)))).toBe(true);

    // An event dated 2100 stored before the rule existed (a limit of 200 years lets it in): resuming ignores it.
    const old = new IngestPipeline(ch, { maxEventBytes: 65_536, origin: "test", maxFutureMs: 200 * 365 * 86_400_000 });
    await old.ingest([{ payload: { object: ready(tenantId, YEAR_2100 + 1, "00000000-0000-4000-8000-000000000005") }, origin: { source: "before" } }]);
    // The newest up to now is the one a minute old; the one 4 minutes ahead is not yet "stored history" either.
    expect(await lastStoredTime(ch, tenantId, now)).toBe(now - 60_000);

    const clock = judgeClock(await readClockFacts(ch, now, FIVE_MIN), { future: 0, stale: 0 }, now, FIVE_MIN);
    expect(clock.state).toBe("problem");
    expect(clock.storedAhead).toEqual({ count: 1, newest: YEAR_2100 + 1 });
    expect(clock.refusedLastDay.count).toBe(1);
    expect(clock.problems).toHaveLength(2);
  });

  it("a simulator restarted over a store holding an event dated 2100 still fills its history and runs", async () => {
    const { ch } = await testStore();
    const tenantId = freshTenant("clocksim");
    const config = { ...defaultConfig(), tenantId };
    const old = new IngestPipeline(ch, { maxEventBytes: 65_536, origin: "test", maxFutureMs: 200 * 365 * 86_400_000 });
    await old.ingest([{ payload: { object: ready(tenantId, YEAR_2100, "00000000-0000-4000-8000-000000000006") }, origin: { source: "before" } }]);

    const clock = MONDAY + 10 * 3_600_000;
    const status = initialRuntimeStatus();
    const pipeline = new IngestPipeline(ch, { maxEventBytes: 65_536, origin: "test" });
    const source = new InProcessSource(pipeline, { batchSize: 1_000_000, flushMs: 10 });
    const pbx = new SimulatedPbx({ config, seed: 3, backfillMs: 30 * 60_000, batchSize: 5_000, tickMs: 20, now: () => clock });
    const telephony = startTelephony(pbx, { ch, tenantId, pipeline, source, status, label: "simulator", log: () => undefined });
    const end = Date.now() + 60_000;
    while (status.live.state !== "running" && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    await telephony.stop();
    await source.close();
    // Before the fix the run started after 2100-01-01 and produced nothing; now it fills 09:30-10:00.
    expect(status.backfill).toMatchObject({ state: "done" });
    const [row] = await queryRows<{ n: string; first: string }>(
      ch,
      "SELECT count() n, toUnixTimestamp64Milli(min(time)) first FROM cti_events WHERE tenant_id = {t:String} AND time < fromUnixTimestamp64Milli({y:Int64})",
      { t: tenantId, y: YEAR_2100 },
    );
    expect(Number(row?.n)).toBeGreaterThan(100);
    expect(Number(row?.first)).toBeGreaterThanOrEqual(clock - 30 * 60_000);
  });
});
