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
  /** "below" or "at_or_below": whether a wait of exactly shortAbandonS is short. */
  shortAbandonRule: string;
  /** The queue's longest possible wait, seconds; 0 = not known (QUEUE_DEFAULTS.maxWaitS applies). */
  maxWaitS: number;
  /** The service-level target in percent (the "80" of 80/20); lib/targets/rag.ts colours against it. */
  slTargetPct: number;
  definitionVersion: number;
};

/**
 * The tenant's queues with their KPI settings, latest version of each (FINAL,
 * since `queues` is a ReplacingMergeTree). Server only: it needs the store.
 */
const QUEUES_SQL = `
SELECT queue_id, name, sl_threshold_s, sl_variant, short_abandon_s, short_abandon_rule, max_wait_s, sl_target_pct, definition_version
FROM queues FINAL
WHERE tenant_id = {tenantId:String}
ORDER BY name, queue_id`;

const rowSchema = z.object({
  queue_id: z.string(),
  name: z.string(),
  sl_threshold_s: sqlNumber,
  sl_variant: z.string(),
  short_abandon_s: sqlNumber,
  short_abandon_rule: z.string(),
  max_wait_s: sqlNumber,
  sl_target_pct: sqlNumber,
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
    shortAbandonRule: r.short_abandon_rule,
    maxWaitS: r.max_wait_s,
    slTargetPct: r.sl_target_pct,
    definitionVersion: r.definition_version,
  }));
}
