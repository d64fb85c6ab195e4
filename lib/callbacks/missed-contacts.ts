import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { queryRows, sqlFlag, sqlNumber } from "@/lib/store/query-rows";
import type { StoreCallOptions } from "@/lib/store/store-call";
import { SEGMENTS_SQL, segmentParams } from "@/lib/kpi/queries/segments-sql";

/**
 * The period's callers who left a queue unanswered: abandoned, or timed out (the queue's
 * longest wait reached), by the same segments and rules as the KPIs (SEGMENTS_SQL), so
 * the list and the abandon tiles count the same people. Newest first, at most `limit`.
 */
export const MISSED_SQL = `
SELECT
  seg.call_id AS callId,
  seg.queue_id AS queueId,
  toUnixTimestamp64Milli(seg.exited_at) AS missedAt,
  seg.outcome AS outcome,
  seg.wait_ms AS waitMs,
  seg.is_short AS shortAbandon
FROM (${SEGMENTS_SQL}) AS seg
WHERE seg.outcome IN ('abandon', 'timeout')
ORDER BY missedAt DESC, callId ASC
LIMIT {limit:UInt32}`;

const missedRowSchema = z.object({
  callId: z.string(),
  queueId: z.string(),
  missedAt: sqlNumber,
  outcome: z.enum(["abandon", "timeout"]),
  waitMs: sqlNumber,
  shortAbandon: sqlFlag,
});
export type MissedContact = z.output<typeof missedRowSchema>;

export type MissedScope = { tenantId: string; from: number; to: number; queueIds: readonly string[]; limit: number };

export function missedContacts(ch: ClickHouseClient, scope: MissedScope, o: StoreCallOptions = {}): Promise<MissedContact[]> {
  return queryRows(ch, MISSED_SQL, { ...segmentParams(scope), limit: scope.limit }, missedRowSchema, o);
}
