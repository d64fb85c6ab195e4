import { queuesQueryOptions, type QueuesResponse } from "../queue-list";
import { trendsRequests } from "../trends-requests";
import type { PageView } from "./page-view";
import type { PrefetchContext } from "./prefetch";
import { prefetchHeatmap, prefetchQueues, prefetchSeries, prefetchTeams } from "./prefetch-queries";

export async function prefetchTrends(ctx: PrefetchContext, pv: PageView): Promise<void> {
  await Promise.all([prefetchQueues(ctx), prefetchTeams(ctx)]);
  if (!pv.tz) return;
  const queues = ctx.qc.getQueryData<QueuesResponse>(queuesQueryOptions().queryKey)?.queues ?? [];
  const r = trendsRequests({ view: pv.view, now: pv.now, tz: pv.tz, queues });
  await Promise.all([prefetchSeries(ctx, r.series), prefetchHeatmap(ctx, r.heatmap)]);
}
