import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { queryRows, sqlFlag, sqlNumber } from "@/lib/store/query-rows";
import type { StoreCallOptions } from "@/lib/store/store-call";

/**
 * Calls since `sinceMs` from or to any of `numbers`: the callbacks placed to missed
 * callers and the calls they made again. Read from the raw events, which are sorted by
 * time (the `calls` table is sorted by call id, so a number's calls would mean reading
 * all of it); a call counts from its call.offered, so one offered before `sinceMs` is
 * not here. `connected`: an agent talked with the other party (call.established).
 */
export const LATER_CALLS_SQL = `
SELECT
  call_id AS callId,
  toUnixTimestamp64Milli(minIf(time, type = 'call.offered')) AS offeredAt,
  anyIf(JSONExtractString(data, 'from'), type = 'call.offered') AS fromNumber,
  anyIf(JSONExtractString(data, 'to'), type = 'call.offered') AS toNumber,
  anyIf(JSONExtractString(data, 'direction'), type = 'call.offered') AS direction,
  countIf(type = 'call.established') > 0 AS connected,
  anyIf(JSONExtractString(data, 'cause'), type IN ('call.failed', 'call.cleared')) AS endCause,
  countIf(type IN ('call.cleared', 'call.failed')) > 0 AS ended
FROM cti_events
WHERE tenant_id = {tenantId:String}
  AND time >= fromUnixTimestamp64Milli({sinceMs:Int64}, 'UTC')
  AND type IN ('call.offered', 'call.established', 'call.cleared', 'call.failed')
GROUP BY call_id
HAVING countIf(type = 'call.offered') > 0 AND (has({numbers:Array(String)}, fromNumber) OR has({numbers:Array(String)}, toNumber))
ORDER BY offeredAt ASC, callId ASC
LIMIT 20000`;

const laterCallSchema = z.object({
  callId: z.string(),
  offeredAt: sqlNumber,
  fromNumber: z.string(),
  toNumber: z.string(),
  direction: z.string(),
  connected: sqlFlag,
  endCause: z.string(),
  ended: sqlFlag,
});
export type LaterCall = z.output<typeof laterCallSchema>;

export function laterCalls(ch: ClickHouseClient, tenantId: string, sinceMs: number, numbers: readonly string[], o: StoreCallOptions = {}): Promise<LaterCall[]> {
  if (numbers.length === 0) return Promise.resolve([]);
  return queryRows(ch, LATER_CALLS_SQL, { tenantId, sinceMs, numbers: [...numbers] }, laterCallSchema, o);
}
