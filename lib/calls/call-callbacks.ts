import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { queryRows, sqlFlag, sqlNumber } from "@/lib/store/query-rows";
import { CALL_END_COLUMNS } from "./call-end-sql";

/** How long after a missed call its callbacks are looked for: callbacks are placed the same day or the next. */
const CALLBACK_WINDOW_MS = 2 * 86_400_000;

/**
 * The callbacks placed for one missed call (their call.offered names it in `callbackOf`),
 * with how each went, read from the raw events in the two days after the call's offer
 * (sorted by time, so a bounded range read).
 */
export const CALL_CALLBACKS_SQL = `
SELECT
  call_id AS callId,
  toUnixTimestamp64Milli(minIf(time, type = 'call.offered')) AS at,
  ${CALL_END_COLUMNS},
  end_cause AS endCause
FROM cti_events
WHERE tenant_id = {tenantId:String}
  AND time >= fromUnixTimestamp64Milli({fromMs:Int64}, 'UTC')
  AND time < fromUnixTimestamp64Milli({toMs:Int64}, 'UTC')
  AND type IN ('call.offered', 'call.established', 'call.cleared', 'call.failed')
GROUP BY call_id
HAVING countIf(type = 'call.offered' AND JSONExtractString(data, 'callbackOf') = {callId:String}) > 0
ORDER BY at ASC, callId ASC
LIMIT 100`;

const callbackSchema = z.object({ callId: z.string(), at: sqlNumber, connected: sqlFlag, endCause: z.string(), ended: sqlFlag });
export type CallCallback = z.output<typeof callbackSchema>;

export function readCallCallbacks(ch: ClickHouseClient, tenantId: string, callId: string, offeredAt: number): Promise<CallCallback[]> {
  return queryRows(ch, CALL_CALLBACKS_SQL, { tenantId, callId, fromMs: offeredAt, toMs: offeredAt + CALLBACK_WINDOW_MS }, callbackSchema);
}
