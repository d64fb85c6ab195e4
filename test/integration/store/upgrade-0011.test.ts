import fs from "node:fs";
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { eventToRow } from "@/lib/store/event-row";
import type { CtiEvent } from "@/lib/events";
import { MIGRATIONS_DIR, migrate } from "@/sql/migrate";
import { queryRows } from "../helpers/store";
import { storeBefore } from "../helpers/store-before";

/**
 * A store that ran the migrations before 0011 (contacts keyed by leg, intervals by
 * agent) is upgraded in place: its history moves to the time-ordered tables, and a
 * segment's later events still merge into the moved row. This file uses its own
 * store, so it must not call testStore() (one chDB data directory per process).
 */

const DAY = 86_400_000;
const t0 = Date.UTC(2026, 1, 10, 23, 50, 0);
const tenantId = "upgrade";
const leg = { specVersion: "1.0" as const, source: "test", tenantId, callId: "c1", queueId: "q1", legId: "c1.1" };

function ev(e: Omit<CtiEvent, "id" | "specVersion" | "source" | "tenantId"> & Partial<CtiEvent>): CtiEvent {
  return { specVersion: "1.0", source: "test", tenantId, id: randomUUID(), ...e } as CtiEvent;
}

describe("migration 0011 on a store with history", () => {
  it("moves contacts and agent intervals to the time-ordered tables", async () => {
    const ch = await storeBefore("0011");

    const answered: CtiEvent[] = [
      ev({ ...leg, type: "call.queue_exited", time: t0 + 30_000, agentId: "a1", data: { reason: "answered", waitMs: 30_000 } }),
      ev({ ...leg, type: "call.established", time: t0 + 30_000, agentId: "a1", data: { waitMs: 30_000, ringMs: 2_000, agentChannelId: "ch.2" } }),
      ev({
        ...leg,
        type: "call.connection_cleared",
        time: t0 + 630_000,
        agentId: "a1",
        data: { queuedAt: t0, talkMs: 600_000, holdMs: 0, holdCount: 0, releasedBy: "caller", transferred: false },
      }),
    ];
    const abandoned = ev({ ...leg, legId: "c2.1", callId: "c2", type: "call.queue_exited", time: t0 + 8_000, data: { reason: "abandon", waitMs: 8_000 } });
    // Busy across midnight (the old table kept it whole).
    const busyEnd = ev({
      type: "agent.working_after_call",
      time: t0 + 630_000,
      agentId: "a1",
      callId: "c1",
      legId: "c1.1",
      data: { previous: { state: "busy", since: t0 + 30_000, callId: "c1", legId: "c1.1", queuedAt: t0 } },
    });
    await ch.insert({ table: "cti_events", values: [...answered, abandoned, busyEnd].map(eventToRow), format: "JSONEachRow" });

    const report = await migrate(ch);
    expect(report.applied.filter((n) => n >= "0011")).toEqual(
      fs
        .readdirSync(MIGRATIONS_DIR)
        .filter((f) => f >= "0011" && f.endsWith(".sql"))
        .sort(),
    );
    const tables = await queryRows<{ name: string }>(
      ch,
      "SELECT name FROM system.tables WHERE database = currentDatabase() AND name IN ('contacts', 'agent_state_intervals')",
    );
    expect(tables).toEqual([]);

    // After-call work ends after the upgrade: its row carries queuedAt and merges into the moved segment.
    const acwEnd = ev({
      type: "agent.ready",
      time: t0 + 660_000,
      agentId: "a1",
      data: { previous: { state: "after_call_work", since: t0 + 630_000, callId: "c1", legId: "c1.1", queuedAt: t0 } },
    });
    await ch.insert({ table: "cti_events", values: [eventToRow(acwEnd)], format: "JSONEachRow" });

    const segments = await queryRows<Record<string, string | number>>(
      ch,
      `SELECT leg_id, toUnixTimestamp64Milli(queued_at) AS queued, outcome, wait_ms, agent_id, talk_ms, acw_ms
       FROM contact_segments FINAL WHERE tenant_id = {t:String} ORDER BY leg_id`,
      { t: tenantId },
    );
    expect(segments.map((r) => ({ ...r, queued: Number(r.queued) }))).toEqual([
      { leg_id: "c1.1", queued: t0, outcome: "answered", wait_ms: 30_000, agent_id: "a1", talk_ms: 600_000, acw_ms: 30_000 },
      { leg_id: "c2.1", queued: t0, outcome: "abandon", wait_ms: 8_000, agent_id: "", talk_ms: 0, acw_ms: 0 },
    ]);

    const midnight = Math.ceil(t0 / DAY) * DAY;
    const pieces = await queryRows<{ state: string; s: string; e: string }>(
      ch,
      `SELECT state, toString(toUnixTimestamp64Milli(start_at)) AS s, toString(toUnixTimestamp64Milli(end_at)) AS e
       FROM agent_state_pieces FINAL WHERE tenant_id = {t:String} ORDER BY start_at, state`,
      { t: tenantId },
    );
    expect(pieces.map((p) => [p.state, Number(p.s), Number(p.e)])).toEqual([
      ["busy", t0 + 30_000, midnight],
      ["busy", midnight, t0 + 630_000],
      ["after_call_work", t0 + 630_000, t0 + 660_000],
    ]);
  });
});
