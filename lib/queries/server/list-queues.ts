import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import type { QueueInfo } from "../queue-list";

/**
 * The tenant's queues with their KPI settings, latest version of each (FINAL,
 * since `queues` is a ReplacingMergeTree). Server only: it needs the store.
 */
const QUEUES_SQL = `
SELECT queue_id, name, sl_threshold_s, sl_variant, short_abandon_s, definition_version
FROM queues FINAL
WHERE tenant_id = {tenantId:String}
ORDER BY name, queue_id`;

// UInt32 columns may arrive as numbers or strings depending on the client's settings.
const num = z.union([z.number(), z.string()]).transform(Number).pipe(z.number().finite());
const rowSchema = z.object({
  queue_id: z.string(),
  name: z.string(),
  sl_threshold_s: num,
  sl_variant: z.string(),
  short_abandon_s: num,
  definition_version: num,
});

export async function listQueues(ch: ClickHouseClient, tenantId: string): Promise<QueueInfo[]> {
  const rs = await ch.query({ query: QUEUES_SQL, query_params: { tenantId }, format: "JSONEachRow" });
  const rows = z.array(rowSchema).parse(await rs.json());
  return rows.map((r) => ({
    id: r.queue_id,
    name: r.name || r.queue_id,
    slThresholdS: r.sl_threshold_s,
    slVariant: r.sl_variant,
    shortAbandonS: r.short_abandon_s,
    definitionVersion: r.definition_version,
  }));
}
