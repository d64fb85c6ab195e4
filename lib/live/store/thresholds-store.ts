import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { queryRows, sqlNumber as num } from "@/lib/store/query-rows";
import { storeInsert } from "@/lib/store/store-call";
import type { QueueThresholds, ThresholdSettings } from "../thresholds";

/**
 * wallboard_thresholds: the projection of the thresholds records (thresholds-record.ts),
 * one row per queue (and `*`), the latest version winning. Rows saved before
 * versions existed read as version 1 (migration 0015).
 */

const READ_SQL = `
SELECT queue_id, version, toUnixTimestamp64Milli(updated_at) AS at,
  wait_warning_s, wait_critical_s, waiting_warning, waiting_critical
FROM wallboard_thresholds FINAL
WHERE tenant_id = {tenant:String}`;

const rowSchema = z.object({
  queue_id: z.string(),
  version: num,
  at: num,
  wait_warning_s: num,
  wait_critical_s: num,
  waiting_warning: num,
  waiting_critical: num,
});

export type ThresholdsRow = { thresholds: QueueThresholds; version: number; at: number };

/** Every stored row of the tenant, by queue id (`*` for the default). */
export async function loadThresholdRows(ch: ClickHouseClient, tenantId: string): Promise<Map<string, ThresholdsRow>> {
  const rows = await queryRows(ch, READ_SQL, { tenant: tenantId }, rowSchema);
  return new Map(
    rows.map((r): [string, ThresholdsRow] => [
      r.queue_id,
      {
        thresholds: {
          longestWaitS: { warning: r.wait_warning_s, critical: r.wait_critical_s },
          waiting: { warning: r.waiting_warning, critical: r.waiting_critical },
        },
        version: r.version,
        at: r.at,
      },
    ]),
  );
}

export async function loadThresholds(ch: ClickHouseClient, tenantId: string): Promise<ThresholdSettings> {
  return thresholdSettings(await loadThresholdRows(ch, tenantId));
}

/** The rows' thresholds by queue id, as the live floor uses them. */
export function thresholdSettings(rows: ReadonlyMap<string, ThresholdsRow>): ThresholdSettings {
  return new Map([...rows].map(([id, r]) => [id, r.thresholds]));
}

/** Writes one version's row (the same version twice is the same row). */
export async function writeThresholdsRow(ch: ClickHouseClient, tenantId: string, queueId: string, row: ThresholdsRow, updatedBy: string): Promise<void> {
  const t = row.thresholds;
  await storeInsert(ch, "wallboard_thresholds", [
    {
      tenant_id: tenantId,
      queue_id: queueId,
      version: row.version,
      wait_warning_s: t.longestWaitS.warning,
      wait_critical_s: t.longestWaitS.critical,
      waiting_warning: t.waiting.warning,
      waiting_critical: t.waiting.critical,
      updated_by: updatedBy,
      updated_at: row.at,
    },
  ]);
}
