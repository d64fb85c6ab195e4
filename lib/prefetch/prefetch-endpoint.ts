import type { AnyEndpoint, RequestOf, ResultOf } from "@/lib/api/endpoint";
import type { EndpointAt, QueryPath } from "@/lib/api/endpoints";
import { ENDPOINTS } from "@/lib/api/endpoints";
import { mayUse } from "@/lib/api/authorize";
import { parseParams } from "@/lib/api/parse-request";
import { toSearchParams } from "@/lib/api/search-params";
import { apiQueryOptions, type ApiQueryOptions } from "@/lib/query-options/api-query";
import type { PrefetchContext } from "./prefetch-page";

/**
 * A declared endpoint answered during a server render: the browser's own query
 * options (same key), the same capability check, the request sent through the
 * same query-string parse as over HTTP, and the declaration's lib call instead
 * of the fetch. A caller without the capability is skipped: the browser then
 * asks and shows the 403.
 */
export async function prefetchEndpoint<P extends QueryPath>(ctx: PrefetchContext, path: P, req: RequestOf<EndpointAt<P>>, opts?: ApiQueryOptions): Promise<void> {
  const endpoint: AnyEndpoint | undefined = ENDPOINTS.find((e) => e.path === path && e.method === "GET");
  if (!endpoint || !mayUse(ctx.user, endpoint)) return;
  const { ch, tenantId, user } = ctx;
  await ctx.qc.prefetchQuery({
    ...apiQueryOptions(path, req, opts),
    queryFn: ({ signal }) => {
      const params = parseParams(endpoint, toSearchParams(req as Parameters<typeof toSearchParams>[0]));
      // The endpoint found by `path` is EndpointAt<P>, whose result this is; the lookup loses that type.
      return endpoint.run({ ch, tenantId, user, signal }, params, undefined) as Promise<ResultOf<EndpointAt<P>>>;
    },
  });
}
