import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import type { Actor } from "@/lib/audit/write-audit";
import { editRecord } from "@/lib/records/edit-record";
import { queryRows, sqlNumber } from "@/lib/store/query-rows";
import { RECORDING_RETENTION_RECORD } from "./retention-record";

/** Days a queue keeps recording audio: 0 keeps it; at most ten years. */
export const retentionChangeSchema = z.object({
  days: z.number().int().min(0).max(3650),
  /** The version the editor saw; a later one means someone else changed it meanwhile (409). */
  expectedVersion: z.number().int().min(0).optional(),
});
export type RetentionChange = z.output<typeof retentionChangeSchema>;

export type QueueRetention = { queueId: string; days: number; version: number; updatedAt: number };

/** An admin sets a queue's retention: a new version of the record, audited with the days before and after. */
export async function setQueueRetention(ch: ClickHouseClient, tenantId: string, queueId: string, change: RetentionChange, actor: Actor): Promise<QueueRetention> {
  const r = await editRecord(ch, RECORDING_RETENTION_RECORD, {
    tenantId,
    recordId: queueId,
    ...(change.expectedVersion !== undefined ? { expectedVersion: change.expectedVersion } : {}),
    actor,
    change: () => ({ days: change.days }),
  });
  return { queueId, days: r.after.state.days, version: r.after.version, updatedAt: r.after.at };
}

const LIST_SQL = `
SELECT queue_id AS queueId, argMax(days, version) AS keptDays, max(version) AS latestVersion, toUnixTimestamp64Milli(argMax(updated_at, version)) AS updatedAt
FROM recording_retention WHERE tenant_id = {tenantId:String}
GROUP BY queue_id ORDER BY queue_id`;

const rowSchema = z
  .object({ queueId: z.string(), keptDays: sqlNumber, latestVersion: sqlNumber, updatedAt: sqlNumber })
  .transform((r) => ({ queueId: r.queueId, days: r.keptDays, version: r.latestVersion, updatedAt: r.updatedAt }));

/** Every queue with a retention set (a queue not listed keeps its audio). */
export async function listQueueRetention(ch: ClickHouseClient, tenantId: string): Promise<QueueRetention[]> {
  return queryRows(ch, LIST_SQL, { tenantId }, rowSchema);
}
