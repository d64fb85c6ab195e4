import { dashboardRequests } from "@/lib/views/dashboard-requests";
import type { ParamSource, ViewParams } from "@/lib/views/view-params";
import { parseComparison } from "@/lib/time/comparisons";
import type { PrefetchContext } from "./prefetch-page";
import { prefetchEndpoint } from "./prefetch-endpoint";
import { prefetchDirectory, prefetchedQueues } from "./directory";

/**
 * The overview's or a queue page's data, as the browser will ask for it. The
 * comparison period of a running period is cut at "now", which moves between
 * server and browser, so it is left to the browser.
 */
export async function prefetchDashboard(
  ctx: PrefetchContext,
  args: { view: ViewParams; now: number; tz: string; queueId?: string; params?: ParamSource },
): Promise<void> {
  await prefetchDirectory(ctx);
  const r = dashboardRequests({
    view: args.view,
    now: args.now,
    tz: args.tz,
    queues: prefetchedQueues(ctx),
    queueId: args.queueId,
    cmp: parseComparison(args.params?.get("cmp")),
  });
  await Promise.all([
    prefetchEndpoint(ctx, "/api/kpi/summary", r.summary, { live: r.live }),
    prefetchEndpoint(ctx, "/api/kpi/series", r.series, { live: r.live }),
    r.live ? undefined : prefetchEndpoint(ctx, "/api/kpi/summary", r.previous),
  ]);
}
