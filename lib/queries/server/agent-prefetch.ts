import { agentRequests } from "../agent-requests";
import type { PageView } from "./page-view";
import type { PrefetchContext } from "./prefetch";
import { prefetchAgentKpis, prefetchQueues, prefetchTeams, prefetchTimeline } from "./prefetch-queries";

/** An agent page's data, as the browser will ask for it (the running period's comparison is left to the browser). */
export async function prefetchAgent(ctx: PrefetchContext, pv: PageView, agentId: string): Promise<void> {
  const r = pv.tz ? agentRequests({ agentId, view: pv.view, day: pv.params.get("day"), now: pv.now, tz: pv.tz }) : null;
  await Promise.all([
    prefetchQueues(ctx),
    prefetchTeams(ctx),
    r ? prefetchAgentKpis(ctx, r.agents) : undefined,
    r && !r.live ? prefetchAgentKpis(ctx, r.previous) : undefined,
    r ? prefetchTimeline(ctx, r.timeline) : undefined,
  ]);
}
