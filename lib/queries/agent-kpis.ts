import { queryOptions } from "@tanstack/react-query";
import type { AgentsReport } from "@/lib/kpi";
import { fetchJson } from "./fetch-json";
import { toSearchParams } from "./search-params";
import { LIVE_REFETCH_MS, sorted } from "./keys";

export type { AgentsReport };

export type AgentsRequest = { from: number; to: number; queueIds: readonly string[]; teamIds: readonly string[]; agentIds?: readonly string[] };

export const agentKpisQueryKey = (req: AgentsRequest) =>
  ["kpi", "agents", req.from, req.to, sorted(req.queueIds), sorted(req.teamIds), sorted(req.agentIds)] as const;

export function agentsSearch(req: AgentsRequest): URLSearchParams {
  return toSearchParams({ from: req.from, to: req.to, queue: req.queueIds, team: req.teamIds, agent: req.agentIds });
}

/** Per agent and per team: handled, handle time and its split, transfers, state time, occupancy. */
export const agentKpisQueryOptions = (req: AgentsRequest, live = false) =>
  queryOptions({
    queryKey: agentKpisQueryKey(req),
    queryFn: ({ signal }) => fetchJson<AgentsReport>(`/api/kpi/agents?${agentsSearch(req)}`, signal),
    refetchInterval: live ? LIVE_REFETCH_MS : false,
  });
