import { periodIncludesNow, type TimeRange } from "@/lib/time/periods";
import type { AgentsRequest } from "./agent-kpis";
import type { QueuesRequest } from "./queue-kpis";
import { viewRange, type ViewParams } from "./view-params";

/** The queues and agents pages' requests from their view, for server prefetch and browser alike. */
export function tableRequests(args: { view: ViewParams; now: number; tz: string }): {
  range: TimeRange;
  live: boolean;
  queues: QueuesRequest;
  agents: AgentsRequest;
} {
  const range = viewRange(args.view, args.now, args.tz);
  const scope = { from: range.from, to: range.to, queueIds: args.view.queueIds, teamIds: args.view.teamIds };
  return { range, live: periodIncludesNow(range, args.now), queues: scope, agents: scope };
}
