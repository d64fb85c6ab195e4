import { describe, expect, it } from "vitest";
import type { ClickHouseClient } from "@clickhouse/client";
import { importQueueLog } from "@/ingest/queue-log";
import { IngestPipeline } from "@/ingest/pipeline/pipeline";
import { getKpiSummary, kpiDefinition } from "@/lib/kpi";
import { listContacts } from "@/lib/contacts/list-contacts";
import { updateQueueDefinition } from "@/lib/queue-settings/update-queue-definition";
import { freshTenant, testStore } from "../helpers/store";
import { insertQueue } from "../kpi/scenario";

/**
 * Issue 12's edges on the real store: callers still waiting at the end of a log, one
 * whose exit line never came, a CONNECT whose logged holdtime disagrees with its
 * ENTERQUEUE line, and a 5 s abandon against a 5 s short-abandon threshold.
 *
 * The log is dated relative to now (T = now - 600 s, whole seconds), since whether an
 * open caller is in progress or lost depends on when one looks. Queues: help (defaults:
 * longest wait 3600 s) and old (longest wait set to 60 s).
 *   e1 help  +10 ENTERQUEUE, +20 CONNECT holdtime 12 (so 20 - 12 = +8, not +10), +80 COMPLETECALLER
 *   e2 help  +100 ENTERQUEUE, +105 ABANDON waittime 5   (exactly the 5 s threshold)
 *   e3 help  +110 ENTERQUEUE, +114 ABANDON waittime 4   (short either way)
 *   e4 old   +120 ENTERQUEUE, no exit: 600 - 120 = 480 s ago > 60 s -> lost
 *   e5 help  +200 ENTERQUEUE, no exit: 400 s ago < 3600 s -> in progress
 * Period [T, T + 600 s):
 *   offered 5 (e1 is one contact: its exit is filed under its ENTERQUEUE time, so no second row)
 *   answered 1 (wait 12 s, Asterisk's figure), abandoned 2, in progress 1 (e5), lost 1 (e4)
 *   with an outcome 5 - 1 - 1 = 3 -> abandon rate 2 / 3
 *   rule "below" (default): short = e3 only = 1 -> excl. short (2 - 1) / (3 - 1) = 1 / 2
 *   rule "at_or_below" on help: short = e2, e3 = 2 -> excl. short (2 - 2) / (3 - 2) = 0
 *   average wait over the 3 with an outcome: (12 + 5 + 4) / 3 = 7 s
 */
const T = Math.floor(Date.now() / 1000) - 600;
const line = (s: number, rest: string) => `${T + s}|${rest}`;
const LOG = [
  line(0, "NONE|help|PJSIP/3001|ADDMEMBER|"),
  line(10, "e1|help|NONE|ENTERQUEUE||+441632960101|1"),
  line(20, "e1|help|PJSIP/3001|CONNECT|12|e1-agent|1"),
  line(80, "e1|help|PJSIP/3001|COMPLETECALLER|12|60|1"),
  line(100, "e2|help|NONE|ENTERQUEUE||+441632960102|1"),
  line(105, "e2|help|NONE|ABANDON|1|1|5"),
  line(110, "e3|help|NONE|ENTERQUEUE||+441632960103|1"),
  line(114, "e3|help|NONE|ABANDON|1|1|4"),
  line(120, "e4|old|NONE|ENTERQUEUE||+441632960104|1"),
  line(200, "e5|help|NONE|ENTERQUEUE||+441632960105|1"),
].join("\n");

const period = { from: T * 1000, to: (T + 600) * 1000 };
const actor = { id: "u1", name: "Ann Admin", role: "admin" };

async function setQueue(ch: ClickHouseClient, tenantId: string, queueId: string, s: { shortAbandonRule?: "below" | "at_or_below"; maxWaitS?: number }) {
  await updateQueueDefinition(ch, {
    tenantId,
    queueId,
    change: { slThresholdS: 20, slVariant: "answered_within_over_answered", shortAbandonS: 5, ...s },
    actor,
  });
}

describe("queue_log edges on the embedded store", () => {
  it("offers callers without an outcome as in progress or lost, and judges a 5 s abandon by the queue's rule", async () => {
    const { ch } = await testStore();
    const tenantId = freshTenant("qedge");
    const { events, errors } = importQueueLog(LOG, { tenantId, source: "asterisk://edge" });
    expect(errors).toEqual([]);
    await new IngestPipeline(ch, { maxEventBytes: 65536, origin: "queue_log" }).ingest(
      events.map((event) => ({ payload: { object: event }, origin: { source: "queue_log:edge" } })),
    );
    for (const queueId of ["help", "old"]) {
      const defaults = { slThresholdS: 20, slVariant: "answered_within_over_answered", shortAbandonS: 5, definitionVersion: 1, updatedAt: Date.now() - 60_000 };
      await insertQueue(ch, { tenantId, queueId, name: queueId, ...defaults });
    }
    await setQueue(ch, tenantId, "old", { maxWaitS: 60 });

    const below = await getKpiSummary(ch, { tenantId, ...period });
    expect(below.counts).toMatchObject({ offered: 5, inProgress: 1, lost: 1, answered: 1, abandoned: 2, shortAbandoned: 1, answeredWaitMsSum: 12_000 });
    expect(below.kpis.abandon_rate).toMatchObject({ value: 2 / 3, numerator: 2, denominator: 3 });
    expect(below.kpis.abandon_rate_excl_short).toMatchObject({ value: 1 / 2, numerator: 1, denominator: 2 });
    expect(below.kpis.avg_wait.value).toBe(21_000 / 3);
    expect(below.kpis.in_progress.value).toBe(1);
    expect(below.kpis.lost.value).toBe(1);

    const page = await listContacts(ch, { tenantId, ...period, sort: "queued_at", direction: "asc" });
    expect(page.items.map((c) => [c.callId, c.outcome, (c.queuedAt - T * 1000) / 1000, c.waitMs])).toEqual([
      ["e1", "answered", 10, 12_000],
      ["e2", "abandon", 100, 5_000],
      ["e3", "abandon", 110, 4_000],
      ["e4", "lost", 120, 0],
      ["e5", "in_progress", 200, 0],
    ]);
    expect(page.items.find((c) => c.callId === "e4")?.maxWaitS).toBe(60);
    const legs = async (filter: "in_progress" | "lost" | "with_outcome" | "short_abandon") =>
      (await listContacts(ch, { tenantId, ...period, filter, sort: "queued_at", direction: "asc" })).items.map((c) => c.callId);
    expect(await legs("in_progress")).toEqual(["e5"]);
    expect(await legs("lost")).toEqual(["e4"]);
    expect(await legs("with_outcome")).toEqual(["e1", "e2", "e3"]);
    expect(await legs("short_abandon")).toEqual(["e3"]);

    await setQueue(ch, tenantId, "help", { shortAbandonRule: "at_or_below" });
    const atOrBelow = await getKpiSummary(ch, { tenantId, ...period });
    expect(atOrBelow.counts.shortAbandoned).toBe(2);
    expect(atOrBelow.kpis.abandon_rate_excl_short).toMatchObject({ value: 0, numerator: 0, denominator: 1 });
    expect(await legs("short_abandon")).toEqual(["e2", "e3"]);
    // The rule is stated in the definition the explain panel shows.
    expect(kpiDefinition("short_abandoned").formula).toMatch(/wait_ms <= it when the queue's short_abandon_rule is 'at_or_below'/);
  });
});
