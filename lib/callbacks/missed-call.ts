import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { queryRows } from "@/lib/store/query-rows";

/** A queue's wait is bounded by its longest wait setting; a day covers any real one. */
const LONGEST_WAIT_MS = 86_400_000;

/**
 * One missed call, as the callback list showed it (its queue exit at `missedAt`), with its
 * caller's number: what a callback dials is read from the store, never taken from the
 * request. The segment read is a primary-key range (queue entry within a day before the
 * exit), the caller a key lookup in `calls`.
 */
export const MISSED_CALL_SQL = `
SELECT
  seg.queue_id AS queueId,
  (SELECT max(caller) FROM calls WHERE tenant_id = {tenantId:String} AND call_id = {callId:String}) AS number
FROM contact_segments AS seg FINAL
WHERE seg.tenant_id = {tenantId:String}
  AND seg.queued_at >= fromUnixTimestamp64Milli({earliestMs:Int64}, 'UTC')
  AND seg.queued_at <= fromUnixTimestamp64Milli({missedAt:Int64}, 'UTC')
  AND seg.call_id = {callId:String}
  AND seg.outcome IN ('abandon', 'timeout')
  AND toUnixTimestamp64Milli(seg.exited_at) = {missedAt:Int64}
LIMIT 1`;

const missedCallSchema = z.object({ queueId: z.string(), number: z.string() });
export type MissedCall = z.output<typeof missedCallSchema>;

export async function findMissedCall(ch: ClickHouseClient, tenantId: string, callId: string, missedAt: number): Promise<MissedCall | undefined> {
  const rows = await queryRows(ch, MISSED_CALL_SQL, { tenantId, callId, missedAt, earliestMs: missedAt - LONGEST_WAIT_MS }, missedCallSchema);
  return rows[0];
}
