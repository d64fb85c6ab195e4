import { z } from "zod";
import { sqlNumber } from "@/lib/store/query-rows";
import { TEAM_AGENTS_SQL } from "./segments-sql";

/**
 * Rings an agent let pass (call.diverted with reason ring_no_answer), per agent:
 * offers the agent did not take. A ring belongs to the period in which it was
 * diverted. cti_events is sorted by time, so the period bounds the read. Parameters
 * are segmentParams()'s (tenant, period, queue, agent and team filters).
 */
export const RING_NO_ANSWER_SQL = `
SELECT agent_id AS agentId, uniqExact(event_id) AS rona
FROM cti_events
WHERE tenant_id = {tenantId:String}
  AND time >= fromUnixTimestamp64Milli({fromMs:Int64}, 'UTC')
  AND time < fromUnixTimestamp64Milli({toMs:Int64}, 'UTC')
  AND type = 'call.diverted'
  AND JSONExtractString(data, 'reason') = 'ring_no_answer'
  AND agent_id != ''
  AND (empty({queueIds:Array(String)}) OR has({queueIds:Array(String)}, queue_id))
  AND (empty({agentIds:Array(String)}) OR has({agentIds:Array(String)}, agent_id))
  AND (empty({teamIds:Array(String)}) OR agent_id IN (${TEAM_AGENTS_SQL}))
GROUP BY agentId`;

export const ringNoAnswerRowSchema = z.object({ agentId: z.string(), rona: sqlNumber });
export type RingNoAnswerRow = z.output<typeof ringNoAnswerRowSchema>;
