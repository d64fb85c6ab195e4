import { QUEUE_DEFAULTS } from "../definitions";

/**
 * Contact segments of a period, whole and judged by their own queue's settings:
 * the shared inner query of every contact-based KPI query.
 *
 * `contacts` holds partial rows per leg (one per event kind) merged by max(), so
 * segments are read with GROUP BY leg_id. The period filter goes in HAVING, after
 * merging, because only the queue-exit row carries queued_at; the IN pre-filter
 * on raw rows only narrows which legs are merged (it uses the queued_at index).
 *
 * Queue settings come from the latest `queues` row (FINAL); `known` tells a missing
 * row from a row whose threshold really is 0, and missing rows use the defaults.
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

export const SEGMENTS_SQL = `
SELECT
  s.leg_id AS leg_id,
  s.call_id AS call_id,
  s.queue_id AS queue_id,
  s.agent_id AS agent_id,
  s.queued_at AS queued_at,
  s.exited_at AS exited_at,
  s.outcome AS outcome,
  s.wait_ms AS wait_ms,
  s.answered_at AS answered_at,
  s.cleared_at AS cleared_at,
  s.talk_ms AS talk_ms,
  s.hold_ms AS hold_ms,
  s.hold_count AS hold_count,
  s.transferred AS transferred,
  s.acw_ms AS acw_ms,
  if(q.known = 1, q.sl_threshold_s, {defaultSlThresholdS:UInt32}) AS sl_threshold_s,
  if(q.known = 1, q.short_abandon_s, {defaultShortAbandonS:UInt32}) AS short_abandon_s,
  s.outcome = 'answered' AS is_answered,
  s.outcome = 'abandon' AS is_abandoned,
  is_abandoned AND s.wait_ms < toUInt64(short_abandon_s) * 1000 AS is_short,
  s.outcome = 'timeout' AS is_timeout,
  s.outcome NOT IN ('answered', 'abandon', 'timeout') AS is_other,
  s.wait_ms <= toUInt64(sl_threshold_s) * 1000 AS is_within,
  is_answered AND toUnixTimestamp64Milli(s.cleared_at) > 0 AS is_handled,
  is_handled AND s.hold_count > 0 AS is_held,
  is_handled AND s.transferred = 1 AS is_transferred,
  greatest(toInt64(s.talk_ms) - toInt64(s.hold_ms), 0) AS pure_talk_ms
FROM
(
  SELECT
    leg_id,
    max(call_id) AS call_id,
    max(queue_id) AS queue_id,
    max(agent_id) AS agent_id,
    max(queued_at) AS queued_at,
    max(exited_at) AS exited_at,
    max(outcome) AS outcome,
    max(wait_ms) AS wait_ms,
    max(answered_at) AS answered_at,
    max(cleared_at) AS cleared_at,
    max(talk_ms) AS talk_ms,
    max(hold_ms) AS hold_ms,
    max(hold_count) AS hold_count,
    max(transferred) AS transferred,
    max(acw_ms) AS acw_ms
  FROM contacts
  WHERE tenant_id = {tenantId:String}
    AND leg_id IN (
      SELECT leg_id FROM contacts
      WHERE tenant_id = {tenantId:String}
        AND queued_at >= fromUnixTimestamp64Milli({fromMs:Int64}, 'UTC')
        AND queued_at < fromUnixTimestamp64Milli({toMs:Int64}, 'UTC')
    )
  GROUP BY leg_id
  HAVING queued_at >= fromUnixTimestamp64Milli({fromMs:Int64}, 'UTC')
    AND queued_at < fromUnixTimestamp64Milli({toMs:Int64}, 'UTC')
    AND (empty({queueIds:Array(String)}) OR has({queueIds:Array(String)}, queue_id))
    AND (empty({agentIds:Array(String)}) OR has({agentIds:Array(String)}, agent_id))
    AND (empty({teamIds:Array(String)}) OR agent_id IN (${TEAM_AGENTS_SQL}))
) AS s
LEFT JOIN
(
  SELECT queue_id, sl_threshold_s, short_abandon_s, toUInt8(1) AS known
  FROM queues FINAL
  WHERE tenant_id = {tenantId:String}
) AS q ON q.queue_id = s.queue_id`;

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
