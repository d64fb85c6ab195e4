import type { APIRequestContext } from "@playwright/test";
import { sql } from "./support";

/**
 * KPI inputs computed straight from the raw CTI events, independently of the KPI
 * engine (no contacts table, no materialized views): each event counted once
 * (GROUP BY event_id), a contact in the period of its queue entry (exit time
 * minus wait). Thresholds come from the queues table, which holds settings, not events.
 */

const TENANT = process.env.TENANT_ID ?? "demo";
const n = (v: unknown): number => Number(v);

/** Yesterday in UTC, the zone the tests' browser runs in: a whole simulated day. */
export function yesterdayUtc(now = Date.now()): { from: number; to: number } {
  const DAY = 86_400_000;
  const today = Math.floor(now / DAY) * DAY;
  return { from: today - DAY, to: today };
}

export type QueueSettings = { slThresholdS: number; shortAbandonS: number; slVariant: string; version: number };

export async function queueSettings(request: APIRequestContext, queueId: string): Promise<QueueSettings> {
  const [row] = await sql<Record<string, unknown>>(
    request,
    `SELECT sl_threshold_s, short_abandon_s, sl_variant, definition_version FROM queues FINAL WHERE tenant_id = '${TENANT}' AND queue_id = '${queueId}'`,
  );
  if (!row) throw new Error(`no settings for queue ${queueId}`);
  return { slThresholdS: n(row.sl_threshold_s), shortAbandonS: n(row.short_abandon_s), slVariant: String(row.sl_variant), version: n(row.definition_version) };
}

const EXITS = (from: number, to: number) => `
  SELECT event_id,
         any(queue_id) AS queue,
         any(agent_id) AS agent,
         any(leg_id) AS leg,
         any(JSONExtractString(data, 'reason')) AS reason,
         any(JSONExtractUInt(data, 'waitMs')) AS wait,
         any(time - toIntervalMillisecond(JSONExtractUInt(data, 'waitMs'))) AS queued_at
  FROM cti_events
  WHERE tenant_id = '${TENANT}' AND type = 'call.queue_exited'
  GROUP BY event_id
  HAVING queued_at >= fromUnixTimestamp64Milli(${from}, 'UTC') AND queued_at < fromUnixTimestamp64Milli(${to}, 'UTC')`;

export type RawQueue = {
  /** Legs that entered the queue in the period (call.queued), whether they have left it or not. */
  offered: number;
  /** Of those, the ones with a queue exit: the denominator of rates over outcomes. */
  withOutcome: number;
  answered: number;
  abandoned: number;
  shortAbandoned: number;
  answeredWithin: number;
  abandonedWithin: number;
  answeredWaitSum: number;
  longestWait: number;
  serviceLevel: number | null;
};

export async function rawQueue(request: APIRequestContext, queueId: string, range: { from: number; to: number }, s: QueueSettings): Promise<RawQueue> {
  const [r] = await sql<Record<string, unknown>>(
    request,
    `SELECT count() AS offered,
            countIf(reason = 'answered') AS answered,
            countIf(reason = 'abandon') AS abandoned,
            countIf(reason = 'abandon' AND wait < ${s.shortAbandonS * 1000}) AS short,
            countIf(reason = 'answered' AND wait <= ${s.slThresholdS * 1000}) AS answered_within,
            countIf(reason = 'abandon' AND wait <= ${s.slThresholdS * 1000}) AS abandoned_within,
            sumIf(wait, reason = 'answered') AS answered_wait,
            max(wait) AS longest
     FROM (${EXITS(range.from, range.to)})
     WHERE queue = '${queueId}'`,
  );
  if (!r) throw new Error("no row");
  const [entered] = await sql<Record<string, unknown>>(
    request,
    `SELECT uniqExact(leg_id) AS n FROM cti_events
     WHERE tenant_id = '${TENANT}' AND type = 'call.queued' AND queue_id = '${queueId}'
       AND time >= fromUnixTimestamp64Milli(${range.from}, 'UTC') AND time < fromUnixTimestamp64Milli(${range.to}, 'UTC')`,
  );
  const q = {
    offered: n(entered?.n),
    withOutcome: n(r.offered),
    answered: n(r.answered),
    abandoned: n(r.abandoned),
    shortAbandoned: n(r.short),
    answeredWithin: n(r.answered_within),
    abandonedWithin: n(r.abandoned_within),
    answeredWaitSum: n(r.answered_wait),
    longestWait: n(r.longest),
  };
  const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
  const sl: Record<string, number | null> = {
    answered_within_over_answered: ratio(q.answeredWithin, q.answered),
    answered_within_over_answered_abandoned: ratio(q.answeredWithin, q.answered + q.abandoned),
    answered_within_over_answered_abandoned_minus_short: ratio(q.answeredWithin, q.answered + q.abandoned - q.shortAbandoned),
    answered_abandoned_within_over_offered: ratio(q.answeredWithin + q.abandonedWithin, q.withOutcome),
  };
  return { ...q, serviceLevel: sl[s.slVariant] ?? null };
}

export type RawAgent = { handled: number; transfers: number; handleMsSum: number; aht: number | null; occupancy: number | null };

/**
 * One agent's handled contacts (answered by them, in the period, agent leg
 * cleared) with talk, hold and after-call work from the clearing and state
 * events; occupancy from the state each agent event says it ends.
 */
export async function rawAgent(request: APIRequestContext, agentId: string, range: { from: number; to: number }): Promise<RawAgent> {
  const [r] = await sql<Record<string, unknown>>(
    request,
    `SELECT count() AS handled,
            countIf(c.transferred) AS transfers,
            sum(greatest(toInt64(c.talk) - toInt64(c.hold), 0) + c.hold + coalesce(a.acw, 0)) AS handle_sum
     FROM (${EXITS(range.from, range.to)}) AS e
     INNER JOIN (
       SELECT any(leg_id) AS leg, any(JSONExtractUInt(data, 'talkMs')) AS talk, any(JSONExtractUInt(data, 'holdMs')) AS hold,
              any(JSONExtractBool(data, 'transferred')) AS transferred
       FROM cti_events WHERE tenant_id = '${TENANT}' AND type = 'call.connection_cleared' GROUP BY event_id
     ) AS c ON c.leg = e.leg
     LEFT JOIN (
       SELECT any(JSONExtractString(data, 'previous', 'legId')) AS leg,
              any(greatest(toInt64(toUnixTimestamp64Milli(time)) - toInt64(JSONExtractUInt(data, 'previous', 'since')), 0)) AS acw
       FROM cti_events
       WHERE tenant_id = '${TENANT}' AND type LIKE 'agent.%' AND JSONExtractString(data, 'previous', 'state') = 'after_call_work'
         AND JSONExtractString(data, 'previous', 'legId') != ''
       GROUP BY event_id
     ) AS a ON a.leg = e.leg
     WHERE e.reason = 'answered' AND e.agent = '${agentId}'`,
  );
  const [o] = await sql<Record<string, unknown>>(
    request,
    `SELECT sumIf(ms, state IN ('busy', 'after_call_work')) AS working, sumIf(ms, state = 'ready') AS ready
     FROM (
       SELECT event_id,
              any(JSONExtractString(data, 'previous', 'state')) AS state,
              any(greatest(toInt64(0), least(toInt64(toUnixTimestamp64Milli(time)), ${range.to}) - greatest(toInt64(JSONExtractUInt(data, 'previous', 'since')), ${range.from}))) AS ms
       FROM cti_events
       WHERE tenant_id = '${TENANT}' AND type LIKE 'agent.%' AND agent_id = '${agentId}' AND JSONHas(data, 'previous')
         AND time > fromUnixTimestamp64Milli(${range.from}, 'UTC')
         AND JSONExtractUInt(data, 'previous', 'since') < ${range.to}
       GROUP BY event_id
     )`,
  );
  const handled = n(r?.handled);
  const working = n(o?.working);
  const ready = n(o?.ready);
  return {
    handled,
    transfers: n(r?.transfers),
    handleMsSum: n(r?.handle_sum),
    aht: handled > 0 ? n(r?.handle_sum) / handled : null,
    occupancy: working + ready > 0 ? working / (working + ready) : null,
  };
}

/** The agent who handled the most contacts in the period, by the raw events. */
export async function busiestAgent(request: APIRequestContext, range: { from: number; to: number }): Promise<string> {
  const [r] = await sql<{ agent: string }>(
    request,
    `SELECT agent, count() AS c FROM (${EXITS(range.from, range.to)}) WHERE reason = 'answered' AND agent != '' GROUP BY agent ORDER BY c DESC, agent LIMIT 1`,
  );
  if (!r) throw new Error("no agent answered a call in the period");
  return r.agent;
}
