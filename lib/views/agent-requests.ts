import { isLocalDate, localDateRange, periodIncludesNow, toLocalDate, type TimeRange } from "@/lib/time/periods";
import { DEFAULT_COMPARISON, comparisonRange, type Comparison } from "@/lib/time/comparisons";
import type { AgentsRequest, TimelineRequest } from "@/lib/api/endpoints/kpi";
import { viewRange, type ViewParams } from "@/lib/views/view-params";

/**
 * An agent page's requests: the agent's KPIs over the view (and the previous
 * equal period), and the state timeline of one day: `day` from the URL, else the
 * period's last day that has begun.
 */
export function agentRequests(args: { agentId: string; view: ViewParams; day: string | null; now: number; tz: string; cmp?: Comparison }): {
  range: TimeRange;
  live: boolean;
  day: string;
  dayRange: TimeRange;
  agents: AgentsRequest;
  previous: AgentsRequest;
  timeline: TimelineRequest;
} {
  const { agentId, view, now, tz } = args;
  const range = viewRange(view, now, tz);
  const live = periodIncludesNow(range, now);
  const fallbackDay = toLocalDate(Math.min(range.to - 1, now), tz);
  const day = isLocalDate(args.day) ? args.day : fallbackDay;
  const dayRange = localDateRange(day, tz) ?? localDateRange(fallbackDay, tz) ?? range;
  const scope = { queue: view.queueIds, team: [], agent: [agentId] };
  const prev = comparisonRange(args.cmp ?? DEFAULT_COMPARISON, view.period, range, now, tz);
  return {
    range,
    live,
    day,
    dayRange,
    agents: { ...scope, from: range.from, to: range.to },
    previous: { ...scope, from: prev.from, to: prev.to },
    timeline: { agent: agentId, from: dayRange.from, to: dayRange.to },
  };
}
