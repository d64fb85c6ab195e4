import { tableRequests } from "../table-requests";
import type { PageView } from "./page-view";
import type { PrefetchContext } from "./prefetch";
import { prefetchAgentKpis, prefetchQueueKpis, prefetchQueues, prefetchTeams } from "./prefetch-queries";

/** The queues or agents page's data, as the browser will ask for it. */
export async function prefetchTable(ctx: PrefetchContext, pv: PageView, table: "queues" | "agents"): Promise<void> {
  const r = pv.tz ? tableRequests({ view: pv.view, now: pv.now, tz: pv.tz }) : null;
  await Promise.all([
    prefetchQueues(ctx),
    prefetchTeams(ctx),
    r && table === "queues" ? prefetchQueueKpis(ctx, r.queues) : undefined,
    r && table === "agents" ? prefetchAgentKpis(ctx, r.agents) : undefined,
  ]);
}
