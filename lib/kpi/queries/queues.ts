import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { QUEUE_DEFAULTS, isSlVariant, type KpiId, type SlVariant } from "../definitions";
import { computeKpis, type KpiResult } from "../formulas";
import { periodSchema, type PeriodInput } from "../inputs";
import { ZERO_COUNTS, type KpiCounts } from "../kpi-counts";
import { filterScope, type PeopleScope } from "../not-applicable";
import { countsSql, countsRowSchema, prepareCounts, type GroupCounts } from "./counts";
import { queryRows, sqlNumber } from "@/lib/store/query-rows";
import { segmentParams } from "./segments-sql";

/**
 * Per queue: counts and every KPI, service level by THAT queue's own variant and
 * thresholds, with the queue's name and definition version. Configured queues
 * without contacts in the period are listed with zeros.
 */

export const QUEUE_SETTINGS_SQL = `
SELECT queue_id AS queueId, name, sl_threshold_s AS slThresholdS, sl_variant AS slVariant,
  short_abandon_s AS shortAbandonS, sl_target_pct AS slTargetPct, definition_version AS definitionVersion
FROM queues FINAL
WHERE tenant_id = {tenantId:String}
  AND (empty({queueIds:Array(String)}) OR has({queueIds:Array(String)}, queue_id))
ORDER BY queueId`;

export const queueSettingsRowSchema = z.object({
  queueId: z.string(),
  name: z.string(),
  slThresholdS: sqlNumber,
  slVariant: z.string(),
  shortAbandonS: sqlNumber,
  slTargetPct: sqlNumber,
  definitionVersion: sqlNumber,
});
export type QueueSettingsRow = z.output<typeof queueSettingsRowSchema>;

export type QueueKpis = {
  queueId: string;
  /** The queue's name, or its id when it has no `queues` row. */
  name: string;
  /** False when the queue has no `queues` row and the defaults apply. */
  configured: boolean;
  slThresholdS: number;
  shortAbandonS: number;
  slVariant: SlVariant;
  /** False when the stored variant name is not one this code knows; the default is used instead. */
  slVariantRecognised: boolean;
  /** The service-level target in percent (lib/targets/rag.ts colours against it). */
  slTargetPct: number;
  /** The queue's settings version (bumped on each change of its thresholds or variant); 0 when unconfigured. */
  definitionVersion: number;
  counts: KpiCounts;
  kpis: Record<KpiId, KpiResult>;
};

export function prepareQueues(groups: readonly GroupCounts[], settings: readonly QueueSettingsRow[], scope: PeopleScope | null = null): QueueKpis[] {
  const counts = new Map(groups.map((g) => [g.key, g.counts]));
  const bySettings = new Map(settings.map((s) => [s.queueId, s]));
  const ids = [...new Set([...bySettings.keys(), ...counts.keys()])].sort();
  return ids.map((queueId) => {
    const s = bySettings.get(queueId);
    const c = counts.get(queueId) ?? { ...ZERO_COUNTS };
    const recognised = s === undefined || isSlVariant(s.slVariant);
    const slVariant: SlVariant = s !== undefined && isSlVariant(s.slVariant) ? s.slVariant : QUEUE_DEFAULTS.slVariant;
    return {
      queueId,
      name: s?.name || queueId,
      configured: s !== undefined,
      slThresholdS: s?.slThresholdS ?? QUEUE_DEFAULTS.slThresholdS,
      shortAbandonS: s?.shortAbandonS ?? QUEUE_DEFAULTS.shortAbandonS,
      slVariant,
      slVariantRecognised: recognised,
      slTargetPct: s?.slTargetPct ?? QUEUE_DEFAULTS.slTargetPct,
      definitionVersion: s?.definitionVersion ?? 0,
      counts: c,
      kpis: computeKpis(c, slVariant, scope),
    };
  });
}

export async function queryQueueKpis(ch: ClickHouseClient, input: PeriodInput): Promise<QueueKpis[]> {
  const p = periodSchema.parse(input);
  const params = segmentParams(p);
  const [rows, settings] = await Promise.all([
    queryRows(ch, countsSql("queue"), params, countsRowSchema),
    queryRows(ch, QUEUE_SETTINGS_SQL, params, queueSettingsRowSchema),
  ]);
  return prepareQueues(prepareCounts(rows, "queue"), settings, filterScope(p.teamIds));
}
