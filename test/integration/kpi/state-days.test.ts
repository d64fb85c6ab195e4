import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { freshTenant, queryRows, testStore } from "../helpers/store";
import { eventToRow } from "@/lib/store/event-row";
import type { AgentState, CtiEvent } from "@/lib/events";
import { queryStateTimeRows } from "@/lib/kpi/queries/state-days";
import { prepareStateTime } from "@/lib/kpi/queries/state-time";
import { getAgentTimeline } from "@/lib/agent-timeline/agent-timeline";

const DAY = 86_400_000;
const H = 3_600_000;
const D0 = Date.UTC(2026, 2, 2); // a Monday, UTC midnight

type Interval = { agentId: string; state: AgentState; start: number; end: number; reasonCode?: string };

function stateEvent(tenantId: string, iv: Interval): CtiEvent {
  const previous = { state: iv.state, since: iv.start, ...(iv.reasonCode ? { reasonCode: iv.reasonCode } : {}) };
  return { specVersion: "1.0", id: randomUUID(), source: "test", tenantId, agentId: iv.agentId, type: "agent.ready", time: iv.end, data: { previous } };
}

/** State time per agent and state clipped to [from, to), computed here from the intervals themselves. */
function expectedTime(intervals: readonly Interval[], from: number, to: number): Record<string, Partial<Record<AgentState, number>>> {
  const out: Record<string, Partial<Record<AgentState, number>>> = {};
  for (const iv of intervals) {
    const ms = Math.max(0, Math.min(iv.end, to) - Math.max(iv.start, from));
    if (iv.end <= from || iv.start >= to) continue;
    const a = (out[iv.agentId] ??= {});
    a[iv.state] = (a[iv.state] ?? 0) + ms;
  }
  return out;
}

function asRecord(m: ReturnType<typeof prepareStateTime>): Record<string, Partial<Record<AgentState, number>>> {
  const out: Record<string, Partial<Record<AgentState, number>>> = {};
  for (const [agentId, t] of m) {
    out[agentId] = Object.fromEntries(Object.entries(t.stateMs).filter(([, ms]) => ms > 0));
  }
  return out;
}

async function insert(tenantId: string, intervals: readonly Interval[]): Promise<void> {
  const { ch } = await testStore();
  await ch.insert({ table: "cti_events", values: intervals.map((iv) => eventToRow(stateEvent(tenantId, iv))), format: "JSONEachRow" });
}

describe("agent state time on the store", () => {
  it("cuts an interval at UTC midnights and joins it up again on the timeline", async () => {
    const { ch } = await testStore();
    const tenantId = freshTenant("pieces");
    const long: Interval = { agentId: "a1", state: "not_ready", reasonCode: "training", start: D0 + 22 * H, end: D0 + 2 * DAY + 2 * H };
    await insert(tenantId, [long]);
    const pieces = await queryRows<{ s: number; e: number }>(
      ch,
      `SELECT toUnixTimestamp64Milli(start_at) s, toUnixTimestamp64Milli(end_at) e FROM agent_state_pieces FINAL
       WHERE tenant_id = {t:String} ORDER BY s`,
      { t: tenantId },
    );
    expect(pieces.map((p) => [Number(p.s), Number(p.e)])).toEqual([
      [D0 + 22 * H, D0 + DAY],
      [D0 + DAY, D0 + 2 * DAY],
      [D0 + 2 * DAY, D0 + 2 * DAY + 2 * H],
    ]);
    const timeline = await getAgentTimeline(ch, { tenantId, agentId: "a1", from: D0 + 12 * H, to: D0 + DAY + 12 * H });
    expect(timeline.segments.map((s) => [s.state, s.start, s.end])).toEqual([
      ["none", D0 + 12 * H, D0 + 22 * H],
      ["not_ready", D0 + 22 * H, D0 + DAY + 12 * H],
    ]);
  });

  it("gives the same time from cached whole days as from the pieces, and notices late events", async () => {
    const { ch } = await testStore();
    const tenantId = freshTenant("days");
    const intervals: Interval[] = [];
    // Two agents over 6 days: ready 08-10, busy 10-13, not ready 13-13:30, ready 13:30-17 (agent a2 shifted by 30 min).
    for (let d = 0; d < 6; d++) {
      for (const [agentId, shift] of [
        ["a1", 0],
        ["a2", 30 * 60_000],
      ] as const) {
        const base = D0 + d * DAY + shift;
        intervals.push(
          { agentId, state: "ready", start: base + 8 * H, end: base + 10 * H },
          { agentId, state: "busy", start: base + 10 * H, end: base + 13 * H },
          { agentId, state: "not_ready", reasonCode: "lunch", start: base + 13 * H, end: base + 13.5 * H },
          { agentId, state: "ready", start: base + 13.5 * H, end: base + 17 * H },
        );
      }
    }
    // One overnight interval across two midnights.
    intervals.push({ agentId: "a4", state: "not_ready", start: D0 + 2 * DAY + 20 * H, end: D0 + 4 * DAY + 3 * H });
    await insert(tenantId, intervals);

    // Edges at 06:00 on both ends, so the period has edge parts and 4 whole days.
    const scope = { tenantId, from: D0 + 6 * H, to: D0 + 5 * DAY + 6 * H, queueIds: [] as string[] };
    const expected = expectedTime(intervals, scope.from, scope.to);

    const first = asRecord(prepareStateTime(await queryStateTimeRows(ch, scope, 0)));
    expect(first).toEqual(expected);
    const [filled] = await queryRows<{ days: string }>(ch, "SELECT uniqExact(day) days FROM agent_state_daily_done WHERE tenant_id = {t:String}", { t: tenantId });
    expect(Number(filled?.days)).toBe(4);
    expect(asRecord(prepareStateTime(await queryStateTimeRows(ch, scope, 0)))).toEqual(expected);

    // A late event for a whole day already cached must show up.
    await new Promise((r) => setTimeout(r, 5));
    const late: Interval = { agentId: "a3", state: "ready", start: D0 + 3 * DAY + 9 * H, end: D0 + 3 * DAY + 11 * H };
    await insert(tenantId, [late]);
    expect(asRecord(prepareStateTime(await queryStateTimeRows(ch, scope, 0)))).toEqual(expectedTime([...intervals, late], scope.from, scope.to));

    // A repeated event changes nothing.
    const { ch: store } = await testStore();
    await store.insert({ table: "cti_events", values: [eventToRow(stateEvent(tenantId, intervals[5]!))], format: "JSONEachRow" });
    await new Promise((r) => setTimeout(r, 5));
    expect(asRecord(prepareStateTime(await queryStateTimeRows(ch, scope, 0)))).toEqual(expectedTime([...intervals, late], scope.from, scope.to));

    // A queue filter keeps the agents who answered a contact of that queue in the period (here a2 only),
    // in the edges and the cached days alike.
    const exit: CtiEvent = {
      specVersion: "1.0",
      id: randomUUID(),
      source: "test",
      tenantId,
      callId: "c1",
      queueId: "qx",
      legId: "c1.1",
      agentId: "a2",
      type: "call.queue_exited",
      time: D0 + 2 * DAY + 10 * H,
      data: { reason: "answered", waitMs: 4_000 },
    };
    await store.insert({ table: "cti_events", values: [eventToRow(exit)], format: "JSONEachRow" });
    const a2Only = [...intervals, late].filter((iv) => iv.agentId === "a2");
    expect(asRecord(prepareStateTime(await queryStateTimeRows(ch, { ...scope, queueIds: ["qx"] }, 0)))).toEqual(expectedTime(a2Only, scope.from, scope.to));
  });
});
