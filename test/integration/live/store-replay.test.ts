import { afterAll, describe, expect, it } from "vitest";
import type { CtiEvent } from "@/lib/events";
import { ContactCentreSim } from "@/ingest/simulator/engine";
import { IngestPipeline } from "@/ingest/pipeline/pipeline";
import { applyEvents, tickFloor } from "@/lib/live/reducer";
import { floorAt } from "@/lib/live/replay";
import { getLiveFloor } from "@/lib/live/registry";
import { startLiveFloor } from "@/lib/live/start-floor";
import { emptyFloor, type FloorState } from "@/lib/live/state";
import { loadFloorEvents } from "@/lib/live/store/load-events";
import { replayView } from "@/lib/live/store/replay-view";
import { loadThresholds } from "@/lib/live/store/thresholds-store";
import { saveThresholds } from "@/lib/live/store/thresholds-record";
import { DEFAULT_THRESHOLDS } from "@/lib/live/thresholds";
import { buildView, EMPTY_DIRECTORY } from "@/lib/live/view";
import { floorWindow } from "@/lib/live/window";
import { defaultConfig } from "../../unit/simulator/fixtures";
import { freshTenant, queryRows, testStore } from "../helpers/store";

/** Replay through the real store: events ingested by the pipeline, read back by the floor's own queries. */
const config = defaultConfig();
const TZ = config.timeZone;
const FROM = Date.UTC(2026, 0, 5, 7, 30);
const TO = Date.UTC(2026, 0, 5, 9, 30);

/** Each test its own seed: event ids derive from it, and the pipeline drops ids the store already holds. */
async function ingested(tenantId: string, seed: number): Promise<CtiEvent[]> {
  const { ch } = await testStore();
  const events = new ContactCentreSim({ ...config, tenantId }, { seed, startTime: FROM }).advanceTo(TO);
  const pipeline = new IngestPipeline(ch, { maxEventBytes: 65536, origin: "test" });
  await pipeline.ingest(events.map((e) => ({ payload: { object: e }, origin: { source: "test" } })));
  return events;
}

const content = (s: FloorState) => {
  const v = buildView(s, EMPTY_DIRECTORY, new Map(), { version: 0, serverTime: 0, replay: true });
  return { queues: v.queues, agents: v.agents, calls: v.calls };
};
const liveAt = (events: readonly CtiEvent[], at: number) =>
  tickFloor(
    applyEvents(
      emptyFloor(TZ, FROM),
      events.filter((e) => e.time <= at),
    ),
    at,
  );

afterAll(() => getLiveFloor()?.stop());

describe("replay from the store", () => {
  it("equals the live reducer at the same moment", async () => {
    const { ch } = await testStore();
    const tenant = freshTenant("replay");
    const events = await ingested(tenant, 3);
    for (const at of [Date.UTC(2026, 0, 5, 8, 30), Date.UTC(2026, 0, 5, 9, 17, 42, 123)]) {
      const w = floorWindow(at, TZ);
      const stored = await loadFloorEvents(ch, tenant, w);
      // The floor reads call and agent events only (recording and transcript events are not its business).
      expect(stored.length).toBe(events.filter((e) => e.time <= at && (e.type.startsWith("call.") || e.type.startsWith("agent."))).length);
      expect(content(floorAt(stored, TZ, w))).toEqual(content(liveAt(events, at)));
    }
    const view = await replayView(ch, tenant, TZ, Date.UTC(2026, 0, 5, 9));
    expect(view.meta).toMatchObject({ replay: true, asOf: Date.UTC(2026, 0, 5, 9), dayStart: Date.UTC(2026, 0, 5) });
    expect(Object.keys(view.agents).length).toBeGreaterThan(10);
  });

  it("knows agents whose last event is older than the window from one seed event each", async () => {
    const { ch } = await testStore();
    const tenant = freshTenant("seed");
    const events = await ingested(tenant, 4);
    // A window that starts after every log-on: agents are known only from the seeds.
    const w = { seedFrom: FROM - 86_400_000, from: Date.UTC(2026, 0, 5, 9), at: TO };
    const stored = await loadFloorEvents(ch, tenant, w);
    const seeds = stored.filter((e) => e.time < w.from);
    expect(seeds.every((e) => e.type.startsWith("agent."))).toBe(true);
    expect(seeds.length).toBeLessThanOrEqual(2 * new Set(seeds.map((e) => e.agentId)).size);
    const replayed = content(floorAt(stored, TZ, w)).agents;
    expect(replayed).toEqual(content(liveAt(events, TO)).agents);
  });

  it("starts the live floor from the store, then follows the pipeline", async () => {
    const { ch } = await testStore();
    const tenant = freshTenant("live");
    const events = await ingested(tenant, 5);
    let clock = TO;
    const floor = startLiveFloor({ ch, tenantId: tenant, timeZone: TZ, log: () => {}, now: () => clock });
    await expect.poll(() => floor.ready, { timeout: 20_000 }).toBe(true);
    expect(content(floor.floorState())).toEqual(content(liveAt(events, TO)));
    // Then live events from the pipeline, repeats of stored ones included, are applied once. The wall
    // clock is where they end: the floor ignores events dated more than 5 minutes ahead of it.
    clock = TO + 600_000;
    const more = new ContactCentreSim({ ...config, tenantId: tenant }, { seed: 5, startTime: FROM }).advanceTo(TO + 600_000).filter((e) => e.time > TO);
    const pipeline = new IngestPipeline(ch, { maxEventBytes: 65536, origin: "test" });
    pipeline.onEvents((batch) => floor.apply(batch));
    await pipeline.ingest(more.map((e) => ({ payload: { object: e }, origin: { source: "test" } })));
    floor.apply(events.slice(-50));
    const all = [...events, ...more];
    expect(content(tickFloor(floor.floorState(), TO + 600_000))).toEqual(content(liveAt(all, TO + 600_000)));
    floor.stop();
    expect(getLiveFloor()).toBeUndefined();
  });
});

describe("threshold settings in the store", () => {
  it("save per queue and default, keep the latest, and audit each change", async () => {
    const { ch } = await testStore();
    const tenant = freshTenant("thr");
    const actor = { id: "admin", name: "Ada Admin", role: "admin" };
    const first = { ...DEFAULT_THRESHOLDS, waiting: { warning: 2, critical: 4 } };
    const second = { ...DEFAULT_THRESHOLDS, waiting: { warning: 3, critical: 5 } };
    expect((await saveThresholds(ch, tenant, { queueId: "support", thresholds: first }, actor)).after.version).toBe(1);
    expect((await saveThresholds(ch, tenant, { queueId: "support", thresholds: second, expectedVersion: 1 }, actor)).after.version).toBe(2);
    await saveThresholds(ch, tenant, { queueId: "*", thresholds: first }, actor);
    const loaded = await loadThresholds(ch, tenant);
    expect(loaded.get("support")).toEqual(second);
    expect(loaded.get("*")).toEqual(first);
    const audit = await queryRows<{ target: string }>(ch, "SELECT target FROM audit_log WHERE tenant_id = {t:String} AND action = 'wallboard_thresholds.update'", {
      t: tenant,
    });
    expect(audit).toHaveLength(3);
  });
});
