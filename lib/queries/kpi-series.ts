import { queryOptions } from "@tanstack/react-query";
import type { Interval, KpiSeries, SlVariant } from "@/lib/kpi";
import { fetchJson } from "./fetch-json";
import { toSearchParams } from "./search-params";
import { LIVE_REFETCH_MS, sorted } from "./keys";

export type { KpiSeries };

export type SeriesRequest = {
  from: number;
  to: number;
  interval: Interval;
  tz: string;
  queueIds: readonly string[];
  teamIds?: readonly string[];
  variant?: SlVariant;
};

export const kpiSeriesQueryKey = (req: SeriesRequest) =>
  ["kpi", "series", req.from, req.to, req.interval, req.tz, sorted(req.queueIds), sorted(req.teamIds), req.variant ?? null] as const;

export function seriesSearch(req: SeriesRequest): URLSearchParams {
  return toSearchParams({ from: req.from, to: req.to, interval: req.interval, tz: req.tz, queue: req.queueIds, team: req.teamIds, variant: req.variant });
}

/** Counts and KPIs per interval, gap-free, bucketed in the viewer's time zone. */
export const kpiSeriesQueryOptions = (req: SeriesRequest, live = false) =>
  queryOptions({
    queryKey: kpiSeriesQueryKey(req),
    queryFn: ({ signal }) => fetchJson<KpiSeries>(`/api/kpi/series?${seriesSearch(req)}`, signal),
    refetchInterval: live ? LIVE_REFETCH_MS : false,
  });
