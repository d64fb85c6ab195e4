import { queryOptions } from "@tanstack/react-query";
import type { Heatmap, SlVariant } from "@/lib/kpi";
import { fetchJson } from "./fetch-json";
import { toSearchParams } from "./search-params";
import { LIVE_REFETCH_MS, sorted } from "./keys";

export type { Heatmap };

export type HeatmapRequest = { from: number; to: number; tz: string; queueIds: readonly string[]; teamIds: readonly string[]; variant?: SlVariant };

export const kpiHeatmapQueryKey = (req: HeatmapRequest) =>
  ["kpi", "heatmap", req.from, req.to, req.tz, sorted(req.queueIds), sorted(req.teamIds), req.variant ?? null] as const;

export function heatmapSearch(req: HeatmapRequest): URLSearchParams {
  return toSearchParams({ from: req.from, to: req.to, tz: req.tz, queue: req.queueIds, team: req.teamIds, variant: req.variant });
}

/** Counts and KPIs by local weekday and hour over the period. */
export const kpiHeatmapQueryOptions = (req: HeatmapRequest, live = false) =>
  queryOptions({
    queryKey: kpiHeatmapQueryKey(req),
    queryFn: ({ signal }) => fetchJson<Heatmap>(`/api/kpi/heatmap?${heatmapSearch(req)}`, signal),
    refetchInterval: live ? LIVE_REFETCH_MS : false,
  });
