import { trendsRequests } from "@/lib/views/trends-requests";
import type { PageView } from "./page-view";
import type { PrefetchContext } from "./prefetch-page";
import { prefetchEndpoint } from "./prefetch-endpoint";
import { prefetchDirectory, prefetchedQueues } from "./directory";

export async function prefetchTrends(ctx: PrefetchContext, pv: PageView): Promise<void> {
  await prefetchDirectory(ctx);
  const r = trendsRequests({ view: pv.view, now: pv.now, tz: pv.tz, queues: prefetchedQueues(ctx), granularity: pv.params.get("g") });
  await Promise.all([prefetchEndpoint(ctx, "/api/kpi/series", r.series, { live: r.live }), prefetchEndpoint(ctx, "/api/kpi/heatmap", r.heatmap, { live: r.live })]);
}
