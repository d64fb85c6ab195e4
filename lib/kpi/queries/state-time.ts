import { z } from "zod";
import { AGENT_STATES, isAgentState, type AgentState } from "@/lib/events";
import type { KpiCounts } from "../kpi-counts";
import { sqlNumber } from "@/lib/store/query-rows";
import { SEGMENTS_SQL, TEAM_AGENTS_SQL } from "./segments-sql";

/**
 * Time per agent, state and reason code, clipped to the period: the input of
 * occupancy and of the agents' state breakdown.
 *
 * agent_state_pieces holds each ended interval cut at UTC midnights and is sorted
 * by piece start, so a piece overlapping the period starts at most one day before
 * it: the period reads its own days plus one. It is a ReplacingMergeTree, so a
 * repeated event stays a duplicate row until a merge; FINAL collapses it here.
 * With a queue filter, the agents are those who answered a contact of those
 * queues in the period, since agent state itself belongs to no queue; with a team
 * filter, the team's agents.
 */
export function statePiecesInSql(fromParam: string, toParam: string): string {
  return `tenant_id = {tenantId:String}
    AND start_at >= fromUnixTimestamp64Milli({${fromParam}:Int64} - 86400000, 'UTC')
    AND start_at < fromUnixTimestamp64Milli({${toParam}:Int64}, 'UTC')
    AND end_at > fromUnixTimestamp64Milli({${fromParam}:Int64}, 'UTC')`;
}

/**
 * The agents a queue filter keeps: those who answered a contact of those queues in
 * the whole period. Resolved once per request and passed as {queueAgentIds}, since
 * one period's state time is read in several parts (edges, direct days, cached days).
 */
export const QUEUE_AGENTS_SQL = `SELECT DISTINCT agent_id AS agentId FROM (${SEGMENTS_SQL}) WHERE is_answered`;

/** Which agents' time counts: the chosen agents, the team's agents, the queue filter's agents. */
export const STATE_AGENTS_SQL = `(empty({agentIds:Array(String)}) OR has({agentIds:Array(String)}, agent_id))
  AND (empty({teamIds:Array(String)}) OR agent_id IN (${TEAM_AGENTS_SQL}))
  AND (empty({queueIds:Array(String)}) OR has({queueAgentIds:Array(String)}, agent_id))`;

/** State time clipped to [clipFromMs, clipToMs), a part of the period [fromMs, toMs). */
export const STATE_TIME_SQL = `
SELECT
  agent_id AS agentId,
  state,
  reason_code AS reasonCode,
  sum(greatest(
    toInt64(0),
    least(toUnixTimestamp64Milli(end_at), {clipToMs:Int64}) - greatest(toUnixTimestamp64Milli(start_at), {clipFromMs:Int64})
  )) AS ms
FROM agent_state_pieces FINAL
WHERE ${statePiecesInSql("clipFromMs", "clipToMs")}
  AND ${STATE_AGENTS_SQL}
GROUP BY agentId, state, reasonCode
ORDER BY agentId, state, reasonCode`;

export const stateTimeRowSchema = z.object({
  agentId: z.string(),
  state: z.string(),
  reasonCode: z.string(),
  ms: sqlNumber,
});
export type StateTimeRow = z.output<typeof stateTimeRowSchema>;

export type AgentStateTime = {
  stateMs: Record<AgentState, number>;
  /** Not-ready time by reason code ('' when the platform gave none). */
  notReadyMsByReason: Record<string, number>;
};

export function emptyStateTime(): AgentStateTime {
  return { stateMs: { ready: 0, not_ready: 0, busy: 0, after_call_work: 0 }, notReadyMsByReason: {} };
}

/** Rows to state time per agent. A state this code does not know is skipped rather than failing the dashboard. */
export function prepareStateTime(rows: readonly StateTimeRow[]): Map<string, AgentStateTime> {
  const byAgent = new Map<string, AgentStateTime>();
  for (const row of rows) {
    if (!isAgentState(row.state)) continue;
    let agent = byAgent.get(row.agentId);
    if (!agent) {
      agent = emptyStateTime();
      byAgent.set(row.agentId, agent);
    }
    agent.stateMs[row.state] += row.ms;
    if (row.state === "not_ready") {
      agent.notReadyMsByReason[row.reasonCode] = (agent.notReadyMsByReason[row.reasonCode] ?? 0) + row.ms;
    }
  }
  return byAgent;
}

export function addStateTime(a: AgentStateTime, b: AgentStateTime): AgentStateTime {
  const out = emptyStateTime();
  for (const s of AGENT_STATES) out.stateMs[s] = a.stateMs[s] + b.stateMs[s];
  for (const src of [a.notReadyMsByReason, b.notReadyMsByReason]) {
    for (const [reason, ms] of Object.entries(src)) out.notReadyMsByReason[reason] = (out.notReadyMsByReason[reason] ?? 0) + ms;
  }
  return out;
}

/** The occupancy inputs of KpiCounts. */
export function stateCounts(t: AgentStateTime): Pick<KpiCounts, "stateBusyMs" | "stateAcwMs" | "stateReadyMs"> {
  return { stateBusyMs: t.stateMs.busy, stateAcwMs: t.stateMs.after_call_work, stateReadyMs: t.stateMs.ready };
}
