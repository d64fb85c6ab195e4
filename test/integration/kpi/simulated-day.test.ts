import { beforeAll, describe, expect, it } from "vitest";
import type { CtiEvent, EventOf } from "@/lib/events";
import { getKpiSummary, getQueueKpis } from "@/lib/kpi";
import { IngestPipeline, writeDirectory } from "@/ingest/pipeline";
import { ContactCentreSim, loadSimulatorConfig, simulatorDirectory } from "@/ingest/simulator";
import { freshTenant, testStore } from "../helpers/store";

/**
 * A simulated weekday goes through the real pipeline into chDB; every KPI the engine
 * reports is checked against the same KPI computed here, directly from the event
 * list, with no SQL and none of the engine's code.
 */
const DAY = Date.UTC(2026, 2, 10); // a Tuesday
const HOUR = 3_600_000;

type Leg = {
  queueId: string;
  queuedAt: number;
  outcome?: string;
  waitMs?: number;
  talkMs?: number;
  holdMs?: number;
  holdCount?: number;
  acwMs?: number;
  transferred?: boolean;
  cleared?: boolean;
};

function legsFrom(events: CtiEvent[]): Map<string, Leg> {
  const legs = new Map<string, Leg>();
  for (const e of events) {
    if (e.type === "call.queued") legs.set(e.legId, { queueId: e.queueId, queuedAt: e.time });
  }
  const leg = (id: string | undefined) => (id ? legs.get(id) : undefined);
  for (const e of events) {
    if (e.type === "call.queue_exited") Object.assign(leg(e.legId) ?? {}, { outcome: e.data.reason, waitMs: e.data.waitMs });
    if (e.type === "call.connection_cleared") {
      Object.assign(leg(e.legId) ?? {}, { talkMs: e.data.talkMs, holdMs: e.data.holdMs, holdCount: e.data.holdCount, transferred: e.data.transferred, cleared: true });
    }
    if (e.type.startsWith("agent.")) {
      const prev = (e as EventOf<"agent.ready">).data.previous;
      if (prev?.state === "after_call_work" && prev.legId) {
        const l = leg(prev.legId);
        if (l) l.acwMs = e.time - prev.since;
      }
    }
  }
  return legs;
}

const mean = (xs: number[]) => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);

describe("a simulated day, ingested, gives the KPIs computed from its raw events", () => {
  const config = loadSimulatorConfig();
  const tenantId = freshTenant("day");
  let events: CtiEvent[] = [];
  let dayLegs: Leg[] = [];

  beforeAll(async () => {
    const { ch } = await testStore();
    const sim = new ContactCentreSim({ ...config, tenantId }, { seed: 2026, startTime: DAY - 6 * HOUR });
    events = sim.advanceTo(DAY + 30 * HOUR);
    await writeDirectory(ch, tenantId, simulatorDirectory(config));
    const pipeline = new IngestPipeline(ch, { maxEventBytes: 65536, origin: "test" });
    for (let i = 0; i < events.length; i += 5000) {
      await pipeline.ingest(events.slice(i, i + 5000).map((e) => ({ payload: { object: e }, origin: { source: "test" } })));
    }
    dayLegs = [...legsFrom(events).values()].filter((l) => l.queuedAt >= DAY && l.queuedAt < DAY + 24 * HOUR);
  });

  it("simulated a busy, plausible day", () => {
    expect(dayLegs.length).toBeGreaterThan(1500);
    expect(dayLegs.every((l) => l.outcome !== undefined)).toBe(true);
  });

  it("matches offered, outcomes, waits, service level, handle times and transfers over all queues", async () => {
    const { ch } = await testStore();
    const s = await getKpiSummary(ch, { tenantId, from: DAY, to: DAY + 24 * HOUR });
    const threshold = new Map(config.queues.map((q) => [q.id, q]));
    const answered = dayLegs.filter((l) => l.outcome === "answered");
    const abandoned = dayLegs.filter((l) => l.outcome === "abandon");
    const short = abandoned.filter((l) => (l.waitMs ?? 0) < (threshold.get(l.queueId)?.shortAbandonSeconds ?? 5) * 1000);
    const within = answered.filter((l) => (l.waitMs ?? 0) <= (threshold.get(l.queueId)?.slThresholdSeconds ?? 20) * 1000);
    const handled = answered.filter((l) => l.cleared);
    const held = handled.filter((l) => (l.holdCount ?? 0) > 0);

    expect(s.kpis.offered.value).toBe(dayLegs.length);
    expect(s.kpis.answered.value).toBe(answered.length);
    expect(s.kpis.abandoned.value).toBe(abandoned.length);
    expect(s.kpis.short_abandoned.value).toBe(short.length);
    expect(s.kpis.timed_out.value).toBe(dayLegs.filter((l) => l.outcome === "timeout").length);
    expect(s.kpis.abandon_rate.value).toBeCloseTo(abandoned.length / dayLegs.length, 12);
    expect(s.kpis.service_level.value).toBeCloseTo(within.length / answered.length, 12);
    expect(s.kpis.asa.value).toBeCloseTo(mean(answered.map((l) => l.waitMs ?? 0)) ?? NaN, 6);
    expect(s.kpis.avg_wait.value).toBeCloseTo(mean(dayLegs.map((l) => l.waitMs ?? 0)) ?? NaN, 6);
    expect(s.kpis.longest_wait.value).toBe(Math.max(...dayLegs.map((l) => l.waitMs ?? 0)));
    expect(s.kpis.aht.value).toBeCloseTo(mean(handled.map((l) => (l.talkMs ?? 0) + (l.acwMs ?? 0))) ?? NaN, 6);
    expect(s.kpis.avg_hold.value).toBeCloseTo(mean(held.map((l) => l.holdMs ?? 0)) ?? NaN, 6);
    expect(s.kpis.transfer_rate.value).toBeCloseTo(handled.filter((l) => l.transferred).length / handled.length, 12);
  });

  it("matches offered and service level per queue", async () => {
    const { ch } = await testStore();
    const rows = await getQueueKpis(ch, { tenantId, from: DAY, to: DAY + 24 * HOUR });
    for (const q of config.queues) {
      const legs = dayLegs.filter((l) => l.queueId === q.id);
      const answered = legs.filter((l) => l.outcome === "answered");
      const row = rows.find((r) => r.queueId === q.id);
      expect(row?.name).toBe(q.name);
      expect(row?.kpis.offered.value, q.id).toBe(legs.length);
      const within = answered.filter((l) => (l.waitMs ?? 0) <= q.slThresholdSeconds * 1000).length;
      expect(row?.kpis.service_level.value ?? null, q.id).toBeCloseTo(answered.length ? within / answered.length : NaN, 12);
    }
  });
});
