import { queryOptions } from "@tanstack/react-query";
import { fetchJson } from "@/lib/queries/fetch-json";
import type { ThresholdsResponse } from "./store/threshold-settings";
import type { WallboardView } from "./view-types";

/** Browser-side queries of the wallboard's request/response endpoints (the live floor itself is pushed, see live-feed.ts). */

/** A past moment never changes, so a replayed floor stays fresh for good. */
export const replayQueryOptions = (at: number) =>
  queryOptions({
    queryKey: ["live", "replay", at],
    queryFn: ({ signal }) => fetchJson<WallboardView>(`/api/live/replay?at=${at}`, signal),
    staleTime: Infinity,
  });

export const thresholdsQueryOptions = () =>
  queryOptions({
    queryKey: ["admin", "thresholds"],
    queryFn: ({ signal }) => fetchJson<ThresholdsResponse>("/api/admin/thresholds", signal),
  });
