import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { CALL_END_COLUMNS } from "@/lib/calls/call-end-sql";
import { queryRows, sqlFlag, sqlNumber } from "@/lib/store/query-rows";
import type { StoreCallOptions } from "@/lib/store/store-call";

/**
 * Calls since `sinceMs` from or to any of `numbers`: the callbacks placed to missed
 * callers and the calls they made again. Read from the raw events, which are sorted by
 * time (the `calls` table is sorted by call id, so a number's calls would mean reading
 * all of it): the offers from or to the numbers first, then only those calls' ends. A call
 * counts from its call.offered, so one offered before `sinceMs` is not here. `connected`:
 * an agent talked with the other party (call.established).
 */
export const LATER_CALLS_SQL = `
WITH offered AS (
  SELECT
    call_id,
    min(time) AS offered_at,
    any(JSONExtractString(data, 'from')) AS from_number,
    any(JSONExtractString(data, 'to')) AS to_number,
    any(JSONExtractString(data, 'direction')) AS direction,
    any(queue_id) AS queue_id
  FROM cti_events
  WHERE tenant_id = {tenantId:String}
    AND time >= fromUnixTimestamp64Milli({sinceMs:Int64}, 'UTC')
    AND type = 'call.offered'
    AND (has({numbers:Array(String)}, JSONExtractString(data, 'from')) OR has({numbers:Array(String)}, JSONExtractString(data, 'to')))
  GROUP BY call_id
)
SELECT
  o.call_id AS callId,
  toUnixTimestamp64Milli(o.offered_at) AS offeredAt,
  o.from_number AS fromNumber,
  o.to_number AS toNumber,
  o.direction AS direction,
  o.queue_id AS queueId,
  e.connected AS connected,
  e.end_cause AS endCause,
  e.ended AS ended
FROM offered AS o
LEFT JOIN (
  SELECT
    call_id,
    ${CALL_END_COLUMNS}
  FROM cti_events
  WHERE tenant_id = {tenantId:String}
    AND time >= fromUnixTimestamp64Milli({sinceMs:Int64}, 'UTC')
    AND type IN ('call.established', 'call.cleared', 'call.failed')
    AND call_id IN (SELECT call_id FROM offered)
  GROUP BY call_id
) AS e ON e.call_id = o.call_id
ORDER BY offeredAt ASC, callId ASC
LIMIT {limit:UInt32}`;

/** Calls read per request; a list that reaches it says so (callbacks: `cut`). */
export const MAX_LATER_CALLS = 20_000;

const laterCallSchema = z.object({
  callId: z.string(),
  offeredAt: sqlNumber,
  fromNumber: z.string(),
  toNumber: z.string(),
  direction: z.string(),
  queueId: z.string(),
  connected: sqlFlag,
  endCause: z.string(),
  ended: sqlFlag,
});
export type LaterCall = z.output<typeof laterCallSchema>;

export function laterCalls(ch: ClickHouseClient, tenantId: string, sinceMs: number, numbers: readonly string[], o: StoreCallOptions = {}): Promise<LaterCall[]> {
  if (numbers.length === 0) return Promise.resolve([]);
  return queryRows(ch, LATER_CALLS_SQL, { tenantId, sinceMs, numbers: [...numbers], limit: MAX_LATER_CALLS }, laterCallSchema, o);
}
