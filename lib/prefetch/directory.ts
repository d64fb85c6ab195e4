import { queuesQueryOptions } from "@/lib/query-options/api-query";
import type { PrefetchContext } from "./prefetch-page";
import { prefetchEndpoint } from "./prefetch-endpoint";

/** Queues and teams: every dashboard's filters need them. */
export async function prefetchDirectory(ctx: PrefetchContext): Promise<void> {
  await Promise.all([prefetchEndpoint(ctx, "/api/queues", {}), prefetchEndpoint(ctx, "/api/teams", {})]);
}

/** The queues as prefetched, for requests that depend on a queue's own settings. */
export function prefetchedQueues(ctx: PrefetchContext) {
  return ctx.qc.getQueryData(queuesQueryOptions().queryKey)?.queues ?? [];
}
