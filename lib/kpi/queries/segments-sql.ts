import { QUEUE_DEFAULTS } from "../definitions";

/**
 * Contact segments of a period, whole and judged by their own queue's settings:
 * the shared inner query of every contact-based KPI query.
 *
 * `contact_segments` is sorted by queue-entry time, so a period reads only its own
 * rows (a primary-key range). Partial rows of a segment (one per event kind) share
 * that key and are merged with FINAL; conditions on other columns apply after the
 * merge. A segment counts from its queue entry (call.queued): without an outcome
 * yet it is in progress, or lost once the queue's longest possible wait
 * (max_wait_s, else the default) has passed at {nowMs} with no exit stored
 * (CONVENTIONS.open).
 *
 * Queue settings come from the latest `queues` rows (FINAL), read once per query
 * as arrays and looked up with transform(): a queue without a row uses the
 * defaults. (A join here cost more than the rest of the query.)
 *
 * A team filter keeps the contacts its agents answered: a contact nobody answered
 * belongs to no team (CONVENTIONS.team).
 *
 * Parameters: tenantId, fromMs, toMs, queueIds, agentIds, teamIds, and the defaults
 * from segmentParams().
 */
/** Agents of the chosen teams, by their latest `agents` row. */
export const TEAM_AGENTS_SQL = `
      SELECT agent_id FROM agents FINAL
      WHERE tenant_id = {tenantId:String} AND has({teamIds:Array(String)}, team_id)`;

/** The period as a condition on queued_at (the sorting key after tenant_id). */
const PERIOD_SQL = `tenant_id = {tenantId:String}
    AND queued_at >= fromUnixTimestamp64Milli({fromMs:Int64}, 'UTC')
    AND queued_at < fromUnixTimestamp64Milli({toMs:Int64}, 'UTC')`;

export const SEGMENTS_SQL = `
WITH (
  SELECT (groupArray(queue_id), groupArray(sl_threshold_s), groupArray(short_abandon_s), groupArray(short_abandon_rule), groupArray(max_wait_s))
  FROM queues FINAL
  WHERE tenant_id = {tenantId:String}
) AS settings
SELECT
  leg_id,
  call_id,
  queue_id,
  agent_id,
  queued_at,
  exited_at,
  outcome,
  wait_ms,
  answered_at,
  cleared_at,
  talk_ms,
  hold_ms,
  hold_count,
  transferred,
  acw_ms,
  toUInt32(transform(queue_id, settings.1, settings.2, {defaultSlThresholdS:UInt32})) AS sl_threshold_s,
  toUInt32(transform(queue_id, settings.1, settings.3, {defaultShortAbandonS:UInt32})) AS short_abandon_s,
  toString(transform(queue_id, settings.1, settings.4, {defaultShortAbandonRule:String})) AS short_abandon_rule,
  toUInt32(transform(queue_id, settings.1, settings.5, toUInt32(0))) AS queue_max_wait_s,
  if(queue_max_wait_s = 0, {defaultMaxWaitS:UInt32}, queue_max_wait_s) AS max_wait_s,
  outcome = '' AS is_open,
  is_open AND toUnixTimestamp64Milli(queued_at) + toInt64(max_wait_s) * 1000 < {nowMs:Int64} AS is_lost,
  is_open AND NOT is_lost AS is_in_progress,
  outcome = 'answered' AS is_answered,
  outcome = 'abandon' AS is_abandoned,
  is_abandoned AND (wait_ms < toUInt64(short_abandon_s) * 1000
    OR (short_abandon_rule = 'at_or_below' AND wait_ms = toUInt64(short_abandon_s) * 1000)) AS is_short,
  outcome = 'timeout' AS is_timeout,
  outcome NOT IN ('', 'answered', 'abandon', 'timeout') AS is_other,
  wait_ms <= toUInt64(sl_threshold_s) * 1000 AS is_within,
  is_answered AND toUnixTimestamp64Milli(cleared_at) > 0 AS is_handled,
  is_handled AND hold_count > 0 AS is_held,
  is_handled AND transferred = 1 AS is_transferred,
  greatest(toInt64(talk_ms) - toInt64(hold_ms), 0) AS pure_talk_ms
FROM contact_segments FINAL
WHERE ${PERIOD_SQL}
  AND (empty({queueIds:Array(String)}) OR has({queueIds:Array(String)}, queue_id))
  AND (empty({agentIds:Array(String)}) OR has({agentIds:Array(String)}, agent_id))
  AND (empty({teamIds:Array(String)}) OR agent_id IN (${TEAM_AGENTS_SQL}))`;

export type SegmentScope = {
  tenantId: string;
  from: number;
  to: number;
  queueIds: readonly string[];
  agentIds?: readonly string[];
  teamIds?: readonly string[];
  /** When the query looks (epoch ms): an open segment older than its queue's longest wait is lost. Default: now. */
  now?: number;
};

export function segmentParams(scope: SegmentScope): Record<string, unknown> {
  return {
    tenantId: scope.tenantId,
    fromMs: scope.from,
    toMs: scope.to,
    queueIds: [...scope.queueIds],
    agentIds: [...(scope.agentIds ?? [])],
    teamIds: [...(scope.teamIds ?? [])],
    defaultSlThresholdS: QUEUE_DEFAULTS.slThresholdS,
    defaultShortAbandonS: QUEUE_DEFAULTS.shortAbandonS,
    defaultShortAbandonRule: QUEUE_DEFAULTS.shortAbandonRule,
    defaultMaxWaitS: QUEUE_DEFAULTS.maxWaitS,
    nowMs: scope.now ?? Date.now(),
  };
}
