import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { queryRows, sqlNumber as num } from "@/lib/store/query-rows";
import type { CallOutcome, Candidate } from "./sampling-rule";

/**
 * The answered agent legs of a period that a sampling rule chooses from, with
 * their agent's team. A leg's outcome for sampling: transferred, or who hung up.
 * Bounded: a rule over more legs than this samples from the earliest ones, and says so.
 */
export const MAX_CANDIDATES = 200_000;

const SQL = `
SELECT s.call_id AS call_id, s.leg_id AS leg_id, s.agent_id AS agent_id, s.queue_id AS queue_id, ifNull(a.team_id, '') AS team_id,
  s.talk_ms AS talk_ms, s.transferred AS transferred, s.released_by AS released_by, toUnixTimestamp64Milli(s.queued_at) AS at
FROM (
  SELECT call_id, leg_id, agent_id, queue_id, talk_ms, transferred, released_by, queued_at
  FROM contact_segments FINAL
  WHERE tenant_id = {tenant:String} AND queued_at >= fromUnixTimestamp64Milli({from:Int64}) AND queued_at < fromUnixTimestamp64Milli({to:Int64})
    AND agent_id != '' AND toUnixTimestamp64Milli(cleared_at) > 0
    AND (empty({queues:Array(String)}) OR queue_id IN {queues:Array(String)})
  ORDER BY queued_at
  LIMIT {limit:UInt32}
) AS s
LEFT JOIN (SELECT agent_id, team_id FROM agents FINAL WHERE tenant_id = {tenant:String}) AS a ON a.agent_id = s.agent_id
SETTINGS join_use_nulls = 1`;

const rowSchema = z.object({
  call_id: z.string(),
  leg_id: z.string(),
  agent_id: z.string(),
  queue_id: z.string(),
  team_id: z.string(),
  talk_ms: num,
  transferred: num,
  released_by: z.string(),
  at: num,
});

function outcomeOf(r: { transferred: number; released_by: string }): CallOutcome {
  if (r.transferred || r.released_by === "transfer") return "transferred";
  if (r.released_by === "agent") return "agent_released";
  if (r.released_by === "caller") return "caller_released";
  return "system_released";
}

export async function candidateCalls(
  ch: ClickHouseClient,
  p: { tenantId: string; from: number; to: number; queues: readonly string[] },
): Promise<{ candidates: Candidate[]; truncated: boolean }> {
  const rows = await queryRows(ch, SQL, { tenant: p.tenantId, from: p.from, to: p.to, queues: [...p.queues], limit: MAX_CANDIDATES }, rowSchema);
  return {
    candidates: rows.map((r) => ({
      callId: r.call_id,
      legId: r.leg_id,
      agentId: r.agent_id,
      queueId: r.queue_id,
      teamId: r.team_id,
      talkMs: r.talk_ms,
      outcome: outcomeOf(r),
      at: r.at,
    })),
    truncated: rows.length >= MAX_CANDIDATES,
  };
}
