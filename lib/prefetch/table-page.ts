import { tableRequests } from "@/lib/views/table-requests";
import type { PageView } from "./page-view";
import type { PrefetchContext } from "./prefetch-page";
import { prefetchEndpoint } from "./prefetch-endpoint";
import { prefetchDirectory } from "./directory";

/** The queues or agents page's data, as the browser will ask for it. */
export async function prefetchTable(ctx: PrefetchContext, pv: PageView, table: "queues" | "agents"): Promise<void> {
  const r = tableRequests({ view: pv.view, now: pv.now, tz: pv.tz });
  await Promise.all([
    prefetchDirectory(ctx),
    table === "queues" ? prefetchEndpoint(ctx, "/api/kpi/queues", r.queues, { live: r.live }) : undefined,
    table === "agents" ? prefetchEndpoint(ctx, "/api/kpi/agents", r.agents, { live: r.live }) : undefined,
  ]);
}
