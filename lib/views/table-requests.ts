import { periodIncludesNow, type TimeRange } from "@/lib/time/periods";
import type { AgentsRequest, QueuesRequest } from "@/lib/api/endpoints/kpi";
import { viewRange, type ViewParams } from "@/lib/views/view-params";

/** The queues and agents pages' requests from their view, for server prefetch and browser alike. */
export function tableRequests(args: { view: ViewParams; now: number; tz: string }): {
  range: TimeRange;
  live: boolean;
  queues: QueuesRequest;
  agents: AgentsRequest;
} {
  const range = viewRange(args.view, args.now, args.tz);
  const scope = { from: range.from, to: range.to, queue: args.view.queueIds, team: args.view.teamIds };
  return { range, live: periodIncludesNow(range, args.now), queues: scope, agents: scope };
}
