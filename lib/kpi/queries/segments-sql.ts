import { QUEUE_DEFAULTS } from "../definitions";

/**
 * Contact segments of a period, whole and judged by their own queue's settings:
 * the shared inner query of every contact-based KPI query.
 *
 * `contact_segments` is sorted by queue-entry time, so a period reads only its own
 * rows (a primary-key range). Partial rows of a segment (one per event kind) share
 * that key and are merged with FINAL; conditions on other columns apply after the
 * merge. A segment counts once its queue exit is stored (outcome set): until then
 * the caller is still waiting, or an event arrived early.
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
  SELECT (groupArray(queue_id), groupArray(sl_threshold_s), groupArray(short_abandon_s))
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
  outcome = 'answered' AS is_answered,
  outcome = 'abandon' AS is_abandoned,
  is_abandoned AND wait_ms < toUInt64(short_abandon_s) * 1000 AS is_short,
  outcome = 'timeout' AS is_timeout,
  outcome NOT IN ('answered', 'abandon', 'timeout') AS is_other,
  wait_ms <= toUInt64(sl_threshold_s) * 1000 AS is_within,
  is_answered AND toUnixTimestamp64Milli(cleared_at) > 0 AS is_handled,
  is_handled AND hold_count > 0 AS is_held,
  is_handled AND transferred = 1 AS is_transferred,
  greatest(toInt64(talk_ms) - toInt64(hold_ms), 0) AS pure_talk_ms
FROM contact_segments FINAL
WHERE ${PERIOD_SQL}
  AND outcome != ''
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
  };
}
