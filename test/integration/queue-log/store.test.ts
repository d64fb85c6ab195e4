import { describe, expect, it } from "vitest";
import type { ClickHouseClient } from "@clickhouse/client";
import { importQueueLog } from "@/ingest/queue-log";
import { IngestPipeline } from "@/ingest/pipeline/pipeline";
import type { InboundMessage } from "@/ingest/pipeline/message";
import { getAgentKpis, getKpiSummary, getQueueKpis } from "@/lib/kpi";
import { freshTenant, queryRows, testStore } from "../helpers/store";
import {
  HAND_AGENTS,
  HAND_AGENT_STATES,
  HAND_COUNTS,
  HAND_EVENT_TYPES,
  HAND_KPIS,
  HAND_LOG,
  HAND_OCCUPANCY,
  S,
  SOURCE,
  T0,
  WRAP_UP_SECONDS,
} from "../../unit/queue-log/hand-log";

const period = { from: T0, to: T0 + 3600 * S };
const eventCount = Object.values(HAND_EVENT_TYPES).reduce((a, b) => a + b, 0);

/** Imports the hand log for `tenantId` through the real ingest pipeline, as the CLI will. */
async function importThroughPipeline(ch: ClickHouseClient, tenantId: string) {
  const { events, errors } = importQueueLog(HAND_LOG, { tenantId, source: SOURCE, wrapUpSeconds: WRAP_UP_SECONDS });
  expect(errors).toEqual([]);
  const pipeline = new IngestPipeline(ch, { maxEventBytes: 65536, origin: "queue_log" });
  const messages: InboundMessage[] = events.map((event) => ({ payload: { object: event }, origin: { source: "queue_log:hand-log" } }));
  return pipeline.ingest(messages);
}

describe("queue_log import into the embedded store", () => {
  it("gives the hand-computed KPIs, per queue and per agent", async () => {
    const { ch } = await testStore();
    const tenantId = freshTenant("qlog");
    const result = await importThroughPipeline(ch, tenantId);
    expect(result).toMatchObject({ received: eventCount, inserted: eventCount, deadLettered: 0, alreadyStored: 0 });

    const summary = await getKpiSummary(ch, { tenantId, ...period });
    expect(summary.counts).toEqual({
      ...HAND_COUNTS.total,
      stateReadyMs: 1000 * S,
      stateBusyMs: 540 * S,
      stateAcwMs: 30 * S,
    });
    expect(summary.kpis.service_level.value).toBeCloseTo(HAND_KPIS.total.serviceLevel, 12);
    expect(summary.kpis.asa.value).toBeCloseTo(HAND_KPIS.total.asaMs, 9);
    expect(summary.kpis.aht.value).toBeCloseTo(HAND_KPIS.total.ahtMs, 9);
    expect(summary.kpis.abandon_rate.value).toBeCloseTo(HAND_KPIS.total.abandonRate, 12);
    expect(summary.kpis.short_abandoned.value).toBe(1);
    expect(summary.kpis.longest_wait.value).toBe(50 * S);
    expect(summary.kpis.occupancy.value).toBeCloseTo(HAND_OCCUPANCY, 12);

    const queues = await getQueueKpis(ch, { tenantId, ...period });
    expect(queues.map((q) => q.queueId)).toEqual(["sales", "support"]);
    for (const q of queues) {
      const name = q.queueId as "sales" | "support";
      expect(q.counts, name).toEqual({ ...HAND_COUNTS[name], stateReadyMs: 0, stateBusyMs: 0, stateAcwMs: 0 });
      expect(q.kpis.service_level.value, name).toBeCloseTo(HAND_KPIS[name].serviceLevel, 12);
      expect(q.kpis.asa.value, name).toBeCloseTo(HAND_KPIS[name].asaMs, 9);
      expect(q.kpis.aht.value, name).toBeCloseTo(HAND_KPIS[name].ahtMs, 9);
    }

    const { agents } = await getAgentKpis(ch, { tenantId, ...period });
    expect(agents.map((a) => a.agentId)).toEqual(["1001", "1002", "1003"]);
    for (const a of agents) {
      const id = a.agentId as keyof typeof HAND_AGENTS;
      expect(a, id).toMatchObject({ ...HAND_AGENTS[id], stateMs: HAND_AGENT_STATES[id] });
    }
    expect(agents.find((a) => a.agentId === "1003")?.notReadyMsByReason).toEqual({ lunch: 230 * S });
    expect(agents.find((a) => a.agentId === "1003")?.transferRate).toBe(0.5);
  });

  it("stores every event once when the same log is imported twice", async () => {
    const { ch } = await testStore();
    const tenantId = freshTenant("qlog");
    await importThroughPipeline(ch, tenantId);
    const before = await getKpiSummary(ch, { tenantId, ...period });

    const again = await importThroughPipeline(ch, tenantId);
    expect(again).toMatchObject({ received: eventCount, inserted: 0, alreadyStored: eventCount, deadLettered: 0 });
    const [row] = await queryRows<{ n: string; ids: string }>(ch, "SELECT count() AS n, uniqExact(event_id) AS ids FROM cti_events WHERE tenant_id = {t:String}", {
      t: tenantId,
    });
    expect(Number(row?.n)).toBe(eventCount);
    expect(Number(row?.ids)).toBe(eventCount);
    expect((await getKpiSummary(ch, { tenantId, ...period })).counts).toEqual(before.counts);
  });
});
