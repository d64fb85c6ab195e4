import { dashboardRequests } from "../dashboard-requests";
import type { QueuesResponse } from "../queue-list";
import { queuesQueryOptions } from "../queue-list";
import type { ViewParams } from "../view-params";
import type { PrefetchContext } from "./prefetch";
import { prefetchQueues, prefetchSeries, prefetchSummary, prefetchTeams } from "./prefetch-queries";

/**
 * The overview's or a queue page's data, as the browser will ask for it. The
 * comparison period of a running period is cut at "now", which moves between
 * server and browser, so it is left to the browser.
 */
export async function prefetchDashboard(ctx: PrefetchContext, args: { view: ViewParams; now: number; tz: string | null; queueId?: string }): Promise<void> {
  await Promise.all([prefetchQueues(ctx), prefetchTeams(ctx)]);
  if (!args.tz) return;
  const queues = ctx.qc.getQueryData<QueuesResponse>(queuesQueryOptions().queryKey)?.queues ?? [];
  const r = dashboardRequests({ view: args.view, now: args.now, tz: args.tz, queues, queueId: args.queueId });
  await Promise.all([prefetchSummary(ctx, r.summary), prefetchSeries(ctx, r.series), r.live ? undefined : prefetchSummary(ctx, r.previous)]);
}
