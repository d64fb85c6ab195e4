import type { ClickHouseClient } from "@clickhouse/client";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { queryRows, sqlNumber } from "@/lib/store/query-rows";
import { storeCommand } from "@/lib/store/store-call";
import { segmentParams, type SegmentScope } from "./segments-sql";
import { QUEUE_AGENTS_SQL, STATE_AGENTS_SQL, STATE_TIME_SQL, prepareStateTime, stateTimeRowSchema, type AgentStateTime, type StateTimeRow } from "./state-time";

/**
 * Agent state time for a period: whole UTC days from cached daily totals
 * (agent_state_daily, migration 0012), the rest straight from the pieces. A day's
 * totals are computed from the deduplicated pieces (FINAL) the first time a period
 * needs them and stay in use until a piece arrives for that day, so the result is
 * always what the pieces say; only the cost changes.
 */

const DAY_MS = 86_400_000;
/** Shorter periods read the pieces directly: that is already cheap. */
const MIN_CACHED_DAYS = 3;
/**
 * A day's totals are trusted only if no piece reached the day within this long
 * before the fill started reading: an insert stamps its time before it commits.
 */
export const SETTLE_MS = 120_000;

export type TimeRange = { from: number; to: number };

/** The whole UTC days inside [from, to) as day numbers [first, end), and what lies outside them. */
export function splitWholeDays(from: number, to: number): { first: number; end: number; edges: TimeRange[] } {
  const first = Math.ceil(from / DAY_MS);
  const end = Math.floor(to / DAY_MS);
  if (end <= first) return { first, end: first, edges: from < to ? [{ from, to }] : [] };
  const edges: TimeRange[] = [];
  if (from < first * DAY_MS) edges.push({ from, to: first * DAY_MS });
  if (end * DAY_MS < to) edges.push({ from: end * DAY_MS, to });
  return { first, end, edges };
}

export function dayString(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

export type DayStatus = { day: number; touchedMs: number; done?: { fillId: string; computedMs: number } };
export type DayPlan = { cached: { day: number; fillId: string }[]; fill: number[]; direct: number[] };

/**
 * Per day with pieces: use its totals if computed after its last piece arrived (with
 * the margin), compute them now if the day is over and has been quiet long enough,
 * else read its pieces directly (today, or a day a backfill is still writing). A
 * day without pieces has no state time at all (the stamp is stored with the piece).
 */
export function planDays(days: readonly DayStatus[], nowMs: number, settleMs = SETTLE_MS): DayPlan {
  const plan: DayPlan = { cached: [], fill: [], direct: [] };
  for (const d of days) {
    const settled = nowMs - settleMs;
    if (d.done && d.done.computedMs - settleMs > d.touchedMs) plan.cached.push({ day: d.day, fillId: d.done.fillId });
    else if (settled > d.touchedMs && settled > (d.day + 1) * DAY_MS) plan.fill.push(d.day);
    else plan.direct.push(d.day);
  }
  return plan;
}

/** Adjacent days as time ranges (for the direct reads). */
export function dayRanges(days: readonly number[]): TimeRange[] {
  const out: TimeRange[] = [];
  for (const day of [...days].sort((a, b) => a - b)) {
    const last = out[out.length - 1];
    if (last && last.to === day * DAY_MS) last.to = (day + 1) * DAY_MS;
    else out.push({ from: day * DAY_MS, to: (day + 1) * DAY_MS });
  }
  return out;
}

/**
 * When each day last received a piece (from the pieces' own projection, stored in the
 * same part as the piece) and which fill of it is current.
 */
const DAYS_STATUS_SQL = `
SELECT
  toString(t.day) AS day,
  toUnixTimestamp64Milli(t.touched) AS touchedMs,
  ifNull(toString(d.fill_id), '') AS fillId,
  ifNull(toUnixTimestamp64Milli(d.computed), 0) AS computedMs,
  toUnixTimestamp64Milli(now64(3)) AS nowMs
FROM
(
  SELECT toDate(start_at) AS day, max(inserted_at) AS touched
  FROM agent_state_pieces
  WHERE tenant_id = {tenantId:String} AND toDate(start_at) >= {firstDay:Date} AND toDate(start_at) < {endDay:Date}
  GROUP BY day
) AS t
LEFT JOIN
(
  SELECT day, argMax(fill_id, computed_at) AS fill_id, max(computed_at) AS computed
  FROM agent_state_daily_done
  WHERE tenant_id = {tenantId:String} AND day >= {firstDay:Date} AND day < {endDay:Date}
  GROUP BY day
) AS d ON d.day = t.day
SETTINGS join_use_nulls = 1`;

const dayStatusRowSchema = z.object({ day: z.string(), touchedMs: sqlNumber, fillId: z.string(), computedMs: sqlNumber, nowMs: sqlNumber });

/** Whole-day totals from the pieces (each piece lies within one UTC day, so no clipping). */
const FILL_SQL = `
INSERT INTO agent_state_daily (tenant_id, day, agent_id, state, reason_code, ms, fill_id)
SELECT
  tenant_id,
  toDate(start_at) AS day,
  agent_id,
  state,
  reason_code,
  sum(greatest(toInt64(0), toUnixTimestamp64Milli(end_at) - toUnixTimestamp64Milli(start_at))) AS ms,
  {fillId:UUID}
FROM agent_state_pieces FINAL
WHERE tenant_id = {tenantId:String}
  AND start_at >= fromUnixTimestamp64Milli({fromMs:Int64}, 'UTC')
  AND start_at < fromUnixTimestamp64Milli({toMs:Int64}, 'UTC')
  AND has({days:Array(Date)}, day)
GROUP BY tenant_id, day, agent_id, state, reason_code`;

const DONE_SQL = `
INSERT INTO agent_state_daily_done (tenant_id, day, computed_at, fill_id)
SELECT {tenantId:String}, arrayJoin({days:Array(Date)}), fromUnixTimestamp64Milli({computedMs:Int64}, 'UTC'), {fillId:UUID}`;

/** Cached totals of the given days, each from the fill its done row names. */
const CACHED_SQL = `
SELECT agent_id AS agentId, state, reason_code AS reasonCode, sum(ms) AS ms
FROM agent_state_daily
WHERE tenant_id = {tenantId:String}
  AND day >= {firstDay:Date} AND day < {endDay:Date}
  AND (day, fill_id) IN (SELECT arrayJoin(arrayZip({cachedDays:Array(Date)}, {fillIds:Array(UUID)})))
  AND ${STATE_AGENTS_SQL}
GROUP BY agentId, state, reasonCode`;

async function dayStatus(ch: ClickHouseClient, tenantId: string, first: number, end: number): Promise<{ days: DayStatus[]; nowMs: number }> {
  const rows = await queryRows(ch, DAYS_STATUS_SQL, { tenantId, firstDay: dayString(first), endDay: dayString(end) }, dayStatusRowSchema);
  // No rows means no day with pieces: nothing to plan, so no clock is needed.
  const nowMs = rows[0]?.nowMs ?? 0;
  const days = rows.map((r) => ({
    day: dayNumber(r.day),
    touchedMs: r.touchedMs,
    ...(r.fillId !== "" ? { done: { fillId: r.fillId, computedMs: r.computedMs } } : {}),
  }));
  return { days, nowMs };
}

/** Computes and records the totals of `days`; returns the fill id, or undefined if the store refused the write. */
async function fillDays(ch: ClickHouseClient, tenantId: string, days: readonly number[], computedMs: number): Promise<string | undefined> {
  const fillId = randomUUID();
  const dates = days.map(dayString);
  const lo = Math.min(...days);
  const hi = Math.max(...days) + 1;
  try {
    await storeCommand(ch, FILL_SQL, { tenantId, fillId, fromMs: lo * DAY_MS, toMs: hi * DAY_MS, days: dates });
    await storeCommand(ch, DONE_SQL, { tenantId, fillId, days: dates, computedMs });
    return fillId;
  } catch (err) {
    // A read-only user on a ClickHouse server, or a timeout: the pieces still give the answer.
    console.warn(`state time: could not cache daily totals (${err instanceof Error ? err.message : String(err)}); reading pieces`);
    return undefined;
  }
}

/**
 * Fills in progress in this process, by tenant and day: widgets of one page ask for
 * the same days at once, and one fill serves them all.
 */
const inFlight = new Map<string, Promise<string | undefined>>();

async function fillOnce(ch: ClickHouseClient, tenantId: string, days: readonly number[], computedMs: number): Promise<Map<number, string | undefined>> {
  const key = (day: number) => `${tenantId}|${day}`;
  const mine = days.filter((d) => !inFlight.has(key(d)));
  if (mine.length > 0) {
    const fill = fillDays(ch, tenantId, mine, computedMs);
    for (const d of mine) inFlight.set(key(d), fill);
    void fill.finally(() => {
      for (const d of mine) if (inFlight.get(key(d)) === fill) inFlight.delete(key(d));
    });
  }
  // Taken before awaiting: a settled fill removes its entries.
  const waits = days.map((d) => [d, inFlight.get(key(d))] as const);
  const out = new Map<number, string | undefined>();
  for (const [d, fill] of waits) out.set(d, await fill);
  return out;
}

type StateParams = Record<string, unknown>;

function directRows(ch: ClickHouseClient, params: StateParams, range: TimeRange): Promise<StateTimeRow[]> {
  return queryRows(ch, STATE_TIME_SQL, { ...params, clipFromMs: range.from, clipToMs: range.to }, stateTimeRowSchema);
}

/** The period's parameters, with the queue filter's agents looked up once (none without a queue filter). */
async function stateParams(ch: ClickHouseClient, scope: SegmentScope): Promise<StateParams> {
  const params = segmentParams(scope);
  if (scope.queueIds.length === 0) return { ...params, queueAgentIds: [] };
  const agents = await queryRows(ch, QUEUE_AGENTS_SQL, params, z.object({ agentId: z.string() }));
  return { ...params, queueAgentIds: agents.map((a) => a.agentId) };
}

/** State time rows (agent, state, reason, ms) of the scope's period; rows of one key may repeat and are summed by prepareStateTime. */
export async function queryStateTimeRows(ch: ClickHouseClient, scope: SegmentScope, settleMs = SETTLE_MS): Promise<StateTimeRow[]> {
  const params = await stateParams(ch, scope);
  const split = splitWholeDays(scope.from, scope.to);
  if (split.end - split.first < MIN_CACHED_DAYS) return directRows(ch, params, { from: scope.from, to: scope.to });

  const status = await dayStatus(ch, scope.tenantId, split.first, split.end);
  const plan = planDays(status.days, status.nowMs, settleMs);
  if (plan.fill.length > 0) {
    // The fill reads the pieces after this instant, so its totals are current as of it.
    const filled = await fillOnce(ch, scope.tenantId, plan.fill, status.nowMs);
    for (const [day, fillId] of filled) {
      if (fillId) plan.cached.push({ day, fillId });
      else plan.direct.push(day);
    }
  }

  const reads: Promise<StateTimeRow[]>[] = [...split.edges, ...dayRanges(plan.direct)].map((r) => directRows(ch, params, r));
  if (plan.cached.length > 0) {
    const cached = {
      ...params,
      firstDay: dayString(split.first),
      endDay: dayString(split.end),
      cachedDays: plan.cached.map((c) => dayString(c.day)),
      fillIds: plan.cached.map((c) => c.fillId),
    };
    reads.push(queryRows(ch, CACHED_SQL, cached, stateTimeRowSchema));
  }
  return (await Promise.all(reads)).flat();
}

export async function queryStateTime(ch: ClickHouseClient, scope: SegmentScope): Promise<Map<string, AgentStateTime>> {
  return prepareStateTime(await queryStateTimeRows(ch, scope));
}
