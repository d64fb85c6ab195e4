import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { KPI_DEFINITIONS, KPI_IDS, type KpiId, type SlVariant } from "./definitions";
import { computeKpi } from "./formulas";
import { fromBeforeTo, periodShape, slVariantSchema } from "./inputs";
import type { KpiCounts } from "./kpi-counts";
import { filterScope, markNotApplicable, type NotApplicable, type PeopleScope } from "./not-applicable";
import { queryAgentKpis, type AgentsInput, type AgentsReport } from "./queries/agents";
import { queryHeatmap, type Heatmap, type HeatmapInput } from "./queries/heatmap";
import { queryCounts } from "./queries/counts";
import { queryQueueKpis, type QueueKpis } from "./queries/queues";
import { querySeries, type KpiSeries, type SeriesInput } from "./queries/series";
import type { PeriodInput } from "./inputs";

/**
 * The KPI engine's API for the web layer. Every function validates its input with
 * the exported zod schemas (a ZodError means bad input) and returns plain data
 * ready to render.
 */

export const summaryInputSchema = z.object({ ...periodShape, variant: slVariantSchema }).refine(...fromBeforeTo);
export type SummaryInput = z.input<typeof summaryInputSchema>;

export type KpiValue = { value: number | null; numerator?: number; denominator?: number; version: number; notApplicable?: NotApplicable };

export type KpiSummary = {
  from: number;
  to: number;
  queueIds: string[];
  /** Service-level variant used for the aggregate (each contact still uses its own queue's thresholds). */
  variant: SlVariant;
  kpis: Record<KpiId, KpiValue>;
  counts: KpiCounts;
};

/** Headline KPIs for a period over all queues or the chosen ones. */
export async function getKpiSummary(ch: ClickHouseClient, input: SummaryInput): Promise<KpiSummary> {
  const p = summaryInputSchema.parse(input);
  const [total] = await queryCounts(ch, { ...p, groupBy: "none" });
  if (!total) throw new Error("counts query returned no total");
  return { from: p.from, to: p.to, queueIds: p.queueIds, variant: p.variant, kpis: summarise(total.counts, p.variant, filterScope(p.teamIds)), counts: total.counts };
}

/** KPI values with their inputs and definition versions. */
export function summarise(counts: KpiCounts, variant: SlVariant, scope: PeopleScope | null = null): Record<KpiId, KpiValue> {
  const out = {} as Record<KpiId, KpiValue>;
  for (const id of KPI_IDS) out[id] = { ...computeKpi(id, counts, variant), version: KPI_DEFINITIONS[id].version };
  return markNotApplicable(out, variant, scope);
}

/** Gap-free series of counts and KPIs per 15 min, hour or local day. */
export function getKpiSeries(ch: ClickHouseClient, input: SeriesInput): Promise<KpiSeries> {
  return querySeries(ch, input);
}

/** Per queue, each with its own service-level variant and thresholds. */
export function getQueueKpis(ch: ClickHouseClient, input: PeriodInput): Promise<QueueKpis[]> {
  return queryQueueKpis(ch, input);
}

/** Per agent and per team. */
export function getAgentKpis(ch: ClickHouseClient, input: AgentsInput): Promise<AgentsReport> {
  return queryAgentKpis(ch, input);
}

/** Counts and KPIs by local weekday and hour of day. */
export function getHeatmap(ch: ClickHouseClient, input: HeatmapInput): Promise<Heatmap> {
  return queryHeatmap(ch, input);
}

export {
  CONVENTIONS,
  KPI_DEFINITIONS,
  KPI_IDS,
  QUEUE_DEFAULTS,
  SL_VARIANTS,
  SL_VARIANT_DEFINITIONS,
  kpiDefinition,
  type KpiDefinition,
  type KpiId,
  type KpiUnit,
  type SlVariant,
} from "./definitions";
export { computeKpi, computeKpis, kpiParts, kpiValue, type KpiResult } from "./formulas";
export { periodSchema, type PeriodInput } from "./inputs";
export { filterScope, notApplicable, type NotApplicable, type PeopleScope } from "./not-applicable";
export { ZERO_COUNTS, addCounts, type KpiCounts } from "./kpi-counts";
export { INTERVALS, type Interval } from "@/lib/time/buckets";
export { agentsInputSchema, type AgentKpis, type AgentsInput, type AgentsReport, type TeamKpis } from "./queries/agents";
export { heatmapInputSchema, type Heatmap, type HeatmapCell, type HeatmapInput } from "./queries/heatmap";
export type { QueueKpis } from "./queries/queues";
export { seriesInputSchema, type KpiSeries, type SeriesInput, type SeriesPoint } from "./queries/series";
