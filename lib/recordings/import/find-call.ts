import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { queryRows } from "@/lib/store/query-rows";

/** How far before a file's last write its call may have started (a long call), and after (a clock skew). */
const BEFORE_MS = 12 * 3_600_000;
const AFTER_MS = 15 * 60_000;

/**
 * The call (and leg) whose events carry this platform id (Asterisk uniqueid or
 * linkedid, a FreeSWITCH channel uuid) in `raw`, or as their call id (the queue_log
 * importer uses the uniqueid as the call id). Only events near the file's time are
 * read (cti_events is sorted by time), so an import does not scan all history.
 * The latest answered leg wins when several match.
 */
const SQL = `
SELECT call_id AS callId, argMax(leg_id, (type = 'call.established', time)) AS legId
FROM cti_events
WHERE tenant_id = {tenantId:String}
  AND time >= fromUnixTimestamp64Milli({from:Int64}, 'UTC') AND time <= fromUnixTimestamp64Milli({to:Int64}, 'UTC')
  AND (call_id = {id:String} OR arrayExists(kv -> kv.2 = {id:String}, JSONExtractKeysAndValues(raw, 'String')))
GROUP BY call_id
ORDER BY max(time) DESC
LIMIT 1`;

const rowSchema = z.object({ callId: z.string(), legId: z.string() });

export async function findCallByPlatformId(
  ch: ClickHouseClient,
  tenantId: string,
  platformId: string,
  fileTime: number,
): Promise<{ callId: string; legId: string } | undefined> {
  const [row] = await queryRows(ch, SQL, { tenantId, id: platformId, ...searchWindow(fileTime) }, rowSchema);
  return row;
}

/**
 * The times a file's call is looked for in, as whole milliseconds: a real file's mtime has sub-millisecond
 * digits (1796618716123.456), which the Int64 parameters refuse.
 */
export function searchWindow(fileTime: number): { from: number; to: number } {
  return { from: Math.floor(fileTime - BEFORE_MS), to: Math.ceil(fileTime + AFTER_MS) };
}
