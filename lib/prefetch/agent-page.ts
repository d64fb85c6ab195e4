import { agentRequests } from "@/lib/views/agent-requests";
import { parseComparison } from "@/lib/time/comparisons";
import type { PageView } from "./page-view";
import type { PrefetchContext } from "./prefetch-page";
import { prefetchEndpoint } from "./prefetch-endpoint";
import { prefetchDirectory } from "./directory";

/** An agent page's data, as the browser will ask for it (the running period's comparison is left to the browser). */
export async function prefetchAgent(ctx: PrefetchContext, pv: PageView, agentId: string): Promise<void> {
  const r = agentRequests({ agentId, view: pv.view, day: pv.params.get("day"), now: pv.now, tz: pv.tz, cmp: parseComparison(pv.params.get("cmp")) });
  await Promise.all([
    prefetchDirectory(ctx),
    prefetchEndpoint(ctx, "/api/kpi/agents", r.agents, { live: r.live }),
    r.live ? undefined : prefetchEndpoint(ctx, "/api/kpi/agents", r.previous),
    prefetchEndpoint(ctx, "/api/kpi/agent-timeline", r.timeline, { live: r.live }),
  ]);
}
