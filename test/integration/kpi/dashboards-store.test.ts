import { describe, expect, it } from "vitest";
import { freshTenant, queryRows, testStore } from "../helpers/store";
import { getAgentKpis, getHeatmap, getKpiSummary, getQueueKpis } from "@/lib/kpi";
import { updateQueueDefinition } from "@/lib/queue-settings/update-queue-definition";
import { getAgentTimeline } from "@/lib/agent-timeline/agent-timeline";
import { listContacts } from "@/lib/contacts/list-contacts";
import { contactPages } from "@/lib/contacts/contact-pages";
import { listDefinitionChanges } from "@/lib/audit/definition-changes";
import { CONTACT_FILTERS, contactFilterCount } from "@/lib/kpi/contact-filters";
import { S, insertAgent, insertEvents, insertQueue, mainScenario } from "./scenario";

// Monday 5 January 2026, 09:00 UTC
const t0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const period = { from: t0, to: t0 + 3600 * S };

async function seeded(prefix: string) {
  const { ch } = await testStore();
  const tenantId = freshTenant(prefix);
  await insertEvents(ch, mainScenario(tenantId, t0).events);
  await insertAgent(ch, { tenantId, agentId: "a1", name: "Alice", teamId: "blue" });
  await insertAgent(ch, { tenantId, agentId: "a2", name: "Bob", teamId: "green" });
  return { ch, tenantId };
}

describe("dashboards on the embedded store", () => {
  it("every explain count equals the length of the contact list it links to", async () => {
    const { ch, tenantId } = await seeded("explain");
    const { counts } = await getKpiSummary(ch, { tenantId, ...period });
    for (const filter of CONTACT_FILTERS) {
      const list = await listContacts(ch, { tenantId, ...period, filter, limit: 500 });
      expect(list.total, filter).toBe(contactFilterCount(filter, counts));
      expect(list.items.length, filter).toBe(list.total);
    }
    // The export's pages (three rows each here) join up into the whole list in the page's order.
    const waits: number[] = [];
    for await (const page of contactPages(ch, { tenantId, ...period, sort: "wait_ms", direction: "desc" }, { maxRows: 100, pageRows: 3 })) {
      waits.push(...page.map((c) => c.waitMs));
    }
    expect(waits).toEqual([120_000, 40_000, 25_000, 20_000, 10_000, 5_000, 3_000, 2_000]);
  });

  it("sorted by agent or by queue, contacts follow the names shown, on a page and across an export's pages", async () => {
    const { ch } = await testStore();
    const tenantId = freshTenant("names");
    const stream = mainScenario(tenantId, t0);
    stream.answered({ callId: "d1", queueId: "q0", agentId: "a0", caller: "+447700900010", queuedAt: t0 + 2000 * S, waitMs: 4 * S, talk: { talkMs: 30 * S } });
    stream.answered({ callId: "d2", queueId: "q0", agentId: "a3", caller: "+447700900011", queuedAt: t0 + 2100 * S, waitMs: 6 * S, talk: { talkMs: 30 * S } });
    await insertEvents(ch, stream.events);
    // Names in the opposite order to the ids, so an order by id cannot pass for an order by name; a3 has no
    // name and is shown (and sorted) as "a3".
    for (const [agentId, name] of [
      ["a0", "Zed"],
      ["a1", "Mia"],
      ["a2", "Adam"],
    ] as const)
      await insertAgent(ch, { tenantId, agentId, name, teamId: "blue" });
    for (const [queueId, name] of [
      ["q0", "Zulu"],
      ["q1", "Alpha"],
    ] as const) {
      await insertQueue(ch, {
        tenantId,
        queueId,
        name,
        slThresholdS: 20,
        slVariant: "answered_within_over_answered",
        shortAbandonS: 5,
        definitionVersion: 1,
        updatedAt: t0,
      });
    }
    // ClickHouse compares strings byte by byte: so does this.
    const bytewise = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));
    for (const sort of ["agent_id", "queue_id"] as const) {
      for (const direction of ["asc", "desc"] as const) {
        const list = await listContacts(ch, { tenantId, ...period, sort, direction, limit: 500 });
        const shown = list.items.map((c) => (sort === "agent_id" ? c.agentName : c.queueName));
        const ordered = [...shown].sort(bytewise);
        expect(shown, `${sort} ${direction}`).toEqual(direction === "asc" ? ordered : ordered.reverse());
        expect(new Set(shown)).toEqual(new Set(sort === "agent_id" ? ["", "Zed", "Mia", "Adam", "a3"] : ["Zulu", "Alpha"]));
        const exported: string[] = [];
        for await (const page of contactPages(ch, { tenantId, ...period, sort, direction }, { maxRows: 100, pageRows: 2 })) exported.push(...page.map((c) => c.legId));
        expect(exported, `${sort} ${direction} export`).toEqual(list.items.map((c) => c.legId));
      }
    }
  });

  it("a team filter keeps the contacts the team's agents answered and their state time", async () => {
    const { ch, tenantId } = await seeded("team");
    // blue is a1: c1 and c6, both handled; state time a1 only
    const blue = await getKpiSummary(ch, { tenantId, ...period, teamIds: ["blue"] });
    expect(blue.counts).toMatchObject({ offered: 2, answered: 2, abandoned: 0, handled: 2, stateBusyMs: 180_000, stateAcwMs: 15_000, stateReadyMs: 705_000 });
    const green = await getQueueKpis(ch, { tenantId, ...period, teamIds: ["green"] });
    expect(green.map((q) => [q.queueId, q.counts.offered, q.counts.answered])).toEqual([["q1", 2, 2]]);
    const agents = await getAgentKpis(ch, { tenantId, ...period, teamIds: ["green"] });
    expect(agents.agents.map((a) => a.agentId)).toEqual(["a2"]);
    const none = await getKpiSummary(ch, { tenantId, ...period, teamIds: ["nobody"] });
    expect(none.counts.offered).toBe(0);
    expect(none.counts.stateReadyMs).toBe(0);
    const contacts = await listContacts(ch, { tenantId, ...period, teamIds: ["blue"], sort: "queued_at", direction: "asc" });
    expect(contacts.items.map((c) => c.legId)).toEqual(["c1.1", "c6.1"]);
  });

  it("buckets a heatmap by local weekday and hour, gap-free", async () => {
    const { ch, tenantId } = await seeded("heat");
    const utc = await getHeatmap(ch, { tenantId, ...period, tz: "UTC" });
    expect(utc.rows).toHaveLength(7);
    expect(utc.rows.every((r) => r.length === 24)).toBe(true);
    // Monday 09:00 holds every contact of the period
    expect(utc.rows[0]?.[9]?.counts.offered).toBe(8);
    expect(utc.rows[0]?.[9]?.kpis.service_level.value).toBe(0.75);
    expect(utc.rows.flat().reduce((n, c) => n + c.counts.offered, 0)).toBe(8);
    expect(utc.days).toEqual([1, 0, 0, 0, 0, 0, 0]);
    // In Tokyo (UTC+9) the same contacts entered on Monday at 18:00
    const tokyo = await getHeatmap(ch, { tenantId, ...period, tz: "Asia/Tokyo" });
    expect(tokyo.rows[0]?.[18]?.counts.offered).toBe(8);
  });

  it("draws an agent's day from the state intervals, gaps included", async () => {
    const { ch, tenantId } = await seeded("timeline");
    const day = { from: Date.UTC(2026, 0, 5), to: Date.UTC(2026, 0, 6) };
    const t = await getAgentTimeline(ch, { tenantId, agentId: "a1", ...day });
    expect(t.name).toBe("Alice");
    expect(t.teamId).toBe("blue");
    expect(t.segments.map((s) => [s.start - t0, s.end - t0, s.state, s.reasonCode])).toEqual([
      [day.from - t0, -600 * S, "none", ""],
      [-600 * S, 10 * S, "ready", ""],
      [10 * S, 130 * S, "busy", ""],
      [130 * S, 145 * S, "after_call_work", ""],
      [145 * S, 620 * S, "ready", ""],
      [620 * S, 680 * S, "busy", ""],
      [680 * S, 900 * S, "ready", ""],
      [900 * S, 4200 * S, "not_ready", "lunch"],
      [4200 * S, day.to - t0, "none", ""],
    ]);
    expect(t.segments[2]?.callId).toBe("c1");
    expect(Object.values(t.totals).reduce((a, b) => a + b, 0)).toBe(day.to - day.from);
    const unknown = await getAgentTimeline(ch, { tenantId, agentId: "zz", ...day });
    expect(unknown).toMatchObject({ name: "zz", segments: [{ state: "none", start: day.from, end: day.to }] });
  });

  it("an admin's change applies to history, raises the version and is audited", async () => {
    const { ch, tenantId } = await seeded("defs");
    await insertQueue(ch, {
      tenantId,
      queueId: "q1",
      name: "Queue one",
      slThresholdS: 20,
      slVariant: "answered_within_over_answered",
      shortAbandonS: 5,
      definitionVersion: 1,
      updatedAt: t0,
    });
    const before = await getQueueKpis(ch, { tenantId, ...period });
    expect(before[0]).toMatchObject({ definitionVersion: 1, slThresholdS: 20 });
    expect(before[0]?.kpis.service_level.value).toBe(0.75);

    const actor = { id: "admin", name: "Demo Admin", role: "admin" };
    // Within 8 s: only c7 (5 s) of the 4 answered; short abandon under 4 s: c3 (3 s)
    const r = await updateQueueDefinition(ch, {
      tenantId,
      queueId: "q1",
      change: { slThresholdS: 8, slVariant: "answered_within_over_answered_abandoned", shortAbandonS: 4, expectedVersion: 1 },
      actor,
    });
    expect(r.changed).toBe(true);
    expect(r.after).toMatchObject({ definitionVersion: 2, slThresholdS: 8, name: "Queue one" });
    const after = await getQueueKpis(ch, { tenantId, ...period });
    expect(after[0]).toMatchObject({ definitionVersion: 2, slThresholdS: 8, slVariant: "answered_within_over_answered_abandoned", shortAbandonS: 4 });
    // answered within 8 s: c7 = 1, over (answered 4 + abandoned 2)
    expect(after[0]?.kpis.service_level.value).toBe(1 / 6);
    expect(after[0]?.counts.shortAbandoned).toBe(1);

    // Saving the same again is no change; a stale version is refused; an unknown queue is not found.
    expect(
      (
        await updateQueueDefinition(ch, {
          tenantId,
          queueId: "q1",
          change: { slThresholdS: 8, slVariant: "answered_within_over_answered_abandoned", shortAbandonS: 4 },
          actor,
        })
      ).changed,
    ).toBe(false);
    await expect(
      updateQueueDefinition(ch, {
        tenantId,
        queueId: "q1",
        change: { slThresholdS: 9, slVariant: "answered_within_over_answered", shortAbandonS: 4, expectedVersion: 1 },
        actor,
      }),
    ).rejects.toMatchObject({ kind: "conflict", currentVersion: 2 });
    await expect(
      updateQueueDefinition(ch, { tenantId, queueId: "nope", change: { slThresholdS: 9, slVariant: "answered_within_over_answered", shortAbandonS: 4 }, actor }),
    ).rejects.toMatchObject({
      kind: "not_found",
    });

    const audit = await queryRows<{ actor: string; role: string; target: string; details: string }>(
      ch,
      "SELECT actor, role, target, details FROM audit_log WHERE tenant_id = {tenantId:String}",
      { tenantId },
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: "admin", role: "admin", target: "queue:q1" });
    const changes = await listDefinitionChanges(ch, { tenantId });
    expect(changes).toEqual([
      {
        at: r.after.updatedAt,
        actor: "Demo Admin",
        role: "admin",
        queueId: "q1",
        before: {
          slThresholdS: 20,
          slVariant: "answered_within_over_answered",
          shortAbandonS: 5,
          shortAbandonRule: "below",
          maxWaitS: 0,
          slTargetPct: 80,
          definitionVersion: 1,
        },
        after: {
          slThresholdS: 8,
          slVariant: "answered_within_over_answered_abandoned",
          shortAbandonS: 4,
          shortAbandonRule: "below",
          maxWaitS: 0,
          slTargetPct: 80,
          definitionVersion: 2,
        },
      },
    ]);
  });
});
