import { queryOptions } from "@tanstack/react-query";
import type { QueueKpis } from "@/lib/kpi";
import { fetchJson } from "./fetch-json";
import { toSearchParams } from "./search-params";
import { LIVE_REFETCH_MS, sorted } from "./keys";

export type { QueueKpis };

export type QueuesRequest = { from: number; to: number; queueIds: readonly string[]; teamIds: readonly string[] };

export const queueKpisQueryKey = (req: QueuesRequest) => ["kpi", "queues", req.from, req.to, sorted(req.queueIds), sorted(req.teamIds)] as const;

export function queuesSearch(req: QueuesRequest): URLSearchParams {
  return toSearchParams({ from: req.from, to: req.to, queue: req.queueIds, team: req.teamIds });
}

/** Every KPI per queue, each queue judged by its own settings. */
export const queueKpisQueryOptions = (req: QueuesRequest, live = false) =>
  queryOptions({
    queryKey: queueKpisQueryKey(req),
    queryFn: ({ signal }) => fetchJson<QueueKpis[]>(`/api/kpi/queues?${queuesSearch(req)}`, signal),
    refetchInterval: live ? LIVE_REFETCH_MS : false,
  });
