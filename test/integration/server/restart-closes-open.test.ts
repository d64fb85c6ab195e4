import type { ClickHouseClient } from "@clickhouse/client";
import { describe, expect, it } from "vitest";
import { IngestPipeline, InProcessSource } from "@/ingest/pipeline";
import { SimulatedPbx } from "@/ingest/simulator/pbx";
import { loadFloorEvents } from "@/lib/live/store/load-events";
import { applyEvents } from "@/lib/live/reducer";
import { emptyFloor } from "@/lib/live/state";
import { floorWindow } from "@/lib/live/window";
import { initialRuntimeStatus } from "@/lib/runtime/status";
import { startTelephony } from "@/server/telephony";
import { MONDAY, variant } from "../../unit/simulator/fixtures";
import { freshTenant, queryRows, testStore } from "../helpers/store";

/**
 * The simulator and its store stopped mid-afternoon with calls in progress (as a kill -9 leaves
 * them: nothing closes them), then started again an hour later. Whatever the first run left open
 * must be closed at the restart: no call without its clear, no leg without its exit or its agent's
 * release, no ring without its end, no agent in a state that never ends, no phantom call on the
 * wallboard. The expected counts are read from the first run's own events before the restart.
 */
const HOUR = 3_600_000;
const T0 = MONDAY + 9 * HOUR;

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const one = async (ch: ClickHouseClient, sql: string, params: Record<string, unknown>) => Number((await queryRows<{ n: string }>(ch, sql, params))[0]?.n);

/** Per leg (or call, or ring) before `upTo`: opened and never closed. */
const OPEN_CALLS = `SELECT count() n FROM (SELECT call_id, countIf(type = 'call.offered') o, countIf(type IN ('call.cleared', 'call.failed')) c
  FROM cti_events WHERE tenant_id = {t:String} AND time <= fromUnixTimestamp64Milli({upTo:Int64}) GROUP BY call_id) WHERE o > 0 AND c = 0`;
const WAITING_LEGS = `SELECT count() n FROM (SELECT leg_id, countIf(type = 'call.queued') q, countIf(type = 'call.queue_exited') x
  FROM cti_events WHERE tenant_id = {t:String} AND time <= fromUnixTimestamp64Milli({upTo:Int64}) AND leg_id != '' GROUP BY leg_id) WHERE q > 0 AND x = 0`;
const TALKING_LEGS = `SELECT count() n FROM (SELECT leg_id, countIf(type = 'call.established') a, countIf(type = 'call.connection_cleared') c
  FROM cti_events WHERE tenant_id = {t:String} AND time <= fromUnixTimestamp64Milli({upTo:Int64}) AND leg_id != '' GROUP BY leg_id) WHERE a > c`;
const OPEN_RINGS = `SELECT count() n FROM (SELECT leg_id, agent_id, countIf(type = 'call.delivered') d, countIf(type IN ('call.established', 'call.diverted')) e
  FROM cti_events WHERE tenant_id = {t:String} AND time <= fromUnixTimestamp64Milli({upTo:Int64}) AND leg_id != '' GROUP BY leg_id, agent_id) WHERE d > e`;
/** Agents whose latest state event up to `upTo` is not a log-off. */
const AGENTS_ON = `SELECT count() n FROM (SELECT agent_id, argMax(type, (time, type = 'agent.logged_off')) last FROM cti_events
  WHERE tenant_id = {t:String} AND time <= fromUnixTimestamp64Milli({upTo:Int64}) AND startsWith(type, 'agent.') GROUP BY agent_id) WHERE last != 'agent.logged_off'`;

describe("a simulator restart after it was stopped mid-call", () => {
  it("closes everything the first run left open, at the restart, as a PBX restart would", async () => {
    const { ch } = await testStore();
    const tenantId = freshTenant("restart");
    // Twice the default's callers: queues build up, so the stop finds callers waiting as well as talking.
    const config = variant((c) => {
      c.tenantId = tenantId;
      for (const q of c.queues) q.peakCallsPerHour *= 2;
    });
    const run = async (clock: number) => {
      const status = initialRuntimeStatus();
      const pipeline = new IngestPipeline(ch, { maxEventBytes: 65_536, origin: "test" });
      const source = new InProcessSource(pipeline, { batchSize: 1_000_000, flushMs: 10 });
      const pbx = new SimulatedPbx({ config, seed: 9, backfillMs: 2 * HOUR, batchSize: 5_000, tickMs: 20, now: () => clock });
      const logs: string[] = [];
      const telephony = startTelephony(pbx, { ch, tenantId, pipeline, source, status, label: "simulator", log: (l) => logs.push(l) });
      await until("live", () => status.live.state === "running");
      // Stopped as it is, mid-call: a kill -9 closes nothing either.
      await telephony.stop();
      await source.close();
      return logs;
    };

    // Monday 13:00 to 15:00: a busy afternoon, calls in every state when it stops.
    await run(T0 + 6 * HOUR);
    const [last] = await queryRows<{ t: string }>(ch, "SELECT toUnixTimestamp64Milli(max(time)) t FROM cti_events WHERE tenant_id = {t:String}", { t: tenantId });
    const killedAt = Number(last?.t);
    const before = { t: tenantId, upTo: killedAt };
    const open = {
      calls: await one(ch, OPEN_CALLS, before),
      waiting: await one(ch, WAITING_LEGS, before),
      talking: await one(ch, TALKING_LEGS, before),
      agents: await one(ch, AGENTS_ON, before),
    };
    // A busy afternoon leaves some of each (else this test would prove nothing).
    expect(open.calls).toBeGreaterThan(0);
    expect(open.waiting).toBeGreaterThan(0);
    expect(open.talking).toBeGreaterThan(0);
    expect(open.agents).toBeGreaterThan(0);

    const logs = await run(T0 + 7 * HOUR);
    // The restart is 1 ms after the first run's last stored event.
    const restartAt = killedAt + 1;
    expect(logs.some((l) => l.includes(`restart: closed what the previous run left open at ${new Date(restartAt).toISOString()}`))).toBe(true);

    const after = { t: tenantId, upTo: restartAt };
    expect({
      calls: await one(ch, OPEN_CALLS, after),
      waiting: await one(ch, WAITING_LEGS, after),
      talking: await one(ch, TALKING_LEGS, after),
      rings: await one(ch, OPEN_RINGS, after),
    }).toEqual({ calls: 0, waiting: 0, talking: 0, rings: 0 });

    // Each was closed by the restart, once: as many closing events as were open.
    const closing = await queryRows<{ type: string; n: string }>(
      ch,
      `SELECT type, count() n FROM cti_events WHERE tenant_id = {t:String} AND time = fromUnixTimestamp64Milli({at:Int64})
         AND (JSONExtractString(data, 'cause') = 'pbx_restart' OR JSONExtractString(data, 'reason') = 'system' OR JSONExtractString(data, 'releasedBy') = 'system' OR type = 'agent.logged_off')
       GROUP BY type ORDER BY type`,
      { t: tenantId, at: restartAt },
    );
    const byType = Object.fromEntries(closing.map((r) => [r.type, Number(r.n)]));
    expect(byType["call.cleared"]).toBe(open.calls);
    expect(byType["call.connection_cleared"]).toBe(open.talking);
    expect(byType["call.queue_exited"]).toBe(open.waiting);
    // Every agent the first run left on is logged off at the restart (the second run logs its own on).
    expect(byType["agent.logged_off"]).toBe(open.agents);

    // KPI consequence: a leg cleared by the restart is handled, its talk ending at the restart.
    const [talk] = await queryRows<{ legs: string; wrong: string }>(
      ch,
      `SELECT count() legs, countIf(talk_ms != toUnixTimestamp64Milli(cleared_at) - toUnixTimestamp64Milli(answered_at)) wrong
       FROM contact_segments FINAL WHERE tenant_id = {t:String} AND released_by = 'system'`,
      { t: tenantId },
    );
    expect(Number(talk?.legs)).toBe(open.talking);
    expect(Number(talk?.wrong)).toBe(0);
    const [outcomes] = await queryRows<{ n: string }>(ch, "SELECT count() n FROM contact_segments FINAL WHERE tenant_id = {t:String} AND outcome = 'system'", { t: tenantId });
    expect(Number(outcomes?.n)).toBe(open.waiting);

    // The wallboard at the restart: none of the first run's calls, no agent still on one of them.
    const floor = applyEvents(emptyFloor("UTC", restartAt), await loadFloorEvents(ch, tenantId, floorWindow(restartAt, "UTC")));
    for (const call of floor.calls.values()) expect(call.startedAt).toBeGreaterThanOrEqual(restartAt);
    for (const agent of floor.agents.values()) if (agent.state === "busy" || agent.state === "after_call_work") expect(agent.since).toBeGreaterThanOrEqual(restartAt);
  }, 180_000);
});
