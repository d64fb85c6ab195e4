import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { freshTenant, queryRows, testStore } from "./helpers/store";
import { eventToRow } from "@/lib/store/event-row";
import type { CtiEvent } from "@/lib/events";

describe("raw events and derived contacts", () => {
  it("derives one merged contact row from partial events, idempotently", async () => {
    const { ch } = await testStore();
    const tenantId = freshTenant();
    const t0 = Date.UTC(2026, 0, 5, 9, 0, 0);
    const base = { specVersion: "1.0" as const, source: "test", tenantId, callId: "c1", queueId: "q1", legId: "c1.1" };
    const events: CtiEvent[] = [
      { ...base, id: randomUUID(), type: "call.established", time: t0 + 12_000, agentId: "a1", data: { waitMs: 12_000, ringMs: 3_000, agentChannelId: "x.2" } },
      { ...base, id: randomUUID(), type: "call.queue_exited", time: t0 + 12_000, agentId: "a1", data: { reason: "answered", waitMs: 12_000 } },
      {
        ...base,
        id: randomUUID(),
        type: "call.connection_cleared",
        time: t0 + 200_000,
        agentId: "a1",
        data: { queuedAt: t0, talkMs: 188_000, holdMs: 20_000, holdCount: 1, releasedBy: "caller", transferred: false },
      },
    ];
    const rows = events.map(eventToRow);
    await ch.insert({ table: "cti_events", values: rows, format: "JSONEachRow" });
    await ch.insert({ table: "cti_events", values: rows, format: "JSONEachRow" }); // an at-least-once repeat
    const got = await queryRows<Record<string, string | number>>(
      ch,
      `SELECT leg_id, max(agent_id) agent, max(queued_at) queued, max(wait_ms) wait, max(talk_ms) talk, max(hold_ms) hold, max(outcome) outcome
       FROM contact_segments WHERE tenant_id = {t:String} GROUP BY leg_id`,
      { t: tenantId },
    );
    expect(got).toEqual([{ leg_id: "c1.1", agent: "a1", queued: new Date(t0).toISOString(), wait: 12000, talk: 188000, hold: 20000, outcome: "answered" }]);
  });
});

describe("chDB's shared session", () => {
  it("does not let one insert's deduplication token drop the next insert", async () => {
    const { ch } = await testStore();
    const tenantId = freshTenant();
    const row = (n: number) =>
      eventToRow({
        specVersion: "1.0",
        id: randomUUID(),
        source: "t",
        tenantId,
        time: Date.UTC(2026, 0, 1) + n,
        type: "call.failed",
        callId: `c${n}`,
        data: { cause: "x" },
      });
    await ch.insert({
      table: "cti_events",
      values: [row(1)],
      format: "JSONEachRow",
      clickhouse_settings: { insert_deduplicate: 1, insert_deduplication_token: `tok-${tenantId}` },
    });
    await ch.insert({ table: "cti_events", values: [row(2)], format: "JSONEachRow" });
    const [n] = await queryRows<{ n: string }>(ch, "SELECT count() n FROM cti_events WHERE tenant_id = {t:String}", { t: tenantId });
    expect(Number(n?.n)).toBe(2);
  });
});
