import { z } from "zod";
import { sqlNumber } from "@/lib/store/query-rows";
import { TEAM_AGENTS_SQL } from "./segments-sql";

/**
 * Rings an agent let pass (call.diverted with reason ring_no_answer), per agent:
 * offers the agent did not take. A ring belongs to the period in which it was
 * diverted. agent_rings (migration 0034) holds only those rings, sorted by time, so
 * the period bounds a small read; FINAL collapses an event stored twice before its
 * merge. Parameters are segmentParams()'s (tenant, period, queue, agent and team filters).
 */
export const RING_NO_ANSWER_SQL = `
SELECT agent_id AS agentId, count() AS rona
FROM agent_rings FINAL
WHERE tenant_id = {tenantId:String}
  AND time >= fromUnixTimestamp64Milli({fromMs:Int64}, 'UTC')
  AND time < fromUnixTimestamp64Milli({toMs:Int64}, 'UTC')
  AND (empty({queueIds:Array(String)}) OR has({queueIds:Array(String)}, queue_id))
  AND (empty({agentIds:Array(String)}) OR has({agentIds:Array(String)}, agent_id))
  AND (empty({teamIds:Array(String)}) OR agent_id IN (${TEAM_AGENTS_SQL}))
GROUP BY agentId`;

export const ringNoAnswerRowSchema = z.object({ agentId: z.string(), rona: sqlNumber });
export type RingNoAnswerRow = z.output<typeof ringNoAnswerRowSchema>;
