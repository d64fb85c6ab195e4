import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { CtiEvent } from "@/lib/events";
import { migrate } from "@/sql/migrate";
import { getAgentKpis } from "@/lib/kpi";
import { entryRows } from "../helpers/entry-rows";
import { storeBefore } from "../helpers/store-before";

/**
 * A store holding rings from before migration 0034 is upgraded in place: agent_rings
 * is filled from cti_events, so old rings still count in an agent's offers, and rings
 * arriving afterwards reach it through its view. Only rings let pass count, once each:
 * a ring refused as busy does not, and an event stored twice counts once. This file
 * uses its own store, so it must not call testStore() (one chDB data directory per process).
 */

const t0 = Date.UTC(2026, 2, 3, 10, 0, 0);
const tenantId = "upgrade-0034";

function diverted(agentId: string, time: number, reason: "ring_no_answer" | "busy"): CtiEvent {
  return {
    specVersion: "1.0",
    source: "test",
    tenantId,
    id: randomUUID(),
    type: "call.diverted",
    time,
    callId: `call-${time}`,
    legId: `call-${time}.1`,
    queueId: "q1",
    agentId,
    data: { reason, ringMs: 15_000 },
  };
}

describe("migration 0034 on a store with rings", () => {
  it("copies the stored rings let pass into agent_rings, and later ones arrive by its view", async () => {
    const ch = await storeBefore("0034");
    const old = [diverted("a1", t0, "ring_no_answer"), diverted("a1", t0 + 1_000, "ring_no_answer"), diverted("a2", t0 + 2_000, "busy")];
    await ch.insert({ table: "cti_events_in", values: entryRows(old), format: "JSONEachRow" });

    const report = await migrate(ch);
    expect(report.applied).toContain("0034_agent_rings.sql");
    const later = [diverted("a2", t0 + 60_000, "ring_no_answer")];
    await ch.insert({ table: "cti_events_in", values: entryRows(later), format: "JSONEachRow" });
    // The same event again, as an at-least-once repeat that no token caught.
    await ch.insert({ table: "cti_events_in", values: entryRows(later), format: "JSONEachRow" });

    const kpis = await getAgentKpis(ch, { tenantId, from: t0 - 3_600_000, to: t0 + 3_600_000 });
    expect(kpis.agents.map((a) => [a.agentId, a.ringNoAnswer])).toEqual([
      ["a1", 2],
      ["a2", 1],
    ]);
  });
});
