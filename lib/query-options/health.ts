import { queryOptions } from "@tanstack/react-query";
import type { HealthAnswer } from "@/lib/runtime/health";
import { fetchJson } from "@/lib/query-options/fetch-json";

export type { HealthAnswer };

/**
 * /api/health, polled fast while the history is being filled (the banner shows
 * progress) and slowly otherwise. A 503 still carries the answer. A signed-in user
 * is told `ok` and the fill's progress; only admins see the rest.
 */
export const healthQueryOptions = () =>
  queryOptions({
    queryKey: ["health"],
    queryFn: ({ signal }) => fetchJson<HealthAnswer>("/api/health", signal, { acceptStatus: [503] }),
    refetchInterval: (query) => (query.state.data?.backfill?.state === "running" ? 2_000 : 60_000),
    staleTime: 1_000,
  });

/** Share of the history filled, 0..1, while the backfill runs; null otherwise. */
export function backfillProgress(health: HealthAnswer | undefined): number | null {
  const b = health?.backfill;
  if (!b || b.state !== "running") return null;
  const span = b.toTime - b.fromTime;
  return span > 0 ? Math.min(1, Math.max(0, (b.simulatedUntil - b.fromTime) / span)) : 0;
}
