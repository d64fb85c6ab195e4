import type { ClickHouseClient } from "@clickhouse/client";
import { dehydrate, type DehydratedState, type QueryClient } from "@tanstack/react-query";
import { getEnv } from "@/lib/env";
import { getClickHouse } from "@/lib/store/client";
import type { SessionUser } from "@/lib/auth/session";
import { makeQueryClient } from "@/lib/query-options/query-client";

export type PrefetchContext = { qc: QueryClient; ch: ClickHouseClient; tenantId: string; user: SessionUser };

/**
 * Runs a page's prefetches on the server and returns the cache to hand to the
 * browser (HydrationBoundary). Each prefetch uses the client's own queryOptions
 * with the engine call in place of the HTTP fetch, so the keys match and the
 * browser starts with data instead of a spinner. A failed prefetch is left out:
 * the browser then fetches and shows the error with a retry.
 */
/** `user` is the one the page's own check returned (requirePageUser), so the session is read once per render. */
export async function prefetchPage(user: SessionUser, fill: (ctx: PrefetchContext) => Promise<unknown>): Promise<DehydratedState> {
  const qc = makeQueryClient();
  try {
    const env = getEnv();
    await fill({ qc, ch: await getClickHouse(env), tenantId: env.TENANT_ID, user });
  } catch (e) {
    console.error("prefetch failed; the browser will fetch instead", e);
  }
  return dehydrate(qc);
}
