import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { parseEnv } from "../lib/env";
import { getClickHouse, closeClickHouse } from "../lib/store/client";
import { migrate } from "../sql/migrate";
import { getAgentKpis, getHeatmap, getKpiSeries, getKpiSummary, getQueueKpis } from "../lib/kpi";
import { listContacts } from "../lib/contacts/list-contacts";
import { queryRows, sqlNumber } from "@/lib/store/query-rows";
import { SETTLE_MS } from "../lib/kpi/queries/state-days";
import { RING_NO_ANSWER_SQL, ringNoAnswerRowSchema } from "../lib/kpi/queries/ring-no-answer";
import { segmentParams } from "../lib/kpi/queries/segments-sql";
import { compactOnce } from "../lib/store/compact";
import { intervalForRange } from "../lib/time/periods";
import { runCli } from "../scripts/run-cli";
import { percentile } from "./percentile";
import { numArg, strArg } from "./cli-args";
import { DAY, END, SL_THRESHOLD_MS, TENANT, countOf, generate } from "./queries-history";

/**
 * npm run bench:queries [-- --events N] [--data-dir DIR] [--runs 20] [--tz Europe/London] [--chunk-days 1]
 *
 * 1. Generates about a year of a 500-agent centre (default 50,000,000 raw events)
 *    straight into `cti_events` with INSERT ... SELECT FROM numbers(), in chunks, so
 *    the materialized views derive contact segments, agent state pieces and calls
 *    exactly as they do in production. Every contact (one call, one leg) gets
 *    the events a PBX would send, with the payload shapes of lib/events/data.ts:
 *    call.offered, call.queued, call.queue_exited {reason, waitMs}, and for answered
 *    ones call.established, agent.busy {previous: ready/not_ready}, call.connection_cleared
 *    {queuedAt, talkMs, holdMs, holdCount, releasedBy, transferred}, agent.working_after_call
 *    {previous: busy, with the leg's queuedAt}, agent.ready {previous: after_call_work};
 *    then call.cleared. One answered contact in ten first rang another agent, who let
 *    it pass: call.diverted {reason: ring_no_answer} (offers on the agents page).
 *    With --data-dir pointing at a store that already holds the bench tenant, the
 *    generation is skipped and that data is measured.
 *    Then waits until the store is quiet for SETTLE_MS, as a store that has run for a
 *    year is: only then are whole days' agent state totals cached (state-days.ts).
 * 2. Times each dashboard query of the KPI engine (1 warm-up + N timed runs, p50/p95;
 *    the warm-up's own time is printed as "first run": it pays for filling that cache)
 *    for the last 1, 7, 31 and 365 days of the data, and, in the same run, the same
 *    headline counts computed straight from the raw events (JSONExtract on
 *    call.queue_exited, deduplicated by event_id) as the baseline.
 * 3. Prints a table and whether the goal holds (p95 <= 150 ms up to 31 days,
 *    <= 1000 ms for a year). Exit code 0 whatever the figures (it is a benchmark).
 */

const PERIODS = [
  { label: "1 day", days: 1, goalMs: 150 },
  { label: "7 days", days: 7, goalMs: 150 },
  { label: "31 days", days: 31, goalMs: 150 },
  { label: "365 days", days: 365, goalMs: 1000 },
] as const;

/** Same headline counts straight from the raw events: queue exits in the period, one per event_id. */
const BASELINE_SQL = `
SELECT
  count() AS offered,
  countIf(reason = 'answered') AS answered,
  countIf(reason = 'abandon') AS abandoned,
  countIf(reason = 'answered' AND wait_ms <= {slMs:UInt64}) AS answeredWithin,
  sum(wait_ms) AS waitMsSum
FROM
(
  SELECT
    event_id,
    any(time) AS exited,
    JSONExtractString(any(data), 'reason') AS reason,
    JSONExtractUInt(any(data), 'waitMs') AS wait_ms
  FROM cti_events
  WHERE tenant_id = {tenantId:String}
    AND type = 'call.queue_exited'
    AND time >= fromUnixTimestamp64Milli({fromMs:Int64}, 'UTC')
    AND time < fromUnixTimestamp64Milli({toMs:Int64} + 3600000, 'UTC')
  GROUP BY event_id
)
WHERE exited - toIntervalMillisecond(wait_ms) >= fromUnixTimestamp64Milli({fromMs:Int64}, 'UTC')
  AND exited - toIntervalMillisecond(wait_ms) < fromUnixTimestamp64Milli({toMs:Int64}, 'UTC')`;

/** The rings agents let pass, read from the raw events as getAgentKpis did before agent_rings (migration 0034). */
const RINGS_FROM_EVENTS_SQL = `
SELECT agent_id AS agentId, uniqExact(event_id) AS rona
FROM cti_events
WHERE tenant_id = {tenantId:String}
  AND time >= fromUnixTimestamp64Milli({fromMs:Int64}, 'UTC')
  AND time < fromUnixTimestamp64Milli({toMs:Int64}, 'UTC')
  AND type = 'call.diverted'
  AND JSONExtractString(data, 'reason') = 'ring_no_answer'
  AND agent_id != ''
GROUP BY agentId`;

const headlineSchema = z.object({ offered: sqlNumber, answered: sqlNumber, abandoned: sqlNumber, answeredWithin: sqlNumber, waitMsSum: sqlNumber });
type Headline = z.output<typeof headlineSchema>;

async function baseline(ch: ClickHouseClient, from: number, to: number): Promise<Headline> {
  const [row] = await queryRows(ch, BASELINE_SQL, { tenantId: TENANT, fromMs: from, toMs: to, slMs: SL_THRESHOLD_MS }, headlineSchema);
  if (!row) throw new Error("baseline returned no row");
  return row;
}

/**
 * Brings the store to the state a store that has run for a year is in: background
 * merges done (up to a limit), one round of the product's own compaction (which a
 * running server does every STORE_COMPACT_MINUTES), and quiet for SETTLE_MS.
 */
async function settle(ch: ClickHouseClient): Promise<void> {
  const started = performance.now();
  let merges: number;
  for (;;) {
    merges = await countOf(ch, "SELECT count() AS n FROM system.merges WHERE database = currentDatabase()");
    if (merges === 0 || performance.now() - started > 120_000) break;
    await new Promise((r) => setTimeout(r, 2000));
  }
  console.log(`  waited ${((performance.now() - started) / 1000).toFixed(0)} s for merges (${merges} still running)`);
  const tc = performance.now();
  const compacted = await compactOnce(ch);
  console.log(`  compaction round (lib/store/compact.ts): ${compacted.length} partitions in ${((performance.now() - tc) / 1000).toFixed(1)} s`);
  const [quiet] = await queryRows(
    ch,
    `SELECT toUnixTimestamp64Milli(now64(3)) - toUnixTimestamp64Milli(max(inserted_at)) AS sinceMs
     FROM agent_state_pieces WHERE tenant_id = {tenantId:String}`,
    { tenantId: TENANT },
    z.object({ sinceMs: sqlNumber }),
  );
  const wait = Math.max(0, SETTLE_MS - (quiet?.sinceMs ?? SETTLE_MS) + 1000);
  console.log(`  waiting ${(wait / 1000).toFixed(0)} s until the last state insert is ${SETTLE_MS / 1000} s old (cached daily state totals)`);
  await new Promise((r) => setTimeout(r, wait));
  const rows = await queryRows(
    ch,
    `SELECT table, toString(count()) AS parts, toString(sum(rows)) AS rows, toString(sum(bytes_on_disk)) AS bytes
     FROM system.parts WHERE active AND database = currentDatabase()
       AND table IN ('cti_events', 'contact_segments', 'agent_state_pieces', 'calls')
     GROUP BY table ORDER BY table`,
    {},
    z.object({ table: z.string(), parts: sqlNumber, rows: sqlNumber, bytes: sqlNumber }),
  );
  for (const r of rows) {
    console.log(
      `  ${r.table.padEnd(22)} ${r.rows.toLocaleString("en").padStart(14)} rows  ${String(r.parts).padStart(4)} parts  ${(r.bytes / 2 ** 20).toFixed(0).padStart(6)} MiB`,
    );
  }
}

type Timing = { first: number; p50: number; p95: number };

async function time(runs: number, fn: () => Promise<unknown>): Promise<Timing> {
  const t0 = performance.now();
  await fn(); // warm-up
  const first = performance.now() - t0;
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { first, p50: percentile(ms, 50), p95: percentile(ms, 95) };
}

runCli(async () => {
  const targetEvents = Math.round(numArg("events", 50_000_000));
  const chunkDays = Math.round(numArg("chunk-days", 1));
  const runs = Math.round(numArg("runs", 20));
  const tz = strArg("tz") ?? "Europe/London";
  const givenDir = strArg("data-dir");
  const dir = givenDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "bench-queries-"));
  fs.mkdirSync(dir, { recursive: true });
  const env = parseEnv({ DATA_DIR: dir });
  const ch = await getClickHouse(env);
  await migrate(ch);

  console.log(`bench:queries: store ${path.resolve(dir)} (embedded chDB unless CLICKHOUSE_URL is set: ${env.embedded ? "embedded" : "server"})`);
  const existing = await countOf(ch, "SELECT count() AS n FROM cti_events WHERE tenant_id = {tenantId:String}");
  if (existing > 0) {
    console.log(`store already holds ${existing.toLocaleString("en")} events of tenant '${TENANT}': generation skipped`);
  } else {
    await generate(ch, targetEvents, chunkDays);
  }
  console.log("settling (background merges up to 120 s, compaction, quiet):");
  await settle(ch);

  const events = await countOf(ch, "SELECT count() AS n FROM cti_events WHERE tenant_id = {tenantId:String}");
  const [span] = await queryRows(
    ch,
    "SELECT toUnixTimestamp64Milli(max(time)) AS last FROM cti_events WHERE tenant_id = {tenantId:String}",
    { tenantId: TENANT },
    z.object({ last: sqlNumber }),
  );
  // Periods end at the end of the last generated day (UTC midnight).
  const to = Math.min(END, Math.ceil((span?.last ?? END) / DAY) * DAY);
  console.log(`\n${events.toLocaleString("en")} raw events; periods end ${new Date(to).toISOString()}; ${runs} timed runs after 1 warm-up; tz ${tz}\n`);

  type Row = { query: string; period: string; goalMs: number; t: Timing; base?: Timing; note?: string };
  const table: Row[] = [];
  for (const period of PERIODS) {
    const from = to - period.days * DAY;
    const scope = { tenantId: TENANT, from, to };
    const interval = intervalForRange({ from, to });

    // The period's very first query: it also fills the cached daily state totals for the period's days.
    const firstCall = performance.now();
    const summary = await getKpiSummary(ch, scope);
    const firstCallMs = performance.now() - firstCall;
    const raw = await baseline(ch, from, to);
    const c = summary.counts;
    const same =
      c.offered === raw.offered &&
      c.answered === raw.answered &&
      c.abandoned === raw.abandoned &&
      c.answeredWithin === raw.answeredWithin &&
      c.waitMsSum === raw.waitMsSum;
    console.log(
      `${period.label}: offered ${c.offered.toLocaleString("en")}, answered ${c.answered.toLocaleString("en")}, abandoned ${c.abandoned.toLocaleString("en")}, ` +
        `within 20 s ${c.answeredWithin.toLocaleString("en")}; raw baseline ${same ? "agrees" : `DISAGREES (${JSON.stringify(raw)})`}; ` +
        `the period's first query (getKpiSummary, filling the daily state cache) took ${firstCallMs.toFixed(0)} ms`,
    );
    const ringParams = segmentParams({ ...scope, queueIds: [] });
    const ringTotal = async (sql: string) => (await queryRows(ch, sql, ringParams, ringNoAnswerRowSchema)).reduce((n, r) => n + r.rona, 0);
    const [rings, ringsRaw] = [await ringTotal(RING_NO_ANSWER_SQL), await ringTotal(RINGS_FROM_EVENTS_SQL)];
    console.log(
      `  rings agents let pass: ${rings.toLocaleString("en")} from agent_rings; ${rings === ringsRaw ? "agrees with" : "DISAGREES with"} cti_events (${ringsRaw.toLocaleString("en")})`,
    );

    const base = await time(runs, () => baseline(ch, from, to));
    const cases: [string, () => Promise<unknown>][] = [
      ["getKpiSummary", () => getKpiSummary(ch, scope)],
      [`getKpiSeries (${interval})`, () => getKpiSeries(ch, { ...scope, interval, tz })],
      ["getQueueKpis", () => getQueueKpis(ch, scope)],
      ["getAgentKpis", () => getAgentKpis(ch, scope)],
      // getAgentKpis's read of the rings agents let pass (offers include them), from agent_rings (migration 0034)...
      ["  of which: rings (RONA)", () => queryRows(ch, RING_NO_ANSWER_SQL, ringParams, ringNoAnswerRowSchema)],
      // ...and, as its baseline in the same run, the same rings read from cti_events, as before that table.
      ["  rings from cti_events (before 0034)", () => queryRows(ch, RINGS_FROM_EVENTS_SQL, ringParams, ringNoAnswerRowSchema)],
      ["listContacts (page 1)", () => listContacts(ch, scope)],
      ["getHeatmap", () => getHeatmap(ch, { ...scope, tz })],
    ];
    for (const [query, fn] of cases) {
      const t = await time(runs, fn);
      table.push({ query, period: period.label, goalMs: period.goalMs, t, base: query === "getKpiSummary" ? base : undefined });
      process.stdout.write(
        `  ${query.padEnd(24)} p50 ${t.p50.toFixed(0).padStart(6)} ms  p95 ${t.p95.toFixed(0).padStart(6)} ms  (first run ${t.first.toFixed(0)} ms)\n`,
      );
    }
    table.push({ query: "raw baseline (headline)", period: period.label, goalMs: period.goalMs, t: base, note: "baseline" });
    process.stdout.write(`  ${"raw baseline (headline)".padEnd(24)} p50 ${base.p50.toFixed(0).padStart(6)} ms  p95 ${base.p95.toFixed(0).padStart(6)} ms\n`);
  }

  const f = (v: number) => `${v.toFixed(0)} ms`;
  const header = ["query", "period", "first run", "p50", "p95", "baseline p50", "baseline p95", "goal (p95)"];
  const body = table.map((r) => {
    const baseFor = r.base ?? table.find((b) => b.note === "baseline" && b.period === r.period)?.t;
    return [
      r.query,
      r.period,
      f(r.t.first),
      f(r.t.p50),
      f(r.t.p95),
      baseFor ? f(baseFor.p50) : "",
      baseFor ? f(baseFor.p95) : "",
      r.note === "baseline" ? "(reference)" : `${r.t.p95 <= r.goalMs ? "met" : "NOT met"} (<= ${r.goalMs} ms)`,
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i < 2 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join("  ");
  console.log("");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of body) console.log(line(row));
  const measured = table.filter((r) => r.note !== "baseline");
  const failed = measured.filter((r) => r.t.p95 > r.goalMs);
  console.log(
    `\n${events.toLocaleString("en")} events: ${failed.length === 0 ? "all goals met" : `${failed.length} of ${measured.length} query/period pairs miss the goal`} ` +
      `(p95 <= 150 ms up to 31 days, <= 1000 ms for 365 days)`,
  );
  console.log(`store kept at ${path.resolve(dir)} (reuse with --data-dir; remove it when done)`);
  await closeClickHouse();
});
