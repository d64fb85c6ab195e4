import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { queryRows, sqlNumber } from "@/lib/store/query-rows";

/**
 * One queue as /api/queues returns it: its name and the thresholds its KPIs use.
 * A plain type, so browser modules can import it without zod.
 */
export type QueueInfo = {
  id: string;
  name: string;
  slThresholdS: number;
  slVariant: string;
  shortAbandonS: number;
  definitionVersion: number;
};

/**
 * The tenant's queues with their KPI settings, latest version of each (FINAL,
 * since `queues` is a ReplacingMergeTree). Server only: it needs the store.
 */
const QUEUES_SQL = `
SELECT queue_id, name, sl_threshold_s, sl_variant, short_abandon_s, definition_version
FROM queues FINAL
WHERE tenant_id = {tenantId:String}
ORDER BY name, queue_id`;

const rowSchema = z.object({
  queue_id: z.string(),
  name: z.string(),
  sl_threshold_s: sqlNumber,
  sl_variant: z.string(),
  short_abandon_s: sqlNumber,
  definition_version: sqlNumber,
});

export async function listQueues(ch: ClickHouseClient, tenantId: string): Promise<QueueInfo[]> {
  const rows = await queryRows(ch, QUEUES_SQL, { tenantId }, rowSchema);
  return rows.map((r) => ({
    id: r.queue_id,
    name: r.name || r.queue_id,
    slThresholdS: r.sl_threshold_s,
    slVariant: r.sl_variant,
    shortAbandonS: r.short_abandon_s,
    definitionVersion: r.definition_version,
  }));
}
