import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { compactOnce, pruneSupersededFills } from "@/lib/store/compact";
import { eventToRow } from "@/lib/store/event-row";
import type { CtiEvent } from "@/lib/events";
import { freshTenant, queryRows, testStore } from "../helpers/store";

describe("compaction on the store", () => {
  it("leaves each month in one part with every segment's partial rows merged", async () => {
    const { ch } = await testStore();
    const tenantId = freshTenant("compact");
    const t0 = Date.UTC(2026, 3, 7, 10, 0, 0);
    const legs = 20;
    const leg = (n: number) => ({ specVersion: "1.0" as const, source: "t", tenantId, callId: `c${n}`, queueId: "q1", legId: `c${n}.1`, agentId: "a1" });
    const exits: CtiEvent[] = [];
    const clears: CtiEvent[] = [];
    for (let n = 0; n < legs; n++) {
      const q = t0 + n * 60_000;
      exits.push({ ...leg(n), id: randomUUID(), type: "call.queue_exited", time: q + 5_000, data: { reason: "answered", waitMs: 5_000 } });
      clears.push({
        ...leg(n),
        id: randomUUID(),
        type: "call.connection_cleared",
        time: q + 65_000,
        data: { queuedAt: q, talkMs: 60_000, holdMs: 0, holdCount: 0, releasedBy: "caller", transferred: false },
      });
    }
    // Two inserts: the exits and the clears of each segment start out in different parts.
    await ch.insert({ table: "cti_events", values: exits.map(eventToRow), format: "JSONEachRow" });
    await ch.insert({ table: "cti_events", values: clears.map(eventToRow), format: "JSONEachRow" });
    const rowsOf = async () => Number((await queryRows<{ n: string }>(ch, "SELECT count() n FROM contact_segments WHERE tenant_id = {t:String}", { t: tenantId }))[0]?.n);
    expect(await rowsOf()).toBe(2 * legs);

    const done = await compactOnce(ch);
    expect(done.map((d) => `${d.table}/${d.partitionId}`)).toContain("contact_segments/202604");
    const [parts] = await queryRows<{ n: string }>(
      ch,
      "SELECT count() n FROM system.parts WHERE database = currentDatabase() AND active AND table = 'contact_segments' AND partition_id = '202604'",
    );
    expect(Number(parts?.n)).toBe(1);
    // Without FINAL, one row per segment, and it holds both the exit's and the clear's columns.
    expect(await rowsOf()).toBe(legs);
    const [merged] = await queryRows<{ n: string }>(ch, "SELECT countIf(outcome = 'answered' AND talk_ms = 60000) n FROM contact_segments WHERE tenant_id = {t:String}", {
      t: tenantId,
    });
    expect(Number(merged?.n)).toBe(legs);
    expect(await compactOnce(ch)).toEqual([]);
  });
});

describe("pruning superseded daily state fills", () => {
  it("deletes fills superseded more than ten minutes ago, and nothing a reader may still use", async () => {
    const { ch } = await testStore();
    const tenantId = freshTenant("prune");
    const now = Date.now();
    const min = 60_000;
    // day, fill, computed minutes ago
    const fills: [string, string, number][] = [
      ["2026-01-05", "00000000-0000-4000-8000-000000000001", 60], // superseded by ...02 thirty minutes ago: goes
      ["2026-01-05", "00000000-0000-4000-8000-000000000002", 30], // current
      ["2026-01-06", "00000000-0000-4000-8000-000000000003", 60], // current (only fill)
      ["2026-01-07", "00000000-0000-4000-8000-000000000004", 60], // superseded only a minute ago: kept for now
      ["2026-01-07", "00000000-0000-4000-8000-000000000005", 1], // current
    ];
    await ch.insert({
      table: "agent_state_daily_done",
      values: fills.map(([day, fill_id, ago]) => ({
        tenant_id: tenantId,
        day,
        fill_id,
        computed_at: new Date(now - ago * min).toISOString().replace("T", " ").replace("Z", ""),
      })),
      format: "JSONEachRow",
    });
    await ch.insert({
      table: "agent_state_daily",
      values: fills.map(([day, fill_id]) => ({ tenant_id: tenantId, day, fill_id, agent_id: "a1", state: "ready", reason_code: "", ms: 1000 })),
      format: "JSONEachRow",
    });
    await pruneSupersededFills(ch);
    const left = async (table: string) =>
      (await queryRows<{ f: string }>(ch, `SELECT toString(fill_id) f FROM ${table} WHERE tenant_id = {t:String} ORDER BY f`, { t: tenantId })).map((r) => r.f.slice(-1));
    expect(await left("agent_state_daily")).toEqual(["2", "3", "4", "5"]);
    expect(await left("agent_state_daily_done")).toEqual(["2", "3", "4", "5"]);
  });
});
