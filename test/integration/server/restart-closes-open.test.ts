import type { ClickHouseClient } from "@clickhouse/client";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { IngestPipeline, InProcessSource } from "@/ingest/pipeline";
import { SimulatedPbx } from "@/ingest/simulator/pbx";
import { loadFloorEvents } from "@/lib/live/store/load-events";
import { applyEvents } from "@/lib/live/reducer";
import { emptyFloor } from "@/lib/live/state";
import { floorWindow } from "@/lib/live/window";
import { parseEnv } from "@/lib/env";
import { initialRuntimeStatus } from "@/lib/runtime/status";
import { getClickHouse } from "@/lib/store/client";
import { migrate } from "@/sql/migrate";
import { startTelephony } from "@/server/telephony";
import { MONDAY, variant } from "../../unit/simulator/fixtures";
import { queryRows } from "../helpers/store";
import { until } from "../helpers/until";

/**
 * The simulator and its embedded store, in their own process, killed with SIGKILL mid-afternoon
 * with calls in progress, then started again (in this process, on the same data directory) an
 * hour of simulated time later. Whatever the first run left open
 * must be closed at the restart: no call without its clear, no leg without its exit or its agent's
 * release, no ring without its end, no agent in a state that never ends, no phantom call on the
 * wallboard. The expected counts are read from the first run's own events before the restart.
 */
const HOUR = 3_600_000;
const ROOT = path.resolve(import.meta.dirname, "..", "..", "..");
const T0 = MONDAY + 9 * HOUR;

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
    const tenantId = "restart";
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ccs-restart-"));
    // Twice the default's callers: queues build up, so the kill finds callers waiting as well as talking.
    const config = variant((c) => {
      c.tenantId = tenantId;
      for (const q of c.queues) q.peakCallsPerHour *= 2;
    });

    // Monday 13:00 to 15:00 filled, then live: killed once it has stored live events twice.
    const child = spawn(process.execPath, ["--import", "tsx", "test/integration/server/simulator-process.ts"], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, TENANT_ID: tenantId, SIM_LOAD: "2", SIM_CLOCK_START: String(T0 + 6 * HOUR) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const out: string[] = [];
    child.stdout.on("data", (d: Buffer) => out.push(d.toString()));
    child.stderr.on("data", (d: Buffer) => out.push(d.toString()));
    const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
    await until(
      "the first run to store live events",
      () =>
        out
          .join("")
          .split("live\n")[1]
          ?.match(/stored \d+/g)?.length === 2 || child.exitCode !== null,
      120_000,
    );
    expect(child.exitCode, out.join("")).toBeNull();
    child.kill("SIGKILL");
    await exited;

    // The kill released chDB's lock on the directory: this process opens the same store.
    const ch = await getClickHouse(parseEnv({ DATA_DIR: dataDir }));
    await migrate(ch);
    const run = async (clock: number) => {
      const status = initialRuntimeStatus();
      const pipeline = new IngestPipeline(ch, { maxEventBytes: 65_536, origin: "test" });
      const source = new InProcessSource(pipeline, { batchSize: 1_000_000, flushMs: 10 });
      const pbx = new SimulatedPbx({ config, seed: 9, backfillMs: 2 * HOUR, batchSize: 5_000, tickMs: 20, now: () => clock });
      const logs: string[] = [];
      const telephony = startTelephony(pbx, { ch, tenantId, pipeline, source, status, label: "simulator", log: (l) => logs.push(l) });
      await until("live", () => status.live.state === "running", 60_000);
      await telephony.stop();
      await source.close();
      return logs;
    };

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
    const [outcomes] = await queryRows<{ n: string }>(ch, "SELECT count() n FROM contact_segments FINAL WHERE tenant_id = {t:String} AND outcome = 'system'", {
      t: tenantId,
    });
    expect(Number(outcomes?.n)).toBe(open.waiting);

    // The wallboard at the restart: none of the first run's calls, no agent still on one of them.
    const floor = applyEvents(emptyFloor("UTC", restartAt), await loadFloorEvents(ch, tenantId, floorWindow(restartAt, "UTC")));
    for (const call of floor.calls.values()) expect(call.startedAt).toBeGreaterThanOrEqual(restartAt);
    for (const agent of floor.agents.values()) if (agent.state === "busy" || agent.state === "after_call_work") expect(agent.since).toBeGreaterThanOrEqual(restartAt);
  }, 180_000);
});
