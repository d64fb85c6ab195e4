import { queryOptions } from "@tanstack/react-query";
import type { RequestOf, ResultOf } from "@/lib/api/endpoint";
import type { EndpointAt, QueryPath } from "@/lib/api/endpoints";
import { toSearchParams } from "@/lib/api/search-params";
import { fetchJson } from "./fetch-json";
import { LIVE_REFETCH_MS } from "./keys";

/**
 * The browser's TanStack Query options for any declared GET endpoint, found by its
 * path: the request and response types come from the declaration (a type-only
 * import, so no server code reaches the page), the URL and the cache key from the
 * request. The server prefetch builds the same key, so a prefetched page starts
 * with data.
 */

type Request<P extends QueryPath> = RequestOf<EndpointAt<P>>;
type RequestValue = string | number | readonly string[] | undefined;

/** A list's order does not change the answer, so it must not change the key; unset fields are left out. */
export function apiQueryKey<P extends QueryPath>(path: P, req: Request<P>): readonly [P, Record<string, string | number | string[]>] {
  const key: Record<string, string | number | string[]> = {};
  for (const [k, v] of Object.entries(req as Record<string, RequestValue>).sort(([a], [b]) => a.localeCompare(b))) {
    if (v === undefined) continue;
    key[k] = typeof v === "string" || typeof v === "number" ? v : [...v].sort();
  }
  return [path, key] as const;
}

export function apiUrl<P extends QueryPath>(path: P, req: Request<P>): string {
  const qs = toSearchParams(req as Record<string, RequestValue>).toString();
  return qs ? `${path}?${qs}` : path;
}

export type ApiQueryOptions = {
  /** A period holding "now" changes as calls arrive: refetch it every LIVE_REFETCH_MS. */
  live?: boolean;
  staleTime?: number;
};

export function apiQueryOptions<P extends QueryPath>(path: P, req: Request<P>, opts: ApiQueryOptions = {}) {
  return queryOptions({
    queryKey: apiQueryKey(path, req),
    queryFn: ({ signal }) => fetchJson<ResultOf<EndpointAt<P>>>(apiUrl(path, req), signal),
    refetchInterval: opts.live ? LIVE_REFETCH_MS : false,
    ...(opts.staleTime === undefined ? {} : { staleTime: opts.staleTime }),
  });
}

/** Queues and teams change rarely (an admin edits them), so they stay fresh for minutes. */
const DIRECTORY_STALE_MS = 5 * 60_000;
export const queuesQueryOptions = () => apiQueryOptions("/api/queues", {}, { staleTime: DIRECTORY_STALE_MS });
export const teamsQueryOptions = () => apiQueryOptions("/api/teams", {}, { staleTime: DIRECTORY_STALE_MS });
export const agentsQueryOptions = () => apiQueryOptions("/api/agents", {}, { staleTime: DIRECTORY_STALE_MS });
