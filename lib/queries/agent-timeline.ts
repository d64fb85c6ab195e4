import { queryOptions } from "@tanstack/react-query";
import type { AgentTimeline } from "@/lib/kpi";
import { fetchJson } from "./fetch-json";
import { toSearchParams } from "./search-params";
import { LIVE_REFETCH_MS } from "./keys";

export type { AgentTimeline };

export type TimelineRequest = { agentId: string; from: number; to: number };

export const agentTimelineQueryKey = (req: TimelineRequest) => ["kpi", "timeline", req.agentId, req.from, req.to] as const;

export function timelineSearch(req: TimelineRequest): URLSearchParams {
  return toSearchParams({ agent: req.agentId, from: req.from, to: req.to });
}

/** One agent's state intervals over a day, gaps included. */
export const agentTimelineQueryOptions = (req: TimelineRequest, live = false) =>
  queryOptions({
    queryKey: agentTimelineQueryKey(req),
    queryFn: ({ signal }) => fetchJson<AgentTimeline>(`/api/kpi/agent-timeline?${timelineSearch(req)}`, signal),
    refetchInterval: live ? LIVE_REFETCH_MS : false,
  });
