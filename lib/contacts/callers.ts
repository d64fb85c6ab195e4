import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { queryRows } from "@/lib/store/query-rows";
import type { StoreCallOptions } from "@/lib/store/store-call";

/**
 * Caller numbers of the given calls, looked up by primary key in `calls` after a
 * page of contacts is chosen: joining `calls` to every contact of the period
 * instead read far more rows than the page needs.
 */
export const CALLERS_SQL = `
SELECT call_id AS callId, max(caller) AS caller
FROM calls
WHERE tenant_id = {tenantId:String}
  AND call_id IN (SELECT arrayJoin({callIds:Array(String)}))
GROUP BY call_id`;

const callerRowSchema = z.object({ callId: z.string(), caller: z.string() });

/** Keeps each query's parameter small (an export page asks for up to 2,000 calls). */
const CHUNK = 2000;

export async function lookupCallers(ch: ClickHouseClient, tenantId: string, callIds: readonly string[], o: StoreCallOptions = {}): Promise<Map<string, string>> {
  const unique = [...new Set(callIds)];
  const out = new Map<string, string>();
  for (let i = 0; i < unique.length; i += CHUNK) {
    const rows = await queryRows(ch, CALLERS_SQL, { tenantId, callIds: unique.slice(i, i + CHUNK) }, callerRowSchema, o);
    for (const r of rows) out.set(r.callId, r.caller);
  }
  return out;
}
