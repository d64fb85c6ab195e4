import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { parseEnv } from "../lib/env";
import { getClickHouse, closeClickHouse } from "../lib/store/client";
import { migrate } from "../sql/migrate";
import { getAgentKpis, getHeatmap, getKpiSeries, getKpiSummary, getQueueKpis, listContacts } from "../lib/kpi";
import { queryRows, sqlNumber } from "../lib/kpi/queries/run";
import { SETTLE_MS } from "../lib/kpi/queries/state-days";
import { compactOnce } from "../lib/store/compact";
import { intervalForRange } from "../lib/time/periods";
import { runCli } from "../scripts/run-cli";

/**
 * npm run bench:queries [-- --events N] [--data-dir DIR] [--runs 20] [--tz Europe/London] [--chunk-days 1]
 *
 * 1. Generates about a year of a 500-agent centre (default 50,000,000 raw events)
 *    straight into `cti_events` with INSERT ... SELECT FROM numbers(), in chunks, so
 *    the materialized views derive contacts, agent state intervals, calls and the
 *    rollups exactly as they do in production. Every contact (one call, one leg) gets
 *    the events a PBX would send, with the payload shapes of lib/events/data.ts:
 *    call.offered, call.queued, call.queue_exited {reason, waitMs}, and for answered
 *    ones call.established, agent.busy {previous: ready/not_ready}, call.connection_cleared
 *    {queuedAt, talkMs, holdMs, holdCount, releasedBy, transferred}, agent.working_after_call
 *    {previous: busy, with the leg's queuedAt}, agent.ready {previous: after_call_work};
 *    then call.cleared.
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

const numArg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} needs a positive number`);
  return v;
};
const strArg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : process.argv[i + 1];
};

const TENANT = "bench";
const AGENTS = 500;
const TEAMS = 25;
const QUEUES = 12;
const DAYS = 365;
const DAY = 86_400_000;
const HOUR = 3_600_000;
/** The generated year: [START, END). */
const START = Date.UTC(2025, 0, 1);
const END = START + DAYS * DAY;
/** Share of answered contacts (9 events each); the others (abandon, timeout) have 4. */
const ANSWERED_PER_10K = 8600;
const EVENTS_PER_CONTACT = (ANSWERED_PER_10K * 9 + (10_000 - ANSWERED_PER_10K) * 4) / 10_000;
/** Service-level threshold of every generated queue (the default), for the baseline. */
const SL_THRESHOLD_MS = 20_000;

const PERIODS = [
  { label: "1 day", days: 1, goalMs: 150 },
  { label: "7 days", days: 7, goalMs: 150 },
  { label: "31 days", days: 31, goalMs: 150 },
  { label: "365 days", days: 365, goalMs: 1000 },
] as const;

/**
 * One chunk of contacts [first, first + count) as raw events. Everything about a
 * contact is a pure function of its number (sipHash64 of the number and a salt), so
 * a chunk can be generated on its own. Contact c arrives on day floor(c / perDay),
 * between 07:00 and 20:00 UTC with a peak around midday, and is handled by agent
 * c mod 500: consecutive contacts of one agent are 500 arrivals apart, which at the
 * default ~6M contacts a year (16 minutes apart at the peak) is longer than almost
 * every handle time generated, so an agent's state intervals rarely overlap.
 */
function chunkSql(first: number, count: number, perDay: number): string {
  const h = (salt: number) => `sipHash64(c, ${salt})`;
  const u = (salt: number) => `((${h(salt)} % 1000000) + 0.5) / 1000000`;
  return `
INSERT INTO cti_events (tenant_id, event_id, type, spec_version, source, time, call_id, agent_id, queue_id, leg_id, data, raw)
SELECT
  '${TENANT}' AS tenant_id,
  reinterpretAsUUID(sipHash128(c, k)) AS event_id,
  [
    'call.offered', 'call.queued', 'call.queue_exited', 'call.established', 'agent.busy',
    'call.connection_cleared', 'agent.working_after_call', 'call.cleared', 'agent.ready'
  ][k + 1] AS type,
  '1.0' AS spec_version,
  'bench://generator' AS source,
  fromUnixTimestamp64Milli(toInt64(multiIf(
    k <= 1, t0,
    k <= 4, exit_at,
    k <= 6, cleared_at,
    k = 7, if(answered, cleared_at, exit_at),
    acw_end
  )), 'UTC') AS time,
  if(k IN (4, 6, 8), '', cid) AS call_id,
  multiIf(k IN (0, 1, 7), '', k = 2, if(answered, agent, ''), agent) AS agent_id,
  if(k IN (0, 4, 6, 7, 8), '', queue) AS queue_id,
  if(k IN (0, 4, 6, 7, 8), '', lid) AS leg_id,
  multiIf(
    k = 0, concat('{"from":"+44', toString(7000000000 + ${h(20)} % 999999999), '","to":"+448000', toString(queue_no), '","direction":"inbound","channelId":"ch-', toString(c), '"}'),
    k = 1, '{"position":1}',
    k = 2, concat('{"reason":"', outcome, '","waitMs":', toString(wait_ms), '}'),
    k = 3, concat('{"waitMs":', toString(wait_ms), ',"ringMs":', toString(ring_ms), ',"agentChannelId":"ach-', toString(c), '"}'),
    k = 4, concat('{"previous":{"state":"', prev_state, '","since":', toString(exit_at - idle_ms),
                  if(prev_state = 'not_ready', ',"reasonCode":"break"', ''), '}}'),
    k = 5, concat('{"queuedAt":', toString(t0), ',"talkMs":', toString(talk_ms), ',"holdMs":', toString(hold_ms), ',"holdCount":', toString(hold_count),
                  ',"releasedBy":"', released_by, '","transferred":', if(transferred, 'true', 'false'), '}'),
    k = 6, concat('{"previous":{"state":"busy","since":', toString(exit_at), ',"callId":"', cid, '","legId":"', lid, '","queuedAt":', toString(t0), '}}'),
    k = 7, concat('{"durationMs":', toString(if(answered, cleared_at, exit_at) - t0), ',"cause":"normal"}'),
    concat('{"previous":{"state":"after_call_work","since":', toString(cleared_at), ',"callId":"', cid, '","legId":"', lid, '","queuedAt":', toString(t0), '}}')
  ) AS data,
  '{}' AS raw
FROM
(
  SELECT *, arrayJoin(if(answered, [0, 1, 2, 3, 4, 5, 6, 7, 8], [0, 1, 2, 7])) AS k
  FROM
  (
  SELECT
    c,
    concat('c', toString(c)) AS cid,
    concat('l', toString(c)) AS lid,
    concat('a', leftPad(toString(c % ${AGENTS}), 3, '0')) AS agent,
    toUInt32(${h(13)} % ${QUEUES}) AS queue_no,
    concat('q', toString(queue_no)) AS queue,
    (c % ${perDay}) / ${perDay} AS p,
    toInt64(${START}) + toInt64(intDiv(c, ${perDay})) * ${DAY} + ${7 * HOUR}
      + toInt64(${13 * HOUR} * (p + 0.08 * sin(2 * pi() * p))) AS t0,
    ${h(1)} % 10000 AS u_outcome,
    u_outcome < ${ANSWERED_PER_10K} AS answered,
    multiIf(answered, 'answered', u_outcome < 9700, 'abandon', 'timeout') AS outcome,
    toInt64(multiIf(
      answered, least(300000, -log(${u(2)}) * 14000),
      outcome = 'abandon', least(600000, -log(${u(2)}) * 45000),
      300000
    )) AS wait_ms,
    toInt64(2000 + ${h(3)} % 10000) AS ring_ms,
    toInt64(30000 + least(690000, -log(${u(4)}) * 200000)) AS talk_ms,
    toInt64(if(${h(5)} % 100 < 18, 1 + ${h(6)} % 3, 0)) AS hold_count,
    least(intDiv(talk_ms, 2), hold_count * toInt64(5000 + ${h(7)} % 60000)) AS hold_ms,
    ${h(8)} % 100 < 6 AS transferred,
    if(transferred, 'transfer', if(${h(9)} % 2 = 0, 'agent', 'caller')) AS released_by,
    toInt64(5000 + ${h(10)} % 90000) AS acw_ms,
    toInt64(5000 + ${h(11)} % 120000) AS idle_ms,
    if(${h(12)} % 10 = 0, 'not_ready', 'ready') AS prev_state,
    t0 + wait_ms AS exit_at,
    exit_at + talk_ms AS cleared_at,
    cleared_at + acw_ms AS acw_end
  FROM (SELECT number AS c FROM numbers(${first}, ${count}))
  )
)`;
}

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

const headlineSchema = z.object({ offered: sqlNumber, answered: sqlNumber, abandoned: sqlNumber, answeredWithin: sqlNumber, waitMsSum: sqlNumber });
type Headline = z.output<typeof headlineSchema>;

async function baseline(ch: ClickHouseClient, from: number, to: number): Promise<Headline> {
  const [row] = await queryRows(ch, BASELINE_SQL, { tenantId: TENANT, fromMs: from, toMs: to, slMs: SL_THRESHOLD_MS }, headlineSchema);
  if (!row) throw new Error("baseline returned no row");
  return row;
}

/** A single number; `{tenantId:String}` in the query is the bench tenant. */
async function countOf(ch: ClickHouseClient, query: string): Promise<number> {
  const params = query.includes("{tenantId:String}") ? { tenantId: TENANT } : {};
  const [row] = await queryRows(ch, query, params, z.object({ n: sqlNumber }));
  return row?.n ?? 0;
}

/**
 * Inserts `chunkDays` days of contacts at a time, in arrival order, as a live store
 * receives them: a contact's partial rows then land in parts that background merges
 * combine early, as in production. (One insert spanning weeks left every contact's
 * rows in separate large parts that ClickHouse had no reason to merge, a state no
 * running store is in.)
 */
async function generate(ch: ClickHouseClient, targetEvents: number, chunkDays: number): Promise<void> {
  const contacts = Math.ceil(targetEvents / EVENTS_PER_CONTACT);
  const perDay = Math.ceil(contacts / DAYS);
  const perChunk = perDay * chunkDays;
  console.log(
    `generating ~${targetEvents.toLocaleString("en")} events: ${contacts.toLocaleString("en")} contacts over ${DAYS} days ` +
      `(${perDay.toLocaleString("en")} a day, ${AGENTS} agents, ${QUEUES} queues), ${chunkDays} day(s) per insert`,
  );
  await ch.command({
    query: `INSERT INTO agents (tenant_id, agent_id, name, team_id)
      SELECT '${TENANT}', concat('a', leftPad(toString(number), 3, '0')), concat('Agent ', toString(number)), concat('t', toString(number % ${TEAMS}))
      FROM numbers(${AGENTS})`,
  });
  await ch.command({
    query: `INSERT INTO queues (tenant_id, queue_id, name) SELECT '${TENANT}', concat('q', toString(number)), concat('Queue ', toString(number)) FROM numbers(${QUEUES})`,
  });
  const t0 = performance.now();
  let reported = 0;
  for (let first = 0; first < contacts; first += perChunk) {
    const count = Math.min(perChunk, contacts - first);
    await ch.command({ query: chunkSql(first, count, perDay) });
    const share = (first + count) / contacts;
    if (share - reported >= 0.1 || first + count >= contacts) {
      reported = share;
      const done = await countOf(ch, "SELECT count() AS n FROM cti_events WHERE tenant_id = {tenantId:String}");
      const secs = (performance.now() - t0) / 1000;
      console.log(`  ${done.toLocaleString("en")} events (${Math.round(100 * share)}%) in ${secs.toFixed(0)} s: ${Math.round(done / secs).toLocaleString("en")} events/s`);
    }
  }
  const done = await countOf(ch, "SELECT count() AS n FROM cti_events WHERE tenant_id = {tenantId:String}");
  const secs = (performance.now() - t0) / 1000;
  console.log(`generated ${done.toLocaleString("en")} events in ${secs.toFixed(1)} s (${Math.round(done / secs).toLocaleString("en")} events/s, materialized views included)`);
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
       AND table IN ('cti_events', 'contact_segments', 'agent_state_pieces', 'calls', 'queue_rollup_15m', 'agent_rollup_15m')
     GROUP BY table ORDER BY table`,
    {},
    z.object({ table: z.string(), parts: sqlNumber, rows: sqlNumber, bytes: sqlNumber }),
  );
  for (const r of rows) {
    console.log(`  ${r.table.padEnd(22)} ${r.rows.toLocaleString("en").padStart(14)} rows  ${String(r.parts).padStart(4)} parts  ${(r.bytes / 2 ** 20).toFixed(0).padStart(6)} MiB`);
  }
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? NaN;
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

    const base = await time(runs, () => baseline(ch, from, to));
    const cases: [string, () => Promise<unknown>][] = [
      ["getKpiSummary", () => getKpiSummary(ch, scope)],
      [`getKpiSeries (${interval})`, () => getKpiSeries(ch, { ...scope, interval, tz })],
      ["getQueueKpis", () => getQueueKpis(ch, scope)],
      ["getAgentKpis", () => getAgentKpis(ch, scope)],
      ["listContacts (page 1)", () => listContacts(ch, scope)],
      ["getHeatmap", () => getHeatmap(ch, { ...scope, tz })],
    ];
    for (const [query, fn] of cases) {
      const t = await time(runs, fn);
      table.push({ query, period: period.label, goalMs: period.goalMs, t, base: query === "getKpiSummary" ? base : undefined });
      process.stdout.write(`  ${query.padEnd(24)} p50 ${t.p50.toFixed(0).padStart(6)} ms  p95 ${t.p95.toFixed(0).padStart(6)} ms  (first run ${t.first.toFixed(0)} ms)\n`);
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
