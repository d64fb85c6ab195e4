import { queryOptions } from "@tanstack/react-query";
import type { KpiSummary, SlVariant } from "@/lib/kpi";
import { fetchJson } from "./fetch-json";
import { toSearchParams } from "./search-params";
import { LIVE_REFETCH_MS, sorted } from "./keys";

export type { KpiSummary };

export type SummaryRequest = { from: number; to: number; queueIds: readonly string[]; teamIds?: readonly string[]; variant?: SlVariant };

export const kpiSummaryQueryKey = (req: SummaryRequest) =>
  ["kpi", "summary", req.from, req.to, sorted(req.queueIds), sorted(req.teamIds), req.variant ?? null] as const;

/** Headline KPIs of a period. `live` periods (holding now) are refetched as the feed moves. */
export const kpiSummaryQueryOptions = (req: SummaryRequest, live = false) =>
  queryOptions({
    queryKey: kpiSummaryQueryKey(req),
    queryFn: ({ signal }) =>
      fetchJson<KpiSummary>(
        `/api/kpi/summary?${toSearchParams({ from: req.from, to: req.to, queue: req.queueIds, team: req.teamIds, variant: req.variant })}`,
        signal,
      ),
    refetchInterval: live ? LIVE_REFETCH_MS : false,
  });
