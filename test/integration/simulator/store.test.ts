import { describe, expect, it } from "vitest";
import { IngestPipeline } from "@/ingest/pipeline/pipeline";
import type { CtiEvent } from "@/lib/events";
import { freshTenant, queryRows, testStore } from "../helpers/store";
import { DAY_MS, defaultConfig, MONDAY, simulate } from "../../unit/simulator/fixtures";

describe("a simulated day through the ingest pipeline into the store", () => {
  it("is accepted whole and derives the contacts and agent intervals the events describe", async () => {
    const { ch } = await testStore();
    const config = { ...defaultConfig(), tenantId: freshTenant("simday") };
    const events = simulate(config, 31, MONDAY, MONDAY + DAY_MS);
    const pipeline = new IngestPipeline(ch, { maxEventBytes: 65536, origin: "test" });
    for (let i = 0; i < events.length; i += 5000) {
      await pipeline.ingest(events.slice(i, i + 5000).map((e) => ({ payload: { object: e }, origin: { source: "simulator" } })));
    }
    expect(pipeline.stats).toMatchObject({ received: events.length, inserted: events.length, deadLettered: 0 });

    const t = { t: config.tenantId };
    const exits = events.filter((e): e is Extract<CtiEvent, { type: "call.queue_exited" }> => e.type === "call.queue_exited");
    const answered = exits.filter((e) => e.data.reason === "answered");
    const within20 = answered.filter((e) => e.data.waitMs <= 20_000).length;
    const [raw] = await queryRows<Record<string, string | number>>(
      ch,
      `SELECT count() legs, countIf(outcome = 'answered') answered, countIf(outcome = 'answered' AND wait_ms <= 20000) within20,
              sum(talk_ms) talk, countIf(acw_ms > 0) acwLegs
       FROM (SELECT leg_id, max(outcome) outcome, max(wait_ms) wait_ms, max(talk_ms) talk_ms, max(acw_ms) acw_ms
             FROM contact_segments WHERE tenant_id = {t:String} GROUP BY leg_id)`,
      t,
    );
    const row = Object.fromEntries(Object.entries(raw ?? {}).map(([k, v]) => [k, Number(v)]));
    const talk = events.reduce((s, e) => s + (e.type === "call.connection_cleared" ? e.data.talkMs : 0), 0);
    const acw = events.filter((e) => e.type.startsWith("agent.") && "previous" in e.data && e.data.previous?.state === "after_call_work");
    expect(row).toEqual({
      legs: exits.length,
      answered: answered.length,
      within20,
      talk,
      acwLegs: acw.filter((e) => "previous" in e.data && e.data.previous && e.time > e.data.previous.since).length,
    });

    const stateEvents = events.filter((e) => e.type.startsWith("agent.") && "previous" in e.data && e.data.previous !== undefined);
    // Intervals are stored in pieces cut at UTC midnight: joined up by interval_start they
    // must give back one interval per state event, none overlapping, none longer than it was.
    const [counts] = await queryRows<{ n: string | number; overlaps: string | number; crossDay: string | number; lost: string | number }>(
      ch,
      `SELECT count() n, countIf(start_at < prev_end) overlaps, sum(cross_day) crossDay, countIf(piece_ms != toUnixTimestamp64Milli(end_at) - toUnixTimestamp64Milli(start_at)) lost
       FROM (
         SELECT agent_id, interval_start AS start_at, max(p_end) AS end_at, sum(toUnixTimestamp64Milli(p_end) - toUnixTimestamp64Milli(p_start)) AS piece_ms,
                sum(toDate(p_start) != toDate(p_end - toIntervalMillisecond(1)) AND p_end > p_start) AS cross_day,
                lagInFrame(max(p_end), 1, toDateTime64(0, 3, 'UTC')) OVER (PARTITION BY agent_id ORDER BY interval_start, max(p_end) ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) prev_end
         FROM (SELECT agent_id, interval_start, state, start_at AS p_start, end_at AS p_end FROM agent_state_pieces FINAL WHERE tenant_id = {t:String})
         GROUP BY agent_id, interval_start, state)`,
      t,
    );
    expect({ n: Number(counts?.n), overlaps: Number(counts?.overlaps), crossDay: Number(counts?.crossDay), lost: Number(counts?.lost) }).toEqual({
      n: stateEvents.length,
      overlaps: 0,
      crossDay: 0,
      lost: 0,
    });
  });
});
