import { queryOptions } from "@tanstack/react-query";
import type { Interval, KpiSeries } from "@/lib/kpi";
import { fetchJson } from "./fetch-json";
import { toSearchParams } from "./api-params";

export type { KpiSeries };

export type SeriesRequest = { from: number; to: number; interval: Interval; tz: string; queueIds: readonly string[] };

/** Counts and KPIs per interval, gap-free, bucketed in the viewer's time zone. */
export const kpiSeriesQueryOptions = (req: SeriesRequest, live = false) =>
  queryOptions({
    queryKey: ["kpi", "series", req.from, req.to, req.interval, req.tz, [...req.queueIds].sort()],
    queryFn: ({ signal }) =>
      fetchJson<KpiSeries>(
        `/api/kpi/series?${toSearchParams({ from: req.from, to: req.to, interval: req.interval, tz: req.tz, queue: req.queueIds })}`,
        signal,
      ),
    refetchInterval: live ? 30_000 : false,
  });
