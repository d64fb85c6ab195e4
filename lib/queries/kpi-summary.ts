import { queryOptions } from "@tanstack/react-query";
import type { KpiSummary, SlVariant } from "@/lib/kpi";
import { fetchJson } from "./fetch-json";
import { toSearchParams } from "./api-params";

export type { KpiSummary };

export type SummaryRequest = { from: number; to: number; queueIds: readonly string[]; variant?: SlVariant };

/** Headline KPIs of a period. `live` periods (holding now) are refetched as the feed moves. */
export const kpiSummaryQueryOptions = (req: SummaryRequest, live = false) =>
  queryOptions({
    queryKey: ["kpi", "summary", req.from, req.to, [...req.queueIds].sort(), req.variant ?? null],
    queryFn: ({ signal }) =>
      fetchJson<KpiSummary>(`/api/kpi/summary?${toSearchParams({ from: req.from, to: req.to, queue: req.queueIds, variant: req.variant })}`, signal),
    refetchInterval: live ? 30_000 : false,
  });
